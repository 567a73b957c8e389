/// Strings stored back to back as UTF-8 in one buffer, with an offset per string: no object per cell.
public struct TextBuffer: Sendable, Equatable {
    public private(set) var bytes: [UInt8] = []
    /// `offsets[i] ..< offsets[i + 1]` are the bytes of string `i`; `offsets.count == count + 1`.
    public private(set) var offsets: [Int] = [0]

    public init() {}

    /// A buffer from its parts: `offsets` starts at 0, ascends, and ends at `bytes.count`; the bytes
    /// are valid UTF-8. Loaders build the parts directly.
    public init(bytes: [UInt8], offsets: [Int]) {
        precondition(offsets.first == 0 && offsets.last == bytes.count, "offsets do not cover the bytes")
        self.bytes = bytes
        self.offsets = offsets
    }

    public init<S: Sequence>(_ strings: S) where S.Element == String {
        for s in strings { append(s) }
    }

    public var count: Int { offsets.count - 1 }

    public mutating func reserveCapacity(rows: Int, bytes n: Int) {
        offsets.reserveCapacity(rows + 1)
        bytes.reserveCapacity(n)
    }

    public mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { append(utf8: $0) }
    }

    public mutating func append(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: utf8)
        offsets.append(bytes.count)
    }

    public mutating func append(contentsOf other: TextBuffer) {
        let base = bytes.count
        bytes.append(contentsOf: other.bytes)
        offsets.reserveCapacity(offsets.count + other.count)
        for o in other.offsets.dropFirst() { offsets.append(base + o) }
    }

    public subscript(i: Int) -> String {
        let lo = offsets[i], hi = offsets[i + 1]
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[lo..<hi]), as: UTF8.self) }
    }
}
