import Testing
import LaborStatTable
@testable import LaborStatReport

@Suite struct ReportDocumentTests {
    @Test func itemsAreInSectionOrder() throws {
        let t = try Table(columns: [Column("a", integers: [1, 2])])
        let doc = ReportDocument(title: "T", sections: [
            ReportSection(id: "s1", title: "一", items: [ReportItem(id: "a", title: "A", command: "laborstat describe x.csv",
                                                                   table: ReportTable(table: t, csvPath: "tables/a.csv"))]),
            ReportSection(id: "s2", title: "二", items: [ReportItem(id: "b", title: "B", command: "laborstat tabulate x.csv")]),
        ], version: "0.1.0")
        #expect(doc.items.map(\.id) == ["a", "b"])
    }
}
