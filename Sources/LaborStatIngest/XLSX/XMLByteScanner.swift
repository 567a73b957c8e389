import Foundation
import LaborStatTable

/// What an `XMLByteScanner` reports: elements by local name (the bytes after any `x:` prefix) and,
/// while `wantsText` is true, the raw bytes of character data (entities not yet decoded: pass the
/// collected bytes to `XMLText.decode`). Every pointer is valid only during the call.
protocol XMLByteHandler {
    var wantsText: Bool { get }
    mutating func start(_ name: XMLBytes, _ attributes: XMLAttributes, scanner: XMLScanPosition) throws(IngestError)
    mutating func end(_ name: XMLBytes, scanner: XMLScanPosition) throws(IngestError)
    mutating func text(_ bytes: XMLBytes)
}

/// Bytes of the part being scanned (a name, an attribute value, a text run).
typealias XMLBytes = UnsafeBufferPointer<UInt8>

/// Where the scanner is, for messages: cheap to pass with every element (no reference counting);
/// the line and column are only worked out when a message needs them. Valid during the call
/// it is passed to.
struct XMLScanPosition {
    let context: Unmanaged<XMLPartContext>
    let offset: Int

    var path: String { context.takeUnretainedValue().path }
    var part: String { context.takeUnretainedValue().part }
    var location: SourceLocation {
        let (line, column) = context.takeUnretainedValue().lineAndColumn(at: offset)
        return SourceLocation(file: "\(path)[\(part)]", line: line, column: column)
    }
}

/// The part being scanned and how far its lines have been counted.
final class XMLPartContext {
    let path: String
    let part: String
    /// Line and 0-based column of `base[0]` (the first byte of the buffer being scanned).
    var line = 1
    var column = 0
    var base: UnsafePointer<UInt8>?

    init(path: String, part: String) { self.path = path; self.part = part }

    func lineAndColumn(at offset: Int) -> (Int, Int) {
        guard let base, offset > 0 else { return (line, column + 1) }
        var l = line, c = column
        for k in 0..<offset { if base[k] == 0x0A { l += 1; c = 0 } else { c += 1 } }
        return (l, c + 1)
    }

    /// Moves the start past `n` consumed bytes of `p`.
    func advance(_ p: UnsafePointer<UInt8>, _ n: Int) {
        var k = 0, lastNewline = -1
        while k < n, let q = memchr(p + k, 0x0A, n - k) {
            let j = p.distance(to: q.assumingMemoryBound(to: UInt8.self))
            line += 1
            lastNewline = j
            k = j + 1
        }
        column = lastNewline >= 0 ? n - lastNewline - 1 : column + n
    }
}

/// A small XML scanner over the inflated bytes of one workbook part, fed in chunks as they come out
/// of the ZIP entry, so that a sheet is never held whole (nor twice). It knows the XML that workbook
/// producers write: elements, attributes in `"` or `'`, character data, CDATA sections, comments and
/// processing instructions. It refuses any DOCTYPE (no producer writes one in a workbook part, and it
/// is how entity bombs and external entities come in), checks that end tags match start tags, and
/// that the part ends with its root element closed. Namespaces are not processed: handlers match local
/// names.
///
/// Faster than FoundationXML's `XMLParser` by not building a `String` for every element name,
/// attribute and text run (the sheet of a 1M-row workbook has tens of millions of them).
struct XMLByteScanner<Handler: XMLByteHandler> {
    var handler: Handler
    let path: String
    let part: String
    /// Bytes of an element or section that a chunk ended in the middle of.
    private var carry: [UInt8] = []
    private let context: XMLPartContext
    /// A hash of each open element's qualified name, to check end tags.
    private(set) var open: [UInt64] = []
    private var sawRoot = false

    init(handler: Handler, path: String, part: String) {
        self.handler = handler
        self.path = path
        self.part = part
        context = XMLPartContext(path: path, part: part)
    }

