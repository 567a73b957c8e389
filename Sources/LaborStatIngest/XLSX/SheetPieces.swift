import Foundation
import LaborStatTable

/// Reads a big sheet part on both cores: as it is inflated, the XML is cut after a `</row>` into
/// pieces of about 4 MiB; the first piece is scanned here (it holds the sheet's start, up to
/// inside `<sheetData>`), the others by worker threads with scanners that continue inside the same
/// elements, and their rows are joined in order. At most three pieces wait or run at a time, so
/// the part is never held whole.
///
/// The result equals a sequential read: a piece only holds whole rows, each row and cell carries
/// its own `r` (when one does not — it would be placed after the previous one — the sheet is read
/// again sequentially), every piece must end as balanced as it began, and the first error in
/// sheet order is the one reported.
enum SheetPieces {
    static let pieceBytes = 4 << 20

    /// The handler after the whole part; nil when the archive has no such part.
    static func scan(_ archive: XLSXArchive, part: String, handler: SheetHandler) throws(IngestError) -> SheetHandler? {
        let prototype = handler
        var first = XMLByteScanner(handler: handler, path: archive.path, part: part)
        var stack: [UInt64] = []
        var pending: [UInt8] = []
        var index = 0
        let results = PieceResults()
        let slots = DispatchSemaphore(value: 3)
        let group = DispatchGroup()
        // Line and column where `pending` starts, for messages about XML syntax.
        var line = 1, column = 0

        func advance(_ bytes: [UInt8], _ count: Int) {
            bytes.withUnsafeBufferPointer { b in
                var k = 0, lastNewline = -1
                while k < count, let q = memchr(b.baseAddress! + k, 0x0A, count - k) {
                    let j = b.baseAddress!.distance(to: q.assumingMemoryBound(to: UInt8.self))
                    line += 1; lastNewline = j; k = j + 1
                }
                column = lastNewline >= 0 ? count - lastNewline - 1 : column + count
            }
        }

        func dispatch(_ piece: [UInt8]) throws(IngestError) {
            defer { index += 1 }
            if index == 0 {
                try piece.withUnsafeBufferPointer { (b: XMLBytes) throws(IngestError) in try first.feed(UnsafeRawBufferPointer(b)) }
                stack = first.open
                return
            }
            let i = index, startLine = line, startColumn = column, open = stack
            let job = PieceJob(piece: piece, handler: prototype.fresh(), path: archive.path, part: part, open: open, line: startLine, column: startColumn)
            slots.wait()
            group.enter()
            DispatchQueue.global().async {
                results.set(i, job.run())
                slots.signal()
                group.leave()
            }
        }

        var sequential = false
        let found: Bool
        do throws(IngestError) {
            found = try archive.stream(part) { (chunk: UnsafeRawBufferPointer) throws(IngestError) -> Bool in
                if sequential { try first.feed(chunk); return true }
                pending.append(contentsOf: chunk)
                guard pending.count >= pieceBytes else { return true }
                guard let end = lastRowEnd(pending) else {
                    guard pending.count > 16 * pieceBytes else { return true }
                    // No row ends in 64 MiB: not a sheet to cut in pieces.
                    guard index == 0 else {
                        throw .unsupported("\(archive.path): \(part) has a row of more than \(16 * pieceBytes >> 20) MiB of XML; refusing to read it")
                    }
                    try pending.withUnsafeBufferPointer { (b: XMLBytes) throws(IngestError) in try first.feed(UnsafeRawBufferPointer(b)) }
                    pending = []
                    sequential = true
                    return true
                }
                let piece = Array(pending[..<end])
                advance(pending, end)
                pending.removeSubrange(..<end)
                try dispatch(piece)
                return !results.failed
            }
        } catch {
            group.wait()   // no worker outlives the call
            throw error
        }
        group.wait()
        guard found else { return nil }
        if index == 0 {
            // A small sheet, or no `</row>` at all: it was one piece.
            try pending.withUnsafeBufferPointer { (b: XMLBytes) throws(IngestError) in try first.feed(UnsafeRawBufferPointer(b)) }
            try first.finish()
            return first.handler
        }
        // The end of the sheet (and its merged ranges), read here.
        let last = PieceJob(piece: pending, handler: prototype.fresh(), path: archive.path, part: part, open: stack, line: line, column: column, isLast: true).run()
        results.set(index, last)
        var whole = first.handler
        for i in 1...index {
            switch results.get(i) {
            case .success(let h): try whole.absorb(h)
            case .failure(let e): throw e
            case nil: throw .malformed(SourceLocation(file: archive.path, line: 1, column: 1), "internal error: piece \(i) of \(part) was not read", hint: nil)
            }
        }
        if whole.placedByOrder {
            // Positions depend on what came before: read it again from the start, in one piece.
            return try streamPart(archive, part: part, handler: prototype)
        }
        return whole
    }

