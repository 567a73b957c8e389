/// A rectangle of cells, as `A1:C3` (a merged range, a sheet's used range); rows and columns are
/// 0-based, both ends included.
public struct XLSXCellRange: Sendable, Hashable, CustomStringConvertible {
    public var firstRow: Int
    public var firstColumn: Int
    public var lastRow: Int
    public var lastColumn: Int

    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }

    /// `B3:D5`, `A1` (one cell), `$A$1:$B$2`; nil for anything else (whole-column refs `A:A` too).
    public init?(_ ref: String) {
        let parts = ref.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
              let (r1, c1) = SheetParser.cellReference(String(parts[0])), let r1 else { return nil }
        var r2 = r1, c2 = c1
        if parts.count == 2 {
            guard let (r, c) = SheetParser.cellReference(String(parts[1])), let r else { return nil }
            r2 = r; c2 = c
        }
        self.init(firstRow: min(r1, r2), firstColumn: min(c1, c2), lastRow: max(r1, r2), lastColumn: max(c1, c2))
    }

    public var rowCount: Int { lastRow - firstRow + 1 }
    public var columnCount: Int { lastColumn - firstColumn + 1 }
    public var cellCount: Int { rowCount * columnCount }

    /// `B3:D5`, or `B3` for one cell.
    public var description: String {
        let a = SheetParser.columnName(firstColumn) + String(firstRow + 1)
        if cellCount == 1 { return a }
        return a + ":" + SheetParser.columnName(lastColumn) + String(lastRow + 1)
    }
}

/// A cell whose cached value is an Excel error (`#DIV/0!`, `#N/A` …), read as missing.
public struct XLSXErrorCell: Sendable, Hashable {
    /// 0-based row and column of the cell.
    public var row: Int
    public var column: Int
    /// The error as Excel shows it.
    public var value: String

    /// Excel's error values: the seven classic ones, and those of newer versions.
    public static let codes: Set<String> = [
        "#DIV/0!", "#VALUE!", "#N/A", "#REF!", "#NAME?", "#NUM!", "#NULL!",
        "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
    ]

    /// `D5`.
    public var reference: String { SheetParser.columnName(column) + String(row + 1) }
}

/// How Excel writes a sheet name in a cell reference: `数据!D5`, `'Sheet 1'!D5` (quoted when the
/// name has spaces or punctuation, quotes doubled).
func sheetReferencePrefix(_ name: String) -> String {
    let plain = name.unicodeScalars.allSatisfy { s in
        s.properties.isAlphabetic || s.properties.numericType != nil || s == "_" || s == "."
    } && !(name.first?.isNumber ?? true)
    return plain ? name + "!" : "'" + name.replacingOccurrences(of: "'", with: "''") + "'!"
}
