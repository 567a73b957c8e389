/// A bitmap of the rows whose value is missing; one bit per row, empty when nothing is missing.
///
/// Values stored at missing positions are placeholders (0, "", the first level) and must not be read.
public struct MissingMask: Sendable, Equatable {
    @usableFromInline var words: [UInt64]
    /// Number of rows the mask covers.
    public private(set) var count: Int
    /// Number of missing rows.
    public private(set) var missingCount: Int

    /// A mask over `count` rows with nothing missing.
    public init(count: Int = 0) {
        self.words = []
        self.count = count
        self.missingCount = 0
    }

    /// A mask from a bitmap (bit `r % 64` of `words[r / 64]` set when row `r` is missing); bits at
    /// or beyond `count` must be zero. Loaders build the bitmap directly.
    public init(words: [UInt64], count: Int) {
        precondition(words.count * 64 >= count || words.isEmpty, "bitmap shorter than the rows")
        var missing = 0
        for w in words { missing += w.nonzeroBitCount }
        self.words = missing == 0 ? [] : words
        self.count = count
        self.missingCount = missing
    }

    /// A mask from a per-row flag.
    public init(_ flags: [Bool]) {
        self.init(count: 0)
        reserveCapacity(flags.count)
        for f in flags { append(f) }
    }

    /// True when no row is missing (the common case; loops can skip the test).
    @inlinable public var isEmpty: Bool { missingCount == 0 }

    @inlinable public subscript(row: Int) -> Bool {
        if words.isEmpty { return false }
        return (words[row >> 6] >> UInt64(row & 63)) & 1 == 1
    }

    public mutating func reserveCapacity(_ n: Int) {
        // Words are allocated lazily, at the first missing value.
        _ = n
    }

    /// Appends one row.
    public mutating func append(_ isMissing: Bool) {
        if isMissing {
            materialize(upTo: count + 1)
            words[count >> 6] |= 1 << UInt64(count & 63)
            missingCount += 1
        } else if !words.isEmpty {
            materialize(upTo: count + 1)
        }
        count += 1
    }

    /// Marks an existing row as missing.
    public mutating func setMissing(_ row: Int) {
        precondition(row < count)
        materialize(upTo: count)
        if !self[row] {
            words[row >> 6] |= 1 << UInt64(row & 63)
            missingCount += 1
        }
    }

    /// Appends another mask after this one.
    public mutating func append(contentsOf other: MissingMask) {
        if other.isEmpty {
            if !words.isEmpty { materialize(upTo: count + other.count) }
            count += other.count
            return
        }
        materialize(upTo: count + other.count)
        for r in 0..<other.count where other[r] {
            let i = count + r
            words[i >> 6] |= 1 << UInt64(i & 63)
        }
        missingCount += other.missingCount
        count += other.count
    }

    /// The mask of the rows picked by `rows`, in that order.
    public func gathering(_ rows: [Int32]) -> MissingMask {
        if isEmpty { return MissingMask(count: rows.count) }
        var m = MissingMask(count: 0)
        for r in rows { m.append(self[Int(r)]) }
        return m
    }

    private mutating func materialize(upTo n: Int) {
        let need = (n + 63) >> 6
        if words.count < need { words.append(contentsOf: repeatElement(0, count: need - words.count)) }
    }
}