    /// The end of the last `</row>` (or `</x:row>`) in the bytes.
    static func lastRowEnd(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { b -> Int? in
            var k = b.count - 1
            while k >= 5 {
                if b[k] == UInt8(ascii: ">"), b[k - 1] == UInt8(ascii: "w"), b[k - 2] == UInt8(ascii: "o"), b[k - 3] == UInt8(ascii: "r") {
                    let before = b[k - 4]
                    if before == UInt8(ascii: "/") || before == UInt8(ascii: ":") {
                        var j = k - 4
                        while j > 0 && b[j] != UInt8(ascii: "<") { j -= 1 }
                        if b[j] == UInt8(ascii: "<") && j + 1 < b.count && b[j + 1] == UInt8(ascii: "/") { return k + 1 }
                    }
                }
                k -= 1
            }
            return nil
        }
    }
}

/// One piece of a sheet and the scanner that reads it.
private final class PieceJob: @unchecked Sendable {
    let piece: [UInt8]
    var handler: SheetHandler
    let path: String, part: String
    let open: [UInt64]
    let line: Int, column: Int
    let isLast: Bool

    init(piece: [UInt8], handler: SheetHandler, path: String, part: String, open: [UInt64], line: Int, column: Int, isLast: Bool = false) {
        self.piece = piece
        self.handler = handler
        self.path = path
        self.part = part
        self.open = open
        self.line = line
        self.column = column
        self.isLast = isLast
    }

    func run() -> Result<SheetHandler, IngestError> {
        var scanner = XMLByteScanner(handler: handler, path: path, part: part, continuingInside: open, line: line, column: column)
        do throws(IngestError) {
            try piece.withUnsafeBufferPointer { (b: XMLBytes) throws(IngestError) in try scanner.feed(UnsafeRawBufferPointer(b)) }
            if isLast {
                try scanner.finish()
            } else if !scanner.isBalanced(at: open) {
                throw .malformed(SourceLocation(file: "\(path)[\(part)]", line: line, column: column + 1),
                                 "malformed XML in \(part): elements are not closed where a row ends",
                                 hint: "the workbook may be damaged; open and save it again in Excel, LibreOffice or WPS")
            }
            scanner.handler.finish()
            return .success(scanner.handler)
        } catch {
            return .failure(error)
        }
    }
}

/// The pieces' results, filled by the worker threads.
private final class PieceResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Int: Result<SheetHandler, IngestError>] = [:]
    private var anyFailure = false

    func set(_ i: Int, _ r: Result<SheetHandler, IngestError>) {
        lock.lock(); defer { lock.unlock() }
        results[i] = r
        if case .failure = r { anyFailure = true }
    }

    func get(_ i: Int) -> Result<SheetHandler, IngestError>? {
        lock.lock(); defer { lock.unlock() }
        return results[i]
    }

    var failed: Bool { lock.lock(); defer { lock.unlock() }; return anyFailure }
}
