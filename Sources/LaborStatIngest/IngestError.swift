import LaborStatTable

/// Why a file could not be read, with where.
public enum IngestError: LaborStatError {
    /// The file does not exist or cannot be opened: exit 66.
    case cannotOpen(path: String, reason: String)
    /// A malformed file at a known place (ragged row, unterminated quote, bad encoding …): exit 65.
    case malformed(SourceLocation, String, hint: String?)
    /// A format or feature this reader does not handle: exit 65.
    case unsupported(String)
    /// Reading failed midway (an I/O error after the file was opened): exit 74.
    case readFailed(path: String, reason: String)
    /// A table-level error met while reading, such as `ReadOptions.columns` naming no column of the
    /// file (exit 64, with the file's columns listed and the closest name suggested).
    case table(TableError)

    public var kind: FailureKind {
        switch self {
        case .cannotOpen: .missingInput
        case .malformed: .badData
        case .unsupported: .badData
        case .readFailed: .io
        case .table(let e): e.kind
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
        case .readFailed(let path, let reason): return "\(path): read failed: \(reason)"
        case .table(let e): return e.description
        }
    }
}
