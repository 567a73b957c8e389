import LaborStatTable

/// Why output could not be written.
public enum ExportError: LaborStatError {
    /// The output file (or its temporary sibling) cannot be created: exit 73.
    case cannotCreate(path: String, reason: String)
    /// Writing failed midway (disk full, closed pipe): exit 74.
    case writeFailed(path: String, reason: String)
    /// A value cannot be represented in the output encoding.
    case unencodable(String)

    public var kind: FailureKind {
        switch self {
        case .cannotCreate: .cannotCreateOutput
        case .writeFailed, .unencodable: .io
        }
    }

    public var description: String {
        switch self {
        case .cannotCreate(let p, let r): "\(p): cannot create output: \(r)"
        case .writeFailed(let p, let r): "\(p): write failed: \(r)"
        case .unencodable(let s): s
        }
    }
}
