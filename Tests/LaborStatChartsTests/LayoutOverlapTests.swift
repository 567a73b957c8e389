import Foundation
import Testing
@testable import LaborStatCharts
#if canImport(FoundationXML)
import FoundationXML
#endif

/// No two labels of a golden chart overlap, and every label lies on the page: each `<text>` gets a
/// box from its anchor, baseline (ascent 0.88 em, descent 0.12 em) and its width as measured
/// (checked against the real font in TextMetricsTests). Turned labels are checked for staying on
/// the page only.
@Suite("Labels never overlap")
struct LayoutOverlapTests {
    struct Box: CustomStringConvertible {
        var text: String
        var x0, y0, x1, y1: Double
        var description: String { "\"\(text)\" [\(Int(x0))…\(Int(x1)) × \(Int(y0))…\(Int(y1))]" }
    }

    final class Collector: NSObject, XMLParserDelegate {
        var width = 0.0, height = 0.0
        var boxes: [Box] = []
        var turned: [(String, Double, Double)] = []
        private var inherited: [[String: String]] = []
        private var current: (attrs: [String: String], text: String)?
        private var inTitle = 0

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            var attrs = inherited.last ?? [:]
            for k in ["font-size", "text-anchor", "font-weight"] { if let v = attributes[k] { attrs[k] = v } }
            for (k, v) in attributes where !["font-size", "text-anchor", "font-weight"].contains(k) { attrs[k] = v }
            if name == "svg" { width = Double(attributes["width"]!)!; height = Double(attributes["height"]!)! }
            if name == "text" { current = (attrs, "") }
            if name == "title" { inTitle += 1 }
            // Only inheritable attributes pass to children.
            inherited.append(attrs.filter { ["font-size", "text-anchor", "font-weight"].contains($0.key) })
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inTitle == 0, current != nil { current!.text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            inherited.removeLast()
            if name == "title" { inTitle -= 1 }
            guard name == "text", let c = current else { return }
            current = nil
            let fs = Double(c.attrs["font-size"] ?? "16")!
            let x = Double(c.attrs["x"] ?? "0")!, y = Double(c.attrs["y"] ?? "0")!
            if c.attrs["transform"] != nil { turned.append((c.text, x, y)); return }
            let w = TextMetrics.width(c.text, fontSize: fs, bold: c.attrs["font-weight"] == "bold")
            let x0: Double
            switch c.attrs["text-anchor"] ?? "start" {
            case "middle": x0 = x - w / 2
            case "end": x0 = x - w
            default: x0 = x
            }
            boxes.append(Box(text: c.text, x0: x0, y0: y - 0.88 * fs, x1: x0 + w, y1: y + 0.12 * fs))
        }
    }

    static let goldens: [String] = {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".svg") }.sorted()
    }()

    static func overlaps(_ boxes: [Box]) -> [(Box, Box)] {
        var out: [(Box, Box)] = []
        for i in boxes.indices {
            for j in boxes.indices where j > i {
                let a = boxes[i], b = boxes[j]
                if min(a.x1, b.x1) - max(a.x0, b.x0) > 0.5 && min(a.y1, b.y1) - max(a.y0, b.y0) > 0.5 { out.append((a, b)) }
            }
        }
        return out
    }

    /// The check itself can fail: two labels set on top of each other are caught.
    @Test func detectsAnOverlap() {
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><g font-size="12" text-anchor="middle">
            <text x="100" y="50">农民工总量</text><text x="110" y="52">2024</text><text x="100" y="90">apart</text></g></svg>
            """
        let parser = XMLParser(data: Data(svg.utf8))
        let c = Collector()
        parser.delegate = c
        #expect(parser.parse())
        #expect(c.boxes.count == 3)
        #expect(Self.overlaps(c.boxes).count == 1)
    }

    @Test(arguments: goldens)
    func noOverlap(_ file: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(file)")
        let parser = XMLParser(data: try Data(contentsOf: url))
        let c = Collector()
        parser.delegate = c
        #expect(parser.parse())
        #expect(c.boxes.count > 3)
        for b in c.boxes {
            #expect(b.x0 >= -0.5 && b.x1 <= c.width + 0.5 && b.y0 >= -0.5 && b.y1 <= c.height + 0.5, "\(file): \(b) leaves the \(c.width)×\(c.height) page")
        }
        for (a, b) in Self.overlaps(c.boxes) { Issue.record("\(file): \(a) overlaps \(b)") }
        for (text, x, y) in c.turned {
            // Turned −45° and anchored at their end: they reach down-left from (x, y).
            let w = TextMetrics.width(text, fontSize: AxisLayout.fs) * 0.7071
            #expect(x - w >= -0.5 && y + w <= c.height + 0.5, "\(file): turned \"\(text)\" leaves the page")
        }
    }
}
