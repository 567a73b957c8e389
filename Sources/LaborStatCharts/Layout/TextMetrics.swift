/// Approximate advance widths of text, in em, good enough to size margins and avoid overlaps
/// without a font file.
///
/// CJK ideographs, kana, hangul and full-width forms are 1 em in every CJK font (Noto Sans CJK SC,
/// Source Han Sans, PingFang SC, Microsoft YaHei). Latin widths are a small table of the widest
/// fonts the font stack may reach (Microsoft YaHei's and Noto Sans CJK's Latin: digits ≈ 0.56 em);
/// erring wide leaves a little air but never overlaps.
enum TextMetrics {
    /// Width of `s` in pixels at `fontSize`; `bold` adds 6 % (bold Latin and CJK are wider).
    static func width(_ s: String, fontSize: Double, bold: Bool = false) -> Double {
        var em = 0.0
        for u in s.unicodeScalars { em += advance(u) }
        return em * fontSize * (bold ? 1.06 : 1)
    }

    /// Advance width of one character in em.
    static func advance(_ u: Unicode.Scalar) -> Double {
        if isWide(u) { return 1.0 }
        if u.value >= 0x20 && u.value < 0x7F { return ascii[Int(u.value - 0x20)] * latinMargin }
        switch u {
        // CJK fonts draw these full width.
        case "·", "×", "±", "…", "‰", "—", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "※", "°": return 1.0
        case "\u{2212}": return 0.555 * latinMargin
        case "²", "³", "¹": return 0.42 * latinMargin
        default: return 0.62 * latinMargin
        }
    }

    /// Other fonts of the stack set Latin up to a few percent wider than Noto Sans CJK.
    static let latinMargin = 1.04

    /// Advances of U+0020…U+007E in Noto Sans CJK SC Regular (hmtx / unitsPerEm, read with fontTools;
    /// Tests/LaborStatChartsTests/References/make-font-widths.py checks whole labels against the font).
    static let ascii: [Double] = [
        0.224, 0.323, 0.474, 0.555, 0.555, 0.921, 0.680, 0.278, 0.338, 0.338, 0.467, 0.555, 0.278, 0.347, 0.278, 0.392,
        0.555, 0.555, 0.555, 0.555, 0.555, 0.555, 0.555, 0.555, 0.555, 0.555, 0.278, 0.278, 0.555, 0.555, 0.555, 0.474,
        0.946, 0.608, 0.657, 0.638, 0.688, 0.589, 0.552, 0.689, 0.728, 0.293, 0.535, 0.646, 0.543, 0.812, 0.723, 0.742,
        0.633, 0.742, 0.635, 0.596, 0.599, 0.721, 0.575, 0.878, 0.573, 0.531, 0.603, 0.338, 0.392, 0.338, 0.555, 0.559,
        0.606, 0.563, 0.618, 0.510, 0.620, 0.554, 0.325, 0.564, 0.607, 0.275, 0.275, 0.552, 0.284, 0.926, 0.610, 0.606,
        0.620, 0.620, 0.388, 0.468, 0.377, 0.607, 0.521, 0.802, 0.498, 0.521, 0.475, 0.338, 0.270, 0.338, 0.555,
    ]

    /// East Asian Wide and Fullwidth characters (block ranges: CJK, kana, hangul, full-width forms,
    /// CJK punctuation and the supplementary ideograph planes).
    static func isWide(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Breaks `s` into lines no wider than `maxWidth`: between any two CJK characters or at a space,
    /// never before closing punctuation. A word wider than the line is left whole (it is then
    /// shortened by the caller if it must be).
    static func wrap(_ s: String, maxWidth: Double, fontSize: Double, bold: Bool = false) -> [String] {
        if width(s, fontSize: fontSize, bold: bold) <= maxWidth { return [s] }
        // Tokens: each CJK character alone, runs of other characters, spaces kept with the run before.
        var tokens: [String] = []
        var run = ""
        for ch in s {
            let u = ch.unicodeScalars.first!
            if isWide(u) {
                if !run.isEmpty { tokens.append(run); run = "" }
                if closingPunctuation.contains(u), let last = tokens.popLast() {
                    tokens.append(last + String(ch))
                } else {
                    tokens.append(String(ch))
                }
            } else if ch == " " {
                run.append(ch)
                tokens.append(run)
                run = ""
            } else {
                run.append(ch)
            }
        }
        if !run.isEmpty { tokens.append(run) }
        var lines: [String] = []
        var current = ""
        for t in tokens {
            let candidate = current + t
            if !current.isEmpty && width(candidate.trailingSpacesTrimmed, fontSize: fontSize, bold: bold) > maxWidth {
                lines.append(current.trailingSpacesTrimmed)
                current = t
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current.trailingSpacesTrimmed) }
        return lines
    }

    /// `s` cut to fit `maxWidth`, ending in "…" when cut.
    static func truncate(_ s: String, maxWidth: Double, fontSize: Double, bold: Bool = false) -> String {
        if width(s, fontSize: fontSize, bold: bold) <= maxWidth { return s }
        var out = ""
        let ell = width("…", fontSize: fontSize, bold: bold)
        var w = 0.0
        for ch in s {
            let cw = width(String(ch), fontSize: fontSize, bold: bold)
            if w + cw + ell > maxWidth { break }
            out.append(ch)
            w += cw
        }
        return out + "…"
    }

    private static let closingPunctuation: Set<Unicode.Scalar> = [
        "，", "。", "、", "；", "：", "）", "」", "』", "！", "？", "》", "】", "〕", "％",
    ]
}

extension String {
    var trailingSpacesTrimmed: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
