import ConsoleTestSupport
import DutyModel
import Foundation
import Journal
import Station
import Sync
import Testing

/// The resource actions (#19): a team on one task at a time, items never
/// below zero on one station (two stations issuing at once both count and
/// both see the shortfall), occupancy above capacity only with a confirmation.
@Suite(.serialized) struct ResourceActionTests {
    static let now = ResourceImportTests.now

    /// A station with a hazchem team, a depot of 300 tents, a shelter for 100 and one incident.
    static func station(_ name: String = "泰州市应急管理局总值班室", in base: URL? = nil) throws -> (DutyStation, String) {
        let station = try StationCoreTests.newStation(name, in: base)
        let sheets = [
            "编号,名称,类型,人数,县区,乡镇,纬度,经度\nT1,泰兴危化品救援队,危化品救援,30,泰兴市,泰兴经济开发区,32.13,120.00\n",
            "编号,名称,级别,县区,乡镇,纬度,经度\nD1,泰兴市应急物资储备库,县级储备库,泰兴市,济川街道,32.17,120.05\n",
            "储备库编号,物资,数量\nD1,帐篷,300\n",
            "编号,名称,类型,依托场所,容纳人数,县区,乡镇,纬度,经度\nS1,泰兴中学,固定避难场所,学校,100,泰兴市,济川街道,32.17,120.04\n",
        ]
        for sheet in sheets {
            guard case .imported = try station.importCSV(Data(sheet.utf8), file: "s.csv", operatorName: "王芳", now: now) else {
                throw ResourceRefusal.unknownTeam("setup")
            }
        }
        let incident = try station.recordIntake(StationCoreTests.intake(at: now), operatorName: "王芳", now: now)
        return (station, incident)
    }

