import Foundation
import LaborStatTable

/// A GitHub pipe table: header, an alignment row (numbers right-aligned, `---:`), one line per row.
///
/// Cells are data, never markup: `&`, `<`, `>` become `&amp;`, `&lt;`, `&gt;` (so `<script>` shows
/// as text on a code host or in a report page), `|` is escaped `\|`, a line break becomes `<br>`.
/// Numbers are for people: thousands separators (not in years and codes), `--decimals` places,
/// `--percent` columns as `59.3%`. Cells are padded to the column's display width (a Chinese
/// character counts two), so the text also reads well as plain text. A missing value is an empty cell.
extension TableWriter {
    static func writeMarkdown(_ table: Table, options: WriteOptions, to sink: ByteSink) throws(ExportError) {
        let eol = options.crlf ? "\r\n" : "\n"
        let header = table.columns.map { escapeMarkdown($0.name) }
        // Display texts hold no markup characters in number cells, so escaping every cell is safe.
        let body = TableDisplay.cells(of: table, options: options).map { $0.map(escapeMarkdown) }
        var widths = header.map { max(3, EastAsianWidth.width($0)) }
        for row in body { for (i, s) in row.enumerated() { widths[i] = max(widths[i], EastAsianWidth.width(s)) } }
        let rightAligned = TableDisplay.isNumeric(table)

        func line(_ row: [String]) -> String {
            var s = "|"
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - EastAsianWidth.width(cell))
                s += " " + (rightAligned[i] ? pad + cell : cell + pad) + " |"
            }
            return s + eol
        }
        sink.append(line(header))
        var rule = "|"
        for (i, w) in widths.enumerated() {
            rule += rightAligned[i] ? " " + String(repeating: "-", count: w - 1) + ": |" : " " + String(repeating: "-", count: w) + " |"
        }
        sink.append(rule + eol)
        for row in body {
            sink.append(line(row))
            try sink.rowDone()
        }
    }

    static func escapeMarkdown(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "|") || $0 == 10 || $0 == 13 || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&") }) else { return s }
        return s.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\r\n", with: "<br>")
            .replacingOccurrences(of: "\n", with: "<br>")
            .replacingOccurrences(of: "\r", with: "<br>")
            .replacingOccurrences(of: "|", with: "\\|")
    }
}