    /// A scanner for a piece of a part that starts between elements, inside the elements `open`
    /// (taken from the scanner of the part's start), at `line` and `column` of the part.
    init(handler: Handler, path: String, part: String, continuingInside open: [UInt64], line: Int, column: Int) {
        self.init(handler: handler, path: path, part: part)
        self.open = open
        sawRoot = true
        context.line = line
        context.column = column
    }

    /// Whether everything fed so far was complete and left the same elements open as `stack`.
    func isBalanced(at stack: [UInt64]) -> Bool { carry.isEmpty && open == stack }

    /// Scans the next chunk of the part.
    mutating func feed(_ chunk: UnsafeRawBufferPointer) throws(IngestError) {
        guard chunk.count > 0 else { return }
        if carry.isEmpty {
            let bytes = chunk.bindMemory(to: UInt8.self)
            let used = try scan(bytes, final: false)
            if used < bytes.count { carry.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[used...])) }
        } else {
            carry.append(contentsOf: chunk.bindMemory(to: UInt8.self))
            try scanCarry(final: false)
        }
    }

    /// Scans what is left after the last chunk and checks that the document is complete.
    mutating func finish() throws(IngestError) {
        if !carry.isEmpty { try scanCarry(final: true) }
        if !open.isEmpty || !sawRoot {
            throw malformed(sawRoot ? "the part ends before its elements are closed (the workbook may be truncated)" : "the part has no XML element")
        }
    }

    /// Scans a whole part held in memory.
    mutating func scanAll(_ bytes: [UInt8]) throws(IngestError) {
        try bytes.withUnsafeBufferPointer { (b: XMLBytes) throws(IngestError) in try feed(UnsafeRawBufferPointer(b)) }
        try finish()
    }

    private mutating func scanCarry(final: Bool) throws(IngestError) {
        var pending = carry
        carry = []
        let used = try pending.withUnsafeBufferPointer { (b: XMLBytes) throws(IngestError) -> Int in try scan(b, final: final) }
        if used < pending.count {
            pending.removeSubrange(0..<used)
            carry = pending
        }
    }

    @inline(__always) private func position(_ offset: Int) -> XMLScanPosition {
        XMLScanPosition(context: Unmanaged.passUnretained(context), offset: offset)
    }

    private func malformed(_ reason: String, at offset: Int = 0) -> IngestError {
        .malformed(position(offset).location, "malformed XML in \(part): \(reason)",
                   hint: "the workbook may be damaged; open and save it again in Excel, LibreOffice or WPS")
    }

    /// Scans complete constructs of `b`; returns how many bytes were consumed (the rest is an
    /// unfinished construct, kept for the next chunk unless `final`).
    private mutating func scan(_ b: XMLBytes, final: Bool) throws(IngestError) -> Int {
        guard let base = b.baseAddress else { return 0 }
        let n = b.count
        var i = 0
        context.base = base
        defer { context.base = nil }
        @inline(__always) func find(_ byte: UInt8, from k: Int) -> Int? {
            // Most runs in sheet XML are a few bytes (`1</v>`, `"A2"`): look at those directly
            // before paying for a memchr call.
            var j = k
            let near = Swift.min(n, k + 16)
            while j < near {
                if base[j] == byte { return j }
                j += 1
            }
            guard j < n, let q = memchr(base + j, Int32(byte), n - j) else { return nil }
            return base.distance(to: q.assumingMemoryBound(to: UInt8.self))
        }
        func find(_ s: StaticString, from k: Int) -> Int? {
            var k = k
            let first = s.utf8Start[0], len = s.utf8CodeUnitCount
            while let j = find(first, from: k) {
                if j + len > n { return nil }
                if memcmp(base + j, s.utf8Start, len) == 0 { return j }
                k = j + 1
            }
            return nil
        }
        func hasPrefix(_ s: StaticString, at k: Int) -> Bool? {
            let len = s.utf8CodeUnitCount
            let avail = min(len, n - k)
            if memcmp(base + k, s.utf8Start, avail) != 0 { return false }
            return avail == len ? true : nil   // nil: not enough bytes to tell
        }
        while i < n {
            if base[i] != UInt8(ascii: "<") {
                let j = find(UInt8(ascii: "<"), from: i) ?? n
                if handler.wantsText {
                    handler.text(XMLBytes(start: base + i, count: j - i))
                } else if open.isEmpty {
                    for k in i..<j where !isXMLSpace(base[k]) { throw malformed("text outside the root element", at: k) }
                }
                i = j
                continue
            }
            // base[i] == '<'
            guard i + 1 < n else { break }
            let c = base[i + 1]
            if c == UInt8(ascii: "/") {
                guard let gt = find(UInt8(ascii: ">"), from: i + 2) else { break }
                var e = gt
                while e > i + 2 && isXMLSpace(base[e - 1]) { e -= 1 }
                let qname = XMLBytes(start: base + i + 2, count: e - (i + 2))
                guard let top = open.popLast(), top == hashName(qname) else {
                    throw malformed("end tag </\(String(decoding: qname, as: UTF8.self))> does not match the open element", at: i)
                }
                try handler.end(localName(qname), scanner: position(i))
                i = gt + 1
            } else if c == UInt8(ascii: "?") {
                guard let q = find("?>", from: i + 2) else { break }
                i = q + 2
            } else if c == UInt8(ascii: "!") {
                let comment = hasPrefix("<!--", at: i), cdata = hasPrefix("<![CDATA[", at: i), doctype = hasPrefix("<!DOCTYPE", at: i)
                if comment == true {
                    guard let q = find("-->", from: i + 4) else { break }
                    i = q + 3
                } else if cdata == true {
                    guard let q = find("]]>", from: i + 9) else { break }
                    if handler.wantsText { XMLText.deliverCDATA(XMLBytes(start: base + i + 9, count: q - (i + 9)), to: &handler) }
                    i = q + 3
                } else if comment == nil || cdata == nil || doctype == nil {
                    break   // too few bytes to tell which
                } else {
                    if doctype == true {
                        throw .malformed(position(i).location, "\(part) declares a DOCTYPE; workbook producers never write one, and its entities could change or hide cell text, so the workbook is refused",
                                         hint: "open and save the file in Excel, LibreOffice or WPS to get a plain workbook")
                    }
                    throw malformed("unexpected markup <!", at: i)
                }
            } else {
                // A start tag: up to the first `>` outside quoted attribute values.
                var k = i + 1
                var gt = -1
                while k < n {
                    let d = base[k]
                    if d == UInt8(ascii: ">") { gt = k; break }
                    if d == UInt8(ascii: "\"") || d == UInt8(ascii: "'") {
                        guard let q = find(d, from: k + 1) else { k = n; break }
                        k = q + 1
                    } else {
                        k += 1
                    }
                }
                guard gt >= 0 else { break }
                var nameEnd = i + 1
                while nameEnd < gt, !isXMLSpace(base[nameEnd]), base[nameEnd] != UInt8(ascii: "/") { nameEnd += 1 }
                let selfClosing = base[gt - 1] == UInt8(ascii: "/")
                let qname = XMLBytes(start: base + i + 1, count: nameEnd - (i + 1))
                guard qname.count > 0 else { throw malformed("an element without a name", at: i) }
                if open.isEmpty {
                    if sawRoot { throw malformed("a second root element", at: i) }
                    sawRoot = true
                }
                let attrEnd = selfClosing ? gt - 1 : gt
                let attributes = XMLAttributes(bytes: XMLBytes(start: base + nameEnd, count: max(0, attrEnd - nameEnd)))
                let local = localName(qname)
                try handler.start(local, attributes, scanner: position(i))
                if selfClosing {
                    try handler.end(local, scanner: position(i))
                } else {
                    open.append(hashName(qname))
                }
                i = gt + 1
            }
        }
        if i < n && final { throw malformed("the part ends inside markup (the workbook may be truncated)", at: i) }
        context.advance(base, i)
        return i
    }
}

