import DutyModel
import Geo

/// The resources nearest a point (#20): standby teams (of a kind, or any), depots
/// holding an item, open shelters with free places — by straight-line distance,
/// nearest first (ties by id), with an estimated time for teams at their kind's speed.
public enum NearestResources {
    public struct Hit: Hashable, Sendable {
        public var id: String
        public var name: String
        public var km: Double
        /// For a team: minutes at its kind's `speed_kmh` (40 when not given); an estimate.
        public var minutes: Int?
        /// For a depot: how many of the item it holds; for a shelter: free places.
        public var quantity: Int64?
    }

    static func point(_ s: ResourceSummary) -> GeoPosition? {
        guard let lat = s.place.latitude, let lon = s.place.longitude else { return nil }
        return GeoPosition(lat: lat, lon: lon)
    }

    static func nearest(_ hits: [Hit], limit: Int) -> [Hit] {
        Array(hits.sorted { ($0.km, $0.id) < ($1.km, $1.id) }.prefix(limit))
    }

    public static func teams(_ duty: DutySnapshot, to p: GeoPosition, kind: String? = nil, limit: Int) -> [Hit] {
        nearest(duty.resources.compactMap { e in
            let s = e.summary
            guard s.kind == .team, s.status == "standby", kind.map({ s.subkind == $0 }) ?? true, let at = point(s) else { return nil }
            let km = distanceKM(p, at)
            let speed = duty.rules.resources.teamKind(s.subkind)?.speedKMH ?? 40
            return Hit(id: s.id, name: s.name, km: km, minutes: Int((km / speed * 60).rounded(.up)), quantity: nil)
        }, limit: limit)
    }

    public static func depots(_ duty: DutySnapshot, to p: GeoPosition, holding item: String, limit: Int) -> [Hit] {
        nearest(duty.resources.compactMap { e in
            let s = e.summary
            guard s.kind == .depot, let held = s.stock[item], held > 0, let at = point(s) else { return nil }
            return Hit(id: s.id, name: s.name, km: distanceKM(p, at), minutes: nil, quantity: held)
        }, limit: limit)
    }

    public static func shelters(_ duty: DutySnapshot, to p: GeoPosition, limit: Int) -> [Hit] {
        nearest(duty.resources.compactMap { e in
            let s = e.summary
            let free = (s.capacity ?? 0) - (s.occupancy ?? 0)
            guard s.kind == .shelter, s.status != "closed", free > 0, let at = point(s) else { return nil }
            return Hit(id: s.id, name: s.name, km: distanceKM(p, at), minutes: nil, quantity: free)
        }, limit: limit)
    }
}
