import CAP
import DutyModel
import Foundation
import SafeText
import Station

/// The station's typed results in the officer's language: the one string
/// table for what became of a write or an import, used by the console and
/// the command line alike.
public enum OutcomeText {
    public static func noStation(_ language: Language) -> String {
        language == .zh ? "未打开值班站，无法保存" : "no station is open"
    }

    /// Why a write did not happen (nothing was written).
    public static func writeFailure(_ failure: WriteFailure, language: Language) -> String {
        let zh = language == .zh
        switch failure {
        case .busy(let lockPath, let holder, let waited):
            let who = holder.map { zh ? "由 \($0) 占用" : "held by \($0)" } ?? (zh ? "被另一程序占用" : "held by another process")
            return zh ? "值班站忙：\(lockPath) \(who)，已等待 \(Int(waited)) 秒。请重试，或关闭另一个 zhiban 程序。"
                : "station busy: \(lockPath) is \(who); waited \(Int(waited)) s. Try again, or close the other zhiban program."
        case .readOnly(let path, let offset, let problem):
            return zh ? "\(path)：\(problem)。值班站只读：第 \(offset) 字节之后的记录未使用。运行 `zhiban repair` 把损坏部分移入 quarantine/（不删除任何内容），或从同伴站或备份恢复该文件。"
                : WriteFailure.readOnly(path: path, offset: offset, problem: problem).description
        case .tooLarge(let bytes, let limit):
            return zh ? "记录 \(bytes) 字节，超过日志上限 \(limit) 字节；请缩短文字" : failure.description
        case .notEncodable(let reason):
            return zh ? "事件无法写入：\(reason)" : failure.description
        case .disk(let text):
            return zh ? "磁盘写入失败：\(text)" : text
        }
    }

    /// `橙色 暴雨: 泰州市气象台发布暴雨橙色预警信号`, with the message type and
    /// status when they are not a plain actual alert.
    public static func warning(_ w: WarningInfo, rules: RuleBook, language: Language) -> String {
        let zh = language == .zh
        let colour = rules.warnings.statesIntensity(w) ? intensity(w, language: language)
            : w.color.flatMap { rules.warnings.level($0) }.map { zh ? $0.zh : $0.en } ?? (zh ? "未定级" : "level unknown")
        let type = warningType(w.type, rules: rules, language: language)
        var tags: [String] = []
        switch w.msgType {
        case .update: tags.append(zh ? "更新" : "update")
        case .cancel: tags.append(zh ? "解除" : "cancel")
        case .alert: break
        }
        if w.isExercise { tags.append(statusName(w.status, language: language)) }
        let tagText = tags.isEmpty ? "" : " (" + tags.joined(separator: ", ") + ")"
        return TextSafety.printable("\(colour) \(type)\(tagText): \(w.headline)")
    }

    /// An earthquake early warning's level: the intensity its text states
    /// ("预估烈度Ⅵ度" / "intensity VI"), never a colour name (warnings.toml `scale`).
    public static func intensity(_ w: WarningInfo, language: Language) -> String {
        let zh = language == .zh
        guard let n = WarningIntensity.stated(in: [w.headline, w.description]) else { return zh ? "烈度未说明" : "intensity not stated" }
        return zh ? "预估烈度\(WarningIntensity.roman(n) ?? "\(n)")度" : "intensity \(WarningIntensity.romanLetters(n) ?? "\(n)")"
    }

    /// "注意：冰雹预警没有蓝色（只有橙色、红色），已按发布方所发记录" when the warning's
    /// colour is not one its type has (warnings.toml); nil when it is.
    public static func colourNotListed(_ w: WarningInfo, rules: RuleBook, language: Language) -> String? {
        guard let type = rules.warnings.colourNotListed(w), let colour = w.color else { return nil }
        let zh = language == .zh
        let name = { (c: WarningColor) in rules.warnings.level(c).map { zh ? $0.zh : $0.en.lowercased() } ?? c.rawValue }
        let has = type.colors.sorted(by: >).map(name).joined(separator: zh ? "、" : ", ")
        return zh ? "注意：\(type.zh)预警没有\(name(colour))（只有\(has)），已按发布方所发记录"
            : "note: a \(type.en.lowercased()) warning has no \(name(colour)) level (only \(has)); recorded as the issuer sent it"
    }

