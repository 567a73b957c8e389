/// Colours: a colour-blind-safe categorical palette and a sequential ramp.
public enum Palette {
    /// Okabe & Ito (2008), "Color Universal Design": distinguishable under the common colour-vision
    /// deficiencies. Ordered for charts: blue first, the pale yellow last (weak on white), black
    /// replaced by a dark grey.
    public static let okabeIto = [
        "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8C8C8C", "#F0E442",
    ]

    /// The sequential ramp: ColorBrewer "Blues" (Brewer 2003) from its 2nd to its 9th class, so the
    /// lightest value still shows against a white page.
    static let blues: [(Double, Double, Double)] = [
        (222, 235, 247), (198, 219, 239), (158, 202, 225), (107, 174, 214),
        (66, 146, 198), (33, 113, 181), (8, 81, 156), (8, 48, 107),
    ]

    /// Grey for missing values.
    public static let missing = "#D9D9D9"

    /// The categorical colour of series `i` (cycling after eight).
    static func categorical(_ i: Int) -> String { okabeIto[i % okabeIto.count] }

    /// The sequential colour at t ∈ [0, 1] (linear interpolation between the ramp's stops).
    static func sequential(_ t: Double) -> String {
        let c = min(max(t.isFinite ? t : 0, 0), 1) * Double(blues.count - 1)
        let i = min(Int(c), blues.count - 2)
        let f = c - Double(i)
        let a = blues[i], b = blues[i + 1]
        return hex(a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f, a.2 + (b.2 - a.2) * f)
    }

    /// Whether text on `color` should be white (relative luminance below 0.4, WCAG formula).
    static func needsLightText(_ color: String) -> Bool {
        let (r, g, b) = rgb(color)
        func lin(_ c: Double) -> Double {
            let s = c / 255
            return s <= 0.03928 ? s / 12.92 : powd((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b) < 0.3
    }

    static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
        func h(_ x: Double) -> String {
            let v = Int(min(max(x.rounded(), 0), 255))
            let s = String(v, radix: 16, uppercase: true)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + h(r) + h(g) + h(b)
    }

    static func rgb(_ hex: String) -> (Double, Double, Double) {
        let s = hex.dropFirst()
        guard s.count == 6, let v = Int(s, radix: 16) else { return (0, 0, 0) }
        return (Double((v >> 16) & 255), Double((v >> 8) & 255), Double(v & 255))
    }
}
