/// Joining the officer's own text into the sentences of a written report
/// without doubling punctuation (issue #22): a field typed as "储罐泄漏。" and the
/// report's "；" before the next clause gave "储罐泄漏。；".
///
/// The rule, the same for Chinese and for Latin punctuation:
/// - a clause mark at the end of a piece that only separates (，；、：and , ; :)
///   gives way to the separator the report puts there;
/// - a piece that ends a sentence (。！？… and . ! ?) keeps its mark, and the
///   separator is left out: the sentence end already separates;
/// - a piece never starts with a clause mark (they are dropped), so the label
///   before it ("七、事件经过：") or the separator is not doubled; opening
///   brackets and quotes stay;
/// - in the run of marks a piece ends with, a sentence end wins ("。；" → "。").
/// Nothing else of what was typed is changed.
public enum ReportClauses {
    /// Marks that only separate clauses: replaced by the report's own separator.
    static let separating: Set<Character> = ["，", "；", "、", "：", ",", ";", ":", "﹐", "﹔", "︰"]
    /// Marks that end a sentence: kept, and the separator after them left out.
    static let ending: Set<Character> = ["。", "！", "？", "…", ".", "!", "?", "｡", "．", "﹒"]

    static func isSpace(_ c: Character) -> Bool { c.isWhitespace }

    /// `piece` without the spaces and marks it starts with, and at its end
    /// only the sentence-ending marks of its last run of marks and spaces
    /// ("泄漏；。 " → "泄漏。", "泄漏， " → "泄漏", "是否被困？！" stays).
    public static func clause(_ piece: String) -> String {
        var s = Substring(piece)
        while let c = s.first, isSpace(c) || separating.contains(c) || ending.contains(c) { s = s.dropFirst() }
        var run: [Character] = []
        while let c = s.last, isSpace(c) || separating.contains(c) || ending.contains(c) {
            run.append(c)
            s = s.dropLast()
        }
        return String(s) + String(run.reversed().filter { ending.contains($0) })
    }

    /// `pieces` joined by `separator` ("；", "，"), each piece made a clause;
    /// empty pieces are left out, and no separator follows a sentence end.
    public static func join(_ pieces: [String], separator: String) -> String {
        var out = ""
        for piece in pieces.map(clause) where !piece.isEmpty {
            if let last = out.last, !ending.contains(last) { out += separator }
            out += piece
        }
        return out
    }

    /// `label` (ending in "：") followed by `value` made a clause.
    public static func labelled(_ label: String, _ value: String) -> String {
        label + clause(value)
    }
}
