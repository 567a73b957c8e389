/// Number ↔ text rules shared by every writer: `.` as the decimal point, no thousands separator,
/// integers without `.0`, and by default the shortest text that reads back as the same double.
public enum NumberText {
    /// Shortest round-tripping text (Swift's `description`), without exponent for ordinary magnitudes
    /// and without a trailing `.0` on whole numbers.
    public static func shortest(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-Inf" : "Inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        let s = x.description
        guard let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return s }
        // Expand exponents for magnitudes people write out (1e-5 … 1e15).
        let exp = Int(s[s.index(after: e)...]) ?? 0
        if exp < -7 || exp >= 16 { return s }
        return plainDecimal(mantissa: String(s[..<e]), exponent: exp)
    }

    /// `digits` significant digits, plain decimal notation when reasonable.
    public static func significant(_ x: Double, digits: Int) -> String {
        if x.isNaN || x.isInfinite || x == 0 { return shortest(x) }
        let mag = Int((abs(x)).log10Floor)
        let decimals = max(0, digits - 1 - mag)
        if decimals > 17 || mag >= 16 { return shortest(x) }
        return fixed(x, decimals: decimals, trimZeros: true)
    }

    /// Exactly `decimals` digits after the point, rounding the shortest decimal text of `x` half away
    /// from zero (so 2.675, stored as 2.67499999…, prints as 2.68 as a person expects).
    public static func fixed(_ x: Double, decimals: Int, trimZeros: Bool = false) -> String {
        if x.isNaN || x.isInfinite { return shortest(x) }
        let text = exact(abs(x))
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var digits = Array(parts[0].utf8) + Array((parts.count > 1 ? String(parts[1]) : "").utf8)
        let intCount = parts[0].utf8.count
        let keep = intCount + decimals
        if digits.count < keep { digits += Array(repeating: UInt8(ascii: "0"), count: keep - digits.count) }
        var roundUp = digits.count > keep && digits[keep] >= UInt8(ascii: "5")
        digits = Array(digits[..<keep])
        var i = digits.count - 1
        while roundUp && i >= 0 {
            if digits[i] == UInt8(ascii: "9") { digits[i] = UInt8(ascii: "0"); i -= 1 } else { digits[i] += 1; roundUp = false }
        }
        var intDigits = String(decoding: digits[..<intCount], as: UTF8.self)
        if roundUp { intDigits = "1" + intDigits }
        if intDigits.isEmpty { intDigits = "0" }
        var frac = String(decoding: digits[intCount...], as: UTF8.self)
        if trimZeros { while frac.hasSuffix("0") { frac.removeLast() } }
        let body = frac.isEmpty ? intDigits : intDigits + "." + frac
        let negative = x < 0 && body.contains(where: { $0 != "0" && $0 != "." })
        return negative ? "-" + body : body
    }

    /// The shortest round-tripping text of a non-negative finite value in plain decimal notation.
    static func exact(_ x: Double) -> String {
        let s = x.description
        guard let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return s }
        return plainDecimal(mantissa: String(s[..<e]), exponent: Int(s[s.index(after: e)...]) ?? 0)
    }

    static func pow10(_ n: Int) -> Double {
        var p = 1.0
        for _ in 0..<n { p *= 10 }
        return p
    }

    static func plainDecimal(mantissa: String, exponent: Int) -> String {
        var m = mantissa
        let negative = m.hasPrefix("-")
        if negative { m.removeFirst() }
        let parts = m.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(parts[0]), fracPart = parts.count > 1 ? String(parts[1]) : ""
        var all = intPart + fracPart
        var point = intPart.count + exponent
        if point <= 0 { all = String(repeating: "0", count: 1 - point) + all; point = 1 }
        if point > all.count { all += String(repeating: "0", count: point - all.count) }
        var i = String(all.prefix(point)), f = String(all.dropFirst(point))
        while f.hasSuffix("0") { f.removeLast() }
        while i.count > 1 && i.hasPrefix("0") { i.removeFirst() }
        let s = f.isEmpty ? i : i + "." + f
        return negative ? "-" + s : s
    }
}

extension Double {
    var log10Floor: Double {
        var m = 0.0, v = self
        while v >= 10 { v /= 10; m += 1 }
        while v < 1 { v *= 10; m -= 1 }
        return m
    }
}

