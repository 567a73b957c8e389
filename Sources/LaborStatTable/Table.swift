import Foundation

/// A table of typed columns of equal length, with an optional row selection.
///
/// ```swift
/// let table = try TableReader.read(path: "arrears.csv")       // LaborStatIngest
/// let owed = try table.doubles("amount_owed")                  // the rows in view
/// let recent = table.selecting(rows: rowsWhereYearIsAfter2020)  // a view: no column is copied
/// ```
///
/// A selection is a list of physical row numbers; `rowCount` and every row-wise accessor of the
/// table follow it, while each `Column` keeps its physical storage. Code that loops over a column's
/// storage directly iterates `table.rowIndices`.
public struct Table: Sendable {
    public private(set) var columns: [Column]
    /// Physical rows in view, in order; nil means all rows `0 ..< physicalRowCount`.
    public private(set) var selection: [Int32]?
    /// Facts about where the table came from (file, encoding, delimiter), for `inspect`.
    public var source: TableSource?
    /// What the reader did that the user should know, one sentence each (e.g. spreadsheet error
    /// values read as missing); the CLI prints each as `laborstat: note: …`.
    public var notes: [String] = []

    public init(columns: [Column], source: TableSource? = nil) throws(TableError) {
        if let n = columns.first?.count, let bad = columns.first(where: { $0.count != n }) {
            throw .shapeMismatch("column \"\(bad.name)\" has \(bad.count) rows, \"\(columns[0].name)\" has \(n)")
        }
        self.columns = columns
        self.source = source
    }

    /// Rows in the physical columns.
    public var physicalRowCount: Int { columns.first?.count ?? 0 }
    /// Rows in view.
    public var rowCount: Int { selection?.count ?? physicalRowCount }
    public var columnNames: [String] { columns.map(\.name) }

    /// The physical row of each row in view.
    public var rowIndices: RowIndices { RowIndices(selection: selection, count: physicalRowCount) }

    /// A view of some of the rows in view, by their position in the current view (0 ..< rowCount);
    /// composes with an existing selection.
    public func selecting(rows positions: [Int32]) -> Table {
        var t = self
        if let s = selection { t.selection = positions.map { s[Int($0)] } } else { t.selection = positions }
        return t
    }

    /// A view of the given physical rows (as `rowIndices` and `RowFilter.matchingRows` yield them),
    /// replacing any existing selection.
    public func selecting(physicalRows rows: [Int32]) -> Table {
        var t = self
        t.selection = rows
        return t
    }

    /// A copy without a selection: columns gathered to the rows in view.
    public func materialized() -> Table {
        guard let s = selection else { return self }
        var t = self
        t.columns = columns.map { $0.gathering(s) }
        t.selection = nil
        return t
    }

    public mutating func append(_ column: Column) throws(TableError) {
        if !columns.isEmpty && column.count != physicalRowCount {
            throw .shapeMismatch("column \"\(column.name)\" has \(column.count) rows, the table \(physicalRowCount)")
        }
        columns.append(column)
    }

    public mutating func replaceColumn(at i: Int, with column: Column) {
        precondition(column.count == physicalRowCount)
        columns[i] = column
    }
}

/// Where a table was read from.
public struct TableSource: Sendable, Codable, Equatable {
    public var path: String
    public var format: String
    public var encoding: String?
    public var delimiter: String?
    public var sheet: String?
    public var hadBOM: Bool
    /// Title rows, unit line, header rows and left-out rows, when the file had any.
    public var layout: TableLayoutFacts? = nil
    public init(path: String, format: String, encoding: String? = nil, delimiter: String? = nil, sheet: String? = nil, hadBOM: Bool = false) {
        self.path = path
        self.format = format
        self.encoding = encoding
        self.delimiter = delimiter
        self.sheet = sheet
        self.hadBOM = hadBOM
    }
}

