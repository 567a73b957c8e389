/// Writes SVG text deterministically: coordinates rounded to 2 decimals, attributes in the order
/// given, every piece of data text escaped. Nothing here knows about charts.
struct SVGWriter {
    private(set) var text = ""
    private var depth = 0

    /// Opens an element and indents what follows; close it with `close(_:)`.
    mutating func open(_ tag: String, _ attributes: [(String, String)] = []) {
        line("<\(tag)\(Self.attributes(attributes))>")
        depth += 1
    }

    mutating func close(_ tag: String) {
        depth -= 1
        line("</\(tag)>")
    }

    /// An empty element such as `<rect .../>`.
    mutating func element(_ tag: String, _ attributes: [(String, String)]) {
        line("<\(tag)\(Self.attributes(attributes))/>")
    }

    /// An element whose content is text (escaped here), such as `<text>` or `<title>`.
    mutating func textElement(_ tag: String, _ attributes: [(String, String)], _ content: String) {
        line("<\(tag)\(Self.attributes(attributes))>\(Self.escape(content))</\(tag)>")
    }

    /// A text element with a `<title>` child (a tooltip holding the full text of a shortened label).
    mutating func textElement(_ tag: String, _ attributes: [(String, String)], _ content: String, tooltip: String) {
        line("<\(tag)\(Self.attributes(attributes))><title>\(Self.escape(tooltip))</title>\(Self.escape(content))</\(tag)>")
    }

    mutating func raw(_ s: String) { line(s) }

    private mutating func line(_ s: String) {
        text += String(repeating: "  ", count: max(0, depth)) + s + "\n"
    }

    static func attributes(_ list: [(String, String)]) -> String {
        var s = ""
        for (k, v) in list { s += " \(k)=\"\(escape(v))\"" }
        return s
    }

    /// Escapes the five XML specials and replaces characters XML 1.0 forbids (C0 controls other than
    /// tab/LF/CR, U+FFFE, U+FFFF) by U+FFFD, so that any data text yields well-formed XML.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }
}

/// A coordinate as SVG text: rounded half away from zero to 2 decimals, trailing zeros dropped, never
/// `-0`, never exponent notation. The same number always gives the same bytes.
func fmt(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    // Pixels beyond ±10¹⁵ are off any canvas; clamping keeps the Int64 conversion from trapping.
    let c = Int64((max(-1e15, min(1e15, x)) * 100).rounded())
    if c == 0 { return "0" }
    let neg = c < 0
    let a = neg ? -c : c
    let whole = a / 100, frac = a % 100
    var s = neg ? "-" : ""
    s += String(whole)
    if frac != 0 {
        s += "."
        s += frac % 10 == 0 ? String(frac / 10) : (frac < 10 ? "0" + String(frac) : String(frac))
    }
    return s
}

/// A short stable hash (FNV-1a, 64 bit) of text, in hex: element ids derived from content, so that
/// two charts inlined in one HTML page do not share ids and the same chart always has the same ids.
func contentHash(_ s: String) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in s.utf8 {
        h ^= UInt64(b)
        h = h &* 0x100_0000_01b3
    }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}
