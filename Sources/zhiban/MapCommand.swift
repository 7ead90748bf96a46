import ArgumentParser
import Console
import DutyModel
import Foundation
import Geo
import Station

/// `zhiban map --print`: the map as plain text, for a printed report, scripts and tests (#20).
struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Print the map (一张图) as plain text: districts, water, canals, towns, resources and open incidents, with grid references.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the map (the only thing this command does; the console's screen 5 is the interactive map).")
    var print = false
    @Option(help: "Columns (20…400).") var width = 100
    @Option(help: "Rows (10…200).") var height = 40
    @Option(help: ArgumentHelp("Layers to show, comma-separated (default: all).",
                               valueName: MapLayer.allCases.map(\.rawValue).joined(separator: ",")))
    var layers: String?
    @Option(help: ArgumentHelp("The middle of the map: a grid square (C7) or latitude,longitude (32.49,119.92).", valueName: "PLACE"))
    var center: String?
    @Option(help: "Steps in from the whole map (0: all of it; each step halves the distance a cell covers).") var zoom = 0
    @Flag(help: "Braille lines and Unicode glyphs instead of ASCII.") var unicode = false

    func validate() throws {
        guard (20...400).contains(width), (10...200).contains(height) else {
            throw ValidationError("--width must be 20…400 and --height 10…200")
        }
        guard (-2...8).contains(zoom) else { throw ValidationError("--zoom must be -2…8") }
        if let layers {
            for name in layers.split(separator: ",") where MapLayer(rawValue: String(name)) == nil {
                throw ValidationError("--layers: \(name) is not one of \(MapLayer.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
    }

    func run() throws {
        let station: DutyStation
        do { station = try global.openStation("map", recover: false) } catch { throw global.fail(error) }
        let now = global.clock().now()
        let duty = DutySnapshot(generation: station.generation, state: station.state, rules: station.rules,
                                ownStation: station.id.description, baseMap: station.baseMap).summarized(now: now, timeZone: station.timeZone)
        var centre: GeoPosition?
        if let center {
            let grid = MapGrid(box: station.rules.places.bounds.map { GeoBox(south: $0.south, west: $0.west, north: $0.north, east: $0.east) }
                               ?? station.baseMap.bounds)
            guard let p = grid.resolve(center) else {
                throw ValidationError("--center: \(center) is neither a grid square (A1…\(MapGrid.columnName(grid.columns - 1))\(grid.rows)) nor latitude,longitude")
            }
            centre = p
        }
        let shown = layers.map { Set($0.split(separator: ",").compactMap { MapLayer(rawValue: String($0)) }) } ?? Set(MapLayer.allCases)
        let lines = MapPrinter.lines(duty, width: width, height: height, language: global.language, now: now, timeZone: station.timeZone,
                                     hidden: Set(MapLayer.allCases).subtracting(shown), centre: centre, zoom: zoom, unicode: unicode)
        for line in lines { printNow(line) }
    }
}
