import Testing
@testable import LaborStatTable

@Suite struct WidenedTests {
    @Test func longToWideKeepsOrderAndLeavesAbsentCellsEmpty() throws {
        let t = try Table(columns: [
            Column("year", integers: [2023, 2023, 2024, 2024, 2024]),
            Column("group", strings: ["a", "b", "a", "b", "c"]),
            Column("share", doubles: [0.4, 0.6, 0.5, 0.3, 0.2]),
        ])
        let w = try t.widened(rows: ["group"], columns: "year", value: "share")
        #expect(w.columnNames == ["group", "2023", "2024"])
        #expect((0..<3).map { w.columns[0].string(at: $0) } == ["a", "b", "c"])
        #expect((0..<3).map { w.columns[1].double(at: $0) } == [0.4, 0.6, nil], "c has no 2023 row: empty, never 0")
        #expect((0..<3).map { w.columns[2].double(at: $0) } == [0.5, 0.3, 0.2])
    }

    @Test func twoRowsForOneCellAreRefused() throws {
        let t = try Table(columns: [Column("k", strings: ["a", "a"]), Column("y", integers: [1, 1]), Column("v", integers: [1, 2])])
        #expect(throws: TableError.self) { try t.widened(rows: ["k"], columns: "y", value: "v") }
    }
}
