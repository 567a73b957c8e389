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
        switch u {
        case "0"..."9": return 0.56
        case " ": return 0.28
        case "i", "j", "l", "|", "!", "'", ".", ",", ":", ";", "`": return 0.26
        case "f", "t", "r", "I", "(", ")", "[", "]", "{", "}", "/", "\\", "\"": return 0.36
        case "m", "w": return 0.84
        case "M", "W", "@", "%": return 0.9
        case "a"..."z": return 0.54
        case "A"..."Z": return 0.66
        case "\u{2212}", "+", "=", "<", ">", "~", "±", "×": return 0.6
        case "-", "_", "·", "\u{2009}": return 0.36
        case "…": return 0.9
        default:
            if u.value < 0x2E80 { return 0.6 }
            return 1.0
        }
    }

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
