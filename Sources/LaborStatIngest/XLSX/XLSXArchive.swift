import Foundation
import LaborStatTable
import ZIPFoundation

/// Limits that keep a hostile or broken .xlsx (a "zip bomb") from exhausting memory.
public struct XLSXLimits: Sendable {
    /// Largest uncompressed size of one part (sheet XML, shared strings): 1 GiB.
    public var maxEntryBytes: UInt64 = 1 << 30
    /// Largest uncompressed / compressed ratio of a part bigger than `ratioFloorBytes`: 200:1
    /// (real sheet XML compresses 5–30:1; blank padding compresses ~1000:1).
    public var maxRatio: Double = 200
    /// Parts below this size are not ratio-checked (a tiny part may compress very well): 1 MiB.
    public var ratioFloorBytes: UInt64 = 1 << 20
    /// Most cells (rows × columns of the filled rectangle) read from one sheet: 50 million.
    public var maxCells: Int = 50_000_000

    public init() {}
}

/// The ZIP container of a workbook: parts by name, extracted whole, within `XLSXLimits`.
struct XLSXArchive {
    let path: String
    let archive: Archive
    let limits: XLSXLimits

    init(path: String, limits: XLSXLimits) throws(IngestError) {
        self.path = path
        self.limits = limits
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .cannotOpen(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .cannotOpen(path: path, reason: "is a folder") }
        guard FileManager.default.isReadableFile(atPath: path) else { throw .cannotOpen(path: path, reason: "permission denied") }
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw XLSXArchive.notZip(path, error)
        }
    }

    /// A workbook held in memory (standard input, a fuzzer's input); `name` is used in messages.
    init(bytes: Data, name: String, limits: XLSXLimits) throws(IngestError) {
        self.path = name
        self.limits = limits
        do {
            archive = try Archive(data: bytes, accessMode: .read)
        } catch {
            throw XLSXArchive.notZip(name, error)
        }
    }

    private static func notZip(_ path: String, _ error: any Error) -> IngestError {
        .malformed(SourceLocation(file: path, line: 1, column: 1), "not an .xlsx workbook: the file is not a ZIP archive (\(error))",
                   hint: "an .xls file (Excel 97–2003) must be saved as .xlsx first; a CSV file needs the .csv extension")
    }

    /// Whether bytes start as a ZIP archive does (`PK\3\4`), which is how an .xlsx on standard
    /// input is told from text.
    static func looksLikeZIP(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04
    }

    /// The bytes of a part, or nil when the archive has no such part (for the small parts).
    func data(_ part: String) throws(IngestError) -> [UInt8]? {
        var out: [UInt8] = []
        let found = try stream(part) { (chunk: UnsafeRawBufferPointer) throws(IngestError) -> Bool in
            out.append(contentsOf: chunk)
            return true
        }
        return found ? out : nil
    }

    /// Passes a part's bytes to `consumer` chunk by chunk as they are inflated, so that a big sheet
    /// is never held whole; false when the archive has no such part. The limits are checked on
    /// the ZIP headers first and again on what actually comes out (headers may lie). The consumer
    /// returns false to stop early (it has what it needs). A big part is inflated on a second
    /// thread, a few chunks ahead of the consumer (inflating and checksumming are a sixth of a read).
    @discardableResult
    func stream(_ part: String, consumer: (UnsafeRawBufferPointer) throws(IngestError) -> Bool) throws(IngestError) -> Bool {
        guard let entry = archive[part] ?? archive["/" + part] else { return false }
        let size = entry.uncompressedSize, packed = max(entry.compressedSize, 1)
        if size > limits.maxEntryBytes { throw tooBig(part, size) }
        if size > limits.ratioFloorBytes, Double(size) / Double(packed) > limits.maxRatio {
            throw .unsupported("\(path): refusing to read \(part): it expands \(Int(Double(size) / Double(packed))):1 (\(size) bytes from \(packed)), more than the \(Int(limits.maxRatio)):1 a real workbook needs; the file may be a decompression bomb")
        }
        guard size >= 8 << 20 else {
            try inflate(entry, part) { (chunk: Data) throws(IngestError) -> Bool in
                let result: Result<Bool, IngestError> = chunk.withUnsafeBytes { raw in
                    do throws(IngestError) { return .success(try consumer(raw)) } catch { return .failure(error) }
                }
                return try result.get()
            }
            return true
        }
        let pipe = ChunkPipe(capacity: 4)
        let job = InflateJob(archive: self, entry: entry, part: part, pipe: pipe)
        let thread = Thread { job.run() }
        thread.start()
        var failure: IngestError?
        while let chunk = pipe.take() {
            let result: Result<Bool, IngestError> = chunk.withUnsafeBytes { raw in
                do throws(IngestError) { return .success(try consumer(raw)) } catch { return .failure(error) }
            }
            switch result {
            case .success(true): continue
            case .success(false): break
            case .failure(let e): failure = e
            }
            pipe.cancel()
            break
        }
        let producerError = pipe.waitClosed()   // the thread is done with the archive
        if let failure { throw failure }
        if let producerError { throw producerError }
        return true
    }

    /// Inflates an entry within the limits, handing each chunk to `deliver` (false: stop, without
    /// the checksum check); the CRC-32 is checked at the end.
    func inflate(_ entry: Entry, _ part: String, deliver: (Data) throws(IngestError) -> Bool) throws(IngestError) {
        let size = entry.uncompressedSize, packed = max(entry.compressedSize, 1)
        let max = limits.maxEntryBytes
        var produced: UInt64 = 0
        var failure: IngestError?
        let fastCRC = ZlibCRC32.function
        var crc: UInt = 0
        var stopped = false
        do {
            let ratioCap = UInt64(limits.maxRatio * Double(packed))
            let libraryCRC = try archive.extract(entry, bufferSize: 1 << 20, skipCRC32: fastCRC != nil) { chunk in
                let n = produced + UInt64(chunk.count)
                if n > max { throw PartTooBig() }
                if n > limits.ratioFloorBytes && n > ratioCap { throw PartTooDense() }
                produced = n
                if let fastCRC {
                    chunk.withUnsafeBytes { raw in
                        if let b = raw.baseAddress { crc = fastCRC(crc, b.assumingMemoryBound(to: UInt8.self), UInt32(raw.count)) }
                    }
                }
                let more: Bool
                do throws(IngestError) { more = try deliver(chunk) } catch { failure = error; throw ConsumerFailed() }
                if !more { throw Stopped() }
            }
            if fastCRC == nil { crc = UInt(libraryCRC) }
        } catch is PartTooBig {
            throw tooBig(part, produced)
        } catch is PartTooDense {
            throw .unsupported("\(path): refusing to read \(part): it expands more than \(Int(limits.maxRatio)):1 (over \(produced) bytes from \(packed)), although its header says \(size) bytes; the file may be a decompression bomb")
        } catch is ConsumerFailed {
            throw failure!
        } catch is Stopped {
            stopped = true
        } catch {
            throw .malformed(SourceLocation(file: path, line: 1, column: 1), "cannot unpack \(part) from the workbook: \(error)", hint: "the file may be damaged or truncated")
        }
        // ZIPFoundation computes the checksum of a streamed entry but leaves checking it to the caller.
        // (A checksum of 0 in the directory is taken as not recorded.)
        if !stopped, entry.checksum != 0, UInt32(truncatingIfNeeded: crc) != entry.checksum {
            throw .malformed(SourceLocation(file: path, line: 1, column: 1), "\(part) in the workbook is damaged: its CRC-32 checksum does not match",
                             hint: "the file may be damaged or truncated; get a fresh copy")
        }
    }

    private struct ConsumerFailed: Error {}
    private struct Stopped: Error {}
    private struct PartTooBig: Error {}
    private struct PartTooDense: Error {}

    private func tooBig(_ part: String, _ size: UInt64) -> IngestError {
        .unsupported("\(path): refusing to read \(part): it expands to more than \(limits.maxEntryBytes >> 20) MiB (\(size) bytes); the file may be a decompression bomb")
    }
}

