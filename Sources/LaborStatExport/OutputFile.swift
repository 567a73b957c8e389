#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a file atomically: temporary sibling, `fsync`, `rename`.
enum OutputFile {
    /// Calls `body` with a function that appends bytes to a temporary file next to `path`; when
    /// `body` returns, flushes and renames the temporary file over `path`. On any failure the
    /// temporary file is removed and `path` is left as it was.
    ///
    /// Failures to create the file (missing folder, no permission, the target is a folder) are
    /// `cannotCreate` (exit 73); failures while writing (disk full) are `writeFailed` (exit 74).
    ///
    /// A symbolic link is followed, so the file it points to is replaced and the link kept. A target
    /// that exists but is not a regular file (`/dev/null`, `/dev/stdout`, a named pipe, a shell's
    /// `>(…)`) is written directly: renaming over it would replace the device or pipe.
    static func replace(_ path: String, body: (@escaping ([UInt8]) throws(ExportError) -> Void) throws(ExportError) -> Void) throws(ExportError) {
        var info = stat()
        var target = path
        if stat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR: throw .cannotCreate(path: path, reason: "is a folder")
            case S_IFREG:
                var l = stat()
                if lstat(path, &l) == 0, l.st_mode & S_IFMT == S_IFLNK, let real = realpath(path, nil) {
                    target = String(cString: real)
                    free(real)
                }
            default:
                return try writeDirectly(path, body: body)
            }
        }
        let temp = temporaryPath(for: target)
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        if fd < 0 { throw .cannotCreate(path: path, reason: reason(errno)) }
        var closed = false
        func fail() {
            if !closed { close(fd); closed = true }
            unlink(temp)
        }
        do {
            try body { (bytes: [UInt8]) throws(ExportError) in
                let e = writeAll(fd, bytes)
                if e != 0 { throw .writeFailed(path: path, reason: reason(e)) }
            }
        } catch {
            fail()
            throw error
        }
        if fsync(fd) != 0 && errno != EINVAL {
            let e = errno
            fail()
            throw .writeFailed(path: path, reason: reason(e))
        }
        if close(fd) != 0 {
            let e = errno
            closed = true
            fail()
            throw .writeFailed(path: path, reason: reason(e))
        }
        closed = true
        if rename(temp, target) != 0 {
            let e = errno
            unlink(temp)
            throw .cannotCreate(path: path, reason: reason(e))
        }
    }

    /// Writes to an existing device or pipe as it is.
    static func writeDirectly(_ path: String, body: (@escaping ([UInt8]) throws(ExportError) -> Void) throws(ExportError) -> Void) throws(ExportError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        if fd < 0 { throw .cannotCreate(path: path, reason: reason(errno)) }
        defer { close(fd) }
        try body { (bytes: [UInt8]) throws(ExportError) in
            let e = writeAll(fd, bytes)
            if e != 0 { throw .writeFailed(path: path, reason: reason(e)) }
        }
    }

    /// `.NAME.tmp-PID` in the target's folder (so the final `rename` stays on one file system).
    static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return dir + "." + name + ".tmp-\(getpid())"
    }

    /// Writes every byte, retrying partial writes and EINTR; returns 0 or the `errno` of the failure.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
        var error: Int32 = 0
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc_write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    error = errno
                    return
                }
                offset += n
            }
        }
        return error
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// Standard output, where a closed pipe is the reader's choice (`| head`), not an error.
final class StandardOutput {
    private var closedByReader = false
    private let fd: Int32

    init(fd: Int32 = 1) {
        self.fd = fd
        // Without this, writing to a closed pipe kills the process with SIGPIPE before any error
        // can be handled; with it, write returns EPIPE and output ends quietly.
        signal(SIGPIPE, SIG_IGN)
    }

    func write(_ bytes: [UInt8]) throws(ExportError) {
        if closedByReader { return }
        let e = OutputFile.writeAll(fd, bytes)
        if e == EPIPE { closedByReader = true; return }
        if e != 0 { throw .writeFailed(path: "standard output", reason: OutputFile.reason(e)) }
    }
}

@inline(__always) func Glibc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, p, n)
    #else
    return Darwin.write(fd, p, n)
    #endif
}
