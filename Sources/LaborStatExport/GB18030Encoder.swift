#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// UTF-8 → GB18030 with glibc iconv (ENGINEERING.md §2: the `GB18030` label covers all of Unicode,
/// 4-byte sequences included, and is several times faster than Foundation's converter).
///
/// Each chunk handed in is complete UTF-8 (the sink cuts at row boundaries), so no state carries
/// over between chunks.
final class GB18030Encoder {
    private let cd: iconv_t

    init() throws(ExportError) {
        let cd = iconv_open("GB18030", "UTF-8")
        if cd == iconv_t(bitPattern: -1) {
            throw .unencodable("cannot open the UTF-8 → GB18030 converter (iconv): \(String(cString: strerror(errno)))")
        }
        self.cd = cd!
    }

    deinit { iconv_close(cd) }

    func encode(_ utf8: [UInt8]) throws(ExportError) -> [UInt8] {
        if utf8.isEmpty { return [] }
        // GB18030 never takes more than 4 bytes per scalar, and UTF-8 at least 1: 4× is always enough,
        // but most text shrinks (3 UTF-8 bytes → 2 for common Chinese), so start at 1× and grow.
        var out = [UInt8](repeating: 0, count: utf8.count + 16)
        var produced = 0
        var consumed = 0
        var failure: Int32 = 0
        utf8.withUnsafeBufferPointer { src in
            while consumed < src.count {
                let (used, made, err) = out.withUnsafeMutableBufferPointer { dst -> (Int, Int, Int32) in
                    var inPtr = UnsafeMutablePointer<CChar>(mutating: UnsafeRawPointer(src.baseAddress! + consumed).assumingMemoryBound(to: CChar.self))
                    var inLeft = src.count - consumed
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(dst.baseAddress! + produced).assumingMemoryBound(to: CChar.self)
                    var outLeft = dst.count - produced
                    let inStart = inLeft, outStart = outLeft
                    var inOpt: UnsafeMutablePointer<CChar>? = inPtr
                    let r = iconv(cd, &inOpt, &inLeft, &outPtr, &outLeft)
                    inPtr = inOpt!
                    return (inStart - inLeft, outStart - outLeft, r == -1 ? errno : 0)
                }
                consumed += used
                produced += made
                if err == E2BIG {
                    out += [UInt8](repeating: 0, count: max(64, out.count / 2))
                } else if err != 0 {
                    failure = err
                    break
                }
            }
        }
        if failure != 0 {
            throw .unencodable("cannot encode the output as GB18030 near byte \(consumed): \(String(cString: strerror(failure)))")
        }
        out.removeSubrange(produced..<out.count)
        return out
    }
}