@inline(__always) func isXMLSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
}

/// The bytes after the last `:` of a qualified name.
@inline(__always) func localName(_ q: XMLBytes) -> XMLBytes {
    var k = q.count
    while k > 0 {
        if q[k - 1] == UInt8(ascii: ":") { return XMLBytes(rebasing: q[k...]) }
        k -= 1
    }
    return q
}

/// FNV-1a of a qualified name, to match end tags without keeping the names.
@inline(__always) func hashName(_ q: XMLBytes) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in q { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Whether these bytes are the ASCII text `s`.
    @inline(__always) func `is`(_ s: StaticString) -> Bool {
        count == s.utf8CodeUnitCount && (count == 0 || memcmp(baseAddress!, s.utf8Start, count) == 0)
    }
}

/// The attributes of a start tag, read on demand from its bytes.
struct XMLAttributes {
    let bytes: XMLBytes

    /// Iterates the attributes without a closure (for the per-cell hot path).
    struct Iterator {
        let p: UnsafePointer<UInt8>?
        let n: Int
        var k = 0

        /// The next attribute's local name and raw value; nil at the end (or at malformed bytes).
        @inline(__always) mutating func next() -> (name: XMLBytes, value: XMLBytes)? {
            guard let p else { return nil }
            while k < n && isXMLSpace(p[k]) { k += 1 }
            let nameStart = k
            while k < n && p[k] != UInt8(ascii: "=") && !isXMLSpace(p[k]) { k += 1 }
            let name = XMLBytes(start: p + nameStart, count: k - nameStart)
            while k < n && isXMLSpace(p[k]) { k += 1 }
            guard k < n, p[k] == UInt8(ascii: "=") else { return nil }
            k += 1
            while k < n && isXMLSpace(p[k]) { k += 1 }
            guard k < n, p[k] == UInt8(ascii: "\"") || p[k] == UInt8(ascii: "'") else { return nil }
            let quote = p[k]
            k += 1
            let valueStart = k
            while k < n && p[k] != quote { k += 1 }
            guard k < n else { return nil }
            let value = XMLBytes(start: p + valueStart, count: k - valueStart)
            k += 1
            return (localName(name), value)
        }
    }

