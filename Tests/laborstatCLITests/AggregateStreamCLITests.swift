import Foundation
import Testing
import _LaborStatTestSupport

/// `aggregate` slice by slice (forced by the hidden `--slice-bytes`) against the whole-table path:
/// the outputs must be byte-identical, errors identical.
@Suite("aggregate streamed in slices")
struct AggregateStreamCLITests {
    /// A generated arrears-like file: province keys (one appears only after the first slices, some
    /// missing), dates, integer workers, an amount column that is whole yuan in the first half and
    /// has 1–2 decimals after, a quoted note with a line break now and then.
    static func makeFile(rows: Int, bad: (row: Int, cell: String)? = nil) throws -> String {
        var state: UInt64 = 20261129
        func next(_ n: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int((state >> 33) % UInt64(n)) }
        let provinces = ["北京市", "上海市", "广东省", "Zhejiang", "四川省", ""]
        var lines = ["case_id,province,opened,workers,amount,note"]
        for i in 0..<rows {
            let p = i > rows / 2 && next(10) == 0 ? "新疆维吾尔自治区" : provinces[next(provinces.count)]
            let date = "20\(10 + next(12))-0\(1 + next(9))-1\(next(10))"
            var workers = "\(1 + next(40))"
            if let bad, bad.row == i { workers = bad.cell }
            let amount = i < rows / 2 ? "\(next(90000))" : "\(next(90000)).\(next(2) == 0 ? "5" : String(format: "%02d", next(100)))"
            let note = next(50) == 0 ? "\"line one\nline two\"" : "ok"
            lines.append("A\(i),\(p),\(date),\(workers),\(amount),\(note)")
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("agg-stream-\(UUID().uuidString).csv")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url.path
    }

    static let requests: [[String]] = [
        ["--by", "province,opened:year", "--count", "--sum", "workers,amount", "--plain-names", "--rename", "count=cases"],
        ["--by", "opened:month", "--count", "--sum", "amount", "--mean", "workers"],
        ["--by", "province", "--sum", "workers,amount", "--where", "workers >= 20"],
        ["--count", "--sum", "amount"],
    ]

    @Test("streamed and whole-table aggregate print the same bytes (mixed int/decimal slices, late key)")
    func identical() throws {
        let path = try Self.makeFile(rows: 6000)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for args in Self.requests {
            let whole = try runLaborstat(["aggregate", path] + args)
            #expect(whole.status == 0, "\(whole.stderr)")
            for slice in ["3000", "20000"] {
                let streamed = try runLaborstat(["aggregate", path] + args + ["--slice-bytes", slice])
                #expect(streamed.status == 0, "\(streamed.stderr)")
                #expect(streamed.stdout == whole.stdout, "\(args) slice \(slice)")
            }
        }
        // The sums are exact: the decimal amount prints with 2 decimals, the late province is there.
        let r = try runLaborstat(["aggregate", path, "--by", "province", "--sum", "amount", "--slice-bytes", "3000"])
        #expect(r.stdout.contains("新疆维吾尔自治区,"))
        let firstRow = r.stdout.split(separator: "\n")[1]
        #expect(firstRow.split(separator: ",").last?.split(separator: ".").last?.count == 2)
    }

    @Test("a bad cell in a later slice is reported at its line of the whole file")
    func problemInLaterSlice() throws {
        let path = try Self.makeFile(rows: 4000, bad: (3500, "十多万"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let args = ["aggregate", path, "--by", "province", "--sum", "workers"]
        let whole = try runLaborstat(args)
        let streamed = try runLaborstat(args + ["--slice-bytes", "5000"])
        #expect(whole.status == 65)
        #expect(streamed.status == 65)
        #expect(streamed.stderr == whole.stderr)
        // Line of record 3500: 1 header + 3501 records + one extra line per quoted note before it.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("A3500,") }! + 1
        #expect(streamed.stderr.contains("\(path):\(line):"), "\(streamed.stderr)")
    }

    @Test("a ragged row in a later slice: the same error; GB18030 found late: read whole, same output")
    func lateErrorsAndEncoding() throws {
        let dir = FileManager.default.temporaryDirectory
        var lines = ["k,v"] + (1...3000).map { "k\($0 % 7),\($0)" }
        lines[2500] = "k1,5,extra"
        let ragged = dir.appendingPathComponent("agg-ragged-\(UUID().uuidString).csv")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: ragged)
        defer { try? FileManager.default.removeItem(at: ragged) }
        let args = ["aggregate", ragged.path, "--by", "k", "--sum", "v"]
        let whole = try runLaborstat(args), streamed = try runLaborstat(args + ["--slice-bytes", "2000"])
        #expect(whole.status == 65 && streamed.status == 65)
        #expect(streamed.stderr == whole.stderr)
        #expect(streamed.stderr.contains(":2501:"), "\(streamed.stderr)")

        // ASCII for many slices, then 北京 in GB18030 (B1 B1 BE A9): the streamed read gives up, the whole read decodes it.
        var bytes = Array(((["k,v"] + (1...3000).map { "k\($0 % 5),\($0)" }).joined(separator: "\n") + "\n").utf8)
        bytes += [0xB1, 0xB1, 0xBE, 0xA9] + Array(",7\n".utf8)
        let gbk = dir.appendingPathComponent("agg-gbk-\(UUID().uuidString).csv")
        try Data(bytes).write(to: gbk)
        defer { try? FileManager.default.removeItem(at: gbk) }
        let a = try runLaborstat(["aggregate", gbk.path, "--by", "k", "--count", "--sum", "v"])
        let b = try runLaborstat(["aggregate", gbk.path, "--by", "k", "--count", "--sum", "v", "--slice-bytes", "2000"])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(b.stdout == a.stdout)
        #expect(b.stdout.contains("北京,1,7"), "\(b.stdout)")
    }
}
