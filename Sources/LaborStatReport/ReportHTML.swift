import Ink
import LaborStatExport
import LaborStatTable

/// The report as one self-contained HTML page (`index.html`): styles, script and charts inline,
/// no web fonts and no fetch of any kind, so the page opens offline and reads the same in ten years.
/// The same document gives the same bytes.
public enum ReportHTML {
    public static func page(_ doc: ReportDocument) -> String {
        let words = ReportWords(doc.language)
        var out = "<!DOCTYPE html>\n<html lang=\"\(doc.language == .zh ? "zh-CN" : "en")\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(escape(doc.title))</title>\n<style>\n\(css)</style>\n</head>\n<body>\n"
        out += header(doc, words: words)
        out += contents(doc, words: words)
        out += "<main>\n"
        for section in doc.sections {
            out += "<section id=\"\(escape(section.id))\">\n<h2>\(escape(section.title))</h2>\n"
            if let note = section.note { out += "<div class=\"note\">\(markdown(note))</div>\n" }
            for item in section.items { out += self.item(item, words: words, language: doc.language) }
            out += "</section>\n"
        }
        if !doc.definitions.isEmpty {
            out += "<section id=\"definitions\">\n<h2>\(escape(words.definitions))</h2>\n<dl>\n"
            for d in doc.definitions { out += "<dt>\(escape(d.term))</dt><dd>\(escape(d.text))</dd>\n" }
            out += "</dl>\n</section>\n"
        }
        out += "</main>\n"
        out += footer(doc, words: words)
        out += "<script>\n\(script)</script>\n</body>\n</html>\n"
        return out
    }

    static func header(_ doc: ReportDocument, words: ReportWords) -> String {
        var out = "<header>\n<h1>\(escape(doc.title))</h1>\n"
        if let s = doc.subtitle { out += "<p class=\"subtitle\">\(escape(s))</p>\n" }
        let facts = [doc.author.map { "\(words.author)\(words.colon)\($0)" }, doc.period.map { "\(words.period)\(words.colon)\($0)" }]
            .compactMap { $0 }
        for f in facts { out += "<p class=\"fact\">\(escape(f))</p>\n" }
        return out + "</header>\n"
    }

    static func contents(_ doc: ReportDocument, words: ReportWords) -> String {
        var out = "<nav class=\"toc\" aria-label=\"\(escape(words.contents))\">\n<h2>\(escape(words.contents))</h2>\n<ol>\n"
        for section in doc.sections {
            out += "<li><a href=\"#\(escape(section.id))\">\(escape(section.title))</a>"
            if !section.items.isEmpty {
                out += "\n<ol>\n"
                for item in section.items { out += "<li><a href=\"#\(escape(item.id))\">\(escape(item.title))</a></li>\n" }
                out += "</ol>\n"
            }
            out += "</li>\n"
        }
        if !doc.definitions.isEmpty { out += "<li><a href=\"#definitions\">\(escape(words.definitions))</a></li>\n" }
        return out + "</ol>\n</nav>\n"
    }

    static func item(_ item: ReportItem, words: ReportWords, language: ReportLanguage) -> String {
        var out = "<article class=\"item\" id=\"\(escape(item.id))\">\n<h3>\(escape(item.title))</h3>\n"
        if let note = item.note { out += "<div class=\"note\">\(markdown(note))</div>\n" }
        if let table = item.table { out += self.table(table, title: item.title, id: item.id, words: words, language: language) }
        if let chart = item.chart {
            out += "<figure class=\"chart\">\n\(inlineSVG(chart.svg))\n<figcaption>\(escape(item.title))</figcaption>\n</figure>\n"
        }
        return out + "</article>\n"
    }

    /// Markdown to HTML through Ink, with any raw HTML in the text escaped first: a note is text,
    /// never markup that runs.
    static func markdown(_ text: String) -> String {
        let safe = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return MarkdownParser().html(from: safe)
    }

    /// The chart's SVG without its XML declaration (an SVG element inside HTML needs none).
    static func inlineSVG(_ svg: String) -> String {
        var s = Substring(svg)
        if s.hasPrefix("<?xml"), let end = s.range(of: "?>") { s = s[end.upperBound...] }
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// Text for HTML content and attribute values.
    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
