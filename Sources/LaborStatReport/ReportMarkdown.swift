import LaborStatExport
import LaborStatTable

/// The report as one Markdown text (`report.md`): the same sections, notes, tables and footer as
/// the page, charts linked as images, tables as pipe tables written by the table writer itself, so
/// a number shows the same here as in `laborstat … --format markdown`.
public enum ReportMarkdown {
    public static func text(_ doc: ReportDocument) throws(ExportError) -> String {
        let words = ReportWords(doc.language)
        var out = "# \(doc.title)\n\n"
        if let subtitle = doc.subtitle { out += "\(subtitle)\n\n" }
        let facts = [doc.author.map { "\(words.author)\(words.colon)\($0)" }, doc.period.map { "\(words.period)\(words.colon)\($0)" }]
            .compactMap { $0 }
        if !facts.isEmpty { out += facts.joined(separator: "  \n") + "\n\n" }

        out += "## \(words.contents)\n\n"
        for section in doc.sections {
            out += "- [\(section.title)](#\(section.id))\n"
            for item in section.items { out += "  - [\(item.title)](#\(item.id))\n" }
        }
        out += "\n"

        for section in doc.sections {
            out += "<a id=\"\(section.id)\"></a>\n\n## \(section.title)\n\n"
            if let note = section.note { out += note.trimmed + "\n\n" }
            for item in section.items {
                out += "<a id=\"\(item.id)\"></a>\n\n### \(item.title)\n\n"
                if let note = item.note { out += note.trimmed + "\n\n" }
                if let table = item.table {
                    if let unit = table.unit { out += "\(words.unit)\(words.colon)\(unit)\n\n" }
                    var options = table.options
                    options.format = .markdown
                    options.metadata = []
                    options.bom = false
                    options.crlf = false
                    options.encoding = .utf8
                    out += String(decoding: try TableWriter.render(table.table, options: options), as: UTF8.self) + "\n"
                    for note in table.notes { out += "\(words.note)\(words.colon)\(note)  \n" }
                    if let source = table.source { out += "\(words.source)\(words.colon)\(source)  \n" }
                    out += "[\(words.csv)](\(table.csvPath))\n\n"
                }
                if let chart = item.chart {
                    out += "![\(item.title)](\(chart.pngPath ?? chart.svgPath))\n\n"
                }
            }
        }

        if !doc.definitions.isEmpty {
            out += "## \(words.definitions)\n\n"
            for d in doc.definitions { out += "- **\(d.term)**：\(d.text)\n" }
            out += "\n"
        }
        out += "---\n\n" + words.madeWith(version: doc.version)
        if let when = doc.generatedAt { out += "，\(when)" }
        out += "\n\n"
        if !doc.inputs.isEmpty {
            out += "\(words.inputs)\n\n"
            for f in doc.inputs { out += "- `\(f.path)` (\(f.name)): \(f.bytes) \(words.bytes), SHA-256 `\(f.sha256)`\n" }
            out += "\n"
        }
        out += "\(words.commands)\n\n```sh\n"
        for item in doc.items {
            out += "# \(item.id)\n\(item.command)\n"
            if let chart = item.chart { out += chart.command + "\n" }
        }
        out += "```\n"
        return out
    }
}

/// The fixed words of a report in its language (headings, line prefixes, the footer).
public struct ReportWords: Sendable {
    public let contents, unit, source, note, definitions, author, period, inputs, commands, bytes, csv, colon: String
    private let language: ReportLanguage

    /// `由 LaborStat 0.1.0 生成` / `Made with LaborStat 0.1.0`.
    public func madeWith(version: String) -> String {
        language == .zh ? "由 LaborStat \(version) 生成" : "Made with LaborStat \(version)"
    }

    public init(_ language: ReportLanguage) {
        self.language = language
        switch language {
        case .zh:
            (contents, unit, source, note, definitions) = ("目录", "单位", "资料来源", "注", "指标解释")
            (author, period, inputs, commands) = ("编制单位", "报告期", "输入文件", "生成各表和图的命令")
            (bytes, csv, colon) = ("字节", "下载本表（CSV）", "：")
        case .en:
            (contents, unit, source, note, definitions) = ("Contents", "Unit", "Source", "Note", "Definitions")
            (author, period, inputs, commands) = ("Prepared by", "Period", "Input files", "The command behind every table and chart")
            (bytes, csv, colon) = ("bytes", "This table as CSV", ": ")
        }
    }
}

private extension String {
    var trimmed: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