    /// An acknowledgement clock in words: "确认时限 14:10 剩 4 分" / "ack by 14:10, 4 min left",
    /// "确认超时 12 分" / "ack 12 min overdue", "转发迟 5 分（14:35）" / "forwarded 5 min late (14:35)",
    /// "确认未做" / "ack never made"; times in `timeZone` (default the station's zone, Asia/Shanghai).
    public static func clockWords(_ clock: WarningClock, now: Date, language: Language,
                                  timeZone: TimeZone = DutyTime.defaultTimeZone) -> String {
        let zh = language == .zh
        let what = clock.kind == .acknowledge ? (zh ? "确认" : "ack") : (zh ? "转发" : "forward")
        func hm(_ d: Date) -> String {
            var c = Calendar(identifier: .gregorian)
            c.timeZone = timeZone
            let p = c.dateComponents([.hour, .minute], from: d)
            return String(format: "%02d:%02d", p.hour ?? 0, p.minute ?? 0)
        }
        // Minutes (rounded up) under 48 hours, then days, then the due date (see `Lapse`).
        func lapse(_ t: TimeInterval) -> Lapse { ClockFormat.lapse(Int(t.rounded(.up)), farEnd: clock.due, timeZone: timeZone) }
        func span(_ l: Lapse) -> String { l.text(language) { WarningText.minutes(($0 + 59) / 60, zh: zh) } }
        switch clock.standing(at: now) {
        case .met(let at): return zh ? "\(what)按时 \(hm(at))" : "\(what) on time \(hm(at))"
        case .metLate(let at, let by):
            let l = lapse(by)
            if l.isDate { return zh ? "\(what)迟（时限 \(span(l))，\(hm(at)) 完成）" : "\(what) late (due \(span(l)), made \(hm(at)))" }
            return zh ? "\(what)迟 \(span(l))（\(hm(at))）" : "\(what) \(span(l)) late (\(hm(at)))"
        case .due(let left):
            let l = lapse(left)
            if l.isDate { return zh ? "\(what)时限 \(span(l))" : "\(what) by \(span(l))" }
            return zh ? "\(what)时限 \(hm(clock.due)) 剩 \(span(l))" : "\(what) by \(hm(clock.due)), \(span(l)) left"
        case .overdue(let by):
            let l = lapse(by)
            if l.isDate { return zh ? "!! \(what)超时（时限 \(span(l))）" : "!! \(what) overdue since \(span(l))" }
            return zh ? "!! \(what)超时 \(span(l))" : "!! \(what) \(span(l)) overdue"
        case .missed: return zh ? "\(what)未做（时限 \(hm(clock.due))）" : "\(what) never made (due \(hm(clock.due)))"
        }
    }

    /// A warning type in the officer's language (warnings.toml), else as given.
    public static func warningType(_ type: String, rules: RuleBook, language: Language) -> String {
        rules.warnings.type(named: type).map { language == .zh ? $0.zh : $0.en } ?? type
    }

    public static func statusName(_ status: WarningStatus, language: Language) -> String {
        let zh = language == .zh
        switch status {
        case .exercise: return zh ? "演练" : "exercise"
        case .test: return zh ? "测试" : "test"
        case .system: return zh ? "系统" : "system"
        case .draft: return zh ? "草稿" : "draft"
        case .actual: return zh ? "实际" : "actual"
        }
    }

    public static func warningRejection(_ why: WarningRejection, problems: Int, language: Language) -> String {
        let zh = language == .zh
        switch why {
        case .tooLarge(let bytes, let limit):
            return zh ? "文件 \(bytes) 字节；CAP 消息最多 \(limit) 字节" : "the file is \(bytes) bytes; a CAP message is at most \(limit) bytes"
        case .invalid:
            return zh ? "不是有效的 CAP 1.2 预警（\(problems) 处问题）" : "not a valid CAP 1.2 alert (\(problems) problem\(problems == 1 ? "" : "s"))"
        case .recordTooLarge(let bytes, let limit):
            return zh ? "预警 \(bytes) 字节，超过日志每条记录上限 \(limit) 字节" : "the warning is \(bytes) bytes; the journal takes at most \(limit) bytes a record"
        }
    }

