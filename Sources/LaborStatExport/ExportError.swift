import LaborStatTable

/// Why output could not be written.
public enum ExportError: LaborStatError {
    /// The output file (or its temporary sibling) cannot be created: exit 73.
    case cannotCreate(path: String, reason: String)
    /// Writing failed midway (disk full, closed pipe): exit 74.
    case writeFailed(path: String, reason: String)
    /// A value cannot be represented in the output encoding.
    case unencodable(String)
    /// The request cannot be written as asked (an invalid sheet name, more rows than a sheet
    /// holds, an output extension no writer honours): exit 64.
    case invalidRequest(String)
    /// An existing file the output builds on (`--append`) is not what it must be: exit 65.
    case badExisting(path: String, reason: String)

    public var kind: FailureKind {
        switch self {
        case .cannotCreate: .cannotCreateOutput
        case .writeFailed, .unencodable: .io
        case .invalidRequest: .usage
        case .badExisting: .badData
        }
    }

    public var description: String {
        switch self {
        case .cannotCreate(let p, let r): "\(p): cannot create output: \(r)"
        case .writeFailed(let p, let r): "\(p): write failed: \(r)"
        case .unencodable(let s): s
        case .invalidRequest(let s): s
        case .badExisting(let p, let r): "\(p): \(r)"
        }
    }
}