    @inline(__always) func makeIterator() -> Iterator { Iterator(p: bytes.baseAddress, n: bytes.count) }

    /// Calls `body` with each attribute's local name and raw value (entities not decoded).
    @inline(__always) func forEach(_ body: (XMLBytes, XMLBytes) throws(IngestError) -> Void) throws(IngestError) {
        guard let p = bytes.baseAddress else { return }
        let n = bytes.count
        var k = 0
        while k < n {
            while k < n && isXMLSpace(p[k]) { k += 1 }
            let nameStart = k
            while k < n && p[k] != UInt8(ascii: "=") && !isXMLSpace(p[k]) { k += 1 }
            let name = XMLBytes(start: p + nameStart, count: k - nameStart)
            while k < n && isXMLSpace(p[k]) { k += 1 }
            guard k < n, p[k] == UInt8(ascii: "=") else { return }
            k += 1
            while k < n && isXMLSpace(p[k]) { k += 1 }
            guard k < n, p[k] == UInt8(ascii: "\"") || p[k] == UInt8(ascii: "'") else { return }
            let quote = p[k]
            k += 1
            let valueStart = k
            while k < n && p[k] != quote { k += 1 }
            guard k < n else { return }
            try body(localName(name), XMLBytes(start: p + valueStart, count: k - valueStart))
            k += 1
        }
    }

    /// The decoded value of the attribute with this local name, if present.
    func string(_ name: StaticString, at position: XMLScanPosition) throws(IngestError) -> String? {
        var found: String?
        try forEach { (n, v) throws(IngestError) in
            if found == nil, n.is(name) { found = try XMLText.decode(v, at: position) }
        }
        return found
    }

    /// The value of the attribute with this qualified name (prefix included, e.g. `r:id`) or, when
    /// `suffix` is set, the first whose qualified name ends with it.
    func string(qualifiedSuffix suffix: StaticString, at position: XMLScanPosition) throws(IngestError) -> String? {
        guard let p = bytes.baseAddress else { return nil }
        var found: String?
        try forEach { (n, v) throws(IngestError) in
            // `n` is the local name; look at the bytes before it for the prefix.
            let startOffset = p.distance(to: n.baseAddress ?? p)
            guard found == nil, startOffset > 0, p[startOffset - 1] == UInt8(ascii: ":") else { return }
            let tail = suffix.utf8CodeUnitCount - 1   // suffix is ":id": compare the local part
            if n.count == tail, memcmp(n.baseAddress!, suffix.utf8Start + 1, tail) == 0 { found = try XMLText.decode(v, at: position) }
        }
        return found
    }
}

