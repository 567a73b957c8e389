/// Tokens of a `--where` expression.
///
/// Outside string literals, full-width ASCII forms (`（`, `）`, `＝`, `＜`, `，`, `［`) are read as
/// their ASCII counterparts, and Chinese quotation marks `‘’` / `“”` delimit strings, because
/// Chinese input methods produce them by default.
struct FilterToken: Equatable {
    enum Kind: Equatable {
        case identifier(String)      // bare or `backticked` column name, possibly with :year etc.
        case string(String)
        case number(Double, text: String)
        case date(Int32, DatePrecision, text: String)
        case keyword(String)         // and or not in is missing true false (lower-cased)
        case op(FilterComparison)
        case leftParen, rightParen, leftBracket, rightBracket, comma
        case end
    }
    var kind: Kind
    /// 1-based position (in Unicode scalars) of the token's first character.
    var position: Int
}

/// `= != < <= > >=`.
enum FilterComparison: String, Sendable {
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

    /// The same comparison with its operands swapped (`5 < x` is `x > 5`).
    var flipped: FilterComparison {
        switch self {
        case .equal, .notEqual: self
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        }
    }

    /// Whether `order` (the sign of left − right: -1, 0, 1) satisfies the comparison.
    @inline(__always) func holds(_ order: Int) -> Bool {
        switch self {
        case .equal: order == 0
        case .notEqual: order != 0
        case .less: order < 0
        case .lessOrEqual: order <= 0
        case .greater: order > 0
        case .greaterOrEqual: order >= 0
        }
    }
}

struct FilterLexer {
    static let keywords: Set<String> = ["and", "or", "not", "in", "is", "missing", "true", "false"]

    let expression: String
    private var chars: [Unicode.Scalar]
    private var i = 0

    init(_ expression: String) {
        self.expression = expression
        self.chars = Array(expression.unicodeScalars)
    }

    func error(_ message: String, at index: Int, hint: String? = nil) -> FilterError {
        FilterError(message: message, expression: expression, position: index + 1, hint: hint)
    }

