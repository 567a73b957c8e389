import Foundation
import LaborStatExport
import LaborStatTable

/// The report as one Excel workbook (`report.xlsx`):
/// - `目录` (Contents): every section and table title, each title a link to its sheet, with the
///   sheet's name and the table's CSV file (`tables/ID.csv`) beside it, so a reader (or a check
///   script) can find which sheet holds which table;
/// - one sheet per table in 统计表 layout: the item's title, the unit line (`单位：元`), the header,
///   the data with the number formats its `WriteOptions` give, then `注：` lines and the
///   `资料来源：` line;
/// - `说明` (Notes): the definitions, the input files (size, SHA-256) and LaborStat's version.
///
/// The same document gives the same bytes: the creation time in the file's properties is the
/// document's `generatedAt`, or else a fixed instant.
public enum ReportWorkbook {
    /// The creation time recorded when the document has no `generatedAt`: 2000-01-01T00:00:00Z.
    public static let fixedCreated: Double = 946_684_800

    public static func workbook(_ doc: ReportDocument) throws(ExportError) -> XLSXWorkbook {
        let words = Words(doc.language)
        let names = sheetNames(doc)
        var book = XLSXWorkbook()
        book.properties = WorkbookProperties(title: doc.title, subject: doc.subtitle, author: doc.author,
                                             created: try created(doc))
        try book.add(try contents(doc, names: names, words: words))
        for item in doc.items {
            guard let t = item.table, let name = names[item.id] else { continue }
            var notes = t.notes.map { words.note + $0 }
            if let source = t.source { notes.append(words.source + source) }
            let layout = XLSXLayout(title: item.title, unit: t.unit.map { words.unit + $0 }, notes: notes)
            try book.add(try WorkbookSheet(name: name, table: t.table, options: t.options, layout: layout))
        }
        try book.add(try notesSheet(doc, taken: book.sheetNames, words: words))
        return book
    }

    /// The .xlsx file's bytes.
    public static func bytes(_ doc: ReportDocument) throws(ExportError) -> [UInt8] {
        try workbook(doc).bytes()
    }

    /// The sheet each item with a table gets, by item id: the title's leading table number
    /// (`表3 外出农民工月均收入` → `表3`, `Table 3: …` → `Table 3`), else the item's id; made valid
    /// (31 characters, no `[]:*?/\`) and unique beside each other and the contents and notes sheets.
    public static func sheetNames(_ doc: ReportDocument) -> [String: String] {
        let words = Words(doc.language)
        var taken = [words.contents, words.notes]
        var names: [String: String] = [:]
        for item in doc.items where item.table != nil {
            let name = WorkbookSheet.uniqueName(tableNumber(item.title) ?? item.id, taken: taken)
            taken.append(name)
            names[item.id] = name
        }
        return names
    }

    /// `表3`, `表3-1`, `表 12`, `Table 3`, `Table A1` at the start of a title; nil otherwise.
    static func tableNumber(_ title: String) -> String? {
        let t = title.trimmingCharacters(in: .whitespaces)
        for prefix in ["表", "Table ", "Table"] where t.hasPrefix(prefix) {
            let rest = t.dropFirst(prefix.count).drop(while: { $0 == " " })
            let number = rest.prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") })
            guard number.contains(where: \.isNumber) else { continue }
            let cleaned = number.hasSuffix(".") ? number.dropLast() : number[...]
            return prefix.trimmingCharacters(in: .whitespaces) + (prefix == "表" ? "" : " ") + cleaned
        }
        return nil
    }

    static func created(_ doc: ReportDocument) throws(ExportError) -> Double {
        guard let text = doc.generatedAt else { return fixedCreated }
        let f = ISO8601DateFormatter()
        if let d = f.date(from: text) { return d.timeIntervalSince1970 }
        f.formatOptions = [.withFullDate]
        if let d = f.date(from: text) { return d.timeIntervalSince1970 }
        throw .invalidRequest("the report's generatedAt \"\(text)\" is not an ISO 8601 time (2026-12-04T03:00:00Z)")
    }

