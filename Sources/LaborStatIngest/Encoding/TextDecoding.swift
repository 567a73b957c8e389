#if canImport(Glibc)
import Glibc
#endif
import LaborStatTable

/// UTF-8 bytes ready to parse, and what they were decoded from.
struct DecodedInput: @unchecked Sendable {
    let buffer: InputBuffer
    /// Offset of the first byte after a BOM.
    let start: Int
    /// `utf-8`, `gb18030`, `utf-16le`, `utf-16be`.
    let encoding: String
    let hadBOM: Bool
    /// Whether the UTF-8 bytes still need validating (auto-detected UTF-8 is validated chunk by chunk,
    /// on both cores, while parsing).
    let needsValidation: Bool
}

/// Decides a file's encoding and turns it into UTF-8.
///
/// Order (the contract's `--encoding auto`): a BOM decides (UTF-8, UTF-16LE, UTF-16BE); otherwise
/// valid UTF-8 is UTF-8; otherwise GB18030 — unless the bytes before the first invalid sequence
/// already hold many valid multi-byte UTF-8 characters, which means a damaged UTF-8 file (reported
/// with its place, rather than decoded into nonsense). GB18030 is decoded with glibc iconv (GBK and
/// GB2312 are subsets); Windows' single byte 0x80 (€ in CP936) is accepted as €.
enum TextDecoding {
    /// Multi-byte UTF-8 characters that must precede an invalid byte for the file to count as damaged
    /// UTF-8 rather than GB18030.
    static let damagedUTF8Threshold = 16

