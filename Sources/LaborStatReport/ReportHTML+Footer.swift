/// The page's footer: what made it, from which files, with which commands.
extension ReportHTML {
    static func footer(_ doc: ReportDocument, words: ReportWords) -> String {
        var out = "<footer>\n<p>\(escape(words.madeWith(version: doc.version)))"
        if let when = doc.generatedAt { out += "，<time>\(escape(when))</time>" }
        out += "</p>\n"
        if !doc.inputs.isEmpty {
            out += "<h2>\(escape(words.inputs))</h2>\n<ul class=\"inputs\">\n"
            for f in doc.inputs {
                out += "<li><code>\(escape(f.path))</code> (\(escape(f.name)))\(escape(words.colon))\(f.bytes) \(escape(words.bytes))，SHA-256 <code>\(escape(f.sha256))</code></li>\n"
            }
            out += "</ul>\n"
        }
        out += "<h2>\(escape(words.commands))</h2>\n<dl class=\"commands\">\n"
        for item in doc.items {
            out += "<dt><a href=\"#\(escape(item.id))\">\(escape(item.id))</a></dt>\n<dd><code>\(escape(item.command))</code></dd>\n"
            if let chart = item.chart { out += "<dd><code>\(escape(chart.command))</code></dd>\n" }
        }
        return out + "</dl>\n</footer>\n"
    }
}
