import ConsoleTestSupport
import DutyModel
import Foundation
import Journal
import Station
import Testing

/// The resource registry's import (#19): every kind of the sample sheets, both
/// header languages, BOM and CRLF, each kind of bad row named with its line and
/// column and nothing written, a second import of the same file writing nothing,
/// a changed row written as an update.
@Suite(.serialized) struct ResourceImportTests {
    static let now = DutyTime.parseISO8601("2026-11-23T14:00:00+08:00")!
    static let kinds = ["teams", "depots", "stock", "shelters", "fire_stations", "hazards", "monitors", "equipment"]

    static func sample(_ kind: String) throws -> Data {
        try Data(contentsOf: TestPaths.repositoryRoot.appendingPathComponent("SampleData/taizhou-\(kind).csv"))
    }

    func importing(_ text: String, into station: DutyStation, kind: CSVKind? = nil, file: String = "sheet.csv") throws -> CSVImportOutcome {
        try station.importCSV(Data(text.utf8), file: file, kind: kind, operatorName: "王芳", now: Self.now)
    }

    func problems(_ outcome: CSVImportOutcome) -> [String] {
        if case .rejected(_, let problems) = outcome { return problems }
        return []
    }

    @Test func everySampleSheetImportsByItsHeaderAndASecondImportWritesNothing() throws {
        let station = try StationCoreTests.newStation()
        for kind in Self.kinds {
            let outcome = try station.importCSV(try Self.sample(kind), file: "taizhou-\(kind).csv", operatorName: "王芳", now: Self.now)
            guard case .imported(let detected, let written, _, let notes) = outcome else {
                Issue.record("\(kind): \(outcome)")
                continue
            }
            #expect(detected.rawValue == kind)
            #expect(written > 10, "\(kind): \(written) rows")
            #expect(notes.isEmpty, "\(kind): \(notes)")
        }
        let state = station.state
        #expect(state.teams.count >= 40 && state.depots.count >= 7 && state.shelters.count >= 30)
        let summaries = state.resourceSummaries()
        for kind in ResourceSummary.Kind.allCases { #expect(summaries.contains { $0.kind == kind }, "no \(kind)") }
        // Every point of the sample data lies in the jurisdiction.
        let bounds = try #require(station.rules.places.bounds)
        #expect(summaries.allSatisfy { bounds.contains(lat: $0.place.latitude ?? 0, lon: $0.place.longitude ?? 0) })
        // Two depot items are below their minimum, as the sample says.
        #expect(summaries.reduce(0) { $0 + $1.belowMinimum.count } == 2)
        // A shelter without a capacity gets area / 2.5 m².
        #expect(summaries.filter { $0.kind == .shelter }.allSatisfy { ($0.capacity ?? 0) > 0 })

        let before = station.journal.lastSequence
        for kind in Self.kinds {
            let again = try station.importCSV(try Self.sample(kind), file: "taizhou-\(kind).csv", operatorName: "王芳", now: Self.now)
            guard case .imported(_, let written, let unchanged, _) = again else { Issue.record("\(kind): \(again)"); continue }
            #expect(written == 0 && unchanged > 10, "\(kind): \(written) written, \(unchanged) unchanged")
        }
        #expect(station.journal.lastSequence == before)
    }

    @Test func englishHeadersWithABOMAndCRLFAndAChangedRowIsAnUpdate() throws {
        let station = try StationCoreTests.newStation()
        let sheet = "\u{FEFF}id,name,kind,unit,headcount,equipment,county,town,base,lat,lon,contact,phone,status\r\n"
            + "E1,Taixing hazchem team,hazchem,泰兴市消防救援大队,30,foam tenders,泰兴市,泰兴经济开发区,,32.13,120.00,王强,13905230001,standby\r\n"
            + "E2,Xinghua flood team,Flood fighting,兴化市水利局,50,,兴化市,戴南镇,,32.90,119.85,,,Unavailable\r\n"
        guard case .imported(.teams, 2, 0, _) = try importing(sheet, into: station) else { Issue.record("not imported"); return }
        #expect(station.state.teams["E1"]?.info.value?.kind == "hazchem")
        #expect(station.state.teams["E2"]?.status.value?.status == "unavailable")
        let changed = sheet.replacingOccurrences(of: ",30,foam", with: ",32,foam")
        let before = station.journal.lastSequence
        guard case .imported(_, 1, 1, _) = try importing(changed, into: station) else { Issue.record("not an update"); return }
        #expect(station.journal.lastSequence == before + 1)
        #expect(station.state.teams["E1"]?.info.value?.headcount == 32)
    }

    @Test func theSheetsStatusIsATeamsFirstStatusOnly() throws {
        let station = try StationCoreTests.newStation()
        let sheet = "编号,名称,类型,人数,县区,乡镇,纬度,经度,状态\nT9,靖江防汛队,防汛抢险,20,靖江市,新桥镇,32.02,120.26,待命\n"
        _ = try importing(sheet, into: station)
        var status = Zhiban_Events_V1_TeamStatusChanged()
        status.teamID = "T9"; status.status = "dispatched"
        try station.write(EventDraft(status), operatorName: "王芳", now: Self.now.addingTimeInterval(60))
        guard case .imported(_, 0, 1, _) = try importing(sheet, into: station) else { Issue.record("the sheet wrote again"); return }
        #expect(station.state.teams["T9"]?.status.value?.status == "dispatched")
    }

    @Test(arguments: [
        ("编号,名称,类型,人数,县区,乡镇,纬度,经度\nT1,甲队,消防救援,-3,海陵区,城东街道,32.49,119.92\n", "line 2, column 人数: -3 is negative"),
        ("编号,名称,类型,人数,县区,乡镇,纬度,经度\nT1,甲队,飞行队,3,海陵区,城东街道,32.49,119.92\n", "line 2, column 类型: \"飞行队\" is not one of"),
        ("编号,名称,类型,人数,县区,乡镇,纬度,经度\nT1,甲队,消防救援,3,上海市,城东街道,32.49,119.92\n", "line 2, column 县区: \"上海市\" is not a county"),
        ("编号,名称,类型,人数,县区,乡镇,纬度,经度\nT1,甲队,消防救援,3,海陵区,戴南镇,32.49,119.92\n", "line 2, column 乡镇: \"戴南镇\" is not a town of 海陵区"),
        ("编号,名称,类型,人数,县区,乡镇,纬度,经度\nT1,甲队,消防救援,3,海陵区,城东街道,119.92,32.49\n", "line 2, column 纬度: the point 119.92, 32.49 is outside"),
        ("编号,名称,类型,人数,县区,乡镇,纬度,经度\nT1,甲队,消防救援,3,海陵区,城东街道,32.49,119.92\nT1,乙队,消防救援,3,海陵区,城东街道,32.49,119.92\n", "line 3, column 编号: T1 is already on line 2"),
        ("编号,名称,类型,人数,县区,乡镇,纬度,经度\nT1,甲队,消防救援,三,海陵区,城东街道,32.49,119.92\n", "line 2, column 人数: \"三\" is not a whole number"),
        ("编号,名称,类型,人数,县区,乡镇,纬度,经度\nT1,甲队,消防救援,3,海陵区,城东街道,,119.92\n", "line 2, column 纬度: is empty"),
        ("编号,名称,类型,人数,县区,乡镇\nT1,甲队,消防救援,3,海陵区,城东街道\n", "line 1: no lat column"),
        ("储备库编号,物资,数量\nD99,帐篷,10\n", "line 2, column 储备库编号: D99 is not a depot of this station"),
        ("编号,名称,企业,等级,危险物质,县区,乡镇,纬度,经度\nH1,储罐,某公司,5,液氯,泰兴市,滨江镇,32.10,119.95\n", "line 2, column 等级: 5 is not a grade 1–4"),
        ("编号,名称,类型,依托场所,面积,容纳人数,县区,乡镇,纬度,经度\nS1,广场,固定避难场所,广场,,,海陵区,城东街道,32.49,119.92\n", "line 2, column 容纳人数: is empty and so is the area"),
    ])
    func aBadRowRefusesTheWholeFileNamingLineAndColumn(sheet: String, expected: String) throws {
        let station = try StationCoreTests.newStation()
        // Nothing half-imported: the journal has not moved.
        let before = station.journal.lastSequence
        let outcome = try importing(sheet, into: station, file: "sheet.csv")
        let found = problems(outcome)
        #expect(found.contains { $0.hasPrefix("sheet.csv ") && $0.contains(expected) }, "\(outcome)")
        #expect(station.journal.lastSequence == before)
        #expect(station.state.teams.isEmpty && station.state.mapFeatures.isEmpty && station.state.shelters.isEmpty)
    }

    @Test func stockIsCountedAndAStocktakeIsTheDifference() throws {
        let station = try StationCoreTests.newStation()
        _ = try importing("编号,名称,级别,县区,乡镇,纬度,经度\nD1,靖江库,县级储备库,靖江市,靖城街道,32.01,120.27\n", into: station)
        _ = try importing("储备库编号,物资,数量,最低库存\nD1,帐篷,500,100\n", into: station)
        #expect(station.state.depots["D1"]?.stock["tent"] == 500)
        // 200 tents issued to an incident; the next stocktake of 450 records +150, not 450.
        var issue = Zhiban_Events_V1_StockChanged()
        issue.depotID = "D1"; issue.item = "tent"; issue.delta = -200; issue.reason = "issue"; issue.incidentID = "TZ-20261123-001"
        try station.write(EventDraft(issue), operatorName: "王芳", now: Self.now.addingTimeInterval(60))
        _ = try importing("储备库编号,物资,数量,最低库存\nD1,帐篷,450,100\n", into: station)
        #expect(station.state.depots["D1"]?.stock["tent"] == 450)
        let summary = try #require(station.state.resourceSummaries().first { $0.id == "D1" })
        #expect(summary.belowMinimum.isEmpty)
    }
}
