import LaborStatTable

/// Collects output bytes and hands them on in chunks of about 1 MiB, so a large table is never
/// held twice in memory. Chunks always end at a row boundary (complete UTF-8), which lets the
/// GB18030 encoder convert each chunk on its own.
final class ByteSink {
    private(set) var buffer: [UInt8] = []
    private let chunkSize: Int
    private let deliver: ([UInt8]) throws(ExportError) -> Void
    /// `appendShortest` writes every digit of the shortest round-trip text (JSON) instead of at
    /// most 15 significant digits (CSV, TSV).
    var fullPrecision = false

    init(chunkSize: Int = 1 << 20, deliver: @escaping ([UInt8]) throws(ExportError) -> Void) {
        self.chunkSize = chunkSize
        self.deliver = deliver
        buffer.reserveCapacity(min(chunkSize, 1 << 16) + 4096)
    }

    @inline(__always) func append(_ s: String) { buffer.append(contentsOf: s.utf8) }
    @inline(__always) func append(byte b: UInt8) { buffer.append(b) }
    @inline(__always) func append<C: Collection>(bytes: C) where C.Element == UInt8 { buffer.append(contentsOf: bytes) }

    /// `NumberText.shortest(x)`, byte for byte, with the common cases done without its
    /// `Character`-wise scan: whole numbers below 10¹⁵ as integers, and Swift's shortest
    /// round-trip `description` when it has no exponent.
    func appendShortest(_ x: Double) {
        if x.isFinite, x == x.rounded(), abs(x) < 1e15 { appendInteger(Int64(x)); return }
        let s = x.description
        if x.isFinite, !s.utf8.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            if !fullPrecision && CellText.significantDigits(s) > 15 {
                buffer.append(contentsOf: NumberText.significant(x, digits: 15).utf8)
                return
            }
            buffer.append(contentsOf: s.utf8)
        } else {
            buffer.append(contentsOf: (fullPrecision ? NumberText.shortest(x) : CellText.readable(x)).utf8)
        }
    }

    /// Decimal digits of an integer, without building a `String`.
    func appendInteger(_ v: Int64) {
        if v == 0 { buffer.append(UInt8(ascii: "0")); return }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes of scratch: enough for 20 digits
        var magnitude = v.magnitude
        var n = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            while magnitude > 0 {
                scratch[n] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                n += 1
            }
            if v < 0 { buffer.append(UInt8(ascii: "-")) }
            while n > 0 { n -= 1; buffer.append(scratch[n]) }
        }
    }

    /// Called at the end of each row: passes the buffer on once it is big enough.
    func rowDone() throws(ExportError) {
        if buffer.count >= chunkSize { try flush() }
    }

    func flush() throws(ExportError) {
        guard !buffer.isEmpty else { return }
        try deliver(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
