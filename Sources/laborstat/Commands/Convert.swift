import ArgumentParser
import LaborStat

extension LaborStatCommand {}

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "A normalized copy of a file: numbers in plain decimal, dates ISO.",
        discussion: """
        Reads any input the other commands read (GB18030/GBK, UTF-8 with or without BOM, UTF-16; \
        comma, tab, semicolon or pipe; .xlsx) and writes the table with every column typed: numbers \
        as plain decimals (2.84万 → 28400, 12% → 0.12, "3,500" → 3500), dates as ISO 8601 \
        (2013年12月9日 → 2013-12-09, 2013年第4季度 → 2013Q4), missing tokens (NA, —, 无, …) as \
        empty cells. A column's unit (元, 人, %) is dropped from the values; `laborstat inspect` \
        shows it. With --keep-text every cell is written as it was read (only the encoding, the \
        delimiter and the quoting change).

        Cells that do not read as their column's type (十多万 in a number column) stop the \
        conversion with FILE:LINE:COLUMN, unless --keep-text is given.

        Examples:
          laborstat convert Datasets/national_migrant_workers.gb18030.csv -o 农民工-utf8.csv
          laborstat convert Datasets/national_migrant_workers.xlsx --sheet 1 --format tsv
          laborstat convert Datasets/national_migrant_workers.gb18030.csv --keep-text --excel -o for-excel.csv
          laborstat convert Datasets/national_migrant_workers.csv -o 农民工.xlsx --sheet-name 全国
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Keep every cell as written (all columns text, nothing trimmed, only empty cells missing).")
    var keepText = false

    func run() throws {
        var options = try input.readOptions()
        options.keepText = keepText
        var table = try TableReader.read(path: input.file, options: options)
        InputOptions.noteLayout(table.source)
        InputOptions.printNotes(table)
        if let expr = input.whereExpression {
            table = table.selecting(physicalRows: try RowFilter(expr).matchingRows(in: table))
        }
        for column in table.columns { try column.requireClean() }
        try output.emit(table)
    }
}
