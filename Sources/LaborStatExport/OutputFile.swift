#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one writer every output of LaborStat goes through: tables, SVG charts, and any other file a
/// command writes (xlsx, png, pdf). Give it a path and a closure that hands it bytes:
///
/// ```swift
/// try OutputFile.write(to: path) { sink in
///     try sink.write(headerBytes)          // [UInt8], String or UnsafeRawBufferPointer
///     for chunk in chunks { try sink.write(chunk) }
/// }
/// try OutputFile.write(to: "-", bytes: Array(svg.utf8))   // "-" is standard output
/// ```
///
/// What it does with the path:
/// - **a regular file, or a name that does not exist yet**: the bytes go to a hidden temporary
///   sibling (`.NAME.tmp-PID`, same folder, so the rename stays on one file system), which is
///   `fsync`ed and renamed over the target only when the closure returned. A failure or an
///   interrupt (SIGINT, SIGTERM, SIGHUP) removes the temporary file and leaves the old file as it
///   was. A symbolic link is followed: the file it points to is replaced, the link kept; an
///   existing file keeps its permission bits.
/// - **anything else** — a device (`/dev/null`, `/dev/full`), a named pipe, standard output (`-`),
///   a `/proc/self/fd/N` or `/dev/stdout` link — is written in place, never replaced.
/// - a reader that closes its end of a pipe (`| head`) ends the output quietly: the rest of the
///   bytes are dropped, nothing is reported, the command exits 0 (SIGPIPE is ignored).
/// - errors: the file or its temporary sibling cannot be created → `ExportError.cannotCreate`
///   (exit 73); a write fails midway, e.g. the disk is full (ENOSPC) → `.writeFailed` (exit 74).
///
/// A C library that insists on writing a file by name should be asked for its bytes instead
/// (libxlsxwriter: `lxw_workbook_options.output_buffer`; cairo: `cairo_surface_write_to_png_stream`,
/// `cairo_pdf_surface_create_for_stream`) and hand them to the sink, so these rules hold for it too.
public enum OutputFile {
    /// Writes what `body` hands to the sink to `path` (`-`: standard output), by the rules above.
    public static func write(to path: String, _ body: (OutputSink) throws -> Void) throws {
        Interrupts.ignoreSIGPIPE()
        if path == "-" {
            let sink = OutputSink(fd: 1, path: "standard output", inPlace: true)
            try body(sink)
            return
        }
        if let mode = writtenInPlace(path) {
            let fd = open(path, O_WRONLY | O_CLOEXEC | (mode == S_IFREG ? O_TRUNC : 0))
            if fd < 0 { throw ExportError.cannotCreate(path: path, reason: reason(errno)) }
            defer { close(fd) }
            try body(OutputSink(fd: fd, path: path, inPlace: true))
            return
        }
        try replace(path, body)
    }

    /// Writes `bytes` to `path` (`-`: standard output).
    public static func write(to path: String, bytes: [UInt8]) throws {
        try write(to: path) { try $0.write(bytes) }
    }

    /// Whether `path` names something to write in place (and its file type), or nil for a regular
    /// file or a new name, which are replaced atomically.
    static func writtenInPlace(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR { return nil }            // replace() reports it
        if type != S_IFREG { return type }
        // /proc/self/fd/1, /dev/stdout, /dev/fd/3: a descriptor someone handed us; the file behind it
        // is theirs to keep (renaming over it would detach their descriptor from what we write).
        if path.hasPrefix("/proc/") || path.hasPrefix("/dev/") { return type }
        return nil
    }