    /// The lines `zhiban import` and `zhiban inbox` print for one CAP file.
    public static func warningImport(file: String, _ outcome: WarningImportOutcome, rules: RuleBook, language: Language) -> [String] {
        let name = TextSafety.printable(file)
        let zh = language == .zh
        switch outcome {
        case .imported(let key, let fields):
            // Said on the same line: the inbox's one-line message takes the first line only.
            var notes: [String] = []
            if let encoding = CAPReader.encodingRead(fields.capXML) { notes.append(zh ? "按 \(encoding) 编码读取" : "read as \(encoding)") }
            if let flag = colourNotListed(fields, rules: rules, language: language) { notes.append(flag) }
            let tail = notes.isEmpty ? "" : (zh ? "；" : "; ") + notes.joined(separator: zh ? "；" : "; ")
            return [zh ? "\(name)：已导入：\(warning(fields, rules: rules, language: language)) [\(key)]\(tail)"
                : "\(name): imported: \(warning(fields, rules: rules, language: language)) [\(key)]\(tail)"]
        case .duplicate(let key):
            return [zh ? "\(name)：跳过重复：已有预警 \(key)；未写入" : "\(name): skipped duplicate: warning \(key) is already held; nothing written"]
        case .notAWarning(let reason):
            return [zh ? "\(name)：跳过：不是预警：\(reason)；未写入" : "\(name): skipped: not a warning: \(reason); nothing written"]
        case .rejected(let why, let problems):
            let reason = warningRejection(why, problems: problems.count, language: language)
            return [(zh ? "\(name)：拒收：未写入；\(reason)" : "\(name): rejected: nothing written; \(reason)") + (problems.isEmpty ? "" : zh ? "：" : ":")]
                + problems.map { "  \($0)" }
        }
    }

    /// The lines for one CSV file.
    public static func csvImport(file: String, _ outcome: CSVImportOutcome, language: Language) -> [String] {
        let zh = language == .zh
        switch outcome {
        case .imported(let kind, let written, let unchanged, let notes):
            return notes + [zh ? "\(file)：\(kindName(kind, language))：导入 \(written)，未变 \(unchanged)"
                : "\(file): \(kind.rawValue): imported \(written), unchanged \(unchanged)"]
        case .rejected(_, let problems):
            let head = zh ? "\(file)：拒收：未写入；请改正以下 \(problems.count) 处问题后重新导入："
                : "\(file): rejected: nothing written; fix \(problems.count == 1 ? "this" : "these \(problems.count) problems") and import the file again:"
            return [head] + problems.map { "  \($0)" }
        }
    }

    static func kindName(_ kind: CSVKind, _ language: Language) -> String {
        guard language == .zh else { return kind.rawValue }
        switch kind {
        case .roster: return "值班表"
        case .contacts: return "通讯录"
        case .teams: return "救援队伍"
        case .depots: return "物资储备库"
        case .stock: return "储备物资"
        case .shelters: return "避难场所"
        case .fireStations: return "消防站"
        case .hazards: return "重大危险源"
        case .monitors: return "监测站点"
        case .equipment: return "大型应急装备"
        }
    }

    /// One line for a file the inbox took (or left).
    public static func inbox(_ result: InboxResult, rules: RuleBook = .standard, language: Language) -> String {
        let zh = language == .zh
        let shown = result.name
        var text: String
        switch result.detail {
        case .warning(let outcome):
            text = warningImport(file: shown, outcome, rules: rules, language: language).first ?? shown
            if case .rejected(_, let problems) = outcome, !problems.isEmpty {
                text += " " + TextSafety.printable(problems[0]) + (problems.count > 1 ? (zh ? "（另有 \(problems.count - 1) 处见 .why 文件）" : " (and \(problems.count - 1) more in the .why file)") : "")
            }
        case .csv(let outcome):
            switch outcome {
            case .imported:
                text = csvImport(file: shown, outcome, language: language).last ?? shown
            case .rejected(let why, let problems):
                let reason: String
                switch why {
                case .unreadable: reason = zh ? "表格无法读取" : "the sheet cannot be read"
                case .unknownKind: reason = zh ? "首行既不是值班表（日期/date）也不是通讯录（姓名/name）" : "its first line names neither a roster (日期/date) nor contacts (姓名/name)"
                case .badRows(let kind): reason = zh ? "\(kindName(kind, language))：未写入" : "\(kind.rawValue): nothing written"
                }
                text = rejected(shown, reason, problems, zh)
            }
        case .notRegularFile:
            text = rejected(shown, zh ? "不是普通文件（链接、管道或设备）" : "not a regular file (a link, pipe or device)", [], zh)
        case .tooLarge(let limit, _):
            text = rejected(shown, zh ? "大于 \(limit) 字节" : "larger than \(limit) bytes", [], zh)
        case .unknownKind:
            text = rejected(shown, zh ? "既不是 CAP 预警（.xml）也不是值班表或通讯录（.csv）" : "neither a CAP warning (.xml) nor a roster or contacts sheet (.csv)", [], zh)
        case .unreadable(let why):
            text = zh ? "\(shown)：留在 inbox/：\(TextSafety.printable(why))" : "\(shown): left in inbox/: \(TextSafety.printable(why))"
        case .writeFailed(let failure):
            text = zh ? "\(shown)：留在 inbox/，稍后重试：\(writeFailure(failure, language: language))"
                : "\(shown): left in inbox/, tried again shortly: \(TextSafety.printable(writeFailure(failure, language: language)))"
        }
        if let moved = result.shownDestination, result.kind == .rejected {
            text += " → " + moved
        }
        if let problem = result.moveProblem {
            text += zh ? "；但无法移出 inbox/：\(problem)" : "; but it cannot be moved out of inbox/: \(problem)"
        }
        return text
    }

