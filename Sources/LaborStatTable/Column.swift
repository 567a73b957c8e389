/// The values of one column, in the physical type they are stored as.
public enum ColumnStorage: Sendable, Equatable {
    case integer([Int64])
    case decimal([Double])
    /// Days since 1970-01-01; values coarser than a day hold the first day of their period.
    case date([Int32], DatePrecision)
    case boolean([Bool])
    /// Dictionary encoding: `levels[codes[row]]` is the row's text.
    case category(codes: [UInt32], levels: [String])
    case text(TextBuffer)
}

/// One typed column: values, a missing-value mask, a unit, and the cells that could not be read.
///
/// Memory is close to the size of the values: an `Int64`/`Double` per row for numbers, an `Int32`
/// per row for dates, a `UInt32` code per row for categories, UTF-8 bytes plus an offset for text,
/// and one bit per row for the missing mask (none at all when nothing is missing).
public struct Column: Sendable {
    /// The header text, as written in the file (Chinese is kept as is).
    public var name: String
    public var storage: ColumnStorage
    public var missing: MissingMask
    /// Unit taken from the cells (`元`, `人`, `%`) or given by the producer of the column.
    public var unit: String?
    /// Cells that almost parse as the column's type (`十多万` in a number column, `2023-02-30` in a
    /// date column). They are missing in `storage`; any command that needs the values reports them.
    public var problems: [CellProblem]
    /// How many problem cells there were in all (`problems` keeps the first few hundred).
    public var problemCount: Int
    /// The column's 1-based place in the file it was read from (`#N` names it), whatever subset of
    /// the file's columns was read; nil for columns made in memory.
    public var filePosition: Int? = nil
    /// For a category column: its levels are in a meaningful order of their own (provinces by
    /// division code), which grouping follows instead of the text order.
    public var levelsOrdered = false

    public init(name: String, storage: ColumnStorage, missing: MissingMask? = nil, unit: String? = nil,
                problems: [CellProblem] = [], problemCount: Int? = nil) {
        self.name = name
        self.storage = storage
        self.missing = missing ?? MissingMask(count: 0)
        self.unit = unit
        self.problems = problems
        self.problemCount = problemCount ?? problems.count
        if self.missing.count == 0 && !(missing?.missingCount ?? 0 > 0) {
            self.missing = MissingMask(count: storage.count)
        }
        precondition(self.missing.count == storage.count, "missing mask and values differ in length")
    }

    public var type: ColumnType { storage.type }
    public var count: Int { storage.count }
    public var missingCount: Int { missing.missingCount }
    @inlinable public func isMissing(_ row: Int) -> Bool { missing[row] }
}

extension ColumnStorage {
    public var type: ColumnType {
        switch self {
        case .integer: .integer
        case .decimal: .decimal
        case .date: .date
        case .boolean: .boolean
        case .category: .category
        case .text: .text
        }
    }

    public var count: Int {
        switch self {
        case .integer(let v): v.count
        case .decimal(let v): v.count
        case .date(let v, _): v.count
        case .boolean(let v): v.count
        case .category(let c, _): c.count
        case .text(let t): t.count
        }
    }
}

// MARK: - Convenience constructors (for results and tests)

extension Column {
    public init(_ name: String, integers: [Int64?], unit: String? = nil) {
        self.init(name: name, storage: .integer(integers.map { $0 ?? 0 }), missing: MissingMask(integers.map { $0 == nil }), unit: unit)
    }
    public init(_ name: String, doubles: [Double?], unit: String? = nil) {
        self.init(name: name, storage: .decimal(doubles.map { $0 ?? 0 }), missing: MissingMask(doubles.map { $0 == nil }), unit: unit)
    }
    public init(_ name: String, dates: [Int32?], precision: DatePrecision = .day) {
        self.init(name: name, storage: .date(dates.map { $0 ?? 0 }, precision), missing: MissingMask(dates.map { $0 == nil }))
    }
    public init(_ name: String, booleans: [Bool?]) {
        self.init(name: name, storage: .boolean(booleans.map { $0 ?? false }), missing: MissingMask(booleans.map { $0 == nil }))
    }
    /// A text column; use `categories:` for repeated values.
    public init(_ name: String, strings: [String?]) {
        self.init(name: name, storage: .text(TextBuffer(strings.map { $0 ?? "" })), missing: MissingMask(strings.map { $0 == nil }))
    }
    /// A dictionary-encoded column; levels are kept in first-seen order.
    public init(_ name: String, categories: [String?]) {
        var index: [String: UInt32] = [:]
        var levels: [String] = []
        var codes: [UInt32] = []
        codes.reserveCapacity(categories.count)
        for s in categories {
            guard let s else { codes.append(0); continue }
            if let c = index[s] { codes.append(c) } else {
                let c = UInt32(levels.count)
                index[s] = c
                levels.append(s)
                codes.append(c)
            }
        }
        self.init(name: name, storage: .category(codes: codes, levels: levels), missing: MissingMask(categories.map { $0 == nil }))
    }
}

