import LaborStatTable

/// Turns byte offsets of decoded UTF-8 text into `FILE:LINE:COLUMN` with the line's text.
///
/// Lines are physical lines: `\n`, `\r\n` and a lone `\r` each end one (also inside quoted fields).
/// Columns count Unicode scalars from the start of the line, 1-based, as `SourceLocation` documents.
/// Offsets are resolved only when something is reported, so a clean load never counts lines.
struct LineLocator {
    let p: UnsafePointer<UInt8>
    let n: Int

    init(_ p: UnsafePointer<UInt8>, _ n: Int) {
        self.p = p
        self.n = n
    }

    func location(ofByte offset: Int, file: String) -> SourceLocation {
        locations(ofBytes: [offset], file: file)[0]
    }

    /// Locations of many offsets with one pass over the text up to the largest.
    func locations(ofBytes offsets: [Int], file: String) -> [SourceLocation] {
        let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
        var result = [SourceLocation](repeating: SourceLocation(file: file, line: 0, column: 0), count: offsets.count)
        var line = 1
        var lineStart = 0
        var i = 0
        for k in order {
            let target = min(max(0, offsets[k]), n)
            while i < target {
                let b = p[i]
                if b == 0x0A { line += 1; lineStart = i + 1 }
                else if b == 0x0D {
                    if i + 1 < n && p[i + 1] == 0x0A { i += 1; if i == target { break } }
                    line += 1
                    lineStart = i + 1
                }
                i += 1
            }
            // Column: scalars from the line start (continuation bytes do not start one).
            var column = 1
            var j = lineStart
            while j < target { if p[j] & 0xC0 != 0x80 { column += 1 }; j += 1 }
            var end = lineStart
            while end < n && p[end] != 0x0A && p[end] != 0x0D { end += 1 }
            let text = String(decoding: UnsafeBufferPointer(start: p + lineStart, count: end - lineStart), as: UTF8.self)
            result[k] = SourceLocation(file: file, line: line, column: column, byteOffset: target, lineText: text)
        }
        return result
    }
}
