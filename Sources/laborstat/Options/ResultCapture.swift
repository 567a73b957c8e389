import LaborStat

/// While `report` runs an item, the table a command would write is kept here instead: the command
/// runs exactly as on the command line (same parsing, same estimates, same labels and formats),
/// and the report lays out what it would have printed.
enum ResultCapture {
    struct Result {
        var table: Table
        var options: WriteOptions
    }

    nonisolated(unsafe) private static var results: [Result]? = nil

    /// Runs `body` with every written table captured; returns them in order.
    static func capturing(_ body: () throws -> Void) throws -> [Result] {
        results = []
        defer { results = nil }
        try body()
        return results ?? []
    }

    /// Called by the table writers: true when the table was captured (and must not be written).
    static func take(_ table: Table, options: WriteOptions) -> Bool {
        guard results != nil else { return false }
        results!.append(Result(table: table, options: options))
        return true
    }
}
