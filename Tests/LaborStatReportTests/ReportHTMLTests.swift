import Foundation
import LaborStatExport
import LaborStatReport
import LaborStatTable
import Testing

@Suite struct ReportHTMLTests {
    /// A small report over real tables: a region column, a percent column, an income column, a
    /// hostile cell and a hostile title, a note with raw HTML.
    static func document() throws -> ReportDocument {
        let t = try Table(columns: [
            Column("地区", strings: ["西部", "广东", "北京", "<script>alert(1)</script> & 其他"]),
            Column("月均收入", doubles: [4238.5, 5617.26, 6012.0, nil]),
            Column("签订合同比例", doubles: [0.5933, 0.4125, 0.6, 0.05]),
            Column("样本数", integers: [1200, 3400, 560, 12]),
        ])
        var options = WriteOptions()
        options.percentColumns = ["签订合同比例"]
        options.fixedDecimals = ["月均收入": 1]
        let table = ReportTable(table: t, options: options, unit: "元、%", source: "农民工监测调查（样本）",
                                notes: ["合计不含港澳台"], regionColumn: "地区", csvPath: "tables/income.csv")
        let item = ReportItem(id: "income", title: "表1 月均收入 <script>x</script> & 合同", note: "见 **定义** & 说明。<img src=x onerror=alert(2)>",
                              command: "laborstat describe survey.csv --by 地区", table: table)
        let section = ReportSection(id: "s1", title: "收入", note: "本节<script>alert(3)</script>说明", items: [item])
        return ReportDocument(title: "农民工监测 & 报告", subtitle: "2024年", author: "统计局", period: "2024年",
                              sections: [section],
                              inputs: [ReportInputFile(name: "survey", path: "survey.csv", bytes: 1234, sha256: String(repeating: "ab", count: 32))],
                              version: "0.1.0")
    }

    @Test func escapesCellsTitlesAndMarkdownRawHTML() throws {
        let page = ReportHTML.page(try Self.document())
        // Only the page's own script element exists.
        #expect(page.components(separatedBy: "<script").count == 2)
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; 其他"))
        #expect(page.contains("<caption>表1 月均收入 &lt;script&gt;x&lt;/script&gt; &amp; 合同</caption>"))
        #expect(!page.contains("<img"))
        #expect(page.contains("&lt;img src=x onerror=alert(2)"))
        #expect(page.contains("<strong>定义</strong> &amp; 说明"))
        #expect(!page.contains("&amp;amp;"))
        #expect(page.contains("<title>农民工监测 &amp; 报告</title>"))
    }

    @Test func fetchesNothing() throws {
        let page = ReportHTML.page(try Self.document())
        for needle in ["<script src", "<link", "@import", "url(http", "src=\"http", "src='http"] {
            #expect(!page.contains(needle), "page contains \(needle)")
        }
        #expect(page.contains("<html lang=\"zh-CN\">"))
    }

    @Test func numbersCarryTheirRawValueAndShowAsMarkdownDoes() throws {
        let doc = try Self.document()
        let page = ReportHTML.page(doc)
        #expect(page.contains("<td class=\"num\" data-value=\"0.5933\">59.3%</td>"))
        #expect(page.contains("<td class=\"num\" data-value=\"5617.26\">5,617.3</td>"))
        #expect(page.contains("<td class=\"num\" data-value=\"3400\">3,400</td>"))
        #expect(page.contains("<td class=\"num\" data-value=\"\"></td>"))
        // Every displayed number is the Markdown writer's cell.
        let md = try ReportMarkdown.text(doc)
        for row in TableDisplay.cells(of: doc.items[0].table!.table, options: doc.items[0].table!.options) {
            for cell in row.dropFirst() where !cell.isEmpty { #expect(md.contains(" \(cell) |")) }
        }
        #expect(md.contains(" 59.3% |"))
    }

    @Test func statisticalTableLines() throws {
        let page = ReportHTML.page(try Self.document())
        #expect(page.contains("单位：元、%"))
        #expect(page.contains("注：合计不含港澳台"))
        #expect(page.contains("资料来源：农民工监测调查（样本）"))
        #expect(page.contains("href=\"tables/income.csv\""))
        #expect(page.contains("href=\"#income\""))
        #expect(page.contains("href=\"#s1\""))
        #expect(page.contains("<code>laborstat describe survey.csv --by 地区</code>"))
        #expect(page.contains(String(repeating: "ab", count: 32)))
    }

    @Test func sortableHeadersAndRegionCodes() throws {
        let page = ReportHTML.page(try Self.document())
        #expect(page.components(separatedBy: "aria-sort=\"none\"").count == 5)
        #expect(page.contains("<th scope=\"col\" aria-sort=\"none\" data-kind=\"region\"><button type=\"button\">地区</button></th>"))
        #expect(page.contains("<td data-code=\"440000\">广东</td>"))
        #expect(page.contains("<td data-code=\"110000\">北京</td>"))
        #expect(page.contains("<select class=\"region\""))
        #expect(page.contains("new Intl.Collator(\"zh\")"))
    }

    @Test func sameDocumentSameBytes() throws {
        let a = ReportHTML.page(try Self.document())
        let b = ReportHTML.page(try Self.document())
        #expect(a == b)
        #expect(!a.contains("<time>"))
        var doc = try Self.document()
        doc.generatedAt = "2026-12-04T04:00:00Z"
        #expect(ReportHTML.page(doc).contains("<time>2026-12-04T04:00:00Z</time>"))
    }
}
