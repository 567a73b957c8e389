import LaborStatTable

/// A table's place in a file's rows: the header (`HeaderDetector`), the body rows that are data
/// and those left out (`RowScreen`), and the unit line, shared by the CSV and the XLSX readers.
struct TableLayout {
    var header: HeaderDetector.Layout
    /// Column names up to the table's width, unique (`#N` where the header is empty).
    var names: [String]
    /// Whether the header named the column (false: empty header cell, or no header).
    var named: [Bool]
    /// Body rows (indices into the rows screened) left out of the data.
    var leftOut: [Int] = []
    var facts: TableLayoutFacts

    /// Rows read for finding the header.
    static let headRows = 64
    /// Rows read from each end of a file too large to screen whole.
    static let edgeRows = 64

    /// Finds the header in `head` (the first rows as text) for a table of `width` columns.
    static func header(_ head: [[String?]], rowNumbers: [Int], width: Int, options: ReadOptions, path: String) throws(IngestError) -> TableLayout {
        let h = try HeaderDetector.detect(head, rowNumbers: rowNumbers, options: options, path: path)
        var names = h.names
        if names.count < width { names += Array(repeating: "", count: width - names.count) }
        if names.count > width { names = Array(names.prefix(width)) }
        let named = options.header ? names.map { !$0.isEmpty } : Array(repeating: false, count: width)
        let unique = options.header ? CSVLoader.uniqueNames(names) : (0..<width).map { "#\($0 + 1)" }
        var facts = h.facts
        facts.unitLine = h.unitLine?.text
        return TableLayout(header: h, names: unique, named: named, facts: facts)
    }

    /// Screens the body rows (`complete`: all of them, else the first and last of a large file).
    mutating func screen(_ body: [[String?]], rowNumbers: [Int], complete: Bool, keepTotals: Bool) {
        let r = RowScreen.screen(body, rowNumbers: rowNumbers, names: names, complete: complete)
        facts.leftOut = r.leftOut.map(\.row)
        facts.totals = r.totals
        facts.keptTotals = keepTotals
        leftOut = keepTotals ? [] : r.leftOut.map(\.index)
    }

    /// The columns after reading: unit line and `columnUnits` applied; columns without a header
    /// name and without a value dropped (the blank margin of a table that starts at B3).
    func finish(_ columns: [Column], options: ReadOptions, path: String) throws(IngestError) -> [Column] {
        var out: [Column] = []
        var explicit: [Int: String] = [:]
        for (key, u) in options.columnUnits { explicit[try CSVLoader.resolve(key, in: names)] = u }
        for var c in columns {
            let i = (c.filePosition ?? 0) - 1
            if options.header && options.columns == nil && i >= 0 && i < named.count && !named[i] && c.missingCount == c.count { continue }
            let numeric = c.type == .integer || c.type == .decimal
            if let u = explicit[i] {
                if let own = c.unit {
                    throw .table(.badKey(c.name, reason: "column \"\(c.name)\" already has the unit \(own) from its cells or header"))
                }
                guard numeric else {
                    throw .table(.badKey(c.name, reason: "a unit is given for column \"\(c.name)\", which is \(c.type.rawValue), not numbers"))
                }
                c = c.applyingUnit(u)
            } else if numeric, c.unit == nil, let line = header.unitLine {
                switch line.unit(forHeader: c.name) {
                case .success(let u): if let u { c = c.applyingUnit(u) }
                case .failure:
                    throw .malformed(SourceLocation(file: path, line: line.row, column: 1),
                                     "the unit line \"\(line.text)\" names \(line.units.count) units and the header \"\(c.name)\" does not say which is its",
                                     hint: "give the column's unit: --column-units '\(c.name)=\(line.units[0])'")
                }
            }
            out.append(c)
        }
        return out
    }
}
