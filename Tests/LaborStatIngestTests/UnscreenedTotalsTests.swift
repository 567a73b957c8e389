import Foundation
import Testing
@testable import LaborStatIngest
import LaborStatTable

/// A body over 4 MiB is screened for totals at its ends only; a 小计 row in its middle must not be
/// read as data (it would count its rows twice).
@Suite("Office layouts: a subtotal inside the body of a large file")
struct UnscreenedTotalsTests {
    static func write(_ text: String) throws -> (path: String, dir: URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("laborstat-mid-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("big.csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return (path, dir)
    }

    static func body(subtotalAt mid: Int?, label: String = "小 计") -> (text: String, n: Int, sum: Int) {
        var text = "地区,年份,金额\n"
        let n = 300_000
        var sum = 0
        for i in 1...n {
            text += "地区\(i % 31),\(2020 + i % 5),\(i % 1000)\n"
            sum += i % 1000
            if i == mid { text += "\(label),,999999\n" }
        }
        text += "合计,,\(sum + (mid == nil ? 0 : 999999))\n"
        return (text, n, sum)
    }

    @Test("refused with the row's line and the flags, whatever columns are read")
    func refused() throws {
        let b = Self.body(subtotalAt: 70_000)
        #expect(b.text.utf8.count > 4 << 20)
        let (path, dir) = try Self.write(b.text)
        defer { try? FileManager.default.removeItem(at: dir) }
        for columns in [nil, ["金额"]] as [[String]?] {
            var o = ReadOptions()
            o.columns = columns
            do {
                _ = try TableReader.read(path: path, options: o)
                Issue.record("a 小计 row in the middle was read as data")
            } catch {
                #expect(error.description.hasPrefix("\(path):70002:1: a row labelled 小计 inside the body looks like a total or subtotal; in files over 4 MiB only the first and last rows are screened for totals, so it is not left out"))
                #expect(error.description.hasSuffix("\nhint: --keep-totals reads every row as data (this one, and any totals, notes and blank rows at the ends too); otherwise take the 小计 rows out of the file"))
                #expect(error.kind.exitCode == 65)
            }
        }
        var keep = ReadOptions()
        keep.keepTotals = true
        let t = try TableReader.read(path: path, options: keep)
        #expect(t.rowCount == b.n + 2)
    }

    @Test("a label that merely ends in 计 is data; a file without such rows reads as before")
    func notATotal() throws {
        let b = Self.body(subtotalAt: 70_000, label: "统计")
        let (path, dir) = try Self.write(b.text)
        defer { try? FileManager.default.removeItem(at: dir) }
        let t = try TableReader.read(path: path)
        #expect(t.rowCount == b.n + 1)
        #expect(try t.doubles("金额").reduce(0, +) == Double(b.sum + 999999))
        #expect(t.source?.layout?.leftOutSummary == "\(b.n + 3) (合计)")
    }
}
