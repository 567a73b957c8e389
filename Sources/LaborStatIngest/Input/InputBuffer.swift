#if canImport(Glibc)
import Glibc
#endif

/// The bytes of an input: a read-only memory map of a file, or an owned buffer (standard input,
/// decoded GB18030/UTF-16). Mapped pages that were parsed can be released (`release`) so the peak
/// memory of a load is the columns, not the file.
final class InputBuffer: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
    let count: Int
    private let mapped: Bool
    private let mapLength: Int

    private init(base: UnsafePointer<UInt8>, count: Int, mapped: Bool, mapLength: Int) {
        self.base = base
        self.count = count
        self.mapped = mapped
        self.mapLength = mapLength
    }

    /// Takes ownership of a copy of `bytes`.
    convenience init(bytes: [UInt8]) {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        bytes.withUnsafeBufferPointer { if let b = $0.baseAddress { p.initialize(from: b, count: bytes.count) } }
        self.init(base: UnsafePointer(p), count: bytes.count, mapped: false, mapLength: 0)
    }

    /// Takes ownership of `p` (allocated with `UnsafeMutablePointer.allocate`).
    convenience init(owning p: UnsafeMutablePointer<UInt8>, count: Int) {
        self.init(base: UnsafePointer(p), count: count, mapped: false, mapLength: 0)
    }

    deinit {
        if mapped { munmap(UnsafeMutableRawPointer(mutating: base), mapLength) }
        else { UnsafeMutablePointer(mutating: base).deallocate() }
    }

    /// Opens a file: memory-mapped when it is a regular non-empty file, read otherwise (pipes, `-`).
    static func open(path: String) throws(IngestError) -> InputBuffer {
        if path == "-" { return try readAll(fd: 0, path: "<stdin>") }
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let e = errno
            throw .cannotOpen(path: path, reason: String(cString: strerror(e)))
        }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) != 0 { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw .cannotOpen(path: path, reason: "is a directory") }
        if (st.st_mode & S_IFMT) == S_IFREG && st.st_size > 0 {
            let size = Int(st.st_size)
            let m = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
            if let m, m != MAP_FAILED {
                madvise(m, size, MADV_SEQUENTIAL)
                return InputBuffer(base: UnsafePointer(m.assumingMemoryBound(to: UInt8.self)), count: size, mapped: true, mapLength: size)
            }
        }
        return try readAll(fd: fd, path: path)
    }

    /// Reads a descriptor to its end.
    static func readAll(fd: Int32, path: String) throws(IngestError) -> InputBuffer {
        var capacity = 1 << 20
        var p = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        var n = 0
        while true {
            if n == capacity {
                let q = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                q.moveInitialize(from: p, count: n)
                p.deallocate()
                p = q
                capacity *= 2
            }
            let r = read(fd, p + n, capacity - n)
            if r < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                p.deallocate()
                throw .readFailed(path: path, reason: reason)
            }
            if r == 0 { break }
            n += r
        }
        return InputBuffer(owning: p, count: n)
    }

    /// Lets the kernel drop mapped pages of `range` that were parsed (they are re-read from the page
    /// cache if touched again). A no-op for owned buffers.
    func release(_ range: Range<Int>) {
        guard mapped else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let lo = (range.lowerBound + page - 1) / page * page
        let hi = range.upperBound / page * page
        if hi > lo { madvise(UnsafeMutableRawPointer(mutating: base + lo), hi - lo, MADV_DONTNEED) }
    }
}