    /// A scalar with full-width ASCII forms (U+FF01…U+FF5E) and the ideographic space folded to ASCII.
    static func folded(_ c: Unicode.Scalar) -> Unicode.Scalar {
        if (0xFF01...0xFF5E).contains(c.value) { return Unicode.Scalar(c.value - 0xFEE0)! }
        if c.value == 0x3000 { return " " }
        return c
    }

    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c == "#" || c.properties.isAlphabetic
    }

    static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c == "." || c.properties.isAlphabetic || c.properties.numericType != nil
    }

    mutating func tokens() throws(FilterError) -> [FilterToken] {
        var out: [FilterToken] = []
        while true {
            let t = try next(previous: out.last?.kind)
            out.append(t)
            if t.kind == .end { return out }
        }
    }

    private func peek(_ k: Int = 0) -> Unicode.Scalar? {
        i + k < chars.count ? FilterLexer.folded(chars[i + k]) : nil
    }

    private mutating func next(previous: FilterToken.Kind?) throws(FilterError) -> FilterToken {
        while let c = peek(), c.properties.isWhitespace { i += 1 }
        let start = i
        guard let c = peek() else { return FilterToken(kind: .end, position: i + 1) }
        func token(_ k: FilterToken.Kind, length: Int = 1) -> FilterToken { i += length; return FilterToken(kind: k, position: start + 1) }
        switch c {
        case "(": return token(.leftParen)
        case ")": return token(.rightParen)
        case "[": return token(.leftBracket)
        case "]": return token(.rightBracket)
        case ",", "、": return token(.comma)
        case "=": return token(.op(.equal), length: peek(1) == "=" ? 2 : 1)
        case "!":
            if peek(1) == "=" { return token(.op(.notEqual), length: 2) }
            throw error("\"!\" must be followed by \"=\"", at: start, hint: "use != for \"not equal\", or the word not")
        case "<":
            if peek(1) == "=" { return token(.op(.lessOrEqual), length: 2) }
            if peek(1) == ">" { return token(.op(.notEqual), length: 2) }
            return token(.op(.less))
        case ">":
            if peek(1) == "=" { return token(.op(.greaterOrEqual), length: 2) }
            return token(.op(.greater))
        case "≠": return token(.op(.notEqual))
        case "≤": return token(.op(.lessOrEqual))
        case "≥": return token(.op(.greaterOrEqual))
        case "'", "\"", "‘", "“": return try stringLiteral(open: c)
        case "`": return try backticked()
        default: break
        }
        if c.properties.numericType != nil && c.value < 0x80 || (c == "-" || c == "+" || c == ".") && peek(1).map({ $0.value < 0x80 && $0.properties.numericType != nil }) == true {
            return try numberOrDate()
        }
        if FilterLexer.isIdentifierStart(c) {
            var name = String.UnicodeScalarView()
            while true {
                if let d = peek(), FilterLexer.isIdentifierPart(d) || (d == "#" && name.isEmpty) {
                    name.append(chars[i])
                    i += 1
                } else if let unit = unitSuffix(after: String(name)) {
                    // 月工资（元）, 农民工总量(万人): a unit in parentheses written right after the name.
                    name.append(contentsOf: chars[i..<(i + unit)])
                    i += unit
                } else {
                    break
                }
            }
            var text = String(name)
            // A period key: COL:year, COL:quarter, COL:month, COL:day.
            if peek() == ":" {
                var j = i + 1
                var period = ""
                while j < chars.count, FilterLexer.folded(chars[j]).properties.isAlphabetic { period.unicodeScalars.append(FilterLexer.folded(chars[j])); j += 1 }
                if KeySpec.Period(rawValue: period.lowercased()) != nil {
                    text += ":" + period
                    i = j
                }
            }
            let lower = text.lowercased()
            if FilterLexer.keywords.contains(lower) { return FilterToken(kind: .keyword(lower), position: start + 1) }
            return FilterToken(kind: .identifier(text), position: start + 1)
        }
        throw error("unexpected character \"\(Character(chars[start]))\"", at: start,
                    hint: "write column names that hold spaces or symbols in backticks: `月工资(元)`")
    }

    /// The length of a parenthesized unit (`（万人）`, `(元)`, `（%）`) starting right at the cursor,
    /// when it belongs to the name before it: no blank before it, none inside, no operator or
    /// quote inside, and the name is not a keyword (`not(` stays a parenthesis). Grouping
    /// parentheses are written after a blank or an operator, so the two do not collide.
    private func unitSuffix(after name: String) -> Int? {
        guard !name.isEmpty, !FilterLexer.keywords.contains(name.lowercased()), peek() == "(" else { return nil }
        var j = i + 1
        while j < chars.count {
            let c = FilterLexer.folded(chars[j])
            if c == ")" { return j > i + 1 ? j + 1 - i : nil }
            if c.properties.isWhitespace || "()=<>!,[]'\"`‘’“”≠≤≥".unicodeScalars.contains(c) { return nil }
            j += 1
        }
        return nil
    }

    private mutating func stringLiteral(open: Unicode.Scalar) throws(FilterError) -> FilterToken {
        let start = i
        let close: Unicode.Scalar = open == "‘" ? "’" : open == "“" ? "”" : open
        i += 1
        var s = String.UnicodeScalarView()
        while i < chars.count {
            let c = chars[i]   // no folding inside strings
            if c == close {
                if close == open, i + 1 < chars.count, chars[i + 1] == close { s.append(c); i += 2; continue }  // '' inside '…'
                i += 1
                return FilterToken(kind: .string(String(s)), position: start + 1)
            }
            if c == "\\", i + 1 < chars.count { s.append(chars[i + 1]); i += 2; continue }
            s.append(c)
            i += 1
        }
        throw error("string not closed: missing \(close)", at: start)
    }

    private mutating func backticked() throws(FilterError) -> FilterToken {
        let start = i
        i += 1
        var s = String.UnicodeScalarView()
        while i < chars.count {
            if chars[i] == "`" {
                if i + 1 < chars.count, chars[i + 1] == "`" { s.append("`"); i += 2; continue }
                i += 1
                var text = String(s)
                if text.isEmpty { throw error("empty column name", at: start) }
                // `COL`:year
                if peek() == ":" {
                    var j = i + 1
                    var period = ""
                    while j < chars.count, chars[j].properties.isAlphabetic { period.unicodeScalars.append(chars[j]); j += 1 }
                    if KeySpec.Period(rawValue: period.lowercased()) != nil { text += ":" + period; i = j }
                }
                return FilterToken(kind: .identifier(text), position: start + 1)
            }
            s.append(chars[i])
            i += 1
        }
        throw error("column name not closed: missing `", at: start)
    }

    /// A number (`12`, `-3.5`, `1e6`, `2.84万`, `1.5亿`, `12%`) or a date (`2015-01-01`, `2015/1/1`,
    /// `2015-01`, `2015Q1`).
    private mutating func numberOrDate() throws(FilterError) -> FilterToken {
        let start = i
        func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { ("0"..."9").contains($0) } ?? false }
        func digits() -> String {
            var s = ""
            while let c = peek(), isDigit(c) { s.unicodeScalars.append(c); i += 1 }
            return s
        }
        var text = ""
        if let c = peek(), c == "-" || c == "+" { text.unicodeScalars.append(c); i += 1 }
        let whole = digits()
        text += whole
        // Dates start with four digits and a separator.
        if text == whole, whole.count == 4, let sep = peek(), sep == "-" || sep == "/", isDigit(peek(1)) {
            i += 1
            let month = digits()
            var day: String? = nil
            if peek() == sep, isDigit(peek(1)) { i += 1; day = digits() }
            let y = Int(whole)!, m = Int(month) ?? 0, d = day.flatMap { Int($0) } ?? 1
            let literal = String(String.UnicodeScalarView(chars[start..<i].map(FilterLexer.folded)))
            guard CivilDate.isValid(year: y, month: m, day: d) else {
                throw error("\(literal) is not a valid date", at: start)
            }
            return FilterToken(kind: .date(CivilDate.days(year: y, month: m, day: d), day == nil ? .month : .day, text: literal), position: start + 1)
        }
        if text == whole, whole.count == 4, let q = peek(), q == "Q" || q == "q", let n = peek(1), ("1"..."4").contains(n) {
            i += 2
            let quarter = Int(n.value - 0x30)
            return FilterToken(kind: .date(CivilDate.days(year: Int(whole)!, month: quarter * 3 - 2, day: 1), .quarter, text: "\(whole)Q\(quarter)"), position: start + 1)
        }
        if peek() == ".", isDigit(peek(1)) { i += 1; text += "." + digits() }
        if let e = peek(), e == "e" || e == "E" {
            var j = 1
            if let s = peek(1), s == "-" || s == "+" { j = 2 }
            if isDigit(peek(j)) {
                text.unicodeScalars.append(e)
                if j == 2 { text.unicodeScalars.append(peek(1)!) }
                i += j
                text += digits()
            }
        }
        guard var value = Double(text) else { throw error("cannot read \"\(text)\" as a number", at: start) }
        switch peek() {
        case "万": value *= 1e4; i += 1; text += "万"
        case "亿": value *= 1e8; i += 1; text += "亿"
        case "%": value /= 100; i += 1; text += "%"
        default: break
        }
        if let c = peek(), FilterLexer.isIdentifierPart(c) {
            throw error("a name cannot start with a digit", at: start, hint: "write such a column name in backticks: `\(text)…`")
        }
        return FilterToken(kind: .number(value, text: text), position: start + 1)
    }
}
