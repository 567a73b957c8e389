/// Record-level access to delimited text: rows of field strings, with the reader's quoting rules
/// and no typing. For tests against reference suites and for callers that want raw cells.
///
/// ```swift
/// let rows = try CSVParser.rows(bytes: Array("a,\"b,c\"\n1,2\n".utf8))   // [["a", "b,c"], ["1", "2"]]
/// ```
public enum CSVParser {
    /// Splits UTF-8 bytes into records and fields (RFC 4180; see `CSVTokenizer` for the rules).
    /// A UTF-8 BOM is skipped; empty lines yield no record; `delimiter` nil sniffs it.
    /// Throws `IngestError.malformed` for a quoted field left open at the end.
    public static func rows(bytes: [UInt8], delimiter: UInt8? = UInt8(ascii: ","), name: String = "<memory>") throws(IngestError) -> [[String]] {
        var result: [[String]] = []
        var failure: IngestError? = nil
        bytes.withUnsafeBufferPointer { buf in
            guard let p = buf.baseAddress, buf.count > 0 else { return }
            let lo = buf.count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0
            let d = delimiter ?? DelimiterSniffer.sniff(p, lo: lo, hi: buf.count)
            let (records, _, _, error) = CSVTokenizer.records(p, lo: lo, hi: buf.count, delimiter: d)
            if let error {
                let loc = LineLocator(p + lo, buf.count - lo).location(ofByte: error.offset - lo, file: name)
                failure = .malformed(loc, "a quoted field is not closed before the end of the input", hint: nil)
                return
            }
            let scratch = ScratchBuffer()
            result = records.map { r in
                r.map { s in
                    if s.isComplex {
                        let n = scratch.unquote(p + lo + s.start, s.length)
                        return String(decoding: UnsafeBufferPointer(start: scratch.p, count: n), as: UTF8.self)
                    }
                    return String(decoding: UnsafeBufferPointer(start: p + lo + s.start, count: s.length), as: UTF8.self)
                }
            }
        }
        if let failure { throw failure }
        return result
    }
}
