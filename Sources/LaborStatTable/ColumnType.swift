/// The type of a column, decided by looking at every cell of it.
public enum ColumnType: String, Sendable, CaseIterable, Codable {
    /// 64-bit signed integers (`3,500`, `2.84万` when the scaled value is whole).
    case integer
    /// Doubles (`4826.07`, `12%` = 0.12).
    case decimal
    /// Calendar dates stored as days since 1970-01-01, with a precision (day, month, quarter, year).
    case date
    /// `true`/`false`, `是`/`否`, …
    case boolean
    /// Repeated strings, dictionary-encoded: one small code per row and a table of levels.
    case category
    /// Free text, stored as one UTF-8 buffer with offsets.
    case text

    /// Whether values of this type are numbers that statistics can be computed on.
    public var isNumeric: Bool { self == .integer || self == .decimal || self == .boolean }
}

/// How finely a date column's values are known: `2013-12-09` is a day, `2013年12月` a month,
/// `2013Q4` a quarter, `2013年` a year. A coarser value is stored as the first day of its period.
public enum DatePrecision: Int, Sendable, Comparable, Codable {
    case day = 0, month, quarter, year
    public static func < (a: DatePrecision, b: DatePrecision) -> Bool { a.rawValue < b.rawValue }
}
