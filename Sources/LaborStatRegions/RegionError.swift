import LaborStatTable

/// Why regions could not be matched, rolled up or compared.
public enum RegionError: LaborStatError, Equatable {
    /// Spellings that match no region, or more than one, in a column (`file` when known).
    case unmatched(column: String, file: String?, unmatched: [UnmatchedSpelling], ambiguous: [UnmatchedSpelling], level: RegionLevel)
    /// A child listed twice with different parents in a hierarchy file.
    case hierarchyDuplicate(file: String, child: String, parents: [String], rows: [Int])
    /// A hierarchy whose parent links go round in a circle.
    case hierarchyCycle(file: String, cycle: [String])
    /// A hierarchy or denominator file that does not have the columns it needs.
    case badFile(file: String, message: String)
    /// A region listed twice in a denominator file.
    case duplicateDenominator(file: String, region: String, rows: [Int])
    /// `--baseline NAME` names no region of the result.
    case unknownBaseline(String, level: RegionLevel, available: [String])
    /// An impossible combination of options.
    case invalid(String)

    public var kind: FailureKind {
        switch self {
        case .unmatched, .hierarchyDuplicate, .hierarchyCycle, .badFile, .duplicateDenominator: .badData
        case .unknownBaseline, .invalid: .usage
        }
    }

    /// The first ten spellings, then how many more (most frequent first, as given).
    static func listing(_ list: [UnmatchedSpelling]) -> [String] {
        var lines = list.prefix(10).map { "  \($0)" }
        if list.count > 10 {
            let rest = list.dropFirst(10)
            let rows = rest.reduce(0) { $0 + $1.count }
            lines.append("  … and \(rest.count) more spelling\(rest.count == 1 ? "" : "s") in \(rows) row\(rows == 1 ? "" : "s")")
        }
        return lines
    }

    public var description: String {
        switch self {
        case .unmatched(let column, let file, let unmatched, let ambiguous, let level):
            let place = file.map { "\($0): " } ?? ""
            var lines: [String] = []
            if !unmatched.isEmpty {
                lines.append("\(place)column \"\(column)\": \(unmatched.count) spelling\(unmatched.count == 1 ? "" : "s") match\(unmatched.count == 1 ? "es" : "") no \(level.noun):")
                lines += RegionError.listing(unmatched)
            }
            if !ambiguous.isEmpty {
                lines.append("\(place)column \"\(column)\": \(ambiguous.count) spelling\(ambiguous.count == 1 ? "" : "s") match\(ambiguous.count == 1 ? "es" : "") more than one \(level.noun):")
                lines += RegionError.listing(ambiguous)
            }
            lines.append("hint: correct the spellings, map them in a --hierarchy file (child,parent), or pass --keep-unmatched to keep each as its own group")
            return lines.joined(separator: "\n")
        case .hierarchyDuplicate(let file, let child, let parents, let rows):
            return "\(file): \"\(child)\" is listed with different parents (\(parents.map { "\"\($0)\"" }.joined(separator: ", "))) in data rows \(rows.map(String.init).joined(separator: ", "))\nhint: give each child one parent; qualify repeated names (北京市朝阳区, 辽宁省朝阳市) or use codes"
        case .hierarchyCycle(let file, let cycle):
            return "\(file): the parent links go round in a circle: \(cycle.joined(separator: " → "))"
        case .badFile(let file, let message):
            return "\(file): \(message)"
        case .duplicateDenominator(let file, let region, let rows):
            return "\(file): region \"\(region)\" has more than one denominator (data rows \(rows.map(String.init).joined(separator: ", ")))"
        case .unknownBaseline(let name, let level, let available):
            return "--baseline \"\(name)\" is not a \(level.noun) of the result; use national or one of: \(available.joined(separator: ", "))"
        case .invalid(let s):
            return s
        }
    }
}

/// A spelling that matched no region (or several), where it occurs, and the candidates.
public struct UnmatchedSpelling: Sendable, Hashable, CustomStringConvertible {
    /// The cell as written.
    public var text: String
    /// Rows holding it.
    public var count: Int
    /// The first few data rows holding it (1-based, the header not counted).
    public var rows: [Int]
    /// For an ambiguous spelling, the regions it could be.
    public var candidates: [String]

    public init(text: String, count: Int, rows: [Int], candidates: [String] = []) {
        self.text = text
        self.count = count
        self.rows = rows
        self.candidates = candidates
    }

    public var description: String {
        var s = "\"\(text)\""
        if !candidates.isEmpty { s += " (could be \(candidates.joined(separator: " or ")))" }
        let shown = rows.map(String.init).joined(separator: ", ")
        s += count == 1 ? " in data row \(shown)" : " in data rows \(shown)"
        if count > rows.count { s += " and \(count - rows.count) more" }
        return s
    }
}
