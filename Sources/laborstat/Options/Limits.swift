import LaborStat

/// Bad data found by a command itself (not by the reader or a library estimator): exit 65.
struct BadDataError: LaborStatError {
    var message: String
    var kind: FailureKind { .badData }
    var description: String { message }
}

/// Size limits that stop a tiny hostile file from taking minutes or gigabytes. Each has a flag to
/// raise it, named in `--help` with its default, and a refusal that says which flag.
enum Limits {
    /// Cells of a pivot grid or a two-way table (rows × columns of distinct keys).
    static let maxCells = 10_000_000

    /// Refuses a grid of `rows × cols` cells above `limit`.
    static func checkCells(rows: Int, cols: Int, limit: Int, what: String) throws {
        let (cells, overflow) = rows.multipliedReportingOverflow(by: cols)
        if overflow || cells > limit {
            throw BadDataError(message: "\(what) would have \(rows) × \(cols) = \(overflow ? "more than \(Int.max)" : String(cells)) cells, more than --max-cells \(limit)\nhint: pick fewer levels with --where, or raise the limit with --max-cells N")
        }
    }
}
