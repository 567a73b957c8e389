import LaborStatTable

/// A value type a numeric column stores, read as a `Double` inside specialized loops.
@usableFromInline protocol NumericCell { var doubleValue: Double { get } }
extension Int64: NumericCell { @inlinable var doubleValue: Double { Double(self) } }
extension Double: NumericCell { @inlinable var doubleValue: Double { self } }
extension Bool: NumericCell { @inlinable var doubleValue: Double { self ? 1 : 0 } }

extension Column {
    /// Throws unless the column holds numbers (integer, decimal, boolean as 0/1) and has no
    /// unreadable cells.
    public func requireNumeric() throws(TableError) {
        try requireClean()
        switch storage {
        case .integer, .decimal, .boolean: return
        default: throw TableError.notNumeric(column: name, type: type)
        }
    }
}

/// Sampling weights of a table, one per physical row, checked: finite and ≥ 0, never missing.
public struct Weights: Sendable {
    public let column: String
    /// One weight per physical row.
    public let values: [Double]

    public init(_ table: Table, column name: String) throws {
        let c = try table.column(named: name)
        try c.requireNumeric()
        let v = try c.physicalDoubles()
        for r in table.rowIndices {
            let w = v[r]
            if !(w >= 0) || !w.isFinite {
                throw DescriptiveError.badWeight(column: c.name, row: r, value: w.isNaN ? "(missing)" : NumberTextLite.format(w))
            }
        }
        column = c.name
        values = v
    }

    /// Weights checked by their maker (a survey design's).
    init(column: String, checked values: [Double]) {
        self.column = column
        self.values = values
    }
}
