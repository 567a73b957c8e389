import Testing
@testable import LaborStatTable

@Suite struct BandKeyTests {
    @Test func bandsAreClosedBelowInBreakOrder() throws {
        let t = try Table(columns: [Column("age", integers: [15, 16, 20, 21, 50, 51, 80, nil])])
        let banded = try t.addingBandKeys(["age:16/21/31/41/51"])
        let c = try banded.column(named: "age:16/21/31/41/51")
        #expect((0..<8).map { c.string(at: $0) } == ["<16", "16–20", "16–20", "21–30", "41–50", "51+", "51+", nil])
        #expect(c.levelsOrdered)
        let g = try Grouping(banded, by: [KeySpec("age:16/21/31/41/51")])
        #expect(g.keys[0].string(at: 0) == "<16" && g.keys[0].string(at: 4) == "51+", "groups in break order, not text order")
    }

    @Test func decimalsGetIntervalsAndOnlyIncreasingBreaksAreKeys() throws {
        let t = try Table(columns: [Column("h", doubles: [44.5, 45, 2])])
        let c = try t.addingBandKeys(["h:44.5"]).column(named: "h:44.5")
        #expect((0..<3).map { c.string(at: $0) } == ["≥44.5", "≥44.5", "<44.5"])
        #expect(Table.isBandKey("age:16/21") && !Table.isBandKey("age:21/16") && !Table.isBandKey("date:year") && !Table.isBandKey(":5"))
        let text = try Table(columns: [Column("s", strings: ["a"])])
        #expect(throws: TableError.self) { try text.addingBandKeys(["s:1/2"]) }
    }
}
