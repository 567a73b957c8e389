import Foundation
import _LaborStatTestSupport

/// A small reader for the committed reference CSVs (plain fields, optional double quotes, no
/// embedded commas; lines starting with `#` are comments): rows as dictionaries keyed by the header.
struct FixtureCSV {
    let header: [String]
    let rows: [[String: String]]

    init(_ relativePath: String) throws {
        let url = repositoryRoot().appendingPathComponent("Tests/LaborStatStatsTests/References").appendingPathComponent(relativePath)
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.hasPrefix("#") }
        @Sendable func fields(_ l: String) -> [String] {
            l.split(separator: ",", omittingEmptySubsequences: false).map {
                var s = $0.trimmingCharacters(in: .whitespaces)
                if s.hasPrefix("\"") && s.hasSuffix("\"") && s.count >= 2 { s = String(s.dropFirst().dropLast()) }
                return s
            }
        }
        let h = fields(lines.removeFirst())
        header = h
        rows = lines.map { l in Dictionary(uniqueKeysWithValues: zip(h, fields(l))) }
    }

    /// A numeric column.
    func numbers(_ name: String) -> [Double] { rows.map { Double($0[name] ?? "") ?? .nan } }
}
