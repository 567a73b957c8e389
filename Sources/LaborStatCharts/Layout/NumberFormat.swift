/// How numbers on a chart are written.
public enum NumberUnits: String, Sendable, CaseIterable {
    /// Plain numbers with thousands separators when the axis reaches 10 000: `25,000`.
    case plain
    /// Chinese myriad units: 万 (10⁴) and 亿 (10⁸), chosen by the largest value on the axis:
    /// 28400 → `2.84万`, 150000000 → `1.5亿`.
    case wan
}

/// Formats numbers for axes and labels: `.` as decimal point, U+2212 MINUS SIGN for negatives (the
/// sign matplotlib users lose), the same text on every machine (no locale).
struct NumberFormat: Sendable {
    /// Digits after the decimal point (after dividing by the unit).
    var decimals: Int
    /// 1, 10⁴ (万) or 10⁸ (亿).
    var divisor: Double = 1
    var suffix: String = ""
    /// Thousands separators in the integer part.
    var grouping: Bool = false
    /// Multiply by 100 and append `%`.
    var percent: Bool = false

    static let minus = "\u{2212}"

    func string(_ v: Double) -> String {
        if v == 0 { return "0" }
        var x = percent ? v * 100 : v
        x /= divisor
        var s = Self.fixed(x, decimals: decimals, grouping: grouping)
        if s == "0" || s == Self.minus + "0" { return "0" }
        if percent { s += "%" }
        return s + suffix
    }

    /// Axis format for ticks `ticks` spaced `step` apart: as many decimals as the step needs.
    static func axis(ticks: [Double], step: Double, units: NumberUnits, percent: Bool = false) -> NumberFormat {
        let largest = ticks.map(abs).max() ?? 0
        var f = NumberFormat(decimals: 0)
        f.percent = percent
        var s = percent ? step * 100 : step
        if units == .wan && !percent {
            if largest >= 1e8 {
                f.divisor = 1e8; f.suffix = "亿"
            } else if largest >= 1e4 {
                f.divisor = 1e4; f.suffix = "万"
            }
            s /= f.divisor
        } else {
            f.grouping = largest >= 10_000 && !percent
        }
        f.decimals = decimalsFor(step: s)
        return f
    }

    /// Format for one value shown alone (a data label, a legend end): 3 significant digits at most,
    /// trailing zeros dropped; 万/亿 when asked and large enough.
    static func label(_ v: Double, units: NumberUnits) -> String {
        var f = NumberFormat(decimals: 0)
        var x = abs(v)
        if units == .wan {
            if x >= 1e8 { f.divisor = 1e8; f.suffix = "亿" } else if x >= 1e4 { f.divisor = 1e4; f.suffix = "万" }
            x /= f.divisor
        } else {
            f.grouping = x >= 10_000
        }
        f.decimals = x == 0 || !x.isFinite ? 0 : max(0, min(6, 2 - Int(max(-400, min(400, x.log10Floor)))))
        var s = f.string(v)
        // Drop trailing zeros after the point ("2.80万" → "2.8万").
        if f.decimals > 0 {
            let body = s.hasSuffix(f.suffix) ? String(s.dropLast(f.suffix.count)) : s
            var b = body
            if b.contains(".") {
                while b.last == "0" { b.removeLast() }
                if b.last == "." { b.removeLast() }
            }
            s = b + f.suffix
        }
        return s
    }

    static func decimalsFor(step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        // Steps are 1, 2 or 5 × 10^k, so −k digits are enough (a small epsilon for 0.1 etc.).
        return max(0, min(10, -Int((step * (1 + 1e-9)).log10Floor)))
    }

    /// `x` with exactly `decimals` digits, half away from zero, with optional thousands separators.
    static func fixed(_ x: Double, decimals: Int, grouping: Bool) -> String {
        let neg = x < 0
        guard x.isFinite else { return x.isNaN ? "" : (neg ? minus : "") + "∞" }
        // Beyond 10¹⁵ digits are noise on a chart (and 10³⁰⁸ would be 309 of them): shortest
        // round-trip text with its exponent.
        if abs(x) >= 1e15 { return (neg ? minus : "") + scientific(abs(x)) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        // Integer digits as text without Double formatting (deterministic, no exponent).
        var digits = scaled < 9e18 ? String(UInt64(scaled)) : String(format9(scaled))
        while digits.count <= decimals { digits = "0" + digits }
        let intPart = String(digits.dropLast(decimals))
        let fracPart = String(digits.suffix(decimals))
        var intText = intPart
        if grouping && intPart.count > 3 {
            var out = ""
            for (i, ch) in intPart.enumerated() {
                if i > 0 && (intPart.count - i) % 3 == 0 { out.append(",") }
                out.append(ch)
            }
            intText = out
        }
        var s = intText
        if decimals > 0 { s += "." + fracPart }
        if neg && scaled != 0 { s = minus + s }
        return s
    }

    /// `1.5e308`: 12 significant digits at most (tick arithmetic near 1e308 leaves noise in the
    /// last ones), trailing zeros dropped.
    static func scientific(_ x: Double) -> String {
        let e = x.log10Floor
        var m = x / pow10(e)
        m = (m * 1e11).rounded() / 1e11
        var exp = Int(e)
        if m >= 10 { m /= 10; exp += 1 }
        var t = "\(m)"
        if t.hasSuffix(".0") { t.removeLast(2) }
        return t + "e" + String(exp)
    }

    private static func format9(_ x: Double) -> String {
        // Beyond UInt64: rare on a chart; write with scientific digits.
        var v = x, exp = 0
        while v >= 1e18 { v /= 10; exp += 1 }
        return String(UInt64(v)) + String(repeating: "0", count: exp)
    }
}

extension Double {
    /// ⌊log₁₀ x⌋ for x > 0, exact at powers of ten.
    var log10Floor: Double {
        guard isFinite, self > 0 else { return self > 0 ? .infinity : -.infinity }
        var e = (log10Approx(self)).rounded(.down)
        // Correct rounding error at exact powers of ten.
        if pow10(e + 1) <= self { e += 1 }
        if pow10(e) > self { e -= 1 }
        return e
    }
}

/// 10^e for integral e, exact for the range charts use.
func pow10(_ e: Double) -> Double {
    guard e.isFinite else { return e > 0 ? .infinity : 0 }
    var r = 1.0
    let n = Int(min(abs(e), 400))   // 10^±400 is already ±∞ / 0
    for _ in 0..<n { r *= 10 }
    return e < 0 ? 1 / r : r
}