// MARK: - Reading values

extension Column {
    /// The value of a row as a number, or nil when missing or not numeric (booleans are 0/1,
    /// dates are days since 1970-01-01).
    public func double(at row: Int) -> Double? {
        if missing[row] { return nil }
        switch storage {
        case .integer(let v): return Double(v[row])
        case .decimal(let v): return v[row]
        case .boolean(let v): return v[row] ? 1 : 0
        case .date(let v, _): return Double(v[row])
        case .category, .text: return nil
        }
    }

    /// The value of a row as text, as it would be written to CSV (nil when missing).
    public func string(at row: Int) -> String? {
        if missing[row] { return nil }
        switch storage {
        case .integer(let v): return String(v[row])
        case .decimal(let v): return NumberText.shortest(v[row])
        case .boolean(let v): return v[row] ? "true" : "false"
        case .date(let v, let p): return CivilDate.format(v[row], precision: p)
        case .category(let c, let l): return l[Int(c[row])]
        case .text(let t): return t[row]
        }
    }

    /// The value of a row as a `Value`.
    public func value(at row: Int) -> Value {
        if missing[row] { return .missing }
        switch storage {
        case .integer(let v): return .integer(v[row])
        case .decimal(let v): return .decimal(v[row])
        case .boolean(let v): return .boolean(v[row])
        case .date(let v, let p): return .date(v[row], p)
        case .category(let c, let l): return .text(l[Int(c[row])])
        case .text(let t): return .text(t[row])
        }
    }

    /// The values of every physical row as doubles (NaN for missing), in storage order — all rows,
    /// whatever selection a table holding the column has (`Table.doubles(_:)` gives the rows in
    /// view). Throws when the column is not numeric.
    public func physicalDoubles() throws(TableError) -> [Double] {
        var out: [Double]
        switch storage {
        case .integer(let v): out = v.map { Double($0) }
        case .decimal(let v): out = v
        case .boolean(let v): out = v.map { $0 ? 1 : 0 }
        default: throw TableError.notNumeric(column: name, type: type)
        }
        if !missing.isEmpty { for r in 0..<out.count where missing[r] { out[r] = .nan } }
        return out
    }

    /// Renamed: a column does not know a table's row selection, so its values are those of every
    /// physical row. Use `Table.doubles(_:)` for the rows in view, `physicalDoubles()` for all.
    @available(*, deprecated, renamed: "physicalDoubles()", message: "covers every physical row, not a table's selection; use Table.doubles(_:) for the rows in view")
    public func doubles() throws(TableError) -> [Double] { try physicalDoubles() }

    /// The rows picked by `rows`, in that order (a copy).
    public func gathering(_ rows: [Int32]) -> Column {
        let s: ColumnStorage
        switch storage {
        case .integer(let v): s = .integer(rows.map { v[Int($0)] })
        case .decimal(let v): s = .decimal(rows.map { v[Int($0)] })
        case .boolean(let v): s = .boolean(rows.map { v[Int($0)] })
        case .date(let v, let p): s = .date(rows.map { v[Int($0)] }, p)
        case .category(let c, let l): s = .category(codes: rows.map { c[Int($0)] }, levels: l)
        case .text(let t):
            var b = TextBuffer()
            for r in rows { b.append(t[Int(r)]) }
            s = .text(b)
        }
        var c = Column(name: name, storage: s, missing: missing.gathering(rows), unit: unit, problems: problems, problemCount: problemCount)
        c.filePosition = filePosition
        c.levelsOrdered = levelsOrdered
        return c
    }

    /// Throws the first problem cell, if any: commands call this for every column whose values they use.
    public func requireClean() throws(TableError) {
        if let p = problems.first { throw TableError.badCell(p, more: problemCount - 1) }
    }
}

/// One value, for code that handles cells generically (small result tables, expressions).
public enum Value: Sendable, Hashable {
    case missing
    case integer(Int64)
    case decimal(Double)
    case date(Int32, DatePrecision)
    case boolean(Bool)
    case text(String)

    public var double: Double? {
        switch self {
        case .integer(let v): Double(v)
        case .decimal(let v): v
        case .boolean(let b): b ? 1 : 0
        case .date(let d, _): Double(d)
        default: nil
        }
    }
}
