import Testing
@testable import LaborStatExport

@Suite("Chart titles in the output language")
struct ChartTitlesTests {
    @Test func englishIsWhatTheCommandsWrote() {
        #expect(ChartTitles.statistic("mean", of: "monthly_income", .en) == "monthly_income: mean")
        #expect(ChartTitles.statistic("mean", of: nil, .en) == "mean")
        #expect(ChartTitles.share(of: "industry", .en) == "industry: share")
        #expect(ChartTitles.share(rows: "a", cols: "b", base: "row", .en) == "a × b: share of the row")
        #expect(ChartTitles.pivot("median", of: "x", rows: "a", cols: "b", .en) == "median of x by a and b")
        #expect(ChartTitles.pivot("count", of: nil, rows: "a", cols: "b", .en) == "count by a and b")
        #expect(ChartTitles.aggregate("sum", of: "x", .en) == nil)
        #expect(ChartTitles.keyAxis("year", .en) == nil)
    }

    @Test func chineseUsesTheOneTable() {
        #expect(ChartTitles.statistic("p90", of: "月收入", .zh) == "月收入：第90百分位数")
        #expect(ChartTitles.axis("sum_欠薪金额（元）", .zh) == "欠薪金额（元）合计")
        #expect(ChartTitles.aggregate("sum", of: "涉及人数", .zh) == "涉及人数合计")
        #expect(ChartTitles.aggregate("count", of: "涉及人数", .zh) == "个数")
        #expect(ChartTitles.aggregate("median", of: "x", .zh) == "x中位数")
        #expect(ChartTitles.keyAxis("year", .zh) == "年份")
        #expect(ChartTitles.keyAxis("省份", .zh) == nil)
        #expect(ChartTitles.share(rows: "性别", cols: "year", base: "col", .zh) == "性别 × 年份：份额（列内）")
    }

    @Test func perRatesNameTheirUnit() {
        #expect(ChartTitles.perRate(per: 10_000, of: nil, .en) == "cases per 10,000 persons")
        #expect(ChartTitles.perRate(per: 10_000, of: nil, .zh) == "每万人案件数")
        #expect(ChartTitles.perRate(per: 1_000_000, of: nil, perPerson: true, .zh) == "每百万人人数")
        #expect(ChartTitles.perRate(per: 100_000, of: "欠薪金额（元）", .zh) == "每十万人欠薪金额（元）")
        #expect(ChartTitles.perRate(per: 1, of: nil, .en) == "cases per person")
        #expect(ChartTitles.perRate(per: 1, of: nil, .zh) == "人均案件数")
        #expect(ChartTitles.perRate(per: 250, of: nil, .zh) == "每250人案件数")
        #expect(ChartTitles.perRate(per: 2.5, of: nil, .en) == "cases per 2.5 persons")
        #expect(ChartTitles.perRate(per: 100, of: "A", denominator: "B", .en) == "A per 100 B")
        #expect(ChartTitles.perRate(per: 100, of: "A", denominator: "B", .zh) == "每百B的A")
        #expect(ChartTitles.rate("A", "B", .zh) == "比率：A/B")
    }
}