    private static func rejected(_ name: String, _ reason: String, _ problems: [String], _ zh: Bool) -> String {
        (zh ? "\(name)：拒收：未写入；\(reason)" : "\(name): rejected: nothing written; \(reason)")
            + (problems.isEmpty ? "" : ": " + TextSafety.printable(problems[0])
                + (problems.count > 1 ? (zh ? "（另有 \(problems.count - 1) 处见 .why 文件）" : " (and \(problems.count - 1) more in the .why file)") : ""))
    }

    public static func noWarnings(_ language: Language) -> String { language == .zh ? "无预警" : "no warnings" }

    /// `RED  Rainstorm  海陵区  22h59m left  泰州市气象台将暴雨橙色预警信号升级为红色`
    public static func warningLine(_ s: WarningSummary, rules: RuleBook, language: Language, now: Date,
                                   timeZone: TimeZone = DutyTime.defaultTimeZone) -> String {
        let zh = language == .zh
        let info = s.info
        var marker: String
        switch s.color {
        case .red: marker = zh ? "红" : "RED"
        case .orange: marker = zh ? "橙" : "ORANGE"
        case .yellow: marker = zh ? "黄" : "YELLOW"
        case .blue: marker = zh ? "蓝" : "BLUE"
        case nil: marker = zh ? "？" : "?"
        }
        if rules.warnings.statesIntensity(info) { marker = intensity(info, language: language) }
        let type = warningType(info.type, rules: rules, language: language)
        let area = (info.areas.isEmpty ? info.towns : info.areas).joined(separator: "、")
        let when: String
        switch s.phase {
        case .cancelled: when = zh ? "已解除" : "cancelled"
        case .expired: when = zh ? "已过期" : "expired"
        case .inForce:
            if let expires = s.expiresAt {
                // Hours and minutes under 48 hours, then days, then the date (see `Lapse`).
                let left = ClockFormat.lapse(Int(expires.timeIntervalSince(now)), farEnd: expires, timeZone: timeZone)
                let span = left.text(language) { seconds in
                    let (h, m) = (seconds / 3600, seconds / 60 % 60)
                    return zh ? "\(h)小时\(m)分" : "\(h)h\(String(format: "%02d", m))m"
                }
                when = left.isDate ? (zh ? "至\(span)" : "until \(span)") : (zh ? "剩余\(span)" : "\(span) left")
            } else {
                when = zh ? "未定解除时间" : "no expiry"
            }
        }
        var parts = [marker.padding(toLength: zh ? 1 : 6, withPad: " ", startingAt: 0), type, area.isEmpty ? "-" : area, when]
        if s.isExercise { parts.insert(zh ? "[\(OutcomeText.statusName(info.status, language: language))]" : "[\(info.status.rawValue.uppercased())]", at: 0) }
        if s.needsAcknowledgement { parts.append(zh ? "待确认" : "unacknowledged") }
        for clock in s.clocks(rules.warnings) where clock.wasMissed(at: now) || clock.metAt == nil {
            parts.append(clockWords(clock, now: now, language: language, timeZone: timeZone))
        }
        if let flag = colourNotListed(info, rules: rules, language: language) { parts.append("[\(flag)]") }
        parts.append(info.headline)
        return TextSafety.printable(parts.joined(separator: "  "))
    }
}
