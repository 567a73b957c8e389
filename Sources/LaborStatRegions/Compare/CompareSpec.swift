import LaborStatTable

/// How `compare` summarises each region (`--agg`).
public enum CompareAggregate: Sendable, Equatable {
    /// Σ value.
    case sum
    /// Σ value / n.
    case mean
    /// The middle value (the mean of the two middle ones for even n), as R's `median`.
    case median
    /// Rows (rows with a value, when a value column is given).
    case count
    /// ΣA / ΣB over rows where both are present, e.g. `rate migrant_workers/workers`.
    case rate(numerator: String, denominator: String)

    /// Parses `sum`, `mean`, `median`, `count`, `rate A/B` (also `rate:A/B`, `rate=A/B`).
    public init(parsing text: String) throws(RegionError) {
        let t = text.trimmingWhitespace
        switch t.lowercased() {
        case "sum": self = .sum
        case "mean": self = .mean
        case "median": self = .median
        case "count": self = .count
        default:
            guard t.lowercased().hasPrefix("rate") else {
                throw .invalid("--agg must be sum, mean, median, count or rate A/B (got \(text))")
            }
            var rest = t.dropFirst(4)
            while let f = rest.first, f == " " || f == ":" || f == "=" { rest = rest.dropFirst() }
            guard let slash = rest.lastIndex(of: "/"), slash != rest.startIndex, rest.index(after: slash) != rest.endIndex else {
                throw .invalid("--agg rate needs two columns: rate A/B, e.g. \"rate migrant_workers/workers\" (got \(text))")
            }
            self = .rate(numerator: String(rest[..<slash]).trimmingWhitespace,
                         denominator: String(rest[rest.index(after: slash)...]).trimmingWhitespace)
        }
    }

    public var name: String {
        switch self {
        case .sum: "sum"
        case .mean: "mean"
        case .median: "median"
        case .count: "count"
        case .rate(let a, let b): "rate \(a)/\(b)"
        }
    }
}

/// A table of denominators (population, migrant workers) per region, for per-capita values.
///
/// Its first column names the region (any spelling `compare` accepts, at any level at or below
/// the one compared: a province table serves `--level region4`, summed), its second column holds
/// the number. Other columns are ignored.
public struct DenominatorTable: Sendable {
    public var entries: [(region: String, value: Double, row: Int)]
    public var file: String
    public var valueColumn: String

    public init(entries: [(region: String, value: Double, row: Int)], file: String, valueColumn: String = "denominator") {
        self.entries = entries
        self.file = file
        self.valueColumn = valueColumn
    }

    /// Reads the first two columns of `table` (region, number).
    public init(table: Table, file: String) throws {
        guard table.columns.count >= 2 else {
            throw RegionError.badFile(file: file, message: "a denominator file needs two columns: region, number (found \(table.columns.count))")
        }
        let region = table.columns[0], value = table.columns[1]
        try value.requireClean()
        guard value.type == .integer || value.type == .decimal else {
            throw RegionError.badFile(file: file, message: "the second column \"\(value.name)\" of a denominator file must hold numbers (it holds \(value.type.rawValue) values)")
        }
        var entries: [(String, Double, Int)] = []
        for r in table.rowIndices {
            guard let name = region.string(at: r) else { continue }
            guard let v = value.double(at: r) else {
                throw RegionError.badFile(file: file, message: "data row \(r + 1): no denominator for \"\(name)\"")
            }
            entries.append((name, v, r + 1))
        }
        self.init(entries: entries, file: file, valueColumn: value.name)
    }
}

/// Everything `compare` needs to know besides the table.
public struct CompareSpec: Sendable {
    /// The column naming each row's region.
    public var regionColumn: String
    /// The column summarised (not needed for `count` and `rate`).
    public var valueColumn: String?
    public var aggregate: CompareAggregate = .sum
    public var level: RegionLevel = .province
    public var hierarchy: RegionHierarchy?
    /// nil: the national figure; else a region's spelling.
    public var baseline: String?
    /// Per-capita scale: value / denominator × per (or a rate × per).
    public var per: Double?
    public var denominator: DenominatorTable?
    /// Confidence level of the intervals.
    public var confidenceLevel: Double = 0.95
    /// Keep spellings that match no region as groups of their own.
    public var keepUnmatched = false
    /// The data file's name, for messages.
    public var file: String?

    public init(regionColumn: String) { self.regionColumn = regionColumn }
}
