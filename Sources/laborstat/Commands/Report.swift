import ArgumentParser
import Foundation
import LaborStat

/// `laborstat report SPEC.toml -o DIR`: a whole report from one spec.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Run a report spec (TOML): every table and chart of a report, laid out as a page, a workbook and Markdown.",
        discussion: """
        A spec names its inputs once (file, read options, survey design) and lists sections of \
        items; an item is any table command with the CLI's own option names, an optional chart of \
        its table and the 统计表 layout (unit line, source line, notes, column order). Each item runs \
        exactly as `laborstat COMMAND FILE --options…` would, so every number in the report can be \
        reproduced by the command printed in the page's footer.

        DIR receives:
          index.html    one self-contained page (no network); tables sort, filter
          report.xlsx   a 目录 sheet with links, one 统计表 sheet per table, a 说明 sheet
          report.md     the same report as Markdown, charts linked
          tables/*.csv  every table (UTF-8; ID.excel.csv too where the spec asks)
          charts/*.svg  every chart, with charts/*.png at 2×
        The folder is built as DIR.tmp and renamed when complete; an existing DIR is replaced only \
        when it is an earlier LaborStat report. Same inputs and spec give the same bytes (the page \
        states when it was made only with generated = true in the spec).

        A spec (paths are relative to the spec's folder):
          title = "农民工监测调查主要结果"
          language = "zh"                      # zh (default) or en: labels, headings
          [inputs.survey]
          file = "../survey_sample.csv"
          design = { weight = "weight", strata = "stratum", cluster = "psu" }
          [[sections]]
          title = "一、收入"
          note = "月均收入为税后现金收入。"     # Markdown
          [[sections.items]]
          id = "income"              # tables/income.csv, charts/income.svg
          title = "表1 月均收入（按年份）"
          command = "describe"
          input = "survey"
          options = { columns = "monthly_income", by = "year",
                      stats = ["mean", "mean_se"] }
          table = { unit = "元", decimals = 1, source = "合成调查样本" }
          chart = { kind = "bar", x = "年份", y = "均值" }  # shown names

        An item's table = { … } lays out its table (names as the table shows them, after --labels):
          unit, source, notes      the 单位 line, the 资料来源 line, 注 lines
          columns = ["a", "b"]     which columns, in this order
          keep = "has_contract = 1"
                                   which rows (a --where expression)
          wide = { rows = "年龄组", columns = "年份", value = "份额" }
                                   years as columns; the command's long table is
                                   kept as tables/ID-long.csv and charted
          decimals = 2 | { "均值" = 1, "增长率" = 4 }
                                   places, for all or per column
          percent, rename, digits, labels
                                   the command's output options (its own
                                   column names, before --labels)
          region = "省份"          the column the page's region filter uses
          excel = true             also tables/ID.excel.csv (BOM, CRLF, guard)
        An option value @ID is the table of the earlier item ID, e.g. \
        denominator = "@population" for a denominator estimated from the survey.

        Options are the command's flags without dashes: by = ["a", "b"] is --by a,b; test = true \
        is --test. The input's design goes to describe, tabulate, aggregate, regress, trend and \
        compare unless the item says design = false. A zh report passes --labels zh. Mistakes are \
        reported at their line (report.toml:23: unknown option "--by2" in item "income" of section \
        "一、收入"), exit 65; a missing input file exits 66.

        Examples:
          laborstat report Datasets/reports/nbs-monitoring.toml -o nbs-report
          laborstat report --check Datasets/reports/arrears-register.toml
        """
    )

    @Argument(help: "The report spec (TOML).")
    var spec: String

    @Option(name: [.short, .long], help: ArgumentHelp("The report's folder (built as DIR.tmp, then renamed).", valueName: "dir"))
    var output: String?

    @Flag(help: "Validate the spec (keys, options of every item and chart, input files) without running anything.")
    var check = false

    func run() throws {
        let plan = try ReportPlan(specPath: spec)
        if check {
            try plan.validate()
            Diagnostics.printError("\(spec): ok: \(plan.spec.sections.count) sections, \(plan.spec.sections.flatMap(\.items).count) items")
            return
        }
        guard let output, !output.isEmpty else { throw ValidationError("give the report's folder: -o DIR") }
        try plan.validate()
        try ReportFolder.build(at: output) { folder in
            let doc = try plan.run(into: folder)
            try plan.writeDocuments(doc, into: folder)
        }
        Diagnostics.printError("report: \(output)/index.html")
    }
}
