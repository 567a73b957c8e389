import Foundation
import Testing
import _LaborStatTestSupport

/// `trend` slice by slice (forced by the hidden `--slice-bytes`) against the whole-table path on
/// the file of `AggregateStreamCLITests` (a province that appears only after the first slices,
/// missing provinces, amounts whole in the first half and with decimals after): byte-identical
/// outputs, identical errors.
@Suite("trend streamed in slices")
struct TrendStreamCLITests {
    static let requests: [[String]] = [
        ["--time", "opened:year", "--value", "amount", "--agg", "sum", "--by", "province",
         "--stats", "n_years=periods,ols_slope,theil_sen_slope"],
        ["--time", "opened:year", "--value", "amount", "--by", "province"],
        ["--time", "opened:quarter", "--value", "amount", "--agg", "mean", "--by", "province", "--series"],
        ["--time", "opened:month", "--agg", "count", "--series"],
        ["--time", "opened:year", "--value", "workers", "--by", "province,opened:month", "--where", "workers >= 30",
         "--series", "--zero-fill"],
    ]

    @Test("streamed and whole-table trend print the same bytes (late group, mixed int/decimal slices)")
    func identical() throws {
        let path = try AggregateStreamCLITests.makeFile(rows: 6000)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for args in Self.requests {
            let whole = try runLaborstat(["trend", path] + args)
            #expect(whole.status == 0, "\(whole.stderr)")
            for slice in ["3000", "20000"] {
                let streamed = try runLaborstat(["trend", path] + args + ["--slice-bytes", slice])
                #expect(streamed.status == 0, "\(streamed.stderr)")
                #expect(streamed.stdout == whole.stdout, "\(args) slice \(slice)")
            }
        }
        // The province absent from the first slices has its row.
        let r = try runLaborstat(["trend", path, "--time", "opened:year", "--value", "amount", "--by", "province",
                                  "--slice-bytes", "3000"])
        #expect(r.stdout.contains("新疆维吾尔自治区,"), "\(r.stdout)")
    }

    @Test("a bad value cell in a later slice: the same error as the whole read")
    func problemInLaterSlice() throws {
        let path = try AggregateStreamCLITests.makeFile(rows: 4000, bad: (3500, "十多万"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let args = ["trend", path, "--time", "opened:year", "--value", "workers", "--by", "province"]
        let whole = try runLaborstat(args), streamed = try runLaborstat(args + ["--slice-bytes", "5000"])
        #expect(whole.status == 65 && streamed.status == 65)
        #expect(streamed.stderr == whole.stderr)
    }
}
