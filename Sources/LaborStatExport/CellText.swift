import LaborStatTable

/// The text of every cell of one column, as all formats write it: integers without `.0`, decimals
/// as the shortest round-trip text (or `--digits` significant digits, or a fixed number of
/// decimals), dates ISO, booleans `true`/`false`. The column's unit is never written into a cell.
struct CellText {
    enum Kind { case number, text, other }

    let column: Column
    let kind: Kind
    private let decimals: Int?
    private let digits: Int?
    private let fullPrecision: Bool

    init(_ column: Column, options: WriteOptions) {
        self.column = column
        switch column.type {
        case .integer, .decimal: kind = .number
        case .category, .text: kind = .text
        case .date, .boolean: kind = .other
        }
        let places = options.fixedDecimals[column.name] ?? (column.type == .decimal ? options.decimals : nil)
        // A percent column's N places count in percent (59.33%): its fraction keeps N + 2 (0.5933),
        // so the CSV never holds less than the workbook and the page show.
        decimals = places.map { options.isPercent(column.name) && column.type == .decimal ? $0 + 2 : $0 }
        digits = options.digits
        fullPrecision = options.fullPrecision
    }

    /// The cell's text, nil when missing.
    func text(_ row: Int) -> String? {
        if column.missing[row] { return nil }
        switch column.storage {
        case .integer(let v):
            if let decimals, decimals > 0 { return NumberText.fixed(Double(v[row]), decimals: decimals) }
            return String(v[row])
        case .decimal(let v): return decimal(v[row])
        case .boolean(let v): return v[row] ? "true" : "false"
        case .date(let v, let p): return CivilDate.format(v[row], precision: p)
        case .category(let c, let l): return l[Int(c[row])]
        case .text(let t): return t[row]
        }
    }

    /// Whether decimals are written as the shortest round-trip text (no `--digits`, no fixed decimals).
    var isShortest: Bool { decimals == nil && digits == nil }

    /// A decimal's text under the options; non-finite values print as `NaN`, `Inf`, `-Inf`.
    func decimal(_ x: Double) -> String {
        if let decimals { return NumberText.fixed(x, decimals: decimals) }
        if let digits { return NumberText.significant(x, digits: digits) }
        return fullPrecision ? NumberText.shortest(x) : CellText.readable(x)
    }

    /// The shortest round-trip text when it has at most 15 significant digits, else 15 significant
    /// digits (as R's `write.csv`): 0.1 + 0.2 prints `0.3`, not `0.30000000000000004`. Every double
    /// has a 15-digit decimal that names it closely (15 digits are always exact in a double), so
    /// nothing a person wrote is lost; only accumulated binary noise is cut.
    static func readable(_ x: Double) -> String {
        let s = NumberText.shortest(x)
        return significantDigits(s) > 15 ? NumberText.significant(x, digits: 15) : s
    }

    /// Significant digits in a plain decimal text (leading zeros not counted).
    static func significantDigits(_ s: String) -> Int {
        var n = 0
        var started = false
        for b in s.utf8 {
            if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") { break }
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { continue }
            if b != UInt8(ascii: "0") { started = true }
            if started { n += 1 }
        }
        return n
    }

}
