import LaborStatTable

/// A report as its writer declares it in `report.toml`: metadata, named inputs, sections of items.
/// Every item is an ordinary LaborStat command with the CLI's option names; the `report` command
/// turns each into its command line, runs it and lays the results out (``ReportDocument``).
///
/// Every part keeps the spec line it came from, so a mistake found later (an unknown option, a
/// missing file) is reported as `report.toml:23: …`.
public struct ReportSpec: Sendable {
    public var title: String
    public var subtitle: String?
    public var author: String?
    public var period: String?
    public var language: ReportLanguage
    /// `generated = true`: the report states when it was made (and is then not byte-reproducible).
    public var generated: Bool
    /// The default source line of every table (资料来源), unless an item gives its own.
    public var source: String?
    public var inputs: [Input]
    public var definitions: [ReportDefinition]
    public var sections: [Section]

    /// A named input file: its path (relative to the spec), how to read it, its survey design.
    public struct Input: Sendable {
        public var name: String
        public var file: String
        /// Read options (`skip-rows = 2`, `sheet = "全国"`, `encoding = "gb18030"` …), given to every command.
        public var read: [Option]
        /// The survey design (`weight`, `strata`, `cluster`, `fpc`, `lonely-psu` …), given to every
        /// command that takes one, unless the item sets `design = false`.
        public var design: [Option]
        public var line: Int
    }

    public struct Section: Sendable {
        public var id: String
        public var title: String
        public var note: String?
        public var items: [Item]
        public var line: Int
    }

    public struct Item: Sendable {
        public var id: String
        public var title: String
        public var note: String?
        /// `describe`, `tabulate`, `aggregate`, `pivot`, `histogram`, `trend`, `regress`, `compare`, `regions`.
        public var command: String
        /// The input's name in `[inputs]`.
        public var input: String
        /// Whether the input's design is passed (default true).
        public var useDesign: Bool
        /// Extra positional arguments after the file, as written.
        public var arguments: [String]
        /// The command's options, by their CLI names without `--`.
        public var options: [Option]
        public var table: TableLayout
        public var chart: ChartSpec?
        public var line: Int
    }

    /// How the item's table is laid out (统计表): unit and source lines, notes, column order.
    public struct TableLayout: Sendable {
        public var unit: String?
        public var source: String?
        public var notes: [String]
        /// The output columns to keep, in this order (names as the table shows them).
        public var columns: [String]?
        /// The column holding provinces or regions: the page offers a region filter.
        public var region: String?
        /// Rows of the result to show, as a `--where` expression over its columns
        /// (`keep = "has_contract = 1"`: the share with a contract, not also the share without).
        public var keep: String?
        /// Long to wide (`wide = { rows = "年龄组", columns = "年份", value = "份额" }`): years as
        /// columns, as the monitoring report prints its trend windows.
        public var wide: Wide?
        /// Decimals per shown column (`decimals = { 均值 = 1, 增长率 = 4 }`), beside or instead of
        /// one `decimals = N` for every decimal column.
        public var columnDecimals: [String: Int]
        /// Also write `tables/ID.excel.csv` (BOM, CRLF, formula guard) for Excel.
        public var excel: Bool
        /// Output options of the command (`decimals`, `percent`, `rename`, `digits`, `labels`).
        public var options: [Option]
    }

    public struct Wide: Sendable, Equatable {
        public var rows: [String]
        public var columns: String
        public var value: String
    }

    /// A chart drawn from the item's table with `laborstat chart KIND tables/ID.csv …`.
    public struct ChartSpec: Sendable {
        public var kind: String
        public var options: [Option]
        public var line: Int
    }

    /// One option: `by = ["region", "year"]` is `--by region,year`; `test = true` is `--test`.
    public struct Option: Sendable, Equatable {
        public var key: String
        public var value: Value
        public var line: Int

        public init(key: String, value: Value, line: Int) {
            self.key = key
            self.value = value
            self.line = line
        }

        /// The option as command-line words: `["--by", "region,year"]`, `["--test"]`, or none for `false`.
        public var arguments: [String] {
            switch value {
            case .bool(true): ["--\(key)"]
            case .bool(false): []
            default: ["--\(key)", value.text]
            }
        }
    }

    public enum Value: Sendable, Equatable {
        case string(String), integer(Int), double(Double), bool(Bool), list([Value])

        /// The value as one command-line word; a list is comma-joined.
        public var text: String {
            switch self {
            case .string(let s): s
            case .integer(let i): String(i)
            case .double(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
            case .bool(let b): b ? "true" : "false"
            case .list(let items): items.map(\.text).joined(separator: ",")
            }
        }
    }
}

extension ReportSpec.Item {
    /// The command line of the item without the program's name: command, file, positional
    /// arguments, the input's read options, its design (when the command takes one), the item's
    /// options, the table's output options.
    public func arguments(input: ReportSpec.Input, file: String, designCommands: Set<String>) -> [String] {
        var words = [command, file] + arguments
        words += input.read.flatMap(\.arguments)
        if useDesign && designCommands.contains(command) {
            // An item's own design option (e.g. another weight) wins over the input's.
            let own = Set(options.map(\.key))
            words += input.design.filter { !own.contains($0.key) }.flatMap(\.arguments)
        }
        words += options.flatMap(\.arguments)
        words += table.options.flatMap(\.arguments)
        return words
    }
}

/// A mistake in a spec, located at its line: bad data (exit 65) unless it names an input file that
/// is missing (66).
public struct ReportSpecError: LaborStatError, Equatable {
    public var kind: FailureKind
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int?, column: Int? = nil, message: String, kind: FailureKind = .badData) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `report.toml:23: unknown option "--by2" in section "收入"`.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(message)"
    }
}
