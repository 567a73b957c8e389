import LaborStatTable

/// The outcome of reading one (trimmed) cell as a date.
struct ParsedDate {
    enum Kind: UInt8 { case date, notDate, problem }
    var kind: Kind
    var days: Int32 = 0
    var precision: DatePrecision = .day
    var reason: CellReason = .none
}

/// Reads the date forms of the contract from UTF-8 bytes, without formatters:
///
/// | form | precision |
/// |---|---|
/// | `2013-12-09`, `2013/12/9`, `2013年12月9日` (optionally followed by a time, which is dropped) | day |
/// | `2013-12`, `2013/12`, `2013年12月` | month |
/// | `2013Q4`, `2013-Q4`, `2013年第4季度`, `2013年4季度` | quarter |
/// | `2013年` | year |
///
/// A bare `2013` is an integer, not a date (a column of years stays an integer column). Digits may be
/// full-width. A form that reads but names no real day (`2023-02-30`, month 13) is a `.problem`.
enum DateParser {
    /// Reads up to `maxDigits` digits (ASCII or full-width) at `i`.
    @inline(__always) static func number(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int, maxDigits: Int, minDigits: Int = 1) -> Int? {
        var v = 0, count = 0
        while i < n && count < maxDigits, let (d, w) = NumberParser.digit(p, i, n) {
            v = v * 10 + d; i += w; count += 1
        }
        return count < minDigits ? nil : v
    }

    @inline(__always) static func lit(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int, _ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        if NumberParser.matches(p, i, n, a, b, c) { i += 3; return true }
        return false
    }

    static func parse(_ p: UnsafePointer<UInt8>, _ n: Int) -> ParsedDate {
        // Fast path: YYYY-MM-DD in ASCII.
        if n == 10 && p[4] == UInt8(ascii: "-") && p[7] == UInt8(ascii: "-") {
            @inline(__always) func d(_ k: Int) -> Int { Int(p[k] &- 48) }
            if p[0] &- 48 < 10 && p[1] &- 48 < 10 && p[2] &- 48 < 10 && p[3] &- 48 < 10 && p[5] &- 48 < 10
                && p[6] &- 48 < 10 && p[8] &- 48 < 10 && p[9] &- 48 < 10 {
                let y = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3)
                return make(y, d(5) * 10 + d(6), d(8) * 10 + d(9))
            }
        }
        var i = 0
        guard let year = number(p, &i, n, maxDigits: 4, minDigits: 4) else { return ParsedDate(kind: .notDate) }
        guard i < n else { return ParsedDate(kind: .notDate) }   // a bare year is an integer
        let b = p[i]
        if b == UInt8(ascii: "-") || b == UInt8(ascii: "/") {
            let sep = b
            i += 1
            if i < n && (p[i] == UInt8(ascii: "Q") || p[i] == UInt8(ascii: "q")) {
                i += 1
                guard let q = number(p, &i, n, maxDigits: 1), i == n else { return ParsedDate(kind: .notDate) }
                return quarter(year, q)
            }
            guard let m = number(p, &i, n, maxDigits: 2) else { return ParsedDate(kind: .notDate) }
            if i == n { return month(year, m) }
            guard p[i] == sep else { return ParsedDate(kind: .notDate) }
            i += 1
            guard let d = number(p, &i, n, maxDigits: 2) else { return ParsedDate(kind: .notDate) }
            if i == n || timeFollows(p, i, n) { return make(year, m, d) }
            return ParsedDate(kind: .notDate)
        }
        if b == UInt8(ascii: "Q") || b == UInt8(ascii: "q") {
            i += 1
            guard let q = number(p, &i, n, maxDigits: 1), i == n else { return ParsedDate(kind: .notDate) }
            return quarter(year, q)
        }
        // 年 E5 B9 B4, 月 E6 9C 88, 日 E6 97 A5, 号 E5 8F B7, 第 E7 AC AC, 季 E5 AD A3, 度 E5 BA A6
        guard lit(p, &i, n, 0xE5, 0xB9, 0xB4) else { return ParsedDate(kind: .notDate) }
        if i == n { return ParsedDate(kind: .date, days: CivilDate.days(year: year, month: 1, day: 1), precision: .year) }
        let hadOrdinal = lit(p, &i, n, 0xE7, 0xAC, 0xAC)
        if i < n && (p[i] == UInt8(ascii: "Q") || p[i] == UInt8(ascii: "q")) && !hadOrdinal {
            i += 1
            guard let q = number(p, &i, n, maxDigits: 1), i == n else { return ParsedDate(kind: .notDate) }
            return quarter(year, q)
        }
        guard let v = number(p, &i, n, maxDigits: 2) else { return ParsedDate(kind: .notDate) }
        if lit(p, &i, n, 0xE5, 0xAD, 0xA3) {
            guard lit(p, &i, n, 0xE5, 0xBA, 0xA6) || i == n, i == n else { return ParsedDate(kind: .notDate) }
            return quarter(year, v)
        }
        if hadOrdinal { return ParsedDate(kind: .notDate) }
        guard lit(p, &i, n, 0xE6, 0x9C, 0x88) else { return ParsedDate(kind: .notDate) }
        if i == n { return month(year, v) }
        guard let d = number(p, &i, n, maxDigits: 2) else { return ParsedDate(kind: .notDate) }
        if !(lit(p, &i, n, 0xE6, 0x97, 0xA5) || lit(p, &i, n, 0xE5, 0x8F, 0xB7)) { return ParsedDate(kind: .notDate) }
        if i == n || timeFollows(p, i, n) { return make(year, v, d) }
        return ParsedDate(kind: .notDate)
    }

    /// `[ T]HH:MM[:SS[.fff]]` after a day: accepted and dropped (the table model keeps days).
    static func timeFollows(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Bool {
        guard p[i] == UInt8(ascii: " ") || p[i] == UInt8(ascii: "T") else { return false }
        var j = i + 1
        while j < n && p[j] == UInt8(ascii: " ") { j += 1 }
        guard let h = number(p, &j, n, maxDigits: 2), j < n, p[j] == UInt8(ascii: ":") else { return false }
        j += 1
        guard let mi = number(p, &j, n, maxDigits: 2), h < 24, mi < 60 else { return false }
        if j < n && p[j] == UInt8(ascii: ":") {
            j += 1
            guard let s = number(p, &j, n, maxDigits: 2), s < 61 else { return false }
            if j < n && p[j] == UInt8(ascii: ".") { j += 1; while j < n && p[j] &- 48 < 10 { j += 1 } }
        }
        return j == n
    }

    static func make(_ y: Int, _ m: Int, _ d: Int) -> ParsedDate {
        guard (1...12).contains(m) else { return ParsedDate(kind: .problem, reason: .noSuchMonth) }
        guard CivilDate.isValid(year: y, month: m, day: d) else { return ParsedDate(kind: .problem, reason: .noSuchDay) }
        return ParsedDate(kind: .date, days: CivilDate.days(year: y, month: m, day: d), precision: .day)
    }

    static func month(_ y: Int, _ m: Int) -> ParsedDate {
        guard (1...12).contains(m) else { return ParsedDate(kind: .problem, reason: .noSuchMonth) }
        return ParsedDate(kind: .date, days: CivilDate.days(year: y, month: m, day: 1), precision: .month)
    }

    static func quarter(_ y: Int, _ q: Int) -> ParsedDate {
        guard (1...4).contains(q) else { return ParsedDate(kind: .problem, reason: .noSuchQuarter) }
        return ParsedDate(kind: .date, days: CivilDate.days(year: y, month: (q - 1) * 3 + 1, day: 1), precision: .quarter)
    }
}
