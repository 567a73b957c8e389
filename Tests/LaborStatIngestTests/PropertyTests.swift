import Foundation
import Testing
import LaborStatTable
import _LaborStatTestSupport
@testable import LaborStatIngest

/// Random tables (fixed seeds) → CSV text → read → the same values and types.
@Suite("Property: write a random table as CSV, read it back")
struct PropertyTests {
    enum Kind: CaseIterable { case integer, decimal, date, text, boolean }

    static let words = ["广东省", "a,b", "say \"hi\"", "两行\n文字", "x\r\ny", "普通", "Zed", "中 间", "£€", "𠀀字", "t;1", "p|q", "tab\there"]

    func makeValue(_ kind: Kind, _ rng: inout SplitMix) -> String {
        switch kind {
        case .integer: return String(Int64(bitPattern: rng.next()) % 10_000_000_000)
        case .decimal:
            let cents = Int64(bitPattern: rng.next()) % 1_000_000_000
            let sign = cents < 0 ? "-" : ""
            let a = abs(cents)
            return "\(sign)\(a / 100).\(String(format: "%02d", a % 100))"
        case .date:
            let d = Int32(truncatingIfNeeded: rng.next() % 40_000) - 5_000
            return CivilDate.format(d)
        case .text: return "t" + Self.words[Int(rng.next() % UInt64(Self.words.count))] + String(rng.next() % 1000)
        case .boolean: return rng.next() % 2 == 0 ? "true" : "false"
        }
    }

    func quoted(_ s: String, _ d: Character) -> String {
        if s.contains(d) || s.contains("\"") || s.contains("\n") || s.contains("\r") {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    @Test("random tables round-trip", arguments: [1, 2, 3, 4])
    func roundTrip(_ seed: UInt64) throws {
        var rng = SplitMix(seed: seed)
        for _ in 0..<60 {
            let nCols = Int(rng.next() % 6) + 1
            let nRows = Int(rng.next() % 60) + 1
            let kinds = (0..<nCols).map { _ in Kind.allCases[Int(rng.next() % 5)] }
            let delimiter: Character = [",", ";", "\t", "|"][Int(rng.next() % 4)]
            var grid: [[String?]] = []
            for _ in 0..<nRows {
                grid.append(kinds.map { k in rng.next() % 7 == 0 ? nil : makeValue(k, &rng) })
            }
            for c in 0..<nCols where grid.allSatisfy({ $0[c] == nil }) { grid[0][c] = makeValue(kinds[c], &rng) }
            let names = (0..<nCols).map { "列\($0)" }
            var text = names.map { quoted($0, delimiter) }.joined(separator: String(delimiter)) + (rng.next() % 2 == 0 ? "\n" : "\r\n")
            for row in grid {
                // An empty line is skipped (as pandas does), so a one-column table writes a missing cell as "".
                text += row.map { $0.map { quoted($0, delimiter) } ?? (nCols == 1 ? "\"\"" : "") }.joined(separator: String(delimiter)) + "\n"
            }
            // Rows whose cells are all missing would be left out as blank rows: keep them here.
            let table = try read(text) { $0.delimiter = delimiter.asciiValue; $0.keepTotals = true }
            try #require(table.rowCount == nRows, "\(text)")
            #expect(table.columnNames == names)
            for c in 0..<nCols {
                let col = table.columns[c]
                switch kinds[c] {
                case .integer: #expect(col.type == .integer)
                case .decimal: #expect(col.type == .decimal)
                case .date: #expect(col.type == .date)
                case .boolean: #expect(col.type == .boolean)
                case .text: #expect(col.type == .text || col.type == .category)
                }
                #expect(col.problemCount == 0)
                for r in 0..<nRows {
                    let written = grid[r][c]
                    switch kinds[c] {
                    case .decimal:
                        if let w = written { #expect(isClose(col.double(at: r) ?? .nan, Double(w)!, rel: 1e-15)) } else { #expect(col.isMissing(r)) }
                    default:
                        #expect(col.string(at: r) == written, "\(kinds[c]) row \(r)")
                    }
                }
            }
        }
    }
}

/// Arbitrary bytes never crash the reader: it returns a table or throws a located `IngestError`.
@Suite("Robustness: random bytes")
struct RandomBytesTests {
    static let pieces: [[UInt8]] = ["\"", "\"\"", ",", ";", "\t", "|", "\n", "\r", "\r\n", "1", "2.5", "-", "万", "亿", "%",
                                    "2013-02-30", "2013年", "Q4", "是", "NA", " ", "\u{3000}", "１", "．", "abc", "元"].map { Array($0.utf8) }
        + [[0xFF], [0x80], [0xE4, 0xB8], [0xEF, 0xBB, 0xBF], [0xFE, 0xFF], [0xFF, 0xFE], [0x00]]

    @Test("random inputs", arguments: [11, 12, 13])
    func randomInputs(_ seed: UInt64) {
        var rng = SplitMix(seed: seed)
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % 60) { bytes += Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }
            var o = ReadOptions()
            o.encoding = ReadOptions.Encoding.allCases[Int(rng.next() % 5)]
            o.header = rng.next() % 4 != 0
            o.keepText = rng.next() % 5 == 0
            if rng.next() % 3 == 0 { o.delimiter = [44, 59, 9, 124][Int(rng.next() % 4)] }
            do {
                let t = try TableReader.read(bytes: bytes, options: o)
                for c in t.columns { _ = ColumnProfile(c) }
            } catch {
                #expect(!error.description.isEmpty)
            }
            _ = try? CSVParser.rows(bytes: bytes, delimiter: nil)
        }
    }
}
