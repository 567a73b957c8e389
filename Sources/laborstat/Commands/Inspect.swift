import ArgumentParser
import LaborStat

extension LaborStatCommand {}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Schema and quality of a file: every column's type, unit, missing and distinct values.",
        discussion: """
        Output: one row per input column with column, type, unit, non_missing, missing, distinct, \
        min, max, example. With --format json the file's facts (encoding, delimiter, rows, columns, \
        problems) come first.

        Types come from all of a column's cells: integer, decimal, date (date/month, date/quarter, \
        date/year when coarser than a day), boolean (true/false, 是/否, yes/no), category (repeated \
        text: at most one distinct value per two cells and at most 65536), text. A column is numeric \
        when numbers are at least half of its non-missing cells and plain words at most 5%; likewise \
        dates and booleans. Cells of a typed column that do not read as its type — approximate \
        amounts (十多万, 2万多), malformed numbers (1.2.3), impossible dates (2023-02-30), stray \
        words (未知) — are problem cells: they count as missing here, and each is listed on \
        standard error as FILE:LINE:COLUMN: … (the exit status stays 0). Other commands stop with \
        that message when they need such a column.

        Examples:
          laborstat inspect Datasets/arrears_register.csv
          laborstat inspect Datasets/national_migrant_workers.gb18030.csv --encoding gb18030 --format markdown
          laborstat inspect Datasets/survey_sample.csv --format json -o schema.json
          laborstat inspect Datasets/arrears_register.csv --columns 省份,欠薪金额（元）
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Inspect only these columns, comma-separated (the others are not read at all).")
    var columns: String?

    func run() throws {
        let table = try input.load(columns: columns.map { commaList($0) })
        let profiles = table.columns.map { ColumnProfile($0) }
        let problems = profiles.reduce(0) { $0 + $1.problemCount }
        for column in table.columns {
            for p in column.problems { Diagnostics.printError("laborstat: \(p.location): \(p.message)") }
            let more = column.problemCount - column.problems.count
            if more > 0 { Diagnostics.printError("laborstat: … and \(more) more problem cells in column \"\(column.name)\"") }
        }
        if problems > 0 {
            Diagnostics.printError("laborstat: \(problems) problem cell\(problems == 1 ? "" : "s") (counted as missing above); correct them, or add their tokens to --missing")
        }
        var facts: [(String, String)] = [("file", input.file)]
        if let s = table.source {
            facts.append(("format", s.format))
            if let e = s.encoding { facts.append(("encoding", e)) }
            if let d = s.delimiter { facts.append(("delimiter", d)) }
            if let sheet = s.sheet { facts.append(("sheet", sheet)) }
            facts.append(("bom", s.hadBOM ? "true" : "false"))
        }
        facts.append(("rows", String(table.rowCount)))
        facts.append(("columns", String(table.columns.count)))
        facts.append(("problems", String(problems)))
        try output.emit(ColumnProfile.table(profiles), metadata: facts)
    }
}
