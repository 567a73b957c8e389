import Foundation
import LaborStatTable
import _LaborStatTestSupport

/// The data sets and R's numbers in `References/survey/` (written by `make_reference.R`).
enum SurveyReference {
    static let folder = repositoryRoot().appendingPathComponent("Tests/LaborStatStatsTests/References/survey")

    /// Reads one of R's `write.csv` files: quoted text, bare numbers, empty = missing. A column is numeric
    /// when every present cell is a bare number, otherwise categorical.
    static func table(_ file: String) throws -> Table { try table(url: folder.appendingPathComponent(file)) }

    /// The same for any R-style CSV (e.g. `Datasets/survey_sample.csv`).
    static func table(url: URL) throws -> Table {
        let rows = try csvRows(url)
        let header = rows[0].map(\.text)
        let body = rows.dropFirst()
        var columns: [Column] = []
        for (j, name) in header.enumerated() {
            let cells = body.map { $0[j] }
            let numeric = cells.allSatisfy { $0.text.isEmpty || (!$0.quoted && Double($0.text) != nil) }
            if numeric {
                columns.append(Column(name, doubles: cells.map { $0.text.isEmpty ? nil : Double($0.text)! }))
            } else {
                columns.append(Column(name, categories: cells.map { $0.text.isEmpty && !$0.quoted ? nil : $0.text }))
            }
        }
        return try Table(columns: columns)
    }

    /// R's reference values, keyed `design|estimator|variable|domain|group|level|stat` (NA → NaN).
    static func values() throws -> [String: Double] {
        let rows = try csvRows(folder.appendingPathComponent("reference.csv"))
        var out: [String: Double] = [:]
        for r in rows.dropFirst() {
            let key = r[0..<7].map(\.text).joined(separator: "|")
            out[key] = Double(r[7].text) ?? .nan
        }
        return out
    }

    struct Cell { var text: String; var quoted: Bool }

    static func csvRows(_ url: URL) throws -> [[Cell]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var rows: [[Cell]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            var cells: [Cell] = []
            var field = "", quoted = false, inQuotes = false
            var chars = Array(line)
            if chars.last == "\r" { chars.removeLast() }
            var i = 0
            while i < chars.count {
                let ch = chars[i]
                if inQuotes {
                    if ch == "\"" {
                        if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { inQuotes = false }
                    } else { field.append(ch) }
                } else if ch == "\"" { inQuotes = true; quoted = true
                } else if ch == "," { cells.append(Cell(text: field, quoted: quoted)); field = ""; quoted = false
                } else { field.append(ch) }
                i += 1
            }
            cells.append(Cell(text: field, quoted: quoted))
            rows.append(cells)
        }
        return rows
    }
}
