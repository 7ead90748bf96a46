import ArgumentParser
import Console
import DutyModel
import Foundation
import Station

/// `--kind` of `zhiban resources`: the words of `import --kind` (stock lists the depots).
enum ResourceKindArgument: String, ExpressibleByArgument, CaseIterable {
    case teams, depots, stock, shelters, fire_stations, hazards, monitors, equipment
    var kind: ResourceSummary.Kind {
        switch self {
        case .teams: return .team
        case .depots, .stock: return .depot
        case .shelters: return .shelter
        case .fire_stations: return .fireStation
        case .hazards: return .hazard
        case .monitors: return .monitor
        case .equipment: return .equipment
        }
    }
}

/// `zhiban resources`: the registry — teams, depots with stock, shelters, fire
/// stations, hazard sources, monitoring points, large equipment (#19).
struct Resources: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List emergency resources (应急资源): teams, depots with stock, shelters, fire stations, hazard sources, monitoring points, equipment.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: """
        JSON array of {id, kind (team|depot|shelter|fire_station|hazard|monitor|equipment), subkind, name, county, town, lat, lon, \
        status, and by kind headcount, stock {item: quantity}, below_minimum {item: minimum}, capacity, occupancy, grade, quantity}.
        """)
    var json = false
    @Option(help: ArgumentHelp("Only this kind.", valueName: ResourceKindArgument.allCases.map(\.rawValue).joined(separator: "|")))
    var kind: ResourceKindArgument?

    func run() throws {
        let context: DutyStation
        do { context = try global.openStation("resources", recover: false) } catch { throw global.fail(error) }
        let all = context.state.resourceSummaries()
        let shown = kind.map { k in all.filter { $0.kind == k.kind } } ?? all
        if json {
            try JSONOut.print(shown.map(ResourceJSON.init))
            return
        }
        let language = global.language
        if shown.isEmpty {
            printNow(language == .zh ? "没有应急资源；用 zhiban import 导入登记表（CSV）" : "no resources; import the registry sheets (CSV) with zhiban import")
            return
        }
        for summary in shown { printNow(ResourceText.line(summary, rules: context.rules.resources, language: language)) }
    }
}

/// `resources --json`: one element (DESIGN.md §2).
struct ResourceJSON: Encodable {
    var id, kind, subkind, name, county, town: String
    var lat, lon: Null<Double>
    var status: String
    var unit, contact: String
    var headcount: Int?
    var stock: [String: Int64]?
    var belowMinimum: [String: Int64]?
    var shortfall: [String: Int64]?
    var capacity, occupancy: Int64?
    var grade: Int?
    var quantity: Int64?
    var detail: String?

    init(_ s: ResourceSummary) {
        id = s.id; kind = s.kind.rawValue; subkind = s.subkind; name = s.name
        county = s.place.county; town = s.place.town
        lat = Null(s.place.latitude); lon = Null(s.place.longitude)
        status = s.status; unit = s.unit; contact = s.contact
        headcount = s.headcount
        stock = s.kind == .depot ? s.stock : nil
        belowMinimum = s.kind == .depot ? s.belowMinimum : nil
        shortfall = s.kind == .depot && !s.shortfall.isEmpty ? s.shortfall : nil
        capacity = s.capacity; occupancy = s.occupancy; grade = s.grade; quantity = s.quantity
        detail = s.detail.isEmpty ? nil : s.detail
    }
}
