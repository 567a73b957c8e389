import LaborStatTable

/// Where the table is in delimited text: `TableLayout` on the first records (the header) and on the
/// body (totals, notes, blank rows), as byte ranges for the parallel loader.
struct CSVPlan: Sendable {
    var layout: TableLayout
    /// Fields per data record.
    var columnCount: Int
    /// First byte of the first data record, and the end of the data.
    var dataStart: Int
    var dataEnd: Int
    /// Records left out of the data (byte ranges, in order, within `dataStart ..< dataEnd`).
    var excluded: [Range<Int>]

    /// The data ranges of `range` (default: all data) without the records left out.
    func segments(_ range: Range<Int>? = nil) -> [Range<Int>] {
        let r = range ?? dataStart..<dataEnd
        var out: [Range<Int>] = []
        var at = r.lowerBound
        for e in excluded where e.upperBound > at && e.lowerBound < r.upperBound {
            if e.lowerBound > at { out.append(at..<e.lowerBound) }
            at = max(at, e.upperBound)
        }
        if at < r.upperBound { out.append(at..<r.upperBound) }
        return out
    }
}

extension TableLayout: @unchecked Sendable {}

extension CSVLoader {
    /// Files whose body is at most this large are screened whole; larger ones at both ends only
    /// (`TableLayout.edgeRows` records each).
    static let screenWholeBytes = 4 << 20

    /// The cells of some records as trimmed text (nil = empty).
    static func texts(_ p: UnsafePointer<UInt8>, origin: Int, _ records: [[FieldSpan]]) -> [[String?]] {
        var scratch: [UInt8] = []
        return records.map { r in
            r.map { s -> String? in
                let q = p + origin + s.start
                if s.isComplex {
                    CSVTokenizer.unquote(q, s.length, into: &scratch)
                    return LayoutCells.trimmed(String(decoding: scratch, as: UTF8.self))
                }
                return LayoutCells.trimmed(String(decoding: UnsafeBufferPointer(start: q, count: s.length), as: UTF8.self))
            }
        }
    }

    /// Plans the reading of `lo ..< hi`; nil for a file without records.
    static func plan(_ p: UnsafePointer<UInt8>, lo: Int, hi: Int, delimiter: UInt8, path: String, options: ReadOptions,
                     locator: LineLocator, locate: (Int) -> SourceLocation) throws(IngestError) -> CSVPlan? {
        let head = CSVTokenizer.records(p, lo: lo, hi: hi, delimiter: delimiter, limit: TableLayout.headRows)
        if let e = head.error, head.records.isEmpty { throw syntaxError(e, columns: 0, locate: locate) }
        guard !head.records.isEmpty else { return nil }
        let headStarts = Array(head.starts.prefix(head.records.count))
        let headText = texts(p, origin: lo, head.records)
        let headLines = locator.locations(ofBytes: headStarts.map { $0 - lo }, file: path).map(\.line)
        let probe = try HeaderDetector.detect(headText, rowNumbers: headLines, options: options, path: path)
        // The width of the table: the fields of the (last) header row, else of the first data row.
        let defining = probe.headerCount > 0 ? probe.headerStart + probe.headerCount - 1 : min(probe.dataStart, head.records.count - 1)
        let columnCount = head.records[max(0, defining)].count
        var layout = try TableLayout.header(headText, rowNumbers: headLines, width: columnCount, options: options, path: path)
        let dataStart = probe.dataStart < headStarts.count ? headStarts[probe.dataStart] : head.end
        var plan = CSVPlan(layout: layout, columnCount: columnCount, dataStart: dataStart, dataEnd: hi, excluded: [])
        guard dataStart < hi else { return plan }

        // The body: whole when small, else its first and last records.
        var starts: [Int] = []
        var ends: [Int] = []
        var rows: [[String?]] = []
        var complete = true
        func add(_ r: (records: [[FieldSpan]], starts: [Int], end: Int, error: CSVSyntaxError?), origin: Int) {
            let s = Array(r.starts.prefix(r.records.count))
            rows += texts(p, origin: origin, r.records)
            starts += s
            ends += Array(s.dropFirst()) + [r.end]
        }
        if hi - dataStart <= screenWholeBytes {
            let all = CSVTokenizer.records(p, lo: dataStart, hi: hi, delimiter: delimiter)
            guard all.error == nil else { return plan }   // the loader reports it with its place
            add(all, origin: dataStart)
        } else {
            complete = false
            let first = CSVTokenizer.records(p, lo: dataStart, hi: hi, delimiter: delimiter, limit: TableLayout.edgeRows)
            add(first, origin: dataStart)
            // The last records: from a line start far enough back that the rest splits cleanly.
            var w = max(first.end, hi - (256 << 10))
            while w < hi && p[w - 1] != CSVTokenizer.lf { w += 1 }
            let tail = CSVTokenizer.records(p, lo: w, hi: hi, delimiter: delimiter)
            if tail.error == nil && tail.records.allSatisfy({ $0.count == columnCount || LayoutCells.nonEmpty(texts(p, origin: w, [$0])[0]) <= 1 }) {
                let k = max(0, tail.records.count - TableLayout.edgeRows)
                let cut = (Array(tail.records[k...]), Array(tail.starts[k...]), tail.end, tail.error)
                add(cut, origin: w)
            }
            if !options.keepTotals, let hit = unscreenedTotal(p, lo: first.end, hi: w, delimiter: delimiter) {
                throw .malformed(locate(hit.offset), "a row labelled \(hit.label) inside the body looks like a total or subtotal; in files over 4 MiB only the first and last rows are screened for totals, so it is not left out",
                                 hint: "--keep-totals reads every row as data (this one, and any totals, notes and blank rows at the ends too); otherwise take the \(hit.label) rows out of the file")
            }
        }
        // Rows are screened by index; only the lines of rows reported are counted (counting every
        // line of a large file would read all of it before the parallel loader does).
        layout.screen(rows, rowNumbers: Array(rows.indices), complete: complete, keepTotals: options.keepTotals)
        let reported = Array(Set(layout.facts.leftOut.map(\.row) + layout.facts.totals.map(\.row))).sorted()
        if !reported.isEmpty {
            let lines = locator.locations(ofBytes: reported.map { starts[$0] - lo }, file: path).map(\.line)
            let line = Dictionary(uniqueKeysWithValues: zip(reported, lines))
            for i in layout.facts.leftOut.indices { layout.facts.leftOut[i].row = line[layout.facts.leftOut[i].row]! }
            for i in layout.facts.totals.indices { layout.facts.totals[i].row = line[layout.facts.totals[i].row]! }
        }
        plan.layout = layout
        plan.excluded = layout.leftOut.map { starts[$0]..<ends[$0] }
        // Trailing records left out end the data (the loader then never sees them).
        while let last = plan.excluded.last, last.upperBound >= plan.dataEnd {
            plan.dataEnd = min(plan.dataEnd, last.lowerBound)
            plan.excluded.removeLast()
        }
        return plan
    }
}