/// The physical rows of a table's view, iterated without allocating.
public struct RowIndices: Sequence, Sendable {
    let selection: [Int32]?
    let n: Int
    init(selection: [Int32]?, count: Int) { self.selection = selection; self.n = count }

    public var count: Int { selection?.count ?? n }
    public subscript(i: Int) -> Int { selection.map { Int($0[i]) } ?? i }

    public struct Iterator: IteratorProtocol {
        let selection: [Int32]?
        let n: Int
        var i = 0
        public mutating func next() -> Int? {
            if let s = selection {
                guard i < s.count else { return nil }
                defer { i += 1 }
                return Int(s[i])
            }
            guard i < n else { return nil }
            defer { i += 1 }
            return i
        }
    }
    public func makeIterator() -> Iterator { Iterator(selection: selection, n: n) }
}

// MARK: - Finding columns by name

extension Table {
    /// Header text as matched: NFKC (full-width `（万元）` ≡ `(万元)`), trimmed, case-folded.
    public static func normalizedName(_ s: String) -> String {
        s.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// The index of the column named `name` (header text, full-/half-width insensitive) or `#N`: the
    /// file's N-th column (`Column.filePosition`) whatever subset of the file was read; for columns
    /// made in memory, the table's N-th column.
    public func columnIndex(named name: String) throws(TableError) -> Int {
        if let i = columns.firstIndex(where: { $0.name == name }) { return i }
        if name.hasPrefix("#"), let n = Int(name.dropFirst()), n >= 1 {
            if let i = columns.firstIndex(where: { $0.filePosition == n }) { return i }
            if !columns.contains(where: { $0.filePosition != nil }), n <= columns.count { return n - 1 }
            throw .columnNotFound(name, available: columnNames, suggestion: nil)
        }
        let key = Table.normalizedName(name)
        if let i = columns.firstIndex(where: { Table.normalizedName($0.name) == key }) { return i }
        throw .columnNotFound(name, available: columnNames, suggestion: closestName(to: name))
    }

    public func column(named name: String) throws(TableError) -> Column {
        columns[try columnIndex(named: name)]
    }

    /// The values of a numeric column for the rows in view (the selection honoured), NaN where
    /// missing; throws when there is no such column or it is not numeric.
    ///
    /// ```swift
    /// let recent = table.selecting(physicalRows: try RowFilter("year = 2024").matchingRows(in: table))
    /// let owed2024 = try recent.doubles("amount_owed")   // 2024 rows only
    /// ```
    public func doubles(_ name: String) throws(TableError) -> [Double] {
        let all = try column(named: name).physicalDoubles()
        guard let s = selection else { return all }
        return s.map { all[Int($0)] }
    }

    /// A header as users slip on it: width-folded, without spaces, without a trailing unit in
    /// brackets (`欠薪金额（元）` → `欠薪金额`) and without a trailing 省 or 市 (`所在省` → `所在`).
    static func looseName(_ s: String) -> String {
        var t = Table.normalizedName(s).filter { !$0.isWhitespace }
        if t.hasSuffix(")"), let open = t.lastIndex(of: "("), open != t.startIndex { t = String(t[..<open]) }
        if t.count > 1, t.hasSuffix("省") || t.hasSuffix("市") { t.removeLast() }
        return t
    }

    /// The column a mistyped name most likely means: the same name up to the usual slips
    /// (`looseName`), else the nearest by edit distance.
    func closestName(to name: String) -> String? {
        let loose = Table.looseName(name)
        if !loose.isEmpty, let c = columns.first(where: { Table.looseName($0.name) == loose }) { return c.name }
        let target = Array(Table.normalizedName(name))
        var best: (String, Int)?
        for c in columns {
            let d = editDistance(target, Array(Table.normalizedName(c.name)))
            if d <= max(2, target.count / 3), d < (best?.1 ?? .max) { best = (c.name, d) }
        }
        return best?.0
    }
}

func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count), cur = prev
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}
