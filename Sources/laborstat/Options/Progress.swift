#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress bar on standard error (only created when it is a terminal).
enum Progress {
    static func bar(label: String) -> @Sendable (Int, Int) -> Void {
        { done, total in
            guard total > 0 else { return }
            let pct = min(100, done * 100 / total)
            let mb = Double(done) / 1_048_576
            let line = "\rreading \(label): \(pct)% (\(Int(mb)) MiB)" + (done >= total ? "\n" : "")
            _ = line.withCString { write(2, $0, strlen($0)) }
        }
    }
}
