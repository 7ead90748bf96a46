import Foundation
import Testing
@testable import DutyModel

/// The repository's `Rules/` folder, found from this file's path.
private let rulesDirectory: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // DutyModelTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // repo root
    .appendingPathComponent("Rules")

@Suite("Built-in rules")
struct RulesBuiltinTests {
    @Test("each compiled-in text equals its file in Rules/ byte for byte", arguments: RuleBook.fileNames)
    func builtinMatchesFile(name: String) throws {
        let data = try Data(contentsOf: rulesDirectory.appendingPathComponent(name))
        let builtin = try #require(RuleBook.builtinTexts[name])
        #expect(Data(builtin.utf8) == data,
                "Sources/DutyModel/Rules/BuiltinRules.swift is out of date for Rules/\(name): paste the file in again")
    }

    @Test("Rules/ holds exactly the rule files")
    func noOtherFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: rulesDirectory.path).filter { $0.hasSuffix(".toml") }
        #expect(files.sorted() == RuleBook.fileNames.sorted())
        #expect(RuleBook.builtinTexts.keys.sorted() == RuleBook.fileNames.sorted())
    }

    @Test("the built-in rules load without a problem")
    func standardLoads() throws {
        let book = try RuleBook.load(overrides: [:]).get()
        #expect(book == RuleBook.standard)
    }

    @Test("taxonomy: four categories, every type of DOMAIN.md §2.1, pinyin keywords")
    func taxonomy() throws {
        let t = RuleBook.standard.taxonomy
        #expect(t.categories.map(\.category) == IncidentCategory.allCases)
        #expect(t.categories.map(\.zh) == ["自然灾害", "事故灾难", "公共卫生", "社会安全"])
        #expect(t.types.count == 70)
        #expect(t.types(in: .natural).count == 32)
        #expect(t.types(in: .accident).count == 32)
        #expect(t.types(in: .health).count == 4)
        #expect(t.types(in: .social).count == 2)
        let hazchem = try #require(t.type("hazchem"))
        #expect(hazchem == IncidentTypeInfo(id: "hazchem", category: .accident, parent: nil, zh: "危险化学品",
                                            en: "Hazardous chemicals", keywords: ["whp", "wxhxp"]))
        #expect(t.type("blizzard")?.keywords == ["bx"])
        #expect(t.type("blizzard")?.parent == "meteorological")
        #expect(t.ancestors(of: "hazchem_transport") == ["hazchem"])
        #expect(t.children(of: "special_equipment").map(\.id) == ["boiler", "lift", "amusement_ride"])
        #expect(t.search("whp").map(\.id) == ["hazchem", "hazchem_production", "hazchem_storage", "hazchem_transport"])
        #expect(t.search("bx").first?.id == "blizzard")
        #expect(t.search("台风").map(\.id) == ["typhoon"])
        #expect(t.search("dz", in: .natural).map(\.id) == ["earthquake", "geological"])
        #expect(t.search("Fire").map(\.id) == ["fire", "fire_high_rise", "fire_complex", "fire_group_rental", "fire_three_in_one"])
        let zh = Set(t.types.map(\.zh))
        for name in ["台风", "暴雨", "暴雪", "寒潮", "大风", "冰雹", "雷电", "大雾", "高温", "干旱", "低温雨雪冰冻", "强对流",
                     "洪水", "城市内涝", "长江溃口", "圩堤险情", "风暴潮", "海浪", "地震灾害", "滑坡", "崩塌", "泥石流",
                     "地面塌陷/沉降", "森林火灾", "生物灾害", "危险化学品", "火灾", "道路交通", "两客一危", "水上交通", "建筑施工",
                     "高支模", "深基坑", "起重机械", "城镇燃气", "特种设备", "锅炉", "电梯", "游乐设施", "矿山", "尾矿库", "工贸",
                     "冶金", "粉尘涉爆", "造拆船", "油气长输管线", "渔业船舶", "核事故", "人员密集场所", "传染病疫情", "食品安全",
                     "动物疫情", "非洲猪瘟", "群体性事件", "涉外事件"] {
            #expect(zh.contains(name), "\(name) missing")
        }
        // Issue #22: 坍江 with the river dangers, 风雹 with the weather, 地裂缝 with the geological, 突发环境事件 an accident.
        #expect(t.type("bank_collapse")?.category == .natural && t.type("bank_collapse")?.parent == "flood_drought" && t.type("bank_collapse")?.zh == "坍江")
        #expect(t.type("wind_hail")?.category == .natural && t.type("wind_hail")?.parent == "meteorological" && t.type("wind_hail")?.zh == "风雹")
        #expect(t.type("ground_fissure")?.category == .natural && t.type("ground_fissure")?.parent == "geological" && t.type("ground_fissure")?.zh == "地裂缝")
        #expect(t.type("environmental")?.category == .accident && t.type("environmental")?.parent == nil && t.type("environmental")?.zh == "突发环境事件")
        #expect(t.search("tj").first?.id == "bank_collapse")
        #expect(t.search("fb").first?.id == "wind_hail")
        #expect(t.search("dlf").first?.id == "ground_fissure")
        #expect(t.search("tfhjsj").first?.id == "environmental")
        #expect(t.search("坍江").map(\.id) == ["bank_collapse"])
    }

    @Test("warnings: levels map to CAP; each signal has its colours")
    func warnings() throws {
        let w = RuleBook.standard.warnings
        #expect(w.levels.map(\.color) == [.red, .orange, .yellow, .blue])
        #expect(w.levels.map(\.capSeverity) == ["Extreme", "Severe", "Moderate", "Minor"])
        #expect(w.level(.orange)?.zh == "橙色")
        #expect(w.level(number: 3)?.zhLevel == "三级")
        #expect(w.color(capSeverity: "severe") == .orange)
        #expect(WarningColor(level: 1) == .red)
        #expect(WarningColor.blue < .red)
        func colours(_ name: String) -> [WarningColor]? { w.type(named: name)?.colors }
        #expect(colours("台风") == [.blue, .yellow, .orange, .red])
        #expect(colours("大风") == [.blue, .yellow, .orange, .red])
        #expect(colours("暴雨") == [.blue, .yellow, .orange, .red])
        #expect(colours("暴雪") == [.blue, .yellow, .orange, .red])
        #expect(colours("寒潮") == [.blue, .yellow, .orange, .red])
        #expect(colours("高温") == [.yellow, .orange, .red])
        #expect(colours("道路结冰") == [.yellow, .orange, .red])
        #expect(colours("大雾") == [.yellow, .orange, .red])
        #expect(colours("沙尘暴") == [.yellow, .orange, .red])
        #expect(colours("雷电") == [.yellow, .orange, .red])
        #expect(colours("霜冻") == [.blue, .yellow, .orange])
        #expect(colours("霾") == [.yellow, .orange, .red])
        #expect(colours("冰雹") == [.orange, .red])
        #expect(colours("干旱") == [.orange, .red])
        #expect(colours("雷暴") == [.yellow, .orange, .red])
        #expect(colours("雷暴大风") == [.yellow, .orange, .red])
        #expect(w.types(issuer: "meteorological").count == 16)
        #expect(Set(w.issuers.map(\.id)) == ["meteorological", "water_resources", "natural_resources", "forestry", "ocean", "earthquake"])
        #expect(w.type(named: "暴雨预警信号")?.id == "rainstorm")
        #expect(w.type(named: "Rainstorm")?.zh == "暴雨")
        #expect(!w.allows(type: "高温", color: .blue))
        #expect(w.allows(type: "高温", color: .yellow))
        #expect(w.allows(type: "未知类型", color: .blue))
        #expect(w.coverageTargetPercent == 95)
    }

    @Test("resources: kinds, units and shelter capacity")
    func resources() {
        let r = RuleBook.standard.resources
        #expect(r.item("tent")?.unitZh == "顶")
        #expect(r.item("sandbag")?.zh == "编织袋")
        #expect(r.items.count == 9)
        #expect(r.teamKind("militia")?.group == "grassroots")
        #expect(r.teamKind("fire_rescue")?.group == "comprehensive")
        #expect(r.teamStatuses.map(\.id) == ["standby", "dispatched", "on_scene", "returning", "unavailable"])
        #expect(r.shelterKinds.map(\.id) == ["central", "fixed", "emergency"])
        #expect(r.reserveKinds.map(\.zh) == ["实物储备", "协议储备", "产能储备"])
        #expect(r.depotLevels.map(\.id) == ["city", "county", "town", "community"])
        #expect(r.depotLevels.last?.zh == "社区储备点")
        #expect(r.mapLayer("hazard_source")?.maxGrade == 4)
        #expect(r.mapLayer("river")?.maxGrade == nil)
        #expect(r.shelterCapacity(areaM2: 1_000) == 400)
        #expect(r.shelterCapacity(areaM2: 1_001.9) == 400)
        #expect(r.shelterCapacity(areaM2: 6_186_000) == 2_474_400)
        #expect(r.reliefWithin == 12 * 3_600)
    }

    @Test("durations and times of day", arguments: [
        ("15m", 900.0), ("6h", 21_600), ("1h30m", 5_400), ("2d", 172_800), ("90s", 90), ("60m", 3_600), ("0m", 0),
    ])
    func durations(text: String, seconds: Double) {
        #expect(RuleDuration.parse(text) == seconds)
    }

    @Test("things that are not durations", arguments: ["3O m", "", "15", "m", "15 m", "1.5h", "-1h", "15min", "h1"])
    func notDurations(text: String) {
        #expect(RuleDuration.parse(text) == nil)
    }

    @Test("durations print back")
    func formatDurations() {
        #expect(RuleDuration.format(900) == "15m")
        #expect(RuleDuration.format(86_400) == "24h")
        #expect(RuleDuration.format(5_400) == "1h30m")
        #expect(RuleDuration.format(30 * 86_400) == "30d")
        #expect(TimeOfDay("8:05")?.description == "08:05")
        #expect(TimeOfDay("08:60") == nil)
    }
}
