import Foundation
import Testing
import LaborStatTable
@testable import LaborStatIngest

/// `TableReader.scan`: slices cut at record boundaries (also around quoted line breaks), typed on
/// their own, problem cells located at the line of the whole file.
@Suite("scan in slices")
struct ScanTests {
    static func write(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test("slices hold every record once, in order; a quoted line break is never cut")
    func slicesCoverTheFile() throws {
        var lines = ["id,note,amount"]
        for i in 1...3000 { lines.append(i % 97 == 0 ? "\(i),\"two\nlines, \"\"quoted\"\"\",\(i)" : "\(i),plain,\(i)") }
        let path = try Self.write(lines.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let whole = try TableReader.read(path: path)
        var ids: [String?] = [], notes: [String?] = [], slices = 0
        let done = try TableReader.scan(path: path, sliceBytes: 1000) { t in
            slices += 1
            ids += t.rowIndices.map { try! t.column(named: "id").string(at: $0) }
            notes += t.rowIndices.map { try! t.column(named: "note").string(at: $0) }
        }
        #expect(done)
        #expect(slices > 20)
        #expect(ids == whole.rowIndices.map { try! whole.column(named: "id").string(at: $0) })
        #expect(notes == whole.rowIndices.map { try! whole.column(named: "note").string(at: $0) })
        #expect(notes.filter { $0?.contains("\n") == true }.count == 3000 / 97)
    }

    @Test("a problem cell in a later slice carries its line in the whole file; types per slice")
    func problemLineAndTypes() throws {
        var lines = ["k,v"]
        for i in 1...2000 { lines.append(i <= 1000 ? "a,\(i)" : "b,\(i).25") }
        lines[1700] = "b,十多万"      // file line 1701
        let path = try Self.write(lines.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var types: [ColumnType] = [], problemLines: [Int] = [], rows = 0
        _ = try TableReader.scan(path: path, sliceBytes: 4000) { t in
            let v = try t.column(named: "v")
            types.append(v.type)
            problemLines += v.problems.map(\.location.line)
            rows += t.rowCount
        }
        #expect(rows == 2000)
        #expect(types.first == .integer && types.last == .decimal)
        #expect(problemLines == [1701])
        let whole = try TableReader.read(path: path)
        let wholeLines = try whole.column(named: "v").problems.map { $0.location.line }
        #expect(wholeLines == [1701])
    }
}
