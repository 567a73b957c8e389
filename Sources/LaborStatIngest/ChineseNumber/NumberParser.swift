#if canImport(Glibc)
import Glibc
#endif

/// Units a number cell may carry; `万`/`亿` are scales, not units (`4826.07万元` is 48 260 700 元).
public enum NumberUnit: UInt8, Sendable, CaseIterable {
    case none = 0, yuan, person, personTime, household, piece, percent

    /// The text kept as `Column.unit`.
    public var text: String? {
        switch self {
        case .none: nil
        case .yuan: "元"
        case .person: "人"
        case .personTime: "人次"
        case .household: "户"
        case .piece: "个"
        case .percent: "%"
        }
    }
}

/// The outcome of reading one (trimmed) cell as a number.
struct ParsedNumber {
    enum Kind: UInt8 { case integer, decimal, notNumber, problem }
    var kind: Kind
    var int: Int64 = 0
    var double: Double = 0
    var unit: NumberUnit = .none
    /// For `.notNumber`: whether the text looks like an amount (has a digit, a Chinese numeral, 万, 亿).
    var looksNumeric = false
    /// For `.notNumber` that looks numeric: why the text is not a number.
    var reason: CellReason = .none
}

/// Reads numbers as Chinese offices write them, from UTF-8 bytes, without allocating.
///
/// Grammar (after trimming): `[sign] digits [(.|．) digits] [e[sign]digits] [万|亿|万亿] [元|人|人次|户|个]`,
/// or `[sign] number (%|％)`, or `(¥|￥) number`. Digits may be ASCII or full-width (`０`–`９`), the
/// sign `-`, `+`, `−` (U+2212), `－`, `＋`; thousands separators `,`/`，` are allowed in the integer
/// part in groups of three (`3,500`, `1,234,567.8`).
///
/// Values: `2.84万` = 28 400 (an integer, being whole), `1.5亿` = 150 000 000, `12%` = 0.12 (unit `%`),
/// `4826.07万元` = 48 260 700 (unit 元). The value is exact for up to 15 significant digits and a
/// decimal exponent within ±22 (one correctly rounded multiplication or division by an exact power
/// of ten — Clinger's fast path); otherwise `strtod` reads the digits.
///
/// Cells that almost parse are `.problem` with a reason: approximate amounts (`十多万`, `2万多`, `3万余`,
/// `几千`, `约5万`, `5万左右`), Chinese numerals (`三万`), malformed numbers (`1.2.3`, `1,23`).
enum NumberParser {
    static let exactPowers: [Double] = (0...22).map { p in var v = 1.0; for _ in 0..<p { v *= 10 }; return v }

