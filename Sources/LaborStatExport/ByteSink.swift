/// Collects output bytes and hands them on in chunks of about 1 MiB, so a large table is never
/// held twice in memory. Chunks always end at a row boundary (complete UTF-8), which lets the
/// GB18030 encoder convert each chunk on its own.
final class ByteSink {
    private(set) var buffer: [UInt8] = []
    private let chunkSize: Int
    private let deliver: ([UInt8]) throws(ExportError) -> Void

    init(chunkSize: Int = 1 << 20, deliver: @escaping ([UInt8]) throws(ExportError) -> Void) {
        self.chunkSize = chunkSize
        self.deliver = deliver
        buffer.reserveCapacity(min(chunkSize, 1 << 16) + 4096)
    }

    @inline(__always) func append(_ s: String) { buffer.append(contentsOf: s.utf8) }
    @inline(__always) func append(byte b: UInt8) { buffer.append(b) }
    func append(bytes: [UInt8]) { buffer.append(contentsOf: bytes) }

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