    @Test func aTeamIsOnOneTaskAtATime() throws {
        let (station, incident) = try Self.station()
        try station.dispatchTeam("T1", to: incident, headcount: 12, orderedBy: "周建华", reassign: false, operatorName: "王芳", now: Self.now)
        #expect(station.state.teams["T1"]?.status.value?.status == "dispatched")
        #expect(station.state.teams["T1"]?.status.value?.incidentID == incident)
        #expect(station.state.dispatches.values.contains { $0.teamID == "T1" && $0.headcount == 12 && $0.orderedBy == "周建华" })
        #expect(throws: ResourceRefusal.teamBusy(team: "T1", incident: incident)) {
            try station.dispatchTeam("T1", to: incident, headcount: 5, orderedBy: "周建华", reassign: false, operatorName: "王芳", now: Self.now)
        }
        try station.setTeamStatus("T1", "on_scene", operatorName: "王芳", now: Self.now.addingTimeInterval(600))
        #expect(station.state.teams["T1"]?.status.value?.incidentID == incident)
        // Reassigning is said, and then allowed.
        try station.dispatchTeam("T1", to: incident, headcount: 30, orderedBy: "陈国平", reassign: true, operatorName: "王芳", now: Self.now.addingTimeInterval(700))
        try station.setTeamStatus("T1", "returning", operatorName: "王芳", now: Self.now.addingTimeInterval(900))
        try station.setTeamStatus("T1", "standby", operatorName: "王芳", now: Self.now.addingTimeInterval(1200))
        #expect(station.state.teams["T1"]?.status.value?.incidentID == incident, "back from the task: still the incident's")
        // A later status, off any task, concerns no incident.
        try station.setTeamStatus("T1", "unavailable", note: "车辆检修", operatorName: "王芳", now: Self.now.addingTimeInterval(1250))
        #expect(station.state.teams["T1"]?.status.value?.incidentID == "")
        try station.setTeamStatus("T1", "standby", operatorName: "王芳", now: Self.now.addingTimeInterval(1260))
        try station.dispatchTeam("T1", to: incident, headcount: 10, orderedBy: "周建华", reassign: false, operatorName: "王芳", now: Self.now.addingTimeInterval(1300))
        #expect(throws: ResourceRefusal.unknownTeam("T9")) {
            try station.dispatchTeam("T9", to: incident, headcount: 1, orderedBy: "", reassign: false, operatorName: "王芳", now: Self.now)
        }
    }

    @Test func itemsNeverGoBelowZeroOnOneStation() throws {
        let (station, incident) = try Self.station()
        try station.moveStock(depot: "D1", item: "tent", quantity: 200, incidentID: incident, operatorName: "王芳", now: Self.now)
        #expect(station.state.depots["D1"]?.stock["tent"] == 100)
        let before = station.journal.lastSequence
        #expect(throws: ResourceRefusal.notEnough(item: "tent", have: 100, asked: 150)) {
            try station.moveStock(depot: "D1", item: "tent", quantity: 150, shelterID: "S1", operatorName: "王芳", now: Self.now)
        }
        #expect(throws: ResourceRefusal.notPositive(0)) {
            try station.moveStock(depot: "D1", item: "tent", quantity: 0, incidentID: incident, operatorName: "王芳", now: Self.now)
        }
        #expect(station.journal.lastSequence == before)
        try station.moveStock(depot: "D1", item: "tent", quantity: 20, incidentID: incident, returning: true, operatorName: "王芳", now: Self.now)
        #expect(station.state.depots["D1"]?.stock["tent"] == 120)
    }

    @Test func twoStationsIssuingAtOnceBothCountAndBothSeeTheShortfall() throws {
        let base = TestPaths.temporaryDirectory("zb-resource-sync")
        defer { try? FileManager.default.removeItem(at: base) }
        let (a, incident) = try Self.station("泰州市局", in: base)
        let b = try StationCoreTests.newStation("泰兴市局", in: base)
        for (x, y) in [(a, b), (b, a)] {
            try TrustStore(station: x.folder).add(try PeerKey.parse(y.folder.publicKeyLine).get())
        }
        let folder = base.appendingPathComponent("usb").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = try SyncEngine(station: a.folder).sync(folder: folder, now: Self.now)
        _ = try SyncEngine(station: b.folder).sync(folder: folder, now: Self.now)
        let bOpen = try DutyStation.open(at: b.folder.paths.root, now: Self.now, holder: "test")
        #expect(bOpen.state.depots["D1"]?.stock["tent"] == 300)
        // Apart, each issues 200 of the 300 tents.
        try a.moveStock(depot: "D1", item: "tent", quantity: 200, incidentID: incident, operatorName: "王芳", now: Self.now.addingTimeInterval(60))
        try bOpen.moveStock(depot: "D1", item: "tent", quantity: 200, incidentID: incident, operatorName: "李强", now: Self.now.addingTimeInterval(61))
        for _ in 0..<2 {
            _ = try SyncEngine(station: a.folder).sync(folder: folder, now: Self.now)
            _ = try SyncEngine(station: b.folder).sync(folder: folder, now: Self.now)
        }
        let aAfter = try DutyStation.open(at: a.folder.paths.root, now: Self.now, holder: "test")
        let bAfter = try DutyStation.open(at: b.folder.paths.root, now: Self.now, holder: "test")
        for station in [aAfter, bAfter] {
            let depot = try #require(station.state.resourceSummaries().first { $0.id == "D1" })
            #expect(depot.stock["tent"] == -100)
            #expect(depot.shortfall == ["tent": 100])
        }
        #expect(aAfter.state.digest == bAfter.state.digest)
    }

    @Test func occupancyAboveCapacityNeedsAConfirmationAndANote() throws {
        let (station, _) = try Self.station()
        try station.setShelter("S1", status: "open", occupancy: 80, operatorName: "王芳", now: Self.now)
        #expect(station.state.shelters["S1"]?.status.value?.occupancy == 80)
        #expect(throws: ResourceRefusal.overCapacity(occupancy: 130, capacity: 100)) {
            try station.setShelter("S1", status: "running", occupancy: 130, operatorName: "王芳", now: Self.now)
        }
        #expect(throws: ResourceRefusal.overCapacity(occupancy: 130, capacity: 100)) {
            try station.setShelter("S1", status: "running", occupancy: 130, note: " ", confirmOverCapacity: true, operatorName: "王芳", now: Self.now)
        }
        try station.setShelter("S1", status: "running", occupancy: 130, note: "体育馆加铺，带班领导同意", confirmOverCapacity: true,
                               operatorName: "王芳", now: Self.now)
        let status = station.state.shelters["S1"]?.status.value
        #expect(status?.status == "running" && status?.occupancy == 130 && status?.note == "体育馆加铺，带班领导同意")
    }

    @Test func theWrittenReportListsWhatWasSent() throws {
        let (station, incident) = try Self.station()
        try station.dispatchTeam("T1", to: incident, headcount: 12, orderedBy: "周建华", reassign: false, operatorName: "王芳", now: Self.now)
        try station.moveStock(depot: "D1", item: "tent", quantity: 200, incidentID: incident, operatorName: "王芳", now: Self.now)
        try station.moveStock(depot: "D1", item: "tent", quantity: 20, incidentID: incident, returning: true, operatorName: "王芳", now: Self.now)
        let sent = station.state.resourcesSent(to: incident, rules: station.rules, timeZone: station.timeZone)
        #expect(sent == ["泰兴危化品救援队（危化品救援）12人，2026-11-23 14:00出动（周建华调派）", "泰兴市应急物资储备库调拨帐篷180顶"])
        let report = WrittenReport.text(for: try #require(station.state.incidents[incident]), kind: .initial, station: "泰州市应急管理局",
                                        rules: station.rules, now: Self.now, timeZone: station.timeZone, operatorName: "王芳", resourcesSent: sent)
        #expect(report.contains("八、已采取的处置措施：无；调派资源：泰兴危化品救援队（危化品救援）12人"), "\(report)")
    }

    @Test func movesAreKeptUnderTheirObjectAndIncidentInAnyOrder() throws {
        let (station, incident) = try Self.station()
        try station.dispatchTeam("T1", to: incident, headcount: 12, orderedBy: "周建华", reassign: false, operatorName: "王芳", now: Self.now)
        try station.setTeamStatus("T1", "on_scene", note: "到场", operatorName: "王芳", now: Self.now.addingTimeInterval(600))
        try station.moveStock(depot: "D1", item: "tent", quantity: 200, incidentID: incident, operatorName: "王芳", now: Self.now.addingTimeInterval(700))
        try station.moveStock(depot: "D1", item: "tent", quantity: 50, shelterID: "S1", operatorName: "王芳", now: Self.now.addingTimeInterval(800))
        try station.setShelter("S1", status: "open", occupancy: 80, operatorName: "王芳", now: Self.now.addingTimeInterval(900))
        let state = station.state
        let team = state.resourceMoves("team:T1")
        #expect(team.map(\.kind) == [.teamStatus, .dispatch, .teamStatus, .teamStatus], "import's standby, the dispatch and its status, the arrival")
        #expect(team.last?.status == "on_scene" && team.last?.incidentID == incident && team.last?.note == "到场")
        #expect(state.resourceMoves("incident:" + incident).map(\.kind) == [.dispatch, .teamStatus, .teamStatus, .stock])
        #expect(state.resourceMoves("depot:D1").filter { $0.status == "issue" }.map(\.quantity) == [-200, -50])
        #expect(state.resourceMoves("shelter:S1").map(\.kind) == [.shelterStatus, .stock, .shelterStatus], "import's closed, the tents, the opening")
        // Folded in any order, the same state (the moves are a set keyed by event id).
        let records = try station.mergedRecords()
        var forward = DutyState(), backward = DutyState()
        for record in records { forward.apply(StoredEvent(record)) }
        for record in records.reversed() { backward.apply(StoredEvent(record)) }
        #expect(forward.digest == backward.digest)
        #expect(forward.resourceMoves == state.resourceMoves)
        // A duplicate changes nothing.
        for record in records { backward.apply(StoredEvent(record)) }
        #expect(backward.digest == forward.digest)
    }
}