    @inline(__always) static func digit(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (Int, Int)? {
        let b = p[i]
        if b &- 48 < 10 { return (Int(b &- 48), 1) }
        // Full-width ０–９: EF BC 90–99
        if b == 0xEF, i + 2 < n, p[i + 1] == 0xBC, p[i + 2] &- 0x90 < 10 { return (Int(p[i + 2] &- 0x90), 3) }
        return nil
    }

    @inline(__always) static func matches(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, _ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        i + 2 < n && p[i] == a && p[i + 1] == b && p[i + 2] == c
    }

    /// Parses `n` bytes at `p` (already trimmed, not a missing token).
    static func parse(_ p: UnsafePointer<UInt8>, _ n: Int) -> ParsedNumber {
        // Fast path: ASCII `[-]digits[.digits]` with at most 15 digits, the bulk of real files.
        do {
            var i = 0
            let negative = p[0] == UInt8(ascii: "-")
            if negative { i = 1 }
            var m: UInt64 = 0
            var digits = 0, fraction = 0
            var point = false
            while i < n {
                let d = p[i] &- 48
                if d < 10 { m = m &* 10 &+ UInt64(d); digits += 1; if point { fraction += 1 }; i += 1; continue }
                if p[i] == UInt8(ascii: ".") && !point { point = true; i += 1; continue }
                break
            }
            if i == n && digits > 0 && digits <= 15 {
                if !point {
                    let v = negative ? -Int64(m) : Int64(m)
                    return ParsedNumber(kind: .integer, int: v, double: Double(v))
                }
                var v = Double(m) / exactPowers[fraction]
                if negative { v = -v }
                return ParsedNumber(kind: .decimal, double: v)
            }
        }
        var i = 0
        var negative = false
        var unit = NumberUnit.none
        // Currency prefix ¥ (C2 A5) / ￥ (EF BF A5).
        if n >= 2 && p[0] == 0xC2 && p[1] == 0xA5 { i = 2; unit = .yuan }
        else if matches(p, 0, n, 0xEF, 0xBF, 0xA5) { i = 3; unit = .yuan }
        if i < n {
            let b = p[i]
            if b == UInt8(ascii: "-") { negative = true; i += 1 }
            else if b == UInt8(ascii: "+") { i += 1 }
            else if matches(p, i, n, 0xE2, 0x88, 0x92) || matches(p, i, n, 0xEF, 0xBC, 0x8D) { negative = true; i += 3 } // − －
            else if matches(p, i, n, 0xEF, 0xBC, 0x8B) { i += 3 } // ＋
        }
        let mantissaStart = i
        var mantissa: UInt64 = 0
        var significant = 0        // digits accumulated into mantissa (after leading zeros)
        var dropped = 0            // integer digits beyond 19 (exponent adjustment)
        var exp10 = 0
        var sawDigit = false
        var sawPoint = false
        var fractionDigits = 0
        var groupLen = 0           // digits since the last thousands separator
        var sawSeparator = false
        var firstGroup = 0
        var exact = true
        while i < n {
            if let (d, w) = digit(p, i, n) {
                sawDigit = true
                i += w
                if !sawPoint { groupLen += 1 } else { fractionDigits += 1 }
                if mantissa == 0 && d == 0 {
                    if sawPoint { exp10 -= 1 }
                    continue
                }
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    significant += 1
                    if sawPoint { exp10 -= 1 }
                } else {
                    if d != 0 { exact = false }
                    if !sawPoint { dropped += 1 }
                }
                continue
            }
            let b = p[i]
            if b == UInt8(ascii: ".") || matches(p, i, n, 0xEF, 0xBC, 0x8E) {
                if sawPoint { return problemOrText(p, n, reason: .twoPoints) }
                if sawSeparator && groupLen != 3 { return problemOrText(p, n, reason: .separator) }
                sawPoint = true
                i += b == UInt8(ascii: ".") ? 1 : 3
                continue
            }
            if b == UInt8(ascii: ",") || matches(p, i, n, 0xEF, 0xBC, 0x8C) {
                if sawPoint || !sawDigit { return problemOrText(p, n, reason: .separator) }
                if sawSeparator { if groupLen != 3 { return problemOrText(p, n, reason: .separator) } }
                else { firstGroup = groupLen; if firstGroup > 3 { return problemOrText(p, n, reason: .separator) } }
                sawSeparator = true
                groupLen = 0
                i += b == UInt8(ascii: ",") ? 1 : 3
                continue
            }
            break
        }
        let mantissaEnd = i
        var exponentAdjust = 0      // explicit exponent + scale − 2 for percent
        if !sawDigit { return problemOrText(p, n, reason: .none) }
        if sawSeparator && !sawPoint && groupLen != 3 { return problemOrText(p, n, reason: .separator) }
        exp10 += dropped
        var isInteger = !sawPoint
        var scaled = false
        // Exponent.
        if i < n && (p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E")) {
            var j = i + 1
            var eneg = false
            if j < n && (p[j] == UInt8(ascii: "-") || p[j] == UInt8(ascii: "+")) { eneg = p[j] == UInt8(ascii: "-"); j += 1 }
            var e = 0
            var any = false
            while j < n, p[j] &- 48 < 10 { e = min(e * 10 + Int(p[j] &- 48), 100_000); j += 1; any = true }
            if !any { return problemOrText(p, n, reason: .malformed) }
            exp10 += eneg ? -e : e
            exponentAdjust += eneg ? -e : e
            i = j
            isInteger = false
        }
        // Scale: 万 (E4 B8 87), 亿 (E4 BA BF), 万亿.
        if matches(p, i, n, 0xE4, 0xB8, 0x87) {
            i += 3; exp10 += 4; exponentAdjust += 4; scaled = true
            if matches(p, i, n, 0xE4, 0xBA, 0xBF) { i += 3; exp10 += 8; exponentAdjust += 8 }
        } else if matches(p, i, n, 0xE4, 0xBA, 0xBF) {
            i += 3; exp10 += 8; exponentAdjust += 8; scaled = true
        }
        // Unit.
        if i < n {
            if p[i] == UInt8(ascii: "%") || matches(p, i, n, 0xEF, 0xBC, 0x85) {
                if scaled || unit != .none { return problemOrText(p, n, reason: .malformed) }
                i += p[i] == UInt8(ascii: "%") ? 1 : 3
                unit = .percent
                exp10 -= 2
                exponentAdjust -= 2
                isInteger = false
            } else if matches(p, i, n, 0xE5, 0x85, 0x83) { i += 3; unit = .yuan }          // 元
            else if matches(p, i, n, 0xE4, 0xBA, 0xBA) {                                  // 人, 人次
                i += 3; unit = .person
                if matches(p, i, n, 0xE6, 0xAC, 0xA1) { i += 3; unit = .personTime }
            }
            else if matches(p, i, n, 0xE6, 0x88, 0xB7) { i += 3; unit = .household }     // 户
            else if matches(p, i, n, 0xE4, 0xB8, 0xAA) { i += 3; unit = .piece }         // 个
        }
        if i != n { return problemOrText(p, n, reason: .none) }

        // A scaled value that is whole stays an integer: 2.84万 = 28400.
        if scaled && !isInteger {
            var m = mantissa, e = exp10
            while e < 0 && m != 0 && m % 10 == 0 { m /= 10; e += 1 }
            if e >= 0 && exact { mantissa = m; exp10 = e; isInteger = true }
            else if m == 0 { mantissa = 0; exp10 = 0; isInteger = true }
        }
        if isInteger && exact {
            // mantissa × 10^exp10 as Int64, if it fits.
            var v = mantissa
            var ok = exp10 >= 0 || mantissa == 0
            if ok && mantissa != 0 {
                for _ in 0..<exp10 {
                    let (r, o) = v.multipliedReportingOverflow(by: 10)
                    if o { ok = false; break }
                    v = r
                }
            }
            if ok && v <= UInt64(Int64.max) {
                let iv = negative ? -Int64(v) : Int64(v)
                return ParsedNumber(kind: .integer, int: iv, double: Double(iv), unit: unit)
            }
        }
        var value: Double
        if exact && mantissa < (1 << 53) && exp10 >= -22 && exp10 <= 22 {
            value = Double(mantissa)
            if exp10 >= 0 { value *= exactPowers[exp10] } else { value /= exactPowers[-exp10] }
        } else {
            value = slowValue(p, from: mantissaStart, to: mantissaEnd, exponent: exponentAdjust)
        }
        if negative { value = -value }
        return ParsedNumber(kind: .decimal, int: 0, double: value, unit: unit)
    }