    /// One row per section (its title linking to the section's first table), then one per table
    /// (title linking to its sheet, sheet name, CSV path).
    static func contents(_ doc: ReportDocument, names: [String: String], words: Words) throws(ExportError) -> WorkbookSheet {
        var section: [String?] = [], title: [String?] = [], sheet: [String?] = [], file: [String?] = []
        var links: [WorkbookLink] = []
        for s in doc.sections {
            let tables = s.items.filter { $0.table != nil && names[$0.id] != nil }
            if let first = tables.first, let target = names[first.id] {
                links.append(WorkbookLink(row: section.count, column: 0, sheet: target))
            }
            section.append(s.title); title.append(nil); sheet.append(nil); file.append(nil)
            for item in tables {
                guard let target = names[item.id], let t = item.table else { continue }
                links.append(WorkbookLink(row: section.count, column: 1, sheet: target))
                section.append(nil); title.append(item.title); sheet.append(target); file.append(t.csvPath)
            }
        }
        let table: Table
        do {
            table = try Table(columns: [
                Column(words.section, strings: section), Column(words.table, strings: title),
                Column(words.sheet, strings: sheet), Column(words.file, strings: file),
            ])
        } catch { throw .invalidRequest("the contents sheet: \(error)") }
        var lines: [String] = []
        if let subtitle = doc.subtitle { lines.append(subtitle) }
        if let period = doc.period { lines.append(words.period + period) }
        if let author = doc.author { lines.append(words.author + author) }
        var options = WriteOptions()
        options.keyColumns = 0
        var out = try WorkbookSheet(name: words.contents, table: table, options: options,
                                    layout: XLSXLayout(title: doc.title, notes: lines))
        out.links = links
        return out
    }

    /// Definitions, then input files, then the version (and the time, when the document has one).
    static func notesSheet(_ doc: ReportDocument, taken: [String], words: Words) throws(ExportError) -> WorkbookSheet {
        var kind: [String?] = [], name: [String?] = [], text: [String?] = []
        var size: [Int64?] = [], hash: [String?] = []
        for d in doc.definitions {
            kind.append(words.definition); name.append(d.term); text.append(d.text); size.append(nil); hash.append(nil)
        }
        for f in doc.inputs {
            kind.append(words.input); name.append(f.name); text.append(f.path); size.append(f.bytes); hash.append(f.sha256)
        }
        kind.append(words.software); name.append("LaborStat"); text.append(doc.version); size.append(nil); hash.append(nil)
        if let at = doc.generatedAt {
            kind.append(words.generated); name.append(nil); text.append(at); size.append(nil); hash.append(nil)
        }
        let table: Table
        do {
            table = try Table(columns: [
                Column(words.kind, strings: kind), Column(words.name, strings: name), Column(words.text, strings: text),
                Column(words.bytes, integers: size), Column("SHA-256", strings: hash),
            ])
        } catch { throw .invalidRequest("the notes sheet: \(error)") }
        var options = WriteOptions()
        options.keyColumns = 0
        return try WorkbookSheet(name: WorkbookSheet.uniqueName(words.notes, taken: taken), table: table, options: options,
                                 layout: XLSXLayout(title: words.notes))
    }

    /// The workbook's fixed words in the report's language.
    struct Words {
        let contents, notes, section, table, sheet, file, unit, note, source, period, author: String
        let kind, name, text, bytes, definition, input, software, generated: String

        init(_ language: ReportLanguage) {
            switch language {
            case .zh:
                (contents, notes, section, table, sheet, file) = ("目录", "说明", "章节", "表题", "工作表", "表格文件")
                (unit, note, source, period, author) = ("单位：", "注：", "资料来源：", "报告期：", "编制单位：")
                (kind, name, text, bytes) = ("类别", "名称", "内容", "字节数")
                (definition, input, software, generated) = ("指标解释", "输入文件", "软件版本", "生成时间")
            case .en:
                (contents, notes, section, table, sheet, file) = ("Contents", "Notes", "Section", "Table", "Sheet", "File")
                (unit, note, source, period, author) = ("Unit: ", "Note: ", "Source: ", "Period: ", "Prepared by: ")
                (kind, name, text, bytes) = ("Kind", "Name", "Text", "Bytes")
                (definition, input, software, generated) = ("Definition", "Input file", "Software", "Generated")
            }
        }
    }
}
