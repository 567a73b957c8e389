import Dispatch
import Foundation
import LaborStatTable

/// Loads delimited text (decoded to UTF-8) into a typed `Table`, using both cores.
///
/// 1. The header row gives the column names (trimmed; empty → `#N`; repeated → `name_2`).
/// 2. The data is cut into chunks of about 4 MiB at record boundaries (a newline, or — when the
///    file has quotes — a newline outside quotes, found by one quote-aware scan).
/// 3. Chunks are processed in parallel (`DispatchQueue.concurrentPerform`): each is validated as
///    UTF-8 when needed, split into field spans for the requested columns only, and every column is
///    built into a typed part; the chunk's mapped pages are then released.
/// 4. Each column's parts are joined (`ColumnAssembler`), the type decided from all cells; parts
///    built in another type are rebuilt from their chunk.
/// 5. Problem cells and syntax errors get their `FILE:LINE:COLUMN` only then.
enum CSVLoader {
    static let chunkBytes = 4 << 20

    struct ChunkResult {
        var parts: [ColumnPart] = []
        var rows = 0
        var error: CSVSyntaxError?
        var invalidUTF8: Int?
        /// A quoted field of the chunk holds a line break (chunks cut at line breaks may then be wrong).
        var quotedLineBreak = false
    }

    struct Chunk { var lo: Int; var hi: Int }

    /// Large blocks (column parts, ≥ 64 KiB) come from `mmap` and go back to the system when freed,
    /// so that joining the parts of a column does not keep all parts' memory on the heap (glibc's
    /// dynamic threshold would otherwise rise to the parts' size and keep them). Set once.
    static let mallocTuned: Bool = {
        setMallocOption(-3, 64 << 10)   // M_MMAP_THRESHOLD
        return true
    }()

