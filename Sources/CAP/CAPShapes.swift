import Foundation

/// The ground a CAP area covers, as rings of points a map can fill (#20):
/// each `<polygon>` as written, each `<circle>` as a 48-sided ring around its
/// centre. Pairs that do not read as latitude,longitude in range are left out
/// (the reader has already named them); a ring of fewer than three points is
/// no ring.
extension CAPArea {
    public struct Point: Hashable, Sendable {
        public var latitude: Double
        public var longitude: Double
    }

    public var rings: [[Point]] {
        var rings: [[Point]] = []
        for written in polygons {
            let ring = Self.pairs(written).compactMap(Self.point)
            if ring.count >= 3 { rings.append(ring) }
        }
        for written in circles {
            let parts = Self.pairs(written)
            guard parts.count == 2, let centre = Self.point(parts[0]), let radius = Double(parts[1]),
                  radius.isFinite, radius > 0, radius < 2000 else { continue }
            // Kilometres to degrees: a degree of latitude is 111.2 km, of longitude that times cos(latitude).
            let dLat = radius / 111.2
            let dLon = radius / (111.2 * max(0.01, cos(centre.latitude * .pi / 180)))
            rings.append((0...48).map { i in
                let a = Double(i % 48) / 48 * 2 * .pi
                return Point(latitude: centre.latitude + dLat * sin(a), longitude: centre.longitude + dLon * cos(a))
            })
        }
        return rings
    }

    private static func pairs(_ written: String) -> [Substring] {
        written.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
    }

    private static func point(_ pair: Substring) -> Point? {
        let numbers = pair.split(separator: ",", omittingEmptySubsequences: false)
        guard numbers.count == 2, let lat = Double(numbers[0]), let lon = Double(numbers[1]),
              (-90...90).contains(lat), (-180...180).contains(lon) else { return nil }
        return Point(latitude: lat, longitude: lon)
    }
}

extension CAPAlert {
    /// Every ring of every area of the preferred info block (as `CAPMapping` picks it).
    public func rings(languages: [String] = ["zh-CN"]) -> [[CAPArea.Point]] {
        (CAPMapping.preferredInfo(infos, languages: languages)?.areas ?? []).flatMap(\.rings)
    }
}
