import Testing
@testable import LaborStatTable

/// Values read through a table follow its row selection; a column's own accessor says it covers
/// every physical row.
@Suite("Values under a row selection")
struct SelectionValuesTests {
    @Test("Table.doubles gives the rows in view; Column.physicalDoubles every row")
    func doublesFollowTheSelection() throws {
        let t = try Table(columns: [Column("year", integers: [2023, 2024, 2024, 2023]), Column("x", doubles: [1, 2, nil, 8])])
        let y2024 = t.selecting(physicalRows: try RowFilter("year = 2024").matchingRows(in: t))
        let v = try y2024.doubles("x")
        #expect(v.count == 2 && v[0] == 2 && v[1].isNaN)
        #expect(try y2024.doubles("#2").count == 2)
        #expect(try y2024.column(named: "x").physicalDoubles().count == 4)
        #expect(try t.doubles("x").count == 4)
        #expect(throws: TableError.self) { try t.doubles("nope") }
    }
}