    /// glibc's `mallopt(option, value)` (from malloc.h, which the Glibc module does not export).
    static func setMallocOption(_ option: Int32, _ value: Int32) {
        #if canImport(Glibc)
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        if let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
            _ = unsafeBitCast(sym, to: MallOpt.self)(option, value)
        }
        #endif
    }

    static func load(_ input: DecodedInput, path: String, options: ReadOptions) throws(IngestError) -> Table {
        // Without a slice the GB18030 fallback re-reads the file itself, so a table always comes back.
        try load(input, path: path, options: options, slice: nil)!
    }

    /// Loads the records in the byte range `slice` of the data (record-aligned; nil: all of it).
    /// Lines and columns of problem cells and errors are counted from the start of the file.
    /// Returns nil when a slice turns out not to be UTF-8 and the file should be read whole as GB18030.
    static func load(_ input: DecodedInput, path: String, options: ReadOptions, slice: Range<Int>?, plan given: CSVPlan? = nil) throws(IngestError) -> Table? {
        _ = mallocTuned
        let p = input.buffer.base
        let lo = input.start, hi = input.buffer.count
        let locator = LineLocator(p + lo, hi - lo)
        func locate(_ offset: Int) -> SourceLocation {
            var l = locator.location(ofByte: offset - lo, file: path)
            l.byteOffset = offset - lo
            return l
        }
        let delimiter = options.delimiter ?? DelimiterSniffer.sniff(p, lo: lo, hi: hi)
        let source = TableSource(path: path, format: formatName(path), encoding: input.encoding,
                                 delimiter: delimiter == 9 ? "tab" : String(UnicodeScalar(delimiter)), hadBOM: input.hadBOM)
        // Where the table is: header rows, data range, records left out.
        var planned = given
        if planned == nil { planned = try plan(p, lo: lo, hi: hi, delimiter: delimiter, path: path, options: options, locator: locator, locate: locate) }
        guard let plan = planned else {
            return (try? Table(columns: [], source: source)) ?? { fatalError("empty table") }()
        }
        if input.needsValidation {
            let (bad, _) = UTF8Check.firstInvalid(p, lo, plan.dataStart)
            if let bad { throw TextDecoding.damagedUTF8At(p + lo, hi - lo, offset: bad - lo, path: path) }
        }
        let columnCount = plan.columnCount
        let names = plan.layout.names
        let segments = { let s = plan.segments(slice); return s.isEmpty ? [plan.dataEnd..<plan.dataEnd] : s }()

        // Which columns to read.
        var wanted = Array(0..<columnCount)
        if let requested = options.columns {
            var set = Set<Int>()
            for name in requested { set.insert(try resolve(name, in: names)) }
            wanted = set.sorted()
        }
        var forced: [Int: ColumnType] = [:]
        for (key, t) in options.columnTypes { forced[try resolve(key, in: names)] = t }
        var slotOfColumn = [Int](repeating: -1, count: columnCount)
        for (s, c) in wanted.enumerated() { slotOfColumn[c] = s }

        let classifier = CellClassifier(options: options)
        let builders = wanted.map { ColumnBuilder(classifier: classifier, name: names[$0], forced: forced[$0]) }
        let avgRecord = max(16, plan.dataStart > lo ? (plan.dataStart - lo) / max(1, plan.layout.header.dataStart) : 64)
        let progress = ProgressReporter(total: hi - lo, callback: options.progress)

        let needsValidation = input.needsValidation
        let buffer = input.buffer
        let slotCount = wanted.count
        let slots = slotOfColumn
        nonisolated(unsafe) let bytes = p
        /// Splits and builds every chunk on all cores.
        func run(_ chunks: [Chunk]) -> [ChunkResult] {
            let results = ParallelResults<ChunkResult>(count: chunks.count)
            DispatchQueue.concurrentPerform(iterations: chunks.count) { k in
                let c = chunks[k]
                var r = ChunkResult()
                // UTF-8 is validated by the split itself (bytes ≥ 0x80 are checked as they are skipped).
                let tokens = CSVTokenizer.tokenize(bytes, lo: c.lo, hi: c.hi, delimiter: delimiter, columnCount: columnCount,
                                                   slotOfColumn: slots, slotCount: slotCount,
                                                   expectedRows: (c.hi - c.lo) / avgRecord + 16, validate: needsValidation)
                r.rows = tokens.rows
                r.error = tokens.error
                r.quotedLineBreak = tokens.quotedLineBreak
                if case .invalidUTF8(let bad)? = tokens.error { r.invalidUTF8 = bad; r.error = nil }
                if tokens.error == nil {
                    r.parts = (0..<slotCount).map { s in
                        builders[s].build(CellSource(base: bytes + c.lo, baseOffset: c.lo, spans: tokens.spans, stride: slotCount, slot: s))
                    }
                }
                buffer.release(c.lo..<c.hi)
                results[k] = r
                progress.add(c.hi - c.lo)
            }
            return results.take()
        }
        // Chunks cut at line breaks; when a quoted field holds a line break (a chunk may then start
        // inside it), once more with record boundaries from a quote-aware scan.
        var chunks = segments.flatMap { splitChunks(p, lo: $0.lowerBound, hi: $0.upperBound, delimiter: delimiter, quoteAware: false, buffer: buffer) }
        var chunkResults = run(chunks)
        let straddled = chunkResults.enumerated().contains { k, r in
            r.quotedLineBreak || (k < chunkResults.count - 1 && { if case .unterminatedQuote? = r.error { return true } else { return false } }())
        }
        if straddled && chunks.count > 1 {
            chunkResults = []
            chunks = segments.flatMap { splitChunks(p, lo: $0.lowerBound, hi: $0.upperBound, delimiter: delimiter, quoteAware: true, buffer: buffer) }
            chunkResults = run(chunks)
        }
        // Errors: the first in the file wins.
        if let bad = chunkResults.compactMap({ $0.invalidUTF8 }).min() {
            let (_, multibyte) = UTF8Check.firstInvalid(p, lo, bad)
            if options.encoding == .auto && multibyte < TextDecoding.damagedUTF8Threshold && !input.hadBOM {
                if slice != nil { return nil }
                let decoded = DecodedInput(buffer: try TextDecoding.gb18030ToUTF8(input.buffer, path: path), start: 0,
                                           encoding: "gb18030", hadBOM: false, needsValidation: false)
                return try load(decoded, path: path, options: options)
            }
            throw TextDecoding.damagedUTF8At(p + lo, hi - lo, offset: bad - lo, path: path)
        }
        if let e = chunkResults.compactMap({ $0.error }).min(by: { $0.offset < $1.offset }) {
            throw syntaxError(e, columns: columnCount, locate: locate)
        }

        // Join the parts of each column, columns in parallel. The parts are moved out of the chunk
        // results first, so that each assembler holds the only reference and frees parts as it copies.
        let chunkList = chunks
        let rowsPerChunk = chunkResults.map(\.rows)
        let partsBox = ParallelResults<[ColumnPart]>(count: wanted.count)
        for s in wanted.indices { partsBox[s] = chunkResults.map { $0.parts[s] } }
        chunkResults = []
        let joined = ParallelResults<(Column, [RawProblem])>(count: wanted.count)
        let wantedColumns = wanted
        let keepText = options.keepText
        let forcedTypes = forced
        let columnNames = names
        DispatchQueue.concurrentPerform(iterations: wanted.count) { s in
            let c = wantedColumns[s]
            var parts = partsBox.take(s)
            let assembler = ColumnAssembler(name: columnNames[c], forced: forcedTypes[c], keepText: keepText)
            let (column, problems, _) = assembler.assemble(&parts) { k, mode, unit in
                let ch = chunkList[k]
                var only = [Int](repeating: -1, count: columnCount)
                only[c] = 0
                let t = CSVTokenizer.tokenize(bytes, lo: ch.lo, hi: ch.hi, delimiter: delimiter, columnCount: columnCount,
                                              slotOfColumn: only, slotCount: 1, expectedRows: rowsPerChunk[k])
                let part = builders[s].build(CellSource(base: bytes + ch.lo, baseOffset: ch.lo, spans: t.spans), mode: mode, expectedUnit: unit)
                buffer.release(ch.lo..<ch.hi)
                return part
            }
            joined[s] = (column, problems)
        }
        var columns: [Column] = []
        var allProblems: [(column: Int, RawProblem)] = []
        for (s, (column, problems)) in joined.take().enumerated() {
            var column = column
            column.filePosition = wanted[s] + 1
            columns.append(column)
            for q in problems { allProblems.append((columns.count - 1, q)) }
        }
        // Locate the problem cells.
        if !allProblems.isEmpty {
            let locs = locator.locations(ofBytes: allProblems.map { $0.1.offset - lo }, file: path)
            var perColumn = [[CellProblem]](repeating: [], count: columns.count)
            for (i, (ci, q)) in allProblems.enumerated() {
                perColumn[ci].append(CellProblem(location: locs[i], column: columns[ci].name, value: q.value,
                                                 expected: q.expected, reason: q.reason, hint: q.hint))
            }
            for ci in columns.indices where !perColumn[ci].isEmpty { columns[ci].problems = perColumn[ci] }
        }
        progress.finish()
        columns = try plan.layout.finish(columns, options: options, path: path)
        var laidOut = source
        if !plan.layout.facts.isPlain { laidOut.layout = plan.layout.facts }
        do { return try Table(columns: columns, source: laidOut) } catch { throw .table(error) }
    }

    static func formatName(_ path: String) -> String {
        let lower = path.lowercased()
        if lower.hasSuffix(".tsv") { return "tsv" }
        if lower.hasSuffix(".txt") { return "txt" }
        return "csv"
    }

    /// The index of a requested column: exact name, `#N`, the same name up to full/half width and
    /// case, or — for a period key like `opened:year` — its column.
    static func resolve(_ name: String, in names: [String]) throws(IngestError) -> Int {
        if let i = names.firstIndex(of: name) { return i }
        if name.hasPrefix("#"), let n = Int(name.dropFirst()), n >= 1, n <= names.count { return n - 1 }
        let key = Table.normalizedName(name)
        if let i = names.firstIndex(where: { Table.normalizedName($0) == key }) { return i }
        if let colon = name.lastIndex(of: ":"), colon != name.startIndex {
            return try resolve(String(name[..<colon]), in: names)
        }
        var suggestion: String? = nil
        if let probe = try? Table(columns: names.map { Column($0, integers: []) }) {
            do { _ = try probe.columnIndex(named: name) } catch {
                if case .columnNotFound(_, _, let s) = error { suggestion = s }
            }
        }
        throw .table(.columnNotFound(name, available: names, suggestion: suggestion))
    }

    static func uniqueNames(_ raw: [String]) -> [String] {
        var seen: [String: Int] = [:]
        var out: [String] = []
        for (i, n) in raw.enumerated() {
            var name = n.isEmpty ? "#\(i + 1)" : n
            if let k = seen[name] {
                var j = k + 1
                while seen["\(name)_\(j)"] != nil { j += 1 }
                seen[name] = j
                name = "\(name)_\(j)"
            }
            seen[name] = 1
            out.append(name)
        }
        return out
    }

    static func syntaxError(_ e: CSVSyntaxError, columns: Int, locate: (Int) -> SourceLocation) -> IngestError {
        switch e {
        case .ragged(let offset, let found, let expected):
            return .malformed(locate(offset), "this row has \(found) field\(found == 1 ? "" : "s"), the header has \(expected)",
                              hint: found > expected ? "a field holding the delimiter must be quoted (\"a,b\")" : "add the missing fields (they may be empty), or check the delimiter (--delimiter)")
        case .unterminatedQuote(let offset):
            return .malformed(locate(offset), "a quoted field is not closed before the end of the file",
                              hint: "close the field with \" (a quote inside it is written as \"\")")
        case .invalidUTF8(let offset):
            return .malformed(locate(offset), "invalid UTF-8", hint: "if the file is GBK/GB18030, say so: --encoding gb18030")
        }
    }

    /// Record-aligned chunks of about `chunkBytes` (at least one per core for files over 1 MiB).
    /// With `quoteAware` false, cuts at the first line break after each step; with it true, at line
    /// breaks outside quoted fields, found by one sequential scan (which releases mapped pages behind it).
    static func splitChunks(_ p: UnsafePointer<UInt8>, lo: Int, hi: Int, delimiter: UInt8, quoteAware: Bool,
                            buffer: InputBuffer) -> [Chunk] {
        let size = hi - lo
        if size <= 0 { return [Chunk(lo: lo, hi: hi)] }
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var target = chunkBytes
        if size < cores * chunkBytes && size > (1 << 20) { target = max(1 << 18, size / (cores * 2)) }
        if size <= target { return [Chunk(lo: lo, hi: hi)] }
        var chunks: [Chunk] = []
        if !quoteAware {
            var start = lo
            while start < hi {
                var cut = min(hi, start + target)
                if cut < hi {
                    if let nl = memchr(p + cut, Int32(CSVTokenizer.lf), hi - cut) {
                        cut = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - p + 1
                    } else { cut = hi }
                }
                chunks.append(Chunk(lo: start, hi: cut))
                start = cut
            }
            return chunks
        }
        // Quote-aware: one pass tracking whether a line break is inside a quoted field.
        var start = lo
        var next = lo + target
        CSVLoader.forEachRecordEnd(p, from: lo, to: hi, delimiter: delimiter) { end in
            if end >= next && end < hi {
                chunks.append(Chunk(lo: start, hi: end))
                buffer.release(start..<end)
                start = end
                next = end + target
            }
            return true
        }
        chunks.append(Chunk(lo: start, hi: hi))
        return chunks
    }

    /// Calls `body` with the end (the offset after the line break) of every record in `lo ..< hi`,
    /// quote-aware: a line break inside a quoted field ends no record. Stops when `body` returns false.
    static func forEachRecordEnd(_ p: UnsafePointer<UInt8>, from lo: Int, to hi: Int, delimiter: UInt8, _ body: (Int) -> Bool) {
        var i = lo
        var inQuotes = false, fieldStart = true, fieldQuoted = false
        while i < hi {
            let b = p[i]
            if inQuotes {
                if b == CSVTokenizer.quote {
                    if i + 1 < hi && p[i + 1] == CSVTokenizer.quote { i += 2; continue }
                    inQuotes = false
                }
                i += 1
                continue
            }
            if b == CSVTokenizer.quote && (fieldStart || fieldQuoted) { inQuotes = true; fieldQuoted = true; fieldStart = false; i += 1; continue }
            if b == delimiter { fieldStart = true; fieldQuoted = false; i += 1; continue }
            if b == CSVTokenizer.lf || b == CSVTokenizer.cr {
                fieldStart = true; fieldQuoted = false
                var end = i + 1
                if b == CSVTokenizer.cr && end < hi && p[end] == CSVTokenizer.lf { end += 1 }
                if !body(end) { return }
                i = end
                continue
            }
            fieldStart = false
            i += 1
        }
    }
}

