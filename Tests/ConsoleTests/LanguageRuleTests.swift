import ConsoleTestSupport
import Console
import DutyModel
import Foundation
import Testing
import TerminalUI

/// #23's language rule: every screen and overlay rendered in each language shows no
/// run of the other script outside data. Data is what the station holds (every
/// string in its records, the place list): a Chinese place name on an English screen
/// is data, `given at intake` on a Chinese one is not.
@Suite struct LanguageRuleTests {
    /// Words a Chinese screen may show in Latin letters: key names, units, codes.
    static let latinAllowed: Set<String> = [
        "Esc", "Tab", "HJKL", "Shift", "Ctrl", "Enter", "PgUp", "PgDn", "Home", "End", "Space", "Alt", "Backspace",
        "CAP", "XML", "JSON", "CSV", "TOML", "GeoJSON", "UTF", "GB", "GBK", "ID", "km", "MHz", "SMS", "PDF", "hjkl", "jk", "Unicode",
        "zhiban", "theme", "lang", "zh", "en", "sync", "ack", "goto", "mute", "unmute", "help", "quit", "find",
        // Theme names are file names (Themes/*.toml).
        "default", "night", "mono", "light", "high", "contrast",
    ]

    /// The station's data as text: every record's payload bytes (protobuf keeps strings as UTF-8)
    /// and the place list.
    static func data(_ station: TempStation, _ h: ConsoleHarness) -> String {
        var parts = station.events.map { String(decoding: $0.payload, as: UTF8.self) }
        for p in h.state.duty.places { parts += [p.name, p.county, p.town] }
        parts.append(h.state.stationName)
        // The program's own words kept in records are not data: they are shown in the screen's language.
        return [GradeDecision.givenAtIntake, GradeDecision.confirmedSuggestion].reduce(parts.joined(separator: "\n")) {
            $0.replacingOccurrences(of: $1, with: "")
        }
    }

    /// The views to look at: each screen, and the overlays an officer opens there.
    static let tours: [(name: String, keys: [Key])] = [
        ("board", [.function(1)]), ("check-in", [.function(1), .char("c")]), ("mode", [.function(1), .char("m")]),
        ("intake", [.function(2)]),
        ("incidents", [.function(3)]), ("incident detail", [.function(3), .enter]),
        ("incident update", [.function(3), .enter, .char("u")]), ("incident report", [.function(3), .enter, .char("r")]),
        ("incident grade", [.function(3), .enter, .char("g")]),
        ("warnings", [.function(4)]), ("warning detail", [.function(4), .enter]), ("warning entry", [.function(4), .char("n")]),
        ("map", [.function(5)]), ("log", [.function(6)]), ("log detail", [.function(6), .enter]), ("log entry", [.function(6), .char("p")]),
        ("handover", [.function(7)]), ("handover history", [.function(7), .char("h")]), ("daily report", [.function(7), .char("r")]),
        ("contacts", [.function(8)]), ("resources", [.function(9)]), ("resource detail", [.function(9), .enter]),
        ("help", [.function(3), .char("?")]),
    ]

    /// The fixture station with a timeline the program words itself: a grade confirmed without a
    /// reason, figures and a description updated, a report made.
    static func station() -> TempStation {
        let station = DutyFixture.station(emergency: true)
        let id = "TZ-20261123-003"
        station.append(.incidentGraded(id: id, grade: .III, reason: GradeDecision.confirmedSuggestion, seen: VersionVector()),
                       at: DutyFixture.at("2026-11-23T13:50:00+08:00"), operatorName: "高鹏")
        station.append(.incidentUpdated(id: id, description: "槽罐车泄漏已控制", seen: VersionVector()),
                       at: DutyFixture.at("2026-11-23T13:55:00+08:00"), operatorName: "高鹏")
        station.append(.reportRecorded(id: id, kind: .initial, channel: .phone, recipient: "市委总值班室",
                                       at: DutyFixture.at("2026-11-23T13:58:00+08:00"), summary: ""),
                       at: DutyFixture.at("2026-11-23T13:58:00+08:00"), operatorName: "高鹏")
        // A warning chain with an update in its history (yellow, then orange, then red).
        var yellow = WarningScreenTests.redRain
        yellow.identifier = "TZ-QX-010"; yellow.color = .yellow; yellow.headline = "暴雨黄色预警"
        yellow.sent = "2026-11-23T10:00:00+08:00"; yellow.sentAt = DutyFixture.at(yellow.sent)
        var orange = WarningScreenTests.redRain
        orange.identifier = "TZ-QX-011"; orange.color = .orange; orange.headline = "暴雨橙色预警"; orange.msgType = .update
        orange.references = [yellow.key]
        orange.sent = "2026-11-23T12:30:00+08:00"; orange.sentAt = DutyFixture.at(orange.sent)
        var red = WarningScreenTests.redRain
        red.msgType = .update
        red.references = [orange.key]
        for w in [yellow, orange, red] { station.append(.warningReceived(w), at: w.sentAt, operatorName: "cap") }
        return station
    }

    /// Runs of the other script on `line` not found in `data`.
    static func foreign(_ line: String, language: Language, data: String) -> [String] {
        var runs: [String] = []
        var run = ""
        func flush() {
            defer { run = "" }
            let word = run.trimmingCharacters(in: .whitespaces)
            guard !word.isEmpty else { return }
            switch language {
            case .zh:
                guard word.count >= 2, !latinAllowed.contains(word), !data.contains(word) else { return }
            case .en:
                guard !data.contains(word) else { return }
            }
            runs.append(word)
        }
        for ch in line {
            let isOther: Bool
            switch language {
            case .zh: isOther = ch.isASCII && ch.isLetter
            case .en:
                // Chinese characters and full-width punctuation (data may hold both; the UI may not).
                isOther = ch.unicodeScalars.contains { (0x3000...0x303F).contains($0.value) || (0x4E00...0x9FFF).contains($0.value)
                    || (0xFF01...0xFF5E).contains($0.value) }
            }
            if isOther { run.append(ch) } else { flush() }
        }
        flush()
        return runs
    }

    @Test(arguments: Language.allCases, [Size(width: 80, height: 24), Size(width: 200, height: 60)])
    func everyViewSpeaksOneLanguageOutsideData(_ language: Language, _ size: Size) {
        var problems: [String] = []
        for tour in Self.tours {
            let station = Self.station()
            let h = ConsoleHarness(size: size, language: language, now: "2026-11-23T14:05:00+08:00", station: station, operatorName: "高鹏")
            h.press(tour.keys.map { KeyPress($0) })
            let data = Self.data(station, h)
            for (y, line) in h.lines.enumerated() {
                let runs = Self.foreign(line, language: language, data: data)
                if !runs.isEmpty { problems.append("\(tour.name) row \(y): \(runs) in “\(line)”") }
            }
        }
        #expect(problems.isEmpty, "\(problems.count) views show the other language:\n\(problems.joined(separator: "\n"))")
    }
}
