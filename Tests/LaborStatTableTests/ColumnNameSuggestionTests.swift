import Testing
@testable import LaborStatTable

/// The usual slips in column names get the right suggestion (never a silent match).
@Suite("Column-name suggestions")
struct ColumnNameSuggestionTests {
    let table = try! Table(columns: ["欠薪金额（元）", "所在省", "工作城市", "涉及人数 ", "年份"].map { Column($0, integers: [1]) })

    func suggestion(_ name: String) -> String? {
        do { _ = try table.columnIndex(named: name); return "found" } catch {
            if case .columnNotFound(_, _, let s) = error { return s }
            return nil
        }
    }

    @Test("a name without its unit suffix, with other brackets, without 省/市, with spaces", arguments: [
        ("欠薪金额", "欠薪金额（元）"),
        ("欠薪金额(万元)", "欠薪金额（元）"),
        ("欠薪 金额（元）", "欠薪金额（元）"),
        ("所在", "所在省"),
        ("所在市", "所在省"),
        ("涉及 人数", "涉及人数 "),
    ])
    func slips(_ typed: String, _ meant: String) {
        #expect(suggestion(typed) == meant)
    }

    @Test("what already names a column is found: full/half-width brackets, trailing spaces")
    func found() {
        #expect(suggestion("欠薪金额(元)") == "found")
        #expect(suggestion("涉及人数") == "found")
        #expect(suggestion("年份 ") == "found")
    }

    @Test("nothing alike: no suggestion; #N beyond the columns: no suggestion")
    func none() {
        #expect(suggestion("完全不同的名字") == nil)
        #expect(suggestion("#9") == nil)
    }
}