/// One slice passed from the reader thread of `CSVLoader.scan` to the caller: `free` lets the reader
/// parse the next slice, `full` says one is ready (nil when there are no more).
final class SliceHandoff: @unchecked Sendable {
    // All start at 0 (libdispatch traps when a semaphore is freed below its initial value); `free`
    // is signalled once at the start instead.
    let free = DispatchSemaphore(value: 0)
    let full = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)
    init() { free.signal() }
    private let lock = NSLock()
    private var slot: (Result<Table?, IngestError>, Int)?
    private var stop = false
    var stopped: Bool {
        get { lock.lock(); defer { lock.unlock() }; return stop }
        set { lock.lock(); stop = newValue; lock.unlock() }
    }

    func put(_ value: (Result<Table?, IngestError>)?, end: Int) {
        lock.lock(); slot = value.map { ($0, end) }; lock.unlock()
        full.signal()
    }

    /// The next slice (waits for it); nil at the end. Lets the reader start on the following one.
    func take() -> (Result<Table?, IngestError>, Int)? {
        full.wait()
        lock.lock(); let v = slot; slot = nil; lock.unlock()
        free.signal()
        return v
    }
}

/// Results written by parallel workers, one slot each.
final class ParallelResults<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    subscript(i: Int) -> T? {
        get { lock.lock(); defer { lock.unlock() }; return slots[i] }
        set { lock.lock(); slots[i] = newValue; lock.unlock() }
    }
    /// Result `i`, moved out (the holder keeps no reference to it).
    func take(_ i: Int) -> T {
        lock.lock(); defer { lock.unlock() }
        let v = slots[i]!
        slots[i] = nil
        return v
    }

    /// The results, moved out (the holder keeps no reference, so memory is freed as callers drop it).
    func take() -> [T] {
        lock.lock(); defer { lock.unlock() }
        let v = slots.map { $0! }
        slots = []
        return v
    }
}

