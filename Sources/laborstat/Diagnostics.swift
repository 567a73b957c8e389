import LaborStat

#if canImport(Glibc)
import Glibc
#endif

/// Messages on standard error, in the contract's form `laborstat: FILE:LINE:COLUMN: what is wrong`.
enum Diagnostics {
    static func report(_ error: any Error) {
        printError("laborstat: \(error)")
    }

    static func warn(_ message: String) {
        printError("laborstat: warning: \(message)")
    }

    static func printError(_ s: String) {
        let text = s.hasSuffix("\n") ? s : s + "\n"
        _ = text.withCString { Glibc.write(2, $0, strlen($0)) }
    }

    /// Whether standard error is a terminal: progress is shown only then.
    static var stderrIsTerminal: Bool { isatty(2) == 1 }
}