/// Character data: XML's five named entities, numeric character references, line-end normalisation
/// (a literal CR or CR LF is a LF, as every XML parser reports it), UTF-8 checked.
enum XMLText {
    /// Text of raw bytes (as collected from `XMLByteHandler.text`).
    static func decode(_ raw: XMLBytes, at position: XMLScanPosition) throws(IngestError) -> String {
        guard let p = raw.baseAddress, raw.count > 0 else { return "" }
        if memchr(p, Int32(UInt8(ascii: "&")), raw.count) == nil && memchr(p, 0x0D, raw.count) == nil {
            guard let s = String(validating: raw, as: UTF8.self) else { throw badUTF8(position) }
            return s
        }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var k = 0
        let n = raw.count
        while k < n {
            let b = p[k]
            if b == 0x0D {
                out.append(0x0A)
                k += (k + 1 < n && p[k + 1] == 0x0A) ? 2 : 1
                continue
            }
            guard b == UInt8(ascii: "&") else { out.append(b); k += 1; continue }
            var e = k + 1
            while e < n && p[e] != UInt8(ascii: ";") && e - k < 12 { e += 1 }
            guard e < n, p[e] == UInt8(ascii: ";") else { throw badEntity(position, XMLBytes(start: p + k, count: min(n - k, 12))) }
            let name = XMLBytes(start: p + k + 1, count: e - k - 1)
            if name.is("amp") { out.append(UInt8(ascii: "&")) }
            else if name.is("lt") { out.append(UInt8(ascii: "<")) }
            else if name.is("gt") { out.append(UInt8(ascii: ">")) }
            else if name.is("quot") { out.append(UInt8(ascii: "\"")) }
            else if name.is("apos") { out.append(UInt8(ascii: "'")) }
            else if name.count >= 2, name[0] == UInt8(ascii: "#") {
                let hex = name[1] == UInt8(ascii: "x")
                let digits = XMLBytes(rebasing: name[(hex ? 2 : 1)...])
                guard !digits.isEmpty, let v = UInt32(String(decoding: digits, as: UTF8.self), radix: hex ? 16 : 10),
                      let scalar = Unicode.Scalar(v), v != 0 else { throw badEntity(position, XMLBytes(start: p + k, count: e - k + 1)) }
                out.append(contentsOf: String(Character(scalar)).utf8)
            } else {
                throw badEntity(position, XMLBytes(start: p + k, count: e - k + 1))
            }
            k = e + 1
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw badUTF8(position) }
        return s
    }

    /// CDATA content is literal: escape what `decode` would read as markup, so it comes back as written.
    static func deliverCDATA<H: XMLByteHandler>(_ raw: XMLBytes, to handler: inout H) {
        var escaped: [UInt8] = []
        escaped.reserveCapacity(raw.count)
        for b in raw {
            switch b {
            case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
            case 0x0D: escaped.append(contentsOf: "&#13;".utf8)
            default: escaped.append(b)
            }
        }
        escaped.withUnsafeBufferPointer { handler.text($0) }
    }

    private static func badEntity(_ position: XMLScanPosition, _ b: XMLBytes) -> IngestError {
        .malformed(position.location, "malformed XML in \(position.part): unknown or bad entity reference \"\(String(decoding: b, as: UTF8.self))\" (workbook parts use only &amp; &lt; &gt; &quot; &apos; and &#N;)",
                   hint: "the workbook may be damaged; open and save it again in Excel, LibreOffice or WPS")
    }

    private static func badUTF8(_ position: XMLScanPosition) -> IngestError {
        .malformed(position.location, "malformed XML in \(position.part): text that is not UTF-8",
                   hint: "the workbook may be damaged; open and save it again in Excel, LibreOffice or WPS")
    }
}
