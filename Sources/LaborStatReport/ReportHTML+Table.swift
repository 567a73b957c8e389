import LaborStatExport
import LaborStatRegions
import LaborStatTable

/// One 统计表 as a real `<table>`: caption, unit line, sortable headers, cells as the Markdown
/// writer shows them (numbers right-aligned with the raw number in `data-value`), notes, source, CSV link.
extension ReportHTML {
    static func table(_ t: ReportTable, title: String, id: String, words: ReportWords, language: ReportLanguage) -> String {
        let table = t.table
        let texts = TableDisplay.cells(of: table, options: t.options)
        let numeric = TableDisplay.isNumeric(table)
        let regionIndex = t.regionColumn.flatMap { name in table.columns.firstIndex { $0.name == name } }
        let search = language == .zh ? "筛选" : "Filter"
        let allRegions = language == .zh ? "全部地区" : "All regions"
        var out = "<div class=\"lstable\" id=\"\(escape(id))-table\">\n<div class=\"controls\">\n"
        out += "<label>\(search) <input type=\"search\" class=\"filter\" aria-controls=\"\(escape(id))-grid\"></label>\n"
        var codes: [Int?] = []
        if let regionIndex {
            let column = table.columns[regionIndex]
            var names: [String] = []
            var seen = Set<String>()
            for row in texts where !row[regionIndex].isEmpty && seen.insert(row[regionIndex]).inserted { names.append(row[regionIndex]) }
            codes = texts.map { regionCode($0[regionIndex]) }
            out += "<label>\(escape(column.name)) <select class=\"region\" aria-controls=\"\(escape(id))-grid\" data-column=\"\(regionIndex)\">\n<option value=\"\">\(allRegions)</option>\n"
            for n in names { out += "<option>\(escape(n))</option>\n" }
            out += "</select></label>\n"
        }
        out += "</div>\n"
        if let unit = t.unit { out += "<p class=\"unit\">\(escape(words.unit))\(escape(words.colon))\(escape(unit))</p>\n" }
        out += "<table id=\"\(escape(id))-grid\">\n<caption>\(escape(title))</caption>\n<thead><tr>"
        for (j, c) in table.columns.enumerated() {
            let kind = j == regionIndex ? "region" : (numeric[j] ? "number" : "text")
            out += "<th scope=\"col\" aria-sort=\"none\" data-kind=\"\(kind)\"\(numeric[j] ? " class=\"num\"" : "")><button type=\"button\">\(escape(c.name))</button></th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for (i, r) in table.rowIndices.enumerated() {
            out += "<tr>"
            for (j, c) in table.columns.enumerated() {
                let text = texts[i][j]
                if numeric[j] {
                    let value = c.double(at: r).flatMap { $0.isFinite ? NumberText.shortest($0) : nil } ?? ""
                    out += "<td class=\"num\" data-value=\"\(escape(value))\">\(escape(text))</td>"
                } else if j == regionIndex, let code = codes[i] {
                    out += "<td data-code=\"\(code)\">\(escape(text))</td>"
                } else {
                    out += "<td>\(escape(text))</td>"
                }
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        for note in t.notes { out += "<p class=\"tnote\">\(escape(words.note))\(escape(words.colon))\(escape(note))</p>\n" }
        if let source = t.source { out += "<p class=\"source\">\(escape(words.source))\(escape(words.colon))\(escape(source))</p>\n" }
        out += "<p class=\"csv\"><a href=\"\(escape(t.csvPath))\">\(escape(words.csv))</a></p>\n</div>\n"
        return out
    }

    /// The order a region sorts in officially: a province's GB/T 2260 code; the four and seven
    /// regions after all provinces, in their official order; nil for anything else (a total row).
    static func regionCode(_ name: String) -> Int? {
        if let p = Province.all.first(where: { $0.name == name || $0.shortName == name || $0.otherNames.contains(name) }) { return p.code }
        if let i = Province.region4Names.firstIndex(of: name) { return 910_000 + i }
        if let i = Province.region7Names.firstIndex(of: name) { return 920_000 + i }
        return nil
    }
}