    static func decode(_ input: InputBuffer, requested: ReadOptions.Encoding, path: String) throws(IngestError) -> DecodedInput {
        let p = input.base, n = input.count
        if n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF && requested != .gb18030 && requested != .gbk {
            if requested == .utf16 { throw .malformed(SourceLocation(file: path, line: 1, column: 1), "the file starts with a UTF-8 byte order mark, not UTF-16", hint: "use --encoding auto") }
            return DecodedInput(buffer: input, start: 3, encoding: "utf-8", hadBOM: true, needsValidation: true)
        }
        if n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)) && (requested == .auto || requested == .utf16) {
            let little = p[0] == 0xFF
            let out = try utf16ToUTF8(p + 2, n - 2, littleEndian: little, path: path)
            return DecodedInput(buffer: out, start: 0, encoding: little ? "utf-16le" : "utf-16be", hadBOM: true, needsValidation: false)
        }
        switch requested {
        case .utf16:
            let out = try utf16ToUTF8(p, n, littleEndian: true, path: path)
            return DecodedInput(buffer: out, start: 0, encoding: "utf-16le", hadBOM: false, needsValidation: false)
        case .gb18030, .gbk:
            return DecodedInput(buffer: try gb18030ToUTF8(input, path: path), start: 0, encoding: "gb18030", hadBOM: false, needsValidation: false)
        case .utf8:
            return DecodedInput(buffer: input, start: 0, encoding: "utf-8", hadBOM: false, needsValidation: true)
        case .auto:
            // Look at the start: GB files show themselves within the first lines.
            let head = min(n, 1 << 16)
            let (bad, multibyte) = UTF8Check.firstInvalid(p, 0, head, atEnd: head == n)
            if let bad {
                if multibyte >= damagedUTF8Threshold { throw damagedUTF8(input, offset: bad, path: path) }
                return DecodedInput(buffer: try gb18030ToUTF8(input, path: path), start: 0, encoding: "gb18030", hadBOM: false, needsValidation: false)
            }
            return DecodedInput(buffer: input, start: 0, encoding: "utf-8", hadBOM: false, needsValidation: true)
        }
    }

    /// The error for an invalid UTF-8 sequence at `offset` of the text `p[0..<n]`.
    static func damagedUTF8At(_ p: UnsafePointer<UInt8>, _ n: Int, offset: Int, path: String) -> IngestError {
        let loc = LineLocator(p, n).location(ofByte: offset, file: path)
        return .malformed(loc, "invalid UTF-8 byte \(hexByte(p[offset]))",
                          hint: "if the file is GBK/GB18030, say so: --encoding gb18030")
    }

    /// The error for an invalid UTF-8 sequence at `offset`.
    static func damagedUTF8(_ input: InputBuffer, offset: Int, path: String) -> IngestError {
        let loc = LineLocator(input.base, input.count).location(ofByte: offset, file: path)
        return .malformed(loc, "invalid UTF-8 byte \(hexByte(input.base[offset]))",
                          hint: "if the file is GBK/GB18030, say so: --encoding gb18030")
    }

    // MARK: - GB18030

    /// GB18030 → UTF-8 with glibc iconv, 1 MiB at a time with the carry of an incomplete tail.
    static func gb18030ToUTF8(_ input: InputBuffer, path: String) throws(IngestError) -> InputBuffer {
        let cd = iconv_open("UTF-8", "GB18030")
        if cd == iconv_t(bitPattern: -1) { throw .unsupported("this system's iconv cannot decode GB18030") }
        defer { iconv_close(cd) }
        let n = input.count
        var capacity = n + n / 2 + 16
        var out = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        var written = 0
        var consumed = 0
        let step = 1 << 20
        while consumed < n {
            let chunkEnd = min(n, consumed + step)
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: input.base + consumed).assumingMemoryBound(to: CChar.self)
            var inLeft = chunkEnd - consumed
            if capacity - written < inLeft * 2 + 16 {
                let newCap = max(capacity * 2, written + inLeft * 2 + 16)
                let q = UnsafeMutablePointer<UInt8>.allocate(capacity: newCap)
                q.moveInitialize(from: out, count: written)
                out.deallocate()
                out = q
                capacity = newCap
            }
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out + written).assumingMemoryBound(to: CChar.self)
            var outLeft = capacity - written
            let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            let err = errno
            let used = (chunkEnd - consumed) - inLeft
            consumed += used
            written = capacity - outLeft
            input.release(max(0, consumed - step - 8)..<consumed)   // decoded input pages are not needed again
            if r == -1 {
                if err == EILSEQ {
                    if input.base[consumed] == 0x80 {      // CP936's €
                        out[written] = 0xE2; out[written + 1] = 0x82; out[written + 2] = 0xAC
                        written += 3
                        consumed += 1
                        continue
                    }
                    let loc = LineLocator(UnsafePointer(out), written).location(ofByte: written, file: path)
                    out.deallocate()
                    throw .malformed(loc, "invalid GB18030 byte \(hexByte(input.base[consumed]))",
                                     hint: "the file is in neither UTF-8 nor GB18030; name its encoding with --encoding")
                }
                if err == EINVAL {
                    if chunkEnd < n { continue }            // incomplete tail: carried into the next round
                    let loc = LineLocator(UnsafePointer(out), written).location(ofByte: written, file: path)
                    out.deallocate()
                    throw .malformed(loc, "the file ends inside a GB18030 character", hint: nil)
                }
                if err == E2BIG { continue }
                out.deallocate()
                throw .readFailed(path: path, reason: "iconv: " + String(cString: strerror(err)))
            }
        }
        return InputBuffer(owning: out, count: written)
    }

    // MARK: - UTF-16

    static func utf16ToUTF8(_ p: UnsafePointer<UInt8>, _ n: Int, littleEndian: Bool, path: String) throws(IngestError) -> InputBuffer {
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, n / 2 * 3 + 4))
        var w = 0
        var i = 0
        @inline(__always) func unit(_ k: Int) -> UInt32 {
            littleEndian ? UInt32(p[k]) | UInt32(p[k + 1]) << 8 : UInt32(p[k]) << 8 | UInt32(p[k + 1])
        }
        func fail(_ msg: String) -> IngestError {
            let loc = LineLocator(UnsafePointer(out), w).location(ofByte: w, file: path)
            out.deallocate()
            return .malformed(loc, msg, hint: nil)
        }
        while i + 1 < n {
            var c = unit(i)
            i += 2
            if c >= 0xD800 && c < 0xDC00 {
                guard i + 1 < n else { throw fail("the file ends inside a UTF-16 surrogate pair") }
                let c2 = unit(i)
                guard c2 >= 0xDC00 && c2 < 0xE000 else { throw fail("an unpaired UTF-16 surrogate") }
                i += 2
                c = 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00)
            } else if c >= 0xDC00 && c < 0xE000 {
                throw fail("an unpaired UTF-16 surrogate")
            }
            if c < 0x80 { out[w] = UInt8(c); w += 1 }
            else if c < 0x800 { out[w] = UInt8(0xC0 | c >> 6); out[w + 1] = UInt8(0x80 | c & 0x3F); w += 2 }
            else if c < 0x10000 {
                out[w] = UInt8(0xE0 | c >> 12); out[w + 1] = UInt8(0x80 | (c >> 6) & 0x3F); out[w + 2] = UInt8(0x80 | c & 0x3F); w += 3
            } else {
                out[w] = UInt8(0xF0 | c >> 18); out[w + 1] = UInt8(0x80 | (c >> 12) & 0x3F)
                out[w + 2] = UInt8(0x80 | (c >> 6) & 0x3F); out[w + 3] = UInt8(0x80 | c & 0x3F); w += 4
            }
        }
        if i < n { throw fail("the file ends in the middle of a UTF-16 code unit") }
        return InputBuffer(owning: out, count: w)
    }
}

