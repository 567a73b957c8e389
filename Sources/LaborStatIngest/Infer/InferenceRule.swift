import LaborStatTable

/// How a column's cells were read: the counts the column's type is decided from.
struct KindCounts: Sendable {
    var missing = 0, integer = 0, decimal = 0, date = 0, boolean = 0, badNumber = 0, badDate = 0, text = 0
    /// Integers 1000…2999 without a unit: years, which a date column reads as year dates.
    var year4 = 0
    /// Numbers per `NumberUnit` (raw value).
    var units = SIMD8<Int>()
    /// Cells written like identifiers (`IdentifierPattern`): leading zeros, resident IDs, mobiles.
    var identifiers = 0

    /// Counts one cell.
    @inline(__always) mutating func add(_ v: CellValue) {
        if v.identifier { identifiers += 1 }
        switch v.kind {
        case .missing: missing += 1
        case .integer:
            integer += 1
            units[Int(v.unit.rawValue)] += 1
            if v.unit == .none && v.int >= 1000 && v.int <= 2999 { year4 += 1 }
        case .decimal: decimal += 1; units[Int(v.unit.rawValue)] += 1
        case .date: date += 1
        case .boolean: boolean += 1
        case .badNumber: badNumber += 1
        case .badDate: badDate += 1
        case .text: text += 1
        }
    }

    var nonMissing: Int { integer + decimal + date + boolean + badNumber + badDate + text }

    static func + (a: KindCounts, b: KindCounts) -> KindCounts {
        var c = a
        c.missing += b.missing; c.integer += b.integer; c.decimal += b.decimal; c.date += b.date
        c.boolean += b.boolean; c.badNumber += b.badNumber; c.badDate += b.badDate; c.text += b.text
        c.year4 += b.year4
        c.identifiers += b.identifiers
        c.units &+= b.units
        return c
    }
}

/// The physical shape a column is built in.
enum BuildMode: UInt8, Sendable { case number, date, boolean, string }

/// The rule that types a column from all of its cells (documented in `--help` of `inspect` and in
/// `Tests/LaborStatIngestTests/Fixtures/chinese-numbers.json`).
///
/// Let N be the non-missing cells. A column is **numeric** when at least one cell reads as a number,
/// numbers are at least half of N, and the cells that look like neither a number nor a date (plain
/// words; booleans) are at most 5 % of N. It is a **date** column under the same rule with dates
/// (years 1000–2999 written alone count as year dates there), and **boolean** when true/false,
/// 是/否 or yes/no make up at least half of N and other cells at most 5 %. When several kinds
/// qualify, the most frequent wins (numbers before dates before booleans on a tie, so a column of
/// bare years stays integer). Every non-missing cell of a typed column that does not read as the
/// type — `十多万`, `1.2.3`, `2023-02-30`, `未知` — becomes a `CellProblem` (missing in storage,
/// located, reported), never a silent missing value. Otherwise the column is **text**, stored as a
/// **category** (dictionary-encoded) when it has at most 65 536 distinct values and at most one
/// distinct value per two non-missing cells, else as plain text.
///
/// A numeric column is `integer` when every number is whole and written without a decimal point
/// (or is whole after a 万/亿 scale: `2.84万`), `decimal` otherwise; percentages are decimals.
enum InferenceRule {
    static let otherShareLimit = 0.05
    static let maxLevels = 65_536

    static func decide(_ c: KindCounts) -> BuildMode {
        let n = c.nonMissing
        if n == 0 { return .string }
        func qualifies(_ count: Int, other: Int) -> Bool {
            count >= 1 && 2 * count >= n && Double(other) <= otherShareLimit * Double(n)
        }
        let words = c.text + c.boolean
        var best: (BuildMode, Int)? = nil
        let numbers = c.integer + c.decimal
        if qualifies(numbers, other: words) { best = (.number, numbers) }
        let dates = c.date + c.year4
        if c.date > 0 && qualifies(dates, other: words), dates > (best?.1 ?? 0) { best = (.date, dates) }
        if qualifies(c.boolean, other: n - c.boolean), c.boolean > (best?.1 ?? 0) { best = (.boolean, c.boolean) }
        return best?.0 ?? .string
    }

    /// Whether dictionary encoding pays: few distinct values relative to the non-missing cells.
    static func isCategory(levels: Int, nonMissing: Int) -> Bool {
        nonMissing > 0 && levels <= maxLevels && 2 * levels <= nonMissing
    }

    /// Whether two units cannot be in the same column: percentages never mix with other numbers,
    /// and two different units (元 and 人) do not mix; a bare number fits any non-percent unit.
    static func conflicts(_ u: NumberUnit, _ column: NumberUnit) -> Bool {
        u != column && (u == .percent || column == .percent || (u != .none && column != .none))
    }
}
