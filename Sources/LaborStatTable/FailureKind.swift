/// The kinds of failure a user or a script must tell apart; the CLI maps each to one exit code
/// (`sysexits.h`, as the contract says) in one place.
public enum FailureKind: Sendable {
    /// Bad flag, unknown column, impossible combination of options: exit 64.
    case usage
    /// Malformed file or a value of the wrong type: exit 65.
    case badData
    /// Input file missing or unreadable: exit 66.
    case missingInput
    /// Output file cannot be created: exit 73.
    case cannotCreateOutput
    /// Reading or writing failed midway: exit 74.
    case io

    public var exitCode: Int32 {
        switch self {
        case .usage: 64
        case .badData: 65
        case .missingInput: 66
        case .cannotCreateOutput: 73
        case .io: 74
        }
    }
}

/// An error LaborStat reports to a user: it knows its kind (hence the exit code) and prints as
/// `FILE:LINE:COLUMN: what is wrong`, then the line with a caret, then a `hint:` line when the fix is known.
public protocol LaborStatError: Error, CustomStringConvertible, Sendable {
    var kind: FailureKind { get }
}