/// `0x8F`-style text of a byte.
func hexByte(_ b: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return "0x" + String([digits[Int(b >> 4)], digits[Int(b & 15)]])
}

/// Strict UTF-8 validation (no overlongs, surrogates or values above U+10FFFF), 8 ASCII bytes at a time.
enum UTF8Check {
    /// The length of the valid multi-byte sequence starting at `i` (a byte ≥ 0x80), or 0.
    @inline(__always) static func sequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ hi: Int) -> Int {
        let b = p[i]
        // Common 3-byte case (most CJK): leads E1–EC, EE, EF take any two continuation bytes.
        if b >= 0xE1 && b <= 0xEF && b != 0xED && i + 2 < hi && p[i + 1] & 0xC0 == 0x80 && p[i + 2] & 0xC0 == 0x80 { return 3 }
        var len = 0
        var minValue: UInt32 = 0
        var v: UInt32 = 0
        if b & 0xE0 == 0xC0 { len = 2; v = UInt32(b & 0x1F); minValue = 0x80 }
        else if b & 0xF0 == 0xE0 { len = 3; v = UInt32(b & 0x0F); minValue = 0x800 }
        else if b & 0xF8 == 0xF0 { len = 4; v = UInt32(b & 0x07); minValue = 0x10000 }
        else { return 0 }
        if i + len > hi { return 0 }
        for k in 1..<len {
            let c = p[i + k]
            if c & 0xC0 != 0x80 { return 0 }
            v = v << 6 | UInt32(c & 0x3F)
        }
        if v < minValue || v > 0x10FFFF || (v >= 0xD800 && v < 0xE000) { return 0 }
        return len
    }

    /// The offset of the first invalid sequence in `lo..<hi` (nil when valid) and the number of valid
    /// multi-byte characters before it. When `atEnd` is false, a sequence cut by `hi` is not an error.
    static func firstInvalid(_ p: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int, atEnd: Bool = true) -> (Int?, Int) {
        var i = lo
        var multi = 0
        while i < hi {
            if i + 16 <= hi {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                let w2 = UnsafeRawPointer(p + i + 8).loadUnaligned(as: UInt64.self)
                if (w | w2) & 0x8080_8080_8080_8080 == 0 { i += 16; continue }
            }
            let b = p[i]
            if b < 0x80 { i += 1; continue }
            // Common 3-byte case (most CJK): leads E1–EC, EE, EF take any two continuation bytes.
            if b >= 0xE1 && b != 0xED && i + 2 < hi && p[i + 1] & 0xC0 == 0x80 && p[i + 2] & 0xC0 == 0x80 && b <= 0xEF {
                multi += 1
                i += 3
                continue
            }
            var len = 0
            var minValue: UInt32 = 0
            var v: UInt32 = 0
            if b & 0xE0 == 0xC0 { len = 2; v = UInt32(b & 0x1F); minValue = 0x80 }
            else if b & 0xF0 == 0xE0 { len = 3; v = UInt32(b & 0x0F); minValue = 0x800 }
            else if b & 0xF8 == 0xF0 { len = 4; v = UInt32(b & 0x07); minValue = 0x10000 }
            else { return (i, multi) }
            if i + len > hi {
                if !atEnd { return (nil, multi) }
                return (i, multi)
            }
            for k in 1..<len {
                let c = p[i + k]
                if c & 0xC0 != 0x80 { return (i, multi) }
                v = v << 6 | UInt32(c & 0x3F)
            }
            if v < minValue || v > 0x10FFFF || (v >= 0xD800 && v < 0xE000) { return (i, multi) }
            multi += 1
            i += len
        }
        return (nil, multi)
    }
}