    /// Correctly rounded value via `strtod` for long mantissas or large exponents: the mantissa's
    /// digits `p[from..<to]` are re-collected as ASCII (no separators, `.` for the point) and
    /// `exponent` (explicit exponent, scale, percent) is appended.
    static func slowValue(_ p: UnsafePointer<UInt8>, from: Int, to: Int, exponent: Int) -> Double {
        var s: [UInt8] = []
        s.reserveCapacity(to - from + 16)
        var i = from
        while i < to {
            if let (d, w) = digit(p, i, to) { s.append(UInt8(48 + d)); i += w; continue }
            if p[i] == UInt8(ascii: ".") { s.append(UInt8(ascii: ".")); i += 1; continue }
            if matches(p, i, to, 0xEF, 0xBC, 0x8E) { s.append(UInt8(ascii: ".")); i += 3; continue }
            i += p[i] == UInt8(ascii: ",") ? 1 : 3   // , or ，
        }
        s.append(UInt8(ascii: "e"))
        s.append(contentsOf: Array(String(exponent).utf8))
        s.append(0)
        return s.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { strtod($0, nil) }
        }
    }

    /// A failed parse: a `.problem` when the text looks like an amount, else `.notNumber`.
    static func problemOrText(_ p: UnsafePointer<UInt8>, _ n: Int, reason: CellReason) -> ParsedNumber {
        let (looks, approximate, chinese) = looksNumeric(p, n)
        guard looks else { return ParsedNumber(kind: .notNumber) }
        var r = ParsedNumber(kind: .notNumber)
        r.looksNumeric = true
        if approximate { r.reason = .approximate }
        else if chinese { r.reason = .chineseNumerals }
        else if reason != .none { r.reason = reason }
        else { r.reason = .notNumber }
        return r
    }

    /// Whether text looks like an amount: it has a digit (ASCII or full-width), a Chinese numeral,
    /// 万 or 亿. Also says whether it marks an approximation (多, 余, 几, 约, 左右, 上下, 来) and
    /// whether it uses Chinese numerals.
    static func looksNumeric(_ p: UnsafePointer<UInt8>, _ n: Int) -> (Bool, Bool, Bool) {
        var looks = false, approx = false, chinese = false
        var i = 0
        while i < n {
            let b = p[i]
            if b &- 48 < 10 { looks = true; i += 1; continue }
            if b < 0x80 { i += 1; continue }
            // Decode one scalar.
            var len = 1
            var v: UInt32 = 0
            if b & 0xE0 == 0xC0, i + 1 < n { len = 2; v = UInt32(b & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F) }
            else if b & 0xF0 == 0xE0, i + 2 < n { len = 3; v = UInt32(b & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F) }
            else if b & 0xF8 == 0xF0 { len = 4 }
            i += len
            switch v {
            case 0xFF10...0xFF19: looks = true
            case 0x4E07, 0x4EBF: looks = true; chinese = chinese || false     // 万 亿
            case 0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341,
                 0x767E, 0x5343, 0x4E24, 0x58F9, 0x8D30, 0x53C1, 0x8086, 0x4F0D, 0x9646, 0x67D2, 0x634C,
                 0x7396, 0x62FE, 0x4F70, 0x4EDF:
                // 〇一二三四五六七八九十百千两 and the financial forms 壹贰叁肆伍陆柒捌玖拾佰仟
                looks = true; chinese = true
            case 0x591A, 0x4F59, 0x51E0, 0x7EA6, 0x5DE6, 0x6765:               // 多 余 几 约 左(右) 来
                approx = true
            default: break
            }
        }
        if approx && !looks { approx = false }
        return (looks, approx, chinese)
    }
}

/// Why a cell does not read as its column's type (a code, so that reading a cell allocates nothing).
enum CellReason: UInt8, Sendable {
    case none, approximate, chineseNumerals, twoPoints, separator, malformed, notNumber
    case noSuchDay, noSuchMonth, noSuchQuarter

    var text: String {
        switch self {
        case .none: ""
        case .approximate: "an approximate amount"
        case .chineseNumerals: "a number written in Chinese numerals"
        case .twoPoints: "a malformed number (two decimal points)"
        case .separator: "a misplaced thousands separator"
        case .malformed: "a malformed number"
        case .notNumber: "not a number"
        case .noSuchDay: "no such day"
        case .noSuchMonth: "no such month"
        case .noSuchQuarter: "no such quarter"
        }
    }
}
