import Foundation
import LaborStatTable

/// Readings of single cells of text used to find a table's parts (title, unit line, header, totals,
/// notes), with the same cell rules as type inference (`CellClassifier`).
enum LayoutCells {
    static let classifier = CellClassifier(options: ReadOptions())

    /// What a (trimmed) cell reads as; `.missing` for nil and missing tokens.
    static func kind(_ s: String?) -> CellValue.Kind {
        guard var s, !s.isEmpty else { return .missing }
        return s.withUTF8 { b -> CellValue.Kind in
            let (lo, n) = CellClassifier.trim(b.baseAddress!, b.count)
            let p = b.baseAddress! + lo
            if classifier.isMissing(p, n) { return .missing }
            return classifier.classify(p, n).kind
        }
    }

    /// The number a cell reads as (nil when it is not a number).
    static func number(_ s: String?) -> Double? {
        guard var s, !s.isEmpty else { return nil }
        return s.withUTF8 { b -> Double? in
            let (lo, n) = CellClassifier.trim(b.baseAddress!, b.count)
            guard n > 0 else { return nil }
            let v = classifier.classify(b.baseAddress! + lo, n)
            switch v.kind {
            case .integer: return Double(v.int)
            case .decimal: return v.double
            default: return nil
            }
        }
    }

    /// Digits after the decimal point as written (`1,234.56` → 2), for the rounding of totals.
    static func decimals(_ s: String) -> Int {
        guard let dot = s.lastIndex(where: { $0 == "." || $0 == "．" }) else { return 0 }
        return s[s.index(after: dot)...].prefix { $0.isNumber }.count
    }

    static func isNumeric(_ s: String?) -> Bool {
        switch kind(s) {
        case .integer, .decimal, .date: true
        default: false
        }
    }

    /// A year written as a header (`2023`, `2023年`): numeric, but a name, not data.
    static func isYearLike(_ s: String) -> Bool {
        var t = Substring(s)
        if t.hasSuffix("年") { t = t.dropLast() }
        guard t.count == 4, let y = Int(t) else { return false }
        return y >= 1900 && y <= 2100
    }

    /// The text with all spaces removed (`合  计` → `合计`), as labels are compared.
    static func squeezed(_ s: String) -> String {
        String(s.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "\u{3000}" }.map(Character.init))
    }

    static func nonEmpty(_ row: [String?]) -> Int { row.reduce(0) { $0 + (($1?.isEmpty ?? true) ? 0 : 1) } }

    static func firstNonEmpty(_ row: [String?]) -> (index: Int, text: String)? {
        for (i, c) in row.enumerated() { if let c, !c.isEmpty { return (i, c) } }
        return nil
    }

    static func trimmed(_ s: String?) -> String? {
        guard let s else { return nil }
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{3000}\u{00A0}")))
        return t.isEmpty ? nil : t
    }

    /// Whether a character is CJK (headers join CJK parts without a separator).
    static func isCJK(_ c: Character) -> Bool {
        guard let u = c.unicodeScalars.first?.value else { return false }
        return (0x2E80...0x9FFF).contains(u) || (0xF900...0xFAFF).contains(u) || (0xFF00...0xFFEF).contains(u)
            || (0x3000...0x303F).contains(u) || (0x20000...0x2FFFF).contains(u)
    }
}
