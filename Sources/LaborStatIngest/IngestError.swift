import LaborStatTable

/// Why a file could not be read, with where.
public enum IngestError: LaborStatError {
    /// The file does not exist or cannot be opened.
    case cannotOpen(path: String, reason: String)
    /// A malformed file at a known place (ragged row, unterminated quote, bad encoding …).
    case malformed(SourceLocation, String, hint: String?)
    /// A format or feature this reader does not handle.
    case unsupported(String)

    public var kind: FailureKind {
        switch self {
        case .cannotOpen: .missingInput
        case .malformed: .badData
        case .unsupported: .badData
        }
    }

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "\(path): cannot open: \(reason)"
        case .malformed(let loc, let msg, let hint):
            var s = "\(loc): \(msg)"
            if !loc.excerpt.isEmpty { s += "\n" + loc.excerpt }
            if let hint { s += "\nhint: \(hint)" }
            return s
        case .unsupported(let s): return s
        }
    }
}