/// zlib's `crc32`, which ZIPFoundation links but calls only on platforms where zlib is a module
/// named `zlib` (on Linux it falls back to a bytewise Swift loop, a seventh of a big read).
/// Looked up at run time; nil when the process has no zlib (ZIPFoundation's own then checks).
enum ZlibCRC32 {
    typealias Function = @convention(c) (UInt, UnsafePointer<UInt8>?, UInt32) -> UInt
    nonisolated(unsafe) static let function: Function? = {
        guard let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "crc32") else { return nil }
        return unsafeBitCast(sym, to: Function.self)
    }()
}

/// Inflates one entry on its own thread into a `ChunkPipe`. The archive is used by this thread
/// alone until the pipe is closed.
private final class InflateJob: @unchecked Sendable {
    let archive: XLSXArchive
    let entry: Entry
    let part: String
    let pipe: ChunkPipe

    init(archive: XLSXArchive, entry: Entry, part: String, pipe: ChunkPipe) {
        self.archive = archive
        self.entry = entry
        self.part = part
        self.pipe = pipe
    }

    func run() {
        do throws(IngestError) {
            try archive.inflate(entry, part) { (chunk: Data) throws(IngestError) -> Bool in pipe.put(chunk) }
            pipe.close(nil)
        } catch {
            pipe.close(error)
        }
    }
}

/// A bounded queue of chunks from one producer thread to one consumer.
private final class ChunkPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [Data] = []
    private let capacity: Int
    private var closed = false
    private var cancelled = false
    private var error: IngestError?

    init(capacity: Int) { self.capacity = capacity }

    /// Waits for room; false when the consumer has stopped.
    func put(_ chunk: Data) -> Bool {
        condition.lock(); defer { condition.unlock() }
        while chunks.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        chunks.append(chunk)
        condition.broadcast()
        return true
    }

    /// The next chunk; nil when the producer has closed the pipe and it is empty.
    func take() -> Data? {
        condition.lock(); defer { condition.unlock() }
        while chunks.isEmpty && !closed { condition.wait() }
        if chunks.isEmpty { return nil }
        let c = chunks.removeFirst()
        condition.broadcast()
        return c
    }

    func close(_ error: IngestError?) {
        condition.lock(); defer { condition.unlock() }
        self.error = error
        closed = true
        condition.broadcast()
    }

    func cancel() {
        condition.lock(); defer { condition.unlock() }
        cancelled = true
        chunks.removeAll()
        condition.broadcast()
    }

    /// Waits until the producer is done; its error, if any.
    func waitClosed() -> IngestError? {
        condition.lock(); defer { condition.unlock() }
        while !closed { condition.wait() }
        return error
    }
}
