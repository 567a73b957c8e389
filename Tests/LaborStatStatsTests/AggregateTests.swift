import Foundation
import Testing
import _LaborStatTestSupport
import LaborStatTable
@testable import LaborStatStats

@Suite("Group-by aggregation")
struct AggregateTests {
    /// A small arrears-like table: province (category), year (integer), workers, amount (2 decimals).
    static func table(rows n: Int = 2000, seed: UInt64 = 3) throws -> Table {
        var rng = SplitMix(seed: seed)
        let provinces = ["广东省", "四川省", "陕西省", "北京市"]
        var p: [String?] = [], y: [Int64?] = [], w: [Int64?] = [], a: [Double?] = []
        for i in 0..<n {
            p.append(provinces[Int(rng.next() % 4)])
            y.append(2015 + Int64(rng.next() % 5))
            w.append(i % 97 == 0 ? nil : Int64(rng.next() % 300 + 1))
            // Cents: integers / 100, the way a CSV reader produces them; large and small mixed.
            a.append(i % 89 == 0 ? nil : Double(Int64(rng.next() % 100_000_000_00)) / 100)
        }
        return try Table(columns: [Column("province", categories: p), Column("year", integers: y),
                                   Column("workers", integers: w), Column("amount", doubles: a)])
    }

    @Test("sums are exact: integers in Int64, 2-decimal money as cents")
    func exactSums() throws {
        let t = try Self.table()
        let g = try Grouping(t, by: [KeySpec("province"), KeySpec("year")])
        let amount = try t.column(named: "amount"), workers = try t.column(named: "workers")
        let s = GroupSums(amount, rows: t.rowIndices, groupOfRow: g.groupOfRow, groupCount: g.groupCount)
        #expect(s.decimals == 2)
        let ws = GroupSums(workers, rows: t.rowIndices, groupOfRow: g.groupOfRow, groupCount: g.groupCount)
        #expect(ws.integerSum != nil && ws.decimals == 0)
        // Independent check: per-group sums of integer cents parsed from the printed decimals.
        var cents = [Int64](repeating: 0, count: g.groupCount), wsum = [Int64](repeating: 0, count: g.groupCount)
        var count = [Int](repeating: 0, count: g.groupCount)
        for i in 0..<t.rowCount {
            let k = Int(g.groupOfRow[i])
            if let v = amount.string(at: i) {
                let parts = v.split(separator: ".")
                let frac = parts.count > 1 ? String(parts[1]).padding(toLength: 2, withPad: "0", startingAt: 0) : "00"
                cents[k] += Int64(parts[0])! * 100 + Int64(frac)!
                count[k] += 1
            }
            if case .integer(let x) = workers.value(at: i) { wsum[k] += x }
        }
        for k in 0..<g.groupCount {
            #expect(s.sum[k] == Double(cents[k]) / 100, "group \(k)")
            #expect(s.count[k] == count[k])
            #expect(ws.integerSum![k] == wsum[k])
        }
    }

    @Test("by-group results equal filter-then-compute, for every statistic")
    func byGroupEqualsFilter() throws {
        let t = try Self.table(rows: 600)
        let stats = try DescribeStatistic.list("n,missing,mean,sd,var,cv,min,max,p10,p50,p2.5,gini,skewness,kurtosis,total,sum_weight")
        let g = try Grouping(t, by: [KeySpec("province")])
        let grouped = try DescriptiveSummary.table(t, columns: ["amount"], grouping: g, statistics: stats, rule: .hf7)
        for k in 0..<g.groupCount {
            let rows = (0..<t.rowCount).filter { Int(g.groupOfRow[$0]) == k }.map { Int32($0) }
            let sub = t.selecting(rows: rows)
            let one = try DescriptiveSummary.table(sub, columns: ["amount"], grouping: try Grouping(sub, by: []), statistics: stats, rule: .hf7)
            for s in stats {
                let a = try grouped.column(named: s.name).double(at: k), b = try one.column(named: s.name).double(at: 0)
                #expect(isClose(a ?? .nan, b ?? .nan, rel: 1e-12), "\(s.name) group \(k)")
            }
        }
        #expect(grouped.columnNames.prefix(2) == ["province", "column"])
    }

    @Test("equal weights give the unweighted mean and quantiles (math = type 1)")
    func equalWeights() throws {
        var t = try Self.table(rows: 500)
        try t.append(Column("w", doubles: Array(repeating: 2.5, count: 500)))
        let g = try Grouping(t, by: [KeySpec("year")])
        let stats = try DescribeStatistic.list("n,mean,p10,p50,p90")
        let weighted = try DescriptiveSummary.table(t, columns: ["amount"], grouping: g, statistics: stats, rule: .math, weights: try Weights(t, column: "w"))
        let plain = try DescriptiveSummary.table(t, columns: ["amount"], grouping: g, statistics: stats, rule: .hf1)
        for s in stats { for k in 0..<g.groupCount {
            #expect(isClose(try weighted.column(named: s.name).double(at: k)!, try plain.column(named: s.name).double(at: k)!, rel: 1e-12))
        } }
    }

    @Test("a negative weight is an error naming the row")
    func badWeight() throws {
        let t = try Table(columns: [Column("x", doubles: [1, 2]), Column("w", doubles: [1, -2])])
        #expect(throws: DescriptiveError.self) { try Weights(t, column: "w") }
    }

    @Test("one-way table: shares, binomial SE and Wilson CI; two-way shares add up")
    func tabulate() throws {
        let t = try Self.table(rows: 400)
        let one = try FrequencyTable.oneWay(t, column: KeySpec("province"), by: [])
        #expect(one.columnNames == ["province", "n", "share", "share_se", "share_ci_low", "share_ci_high"])
        let shares = (0..<one.rowCount).map { try! one.column(named: "share").double(at: $0)! }
        #expect(isClose(shares.reduce(0, +), 1, rel: 1e-12))
        let n0 = Double(try one.column(named: "n").double(at: 0)!)
        let ci = ProportionInterval.wilson(successes: n0, n: 400)
        #expect(isClose(try one.column(named: "share_ci_low").double(at: 0)!, ci.low))
        #expect(isClose(try one.column(named: "share_se").double(at: 0)!, (shares[0] * (1 - shares[0]) / 400).squareRoot()))
        let two = try FrequencyTable.twoWay(t, rows: KeySpec("province"), cols: KeySpec("year"), by: [], share: .row)
        #expect(two.rowCount == 4 * 5)
        for r in 0..<4 {
            let s = (0..<5).map { try! two.column(named: "share").double(at: r * 5 + $0)! }.reduce(0, +)
            #expect(isClose(s, 1, rel: 1e-12))
        }
        let test = try FrequencyTable.chiSquare(t, rows: KeySpec("province"), cols: KeySpec("year"), by: [])
        #expect(test.columnNames == ["statistic", "df", "p_value", "method"])
        #expect(try test.column(named: "df").double(at: 0) == 12)
    }
}
