import ArgumentParser
import LaborStat
#if canImport(Glibc)
import Glibc
#endif

extension LaborStatCommand {}

/// `laborstat chart KIND FILE --x C --y C …`: an SVG chart from a table.
struct Chart: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract: "Draw a chart from a table: SVG, PNG or PDF.",
        discussion: """
        Kinds (KIND):
          line         trends: numbers or dates in --x (whole years get year
                       ticks), values in --y, one line per --color value
          bar          categories in --x, values in --y; --color: groups side
                       by side; --low/--high: error bars (e.g. ci_low, ci_high)
          hbar         as bar, ranked: the largest on top
          stacked-bar  categories in --x, values in --y, stacked by --color
          histogram    the variable in --x; Sturges bins with the breaks of
                       R's hist() (pretty()), [low, high), the last closed
          box          groups in --x, values in --y; Tukey boxes: quartiles by
                       Hyndman–Fan type 7 (R's quantile() default), whiskers
                       to 1.5 IQR, outliers as circles
          scatter      numbers in --x and --y, groups by --color; --fit adds
                       the least-squares line and its R²
          lorenz       the variable in --x (values ≥ 0); the Gini coefficient
                       (area formula, as ineq::Gini) goes in the subtitle
          tilemap      provinces in --x (any spelling compare accepts), values
                       in --y; China's provincial-level divisions as tiles,
                       missing ones grey
        --facet draws small multiples, one panel per value, sharing scales.

        One row per place in the chart (one per year and series in a line
        chart): two rows for the same place are an error, never summed;
        aggregate first (laborstat aggregate) or pick rows with --where.

        The SVG is deterministic (same input, same bytes), uses a CJK font
        stack (Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft
        YaHei), the Okabe–Ito colour-blind-safe palette and U+2212 minus signs,
        and escapes all data text.

        Examples:
          laborstat chart line Datasets/national_migrant_workers.csv \\
            --x 年份 --y 农民工总量（万人） --title 农民工总量 \\
            --source 来源：国家统计局 -o total.svg
          laborstat chart stacked-bar Datasets/migrant_workers_by_region.csv \\
            --x year --y migrant_workers_wan --color region \\
            --where "basis = '输入地' and year >= 2017" -o regions.svg
          laborstat chart hbar Datasets/migrant_workers_by_region.csv \\
            --x region --y migrant_workers_wan \\
            --where "year = 2024 and basis = '输出地'" -o regions.png --scale 3
        """
    )

    @Argument(help: "line, bar, hbar, stacked-bar, histogram, box, scatter, lorenz or tilemap.")
    var kind: String

    @OptionGroup var input: InputOptions

    @Option(help: "The x column (a date column may take a period: COL:year, COL:quarter, COL:month).")
    var x: String

    @Option(help: "The y column (values).")
    var y: String?

    @Option(help: "Series, groups or stack parts by this column.")
    var color: String?

    @Option(help: "Small multiples: one panel per value of this column.")
    var facet: String?

    @Option(help: "Error bars from this column (bar, hbar) …")
    var low: String?

    @Option(help: "… to this column.")
    var high: String?

    @Option(help: "Chart title (top left, bold).")
    var title: String?

    @Option(help: "Subtitle under the title.")
    var subtitle: String?

    @Option(help: "Source note, bottom left in grey (e.g. 来源：国家统计局).")
    var source: String?

    @Option(help: "x-axis title (default: the column's name where it helps).")
    var xLabel: String?

    @Option(help: "y-axis title (default: the column's name).")
    var yLabel: String?

    @Option(help: "Width in px.")
    var width: Double = 720

    @Option(help: "Height in px.")
    var height: Double = 440

    @Flag(help: "Log₁₀ value axis (line, scatter, box; values must be > 0).")
    var logY = false

    @Option(help: "plain|wan. wan: 万/亿 units on the value axis and labels (28400 → 2.84万).")
    var units: String = "plain"

    @Option(help: ArgumentHelp("bar, hbar, stacked-bar, tilemap: combine rows that repeat a place (the same x, colour and facet) by sum, mean or count instead of refusing them, e.g. --agg count for cases per province.", valueName: "sum|mean|count"))
    var agg: String?

    @Flag(help: "line: draw across absent periods and missing values on purpose, dashed (by default a line breaks there).")
    var connectGaps = false

    @Flag(help: "scatter: add the least-squares line y = a + bx with its R².")
    var fit = false

    @Flag(help: "bar, hbar: write each value at the end of its bar.")
    var labels = false

    @Option(help: "bar, hbar: categories to draw in a contrasting colour, comma-separated (e.g. 全国).")
    var highlight: String?

    @Option(name: [.short, .long], help: "The chart file: .svg, .png (2× by default, for Word and PowerPoint) or .pdf (vector), written to a temporary name and renamed when complete; - for SVG on standard output.")
    var output: String

    @OptionGroup var image: ImageOptions

    @Option(help: ArgumentHelp("en|zh. zh: axis titles of LaborStat-made columns in Chinese (mean → 均值, share → 份额), as --labels zh of the table commands (here --labels draws values on bars); default: LABORSTAT_LABELS, else en.", valueName: "lang"))
    var lang: String?

    func validate() throws {
        guard ChartKind(rawValue: kind) != nil else {
            throw ValidationError("unknown chart kind \"\(kind)\"; use one of \(ChartKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard NumberUnits(rawValue: units) != nil else { throw ValidationError("--units must be plain or wan (got \(units))") }
        guard width >= 160, height >= 120, width <= 20_000, height <= 20_000 else {
            throw ValidationError("--width must be 160–20000 and --height 120–20000 px")
        }
        if fit && kind != "scatter" { throw ValidationError("--fit is for scatter charts") }
        if labels && kind != "bar" && kind != "hbar" { throw ValidationError("--labels is for bar and hbar charts") }
        if let agg {
            guard ChartAggregate(rawValue: agg) != nil else { throw ValidationError("--agg must be sum, mean or count (got \(agg))") }
            guard ["bar", "hbar", "stacked-bar", "tilemap"].contains(kind) else { throw ValidationError("--agg is for bar, hbar, stacked-bar and tilemap charts") }
        }
        if connectGaps && kind != "line" { throw ValidationError("--connect-gaps is for line charts") }
    }

    func run() throws {
        let kind = ChartKind(rawValue: kind)!
        let names = [x, y, color, facet, low, high].compactMap { $0 }
        let table = try input.loadFiltered(columns: names.map { KeySpec($0).column })
        func column(_ name: String?) throws -> ChartColumn? {
            guard let name else { return nil }
            return try ChartColumns.column(table, KeySpec(name))
        }
        var data = ChartData(x: try column(x)!, y: agg == "count" ? nil : try column(y), color: try column(color), facet: try column(facet),
                             low: try column(low), high: try column(high))
        let aggregate = agg.flatMap(ChartAggregate.init(rawValue:))
        if let aggregate { data = try data.aggregated(aggregate) }
        var spec = ChartSpec(title: title, subtitle: subtitle, source: source, width: width, height: height)
        let env = getenv("LABORSTAT_LABELS").map { String(cString: $0) }
        let language = try (lang ?? env).flatMap { $0.isEmpty ? nil : $0 }.map { text -> ColumnLabels.Language in
            guard let l = ColumnLabels.Language(rawValue: text.lowercased()) else { throw ValidationError("--lang must be en or zh (got \(text))") }
            return l
        } ?? .en
        func axisTitle(_ name: String?) -> String? { name.flatMap { ChartTitles.keyAxis(KeySpec($0).column, language) } }
        spec.xLabel = xLabel ?? axisTitle(x)
        spec.yLabel = yLabel ?? axisTitle(y) ?? aggregate.map { ChartTitles.aggregate($0.rawValue, of: y, language) ?? $0.title(y) }
        spec.logY = logY
        spec.valueLabels = labels
        spec.highlight = highlight.map { $0.split(separator: ",").map { String($0) } } ?? []
        spec.units = NumberUnits(rawValue: units)!
        spec.connectGaps = connectGaps
        if kind == .line {
            var periods = 0
            if case .numbers(let v) = data.x.values { periods = Set(v.compactMap { $0 }).count }
            if periods < 4 {
                Diagnostics.printError("laborstat: note: \(periods) period\(periods == 1 ? " is" : "s are") too few for a line to show a trend; a bar chart shows so few values more honestly")
            }
        }
        let chart: LaborStatCharts.Chart
        if kind == .tilemap {
            guard color == nil, facet == nil, low == nil, high == nil else {
                throw ValidationError("tilemap takes --x (provinces) and --y (values) only")
            }
            guard let yc = data.y else { throw ValidationError("tilemap needs --y") }
            let tiles = try ChartColumns.provinceTiles(x: data.x, y: yc, file: input.file)
            chart = try LaborStatCharts.Chart.tilemap(tiles: tiles, spec: spec)
        } else {
            chart = try LaborStatCharts.Chart.make(kind, data: data, spec: spec, fit: fit)
        }
        try writeChart(chart.render(), to: output, image: image)
    }
}