/// Calls `ReadOptions.progress` at most about four times a second.
final class ProgressReporter: @unchecked Sendable {
    let total: Int
    let callback: (@Sendable (Int, Int) -> Void)?
    private var done = 0
    private var last = DispatchTime.now().uptimeNanoseconds
    private let lock = NSLock()

    init(total: Int, callback: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.callback = callback
    }

    func add(_ n: Int) {
        guard let callback else { return }
        lock.lock()
        done += n
        let now = DispatchTime.now().uptimeNanoseconds
        let due = now - last > 250_000_000
        if due { last = now }
        let d = done
        lock.unlock()
        if due { callback(min(d, total), total) }
    }

    func finish() { callback?(total, total) }
}


extension CSVLoader {
    /// Loads the data in record-aligned slices of about `sliceBytes`, calling `body` with each
    /// slice's table in file order; only one slice is held at a time and its mapped pages are
    /// released as it is parsed. Each slice is typed on its own (a column may be integer in one slice
    /// and decimal in the next). Returns false, possibly after some slices, when the file turns out
    /// not to be UTF-8 (then it must be read whole, as GB18030).
    static func scan(_ input: DecodedInput, path: String, options: ReadOptions, sliceBytes: Int,
                     body: (Table) throws -> Void) throws -> Bool {
        _ = mallocTuned
        // Each slice allocates and frees the same sizes again: keep them on the heap for reuse
        // (mmap'd blocks would be faulted in afresh for every slice), and do not trim it between slices.
        setMallocOption(-3, 32 << 20)   // M_MMAP_THRESHOLD (glibc's maximum)
        setMallocOption(-1, 1 << 30)    // M_TRIM_THRESHOLD
        defer { setMallocOption(-3, 64 << 10) }
        let p = input.buffer.base
        let lo = input.start, hi = input.buffer.count
        let delimiter = options.delimiter ?? DelimiterSniffer.sniff(p, lo: lo, hi: hi)
        let locator = LineLocator(p + lo, hi - lo)
        let layoutPlan: CSVPlan?
        do {
            layoutPlan = try plan(p, lo: lo, hi: hi, delimiter: delimiter, path: path, options: options, locator: locator) { offset in
                var l = locator.location(ofByte: offset - lo, file: path)
                l.byteOffset = offset - lo
                return l
            }
        }
        guard let layoutPlan else { try body(try load(input, path: path, options: options)); return true }
        let dataStart = layoutPlan.dataStart
        let dataEnd = layoutPlan.dataEnd
        var sliceOptions = options
        sliceOptions.delimiter = delimiter
        sliceOptions.progress = nil
        // A reader thread parses slice k+1 while `body` handles slice k (both cores stay busy
        // through the sequential parts of either); at most two slices are alive at a time.
        let handoff = SliceHandoff()
        nonisolated(unsafe) let bytes = p
        let frozen = sliceOptions, target = Swift.max(1, sliceBytes)
        let reader = Thread {
            var start = dataStart, more = true
            while true {
                handoff.free.wait()
                if handoff.stopped { break }
                guard more else { handoff.put(nil, end: hi); break }
                let end = sliceEnd(bytes, from: start, hi: dataEnd, target: target, delimiter: delimiter)
                let result: Result<Table?, IngestError>
                do throws(IngestError) { result = .success(try load(input, path: path, options: frozen, slice: start..<end, plan: layoutPlan)) }
                catch { result = .failure(error) }
                handoff.put(result, end: end)
                if case .success(.some) = result { start = end; more = start < dataEnd } else { more = false }
            }
            handoff.done.signal()
        }
        reader.stackSize = 8 << 20
        reader.start()
        defer {
            handoff.stopped = true
            handoff.free.signal()
            handoff.done.wait()
        }
        while let (result, end) = handoff.take() {
            guard let table = try result.get() else { return false }
            try body(table)
            options.progress?(end - lo, hi - lo)
        }
        return true
    }

    /// The end of the slice that starts at record boundary `start`: the first record boundary at
    /// least `target` bytes on. A line break is a boundary unless it is inside a quoted field, which
    /// can only happen when the slice holds a quote; only then is it scanned quote by quote.
    static func sliceEnd(_ p: UnsafePointer<UInt8>, from start: Int, hi: Int, target: Int, delimiter: UInt8) -> Int {
        if hi - start <= target { return hi }
        var cut = start + target
        if let nl = memchr(p + cut, Int32(CSVTokenizer.lf), hi - cut) {
            cut = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - p + 1
        } else { return hi }
        if memchr(p + start, Int32(CSVTokenizer.quote), cut - start) == nil { return cut }
        var result = hi
        forEachRecordEnd(p, from: start, to: hi, delimiter: delimiter) { end in
            if end - start >= target { result = end; return false }
            return true
        }
        return result
    }
}