    /// The atomic path: temporary sibling, fsync, rename.
    static func replace(_ path: String, _ body: (OutputSink) throws -> Void) throws {
        var info = stat()
        var target = path
        var keepMode: mode_t?
        if stat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFDIR { throw ExportError.cannotCreate(path: path, reason: "is a folder") }
            keepMode = info.st_mode & 0o7777
            var l = stat()
            if lstat(path, &l) == 0, l.st_mode & S_IFMT == S_IFLNK, let real = realpath(path, nil) {
                target = String(cString: real)
                free(real)
            }
        }
        let temp = temporaryPath(for: target)
        unlink(temp)   // a leftover of a killed run with the same process id
        let fd = Interrupts.createRemovingOnSignal(temp)
        if fd < 0 {
            let e = errno
            let folder = temp.lastIndex(of: "/").map { String(temp[..<$0]) } ?? "."
            throw ExportError.cannotCreate(path: path, reason: e == ENOENT ? "the folder \(folder) does not exist" : reason(e))
        }
        var open = true
        func discard() {
            if open { close(fd); open = false }
            Interrupts.forget(temp, unlinking: true)
        }
        do {
            if let keepMode { fchmod(fd, keepMode) }
            try body(OutputSink(fd: fd, path: path, inPlace: false))
            if fsync(fd) != 0 && errno != EINVAL { throw ExportError.writeFailed(path: path, reason: reason(errno)) }
            open = false
            if close(fd) != 0 { throw ExportError.writeFailed(path: path, reason: reason(errno)) }
            if rename(temp, target) != 0 { throw ExportError.cannotCreate(path: path, reason: reason(errno)) }
        } catch {
            discard()
            throw error
        }
        Interrupts.forget(temp, unlinking: false)
        syncFolder(of: target)
    }

    /// The typed-throws form the table writer uses; `body` gets a function that appends bytes.
    static func replace(_ path: String, body: (@escaping ([UInt8]) throws(ExportError) -> Void) throws(ExportError) -> Void) throws(ExportError) {
        do {
            try write(to: path) { sink in try body { (bytes: [UInt8]) throws(ExportError) in try sink.write(bytes) } }
        } catch let e as ExportError {
            throw e
        } catch {
            throw .writeFailed(path: path, reason: "\(error)")
        }
    }

    /// Makes the rename itself durable (best effort: some file systems refuse fsync on a folder).
    static func syncFolder(of path: String) {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let fd = open(dir, O_RDONLY | O_CLOEXEC)
        if fd >= 0 { _ = fsync(fd); close(fd) }
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
        bytes.withUnsafeBytes { writeAll(fd, $0) }
    }

    static func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer) -> Int32 {
        var offset = 0
        while offset < raw.count {
            let n = Glibc_write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return 0
    }

    static func reason(_ code: Int32) -> String {
        code == ENOSPC ? "no space left on device (the disk is full)" : String(cString: strerror(code))
    }
}

/// Where `OutputFile.write` sends bytes. A closed pipe makes further writes no-ops (`readerClosed`).
public final class OutputSink {
    /// The path as the user wrote it (for messages).
    public let path: String
    /// The reader of a pipe went away: what is still written is dropped, quietly.
    public private(set) var readerClosed = false
    private let fd: Int32
    private let inPlace: Bool

    init(fd: Int32, path: String, inPlace: Bool) {
        self.fd = fd
        self.path = path
        self.inPlace = inPlace
    }

    public func write(_ bytes: [UInt8]) throws(ExportError) {
        if readerClosed || bytes.isEmpty { return }
        let e = OutputFile.writeAll(fd, bytes)
        try settle(e)
    }

    public func write(_ text: String) throws(ExportError) {
        try write(Array(text.utf8))
    }

    public func write(_ raw: UnsafeRawBufferPointer) throws(ExportError) {
        if readerClosed || raw.isEmpty { return }
        try settle(OutputFile.writeAll(fd, raw))
    }

    private func settle(_ e: Int32) throws(ExportError) {
        if e == EPIPE && inPlace { readerClosed = true; return }
        if e != 0 { throw .writeFailed(path: path, reason: OutputFile.reason(e)) }
    }
}

/// Standard output, where a closed pipe is the reader's choice (`| head`), not an error.
final class StandardOutput {
    private let sink: OutputSink

    init(fd: Int32 = 1) {
        Interrupts.ignoreSIGPIPE()
        sink = OutputSink(fd: fd, path: "standard output", inPlace: true)
    }

    func write(_ bytes: [UInt8]) throws(ExportError) { try sink.write(bytes) }
}

@inline(__always) func Glibc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, p, n)
    #else
    return Darwin.write(fd, p, n)
    #endif
}
