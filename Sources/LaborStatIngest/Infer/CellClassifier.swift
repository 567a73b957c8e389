import LaborStatTable

/// What one cell is, read without knowing its column's type.
struct CellValue {
    enum Kind: UInt8 {
        case missing, integer, decimal, date, boolean
        /// Looks like a number (a digit, a Chinese numeral, 万/亿) but does not read as one.
        case badNumber
        /// Reads as a date form but names no real day (`2023-02-30`).
        case badDate
        /// Anything else.
        case text
    }
    var kind: Kind
    var int: Int64 = 0
    var double: Double = 0
    var days: Int32 = 0
    var precision: DatePrecision = .day
    var bool = false
    var unit: NumberUnit = .none
    var reason: CellReason = .none
    /// Written like an identifier (`IdentifierPattern.matches`).
    var identifier = false
}

/// Trimming, missing tokens and per-cell reading, shared by the CSV and XLSX paths.
///
/// Missing (always): the empty cell, `NA`, `N/A`, `NaN`, `null` (any letter case), `-`, `—`, `——`,
/// `－`, `无`, `空`, plus `ReadOptions.missingTokens`. Typed values are read after trimming spaces,
/// tabs, no-break spaces and the full-width space U+3000 at both ends.
struct CellClassifier: Sendable {
    let extraMissing: [[UInt8]]
    let keepText: Bool

    init(options: ReadOptions) {
        keepText = options.keepText
        extraMissing = options.missingTokens.map { Array($0.utf8) }.filter { !$0.isEmpty }
    }

    /// Trims spaces at both ends: returns the new start and length.
    @inline(__always) static func trim(_ p: UnsafePointer<UInt8>, _ n: Int) -> (Int, Int) {
        var lo = 0, hi = n
        while lo < hi {
            let b = p[lo]
            if b == 0x20 || b == 0x09 { lo += 1; continue }
            if b == 0xE3 && lo + 2 < hi && p[lo + 1] == 0x80 && p[lo + 2] == 0x80 { lo += 3; continue }
            if b == 0xC2 && lo + 1 < hi && p[lo + 1] == 0xA0 { lo += 2; continue }
            break
        }
        while hi > lo {
            let b = p[hi - 1]
            if b == 0x20 || b == 0x09 { hi -= 1; continue }
            if b == 0x80 && hi - 3 >= lo && p[hi - 3] == 0xE3 && p[hi - 2] == 0x80 { hi -= 3; continue }
            if b == 0xA0 && hi - 2 >= lo && p[hi - 2] == 0xC2 { hi -= 2; continue }
            break
        }
        return (lo, hi - lo)
    }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b | ((b &- 65 < 26) ? 0x20 : 0) }

    @inline(__always) static func equalsFolded(_ p: UnsafePointer<UInt8>, _ n: Int, _ s: StaticString) -> Bool {
        guard n == s.utf8CodeUnitCount else { return false }
        let q = s.utf8Start
        for k in 0..<n where lower(p[k]) != q[k] { return false }
        return true
    }

    @inline(__always) static func equals(_ p: UnsafePointer<UInt8>, _ n: Int, _ s: StaticString) -> Bool {
        guard n == s.utf8CodeUnitCount else { return false }
        let q = s.utf8Start
        for k in 0..<n where p[k] != q[k] { return false }
        return true
    }

    /// Whether a trimmed cell is a missing-value token.
    @inline(__always) func isMissing(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        if n == 0 { return true }
        if keepText { return false }
        if !extraMissing.isEmpty {
            for t in extraMissing where t.count == n {
                if t.withUnsafeBufferPointer({ memEqual($0.baseAddress!, p, n) }) { return true }
            }
        }
        if n > 6 { return false }
        switch p[0] {
        case UInt8(ascii: "-"): return n == 1
        case UInt8(ascii: "N"), UInt8(ascii: "n"):
            return Self.equalsFolded(p, n, "na") || Self.equalsFolded(p, n, "n/a") || Self.equalsFolded(p, n, "nan")
                || Self.equalsFolded(p, n, "null")
        case 0xE2: return Self.equals(p, n, "—") || Self.equals(p, n, "——")
        case 0xEF: return Self.equals(p, n, "－")
        case 0xE6: return Self.equals(p, n, "无")
        case 0xE7: return Self.equals(p, n, "空")
        default: return false
        }
    }

    @inline(__always) func memEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        for k in 0..<n where a[k] != b[k] { return false }
        return true
    }

    /// Reads a trimmed, non-missing cell.
    @inline(__always) func classify(_ p: UnsafePointer<UInt8>, _ n: Int) -> CellValue {
        let b = p[0]
        // Numbers start with a digit, a sign, a point, a full-width form (EF) or ¥ (C2).
        let numberStart = b &- 48 < 10 || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
            || b == 0xEF || b == 0xC2 || b == 0xE2
        var looks = false
        var numberReason = CellReason.none
        if numberStart && b &- 48 < 10 && (n == 18 || n == 15 || n == 11 || (b == 48 && n > 1 && p[1] &- 48 < 10)),
           IdentifierPattern.matches(p, n) {
            var v = n == 18 && !(p[17] &- 48 < 10) ? CellValue(kind: .badNumber, reason: .notNumber) : {
                let r = NumberParser.parse(p, n)
                return r.kind == .integer ? CellValue(kind: .integer, int: r.int, double: r.double, unit: r.unit) : CellValue(kind: .badNumber, reason: r.reason)
            }()
            v.identifier = true
            return v
        }
        if numberStart {
            // YYYY-MM-DD and other dates also start with a digit; try the date fast path first for them.
            if n >= 6 && n <= 40 && (b == 0xEF || (b &- 48 < 10 && (p[4] == UInt8(ascii: "-") || p[4] == UInt8(ascii: "/")
                || p[4] == UInt8(ascii: "Q") || p[4] == UInt8(ascii: "q") || p[4] == 0xE5))) {
                let d = DateParser.parse(p, n)
                switch d.kind {
                case .date: return CellValue(kind: .date, days: d.days, precision: d.precision)
                case .problem: return CellValue(kind: .badDate, reason: d.reason)
                case .notDate: break
                }
            }
            let r = NumberParser.parse(p, n)
            switch r.kind {
            case .integer: return CellValue(kind: .integer, int: r.int, double: r.double, unit: r.unit)
            case .decimal: return CellValue(kind: .decimal, double: r.double, unit: r.unit)
            case .notNumber, .problem:
                looks = r.looksNumeric
                numberReason = r.reason
            }
        }
        // Booleans.
        switch n {
        case 2: if Self.equalsFolded(p, n, "no") { return CellValue(kind: .boolean, bool: false) }
        case 3:
            if Self.equals(p, n, "是") { return CellValue(kind: .boolean, bool: true) }
            if Self.equals(p, n, "否") { return CellValue(kind: .boolean, bool: false) }
            if Self.equalsFolded(p, n, "yes") { return CellValue(kind: .boolean, bool: true) }
        case 4: if Self.equalsFolded(p, n, "true") { return CellValue(kind: .boolean, bool: true) }
        case 5: if Self.equalsFolded(p, n, "false") { return CellValue(kind: .boolean, bool: false) }
        default: break
        }
        if !numberStart {
            let (l, approx, chinese) = NumberParser.looksNumeric(p, n)
            looks = l
            numberReason = approx ? .approximate : chinese ? .chineseNumerals : .notNumber
        }
        if looks { return CellValue(kind: .badNumber, reason: numberReason) }
        return CellValue(kind: .text)
    }
}
