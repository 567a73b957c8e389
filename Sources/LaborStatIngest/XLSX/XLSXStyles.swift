import LaborStatTable

/// What a number format makes of a number: a plain number, a date (possibly with a time), or a
/// time of day.
enum NumberFormatKind: Sendable, Equatable {
    case number, date, time

    /// Built-in format ids (ECMA-376 §18.8.30, plus the zh-CN ids Excel and WPS use).
    static func builtIn(_ id: Int) -> NumberFormatKind {
        switch id {
        case 14...17, 22, 27...31, 36, 50...54, 57, 58: .date
        case 18...21, 45...47, 32...35, 55, 56: .time
        default: .number
        }
    }

    /// Classifies a format code: a date if it has `y`, `d` or a month `m` outside quoted text,
    /// `\`-escapes, `_`/`*` fillers and `[...]` blocks (colours, locales); a time if it has only
    /// `h`, `s` (`m` then being minutes) or an elapsed-time block `[h]`, `[mm]`, `[ss]`.
    static func classify(_ code: String) -> NumberFormatKind {
        var hasDate = false, hasTime = false, hasM = false
        var it = code.unicodeScalars.makeIterator()
        while let c = it.next() {
            switch c {
            case "\"": while let d = it.next(), d != "\"" {}
            case "\\", "_", "*": _ = it.next()
            case "[":
                var inner = ""
                while let d = it.next(), d != "]" { inner.unicodeScalars.append(d) }
                let l = inner.lowercased()
                if !l.isEmpty, l.allSatisfy({ $0 == "h" }) || l.allSatisfy({ $0 == "m" }) || l.allSatisfy({ $0 == "s" }) { hasTime = true }
            case "y", "Y", "d", "D": hasDate = true
            case "h", "H", "s", "S": hasTime = true
            case "m", "M": hasM = true
            default: break
            }
        }
        if hasDate { return .date }
        if hasTime { return .time }
        return hasM ? .date : .number
    }
}

/// `xl/styles.xml`: the number format kind of each cell style (`<c s="N">` indexes `cellXfs`).
struct StylesHandler: XMLByteHandler {
    private var customFormats: [Int: String] = [:]
    private var xfFormatIDs: [Int] = []
    private var inCellXfs = false
    var wantsText: Bool { false }

    mutating func start(_ name: XMLBytes, _ attributes: XMLAttributes, scanner: XMLScanPosition) throws(IngestError) {
        if name.is("numFmt") {
            if let id = try attributes.string("numFmtId", at: scanner).flatMap({ Int($0) }),
               let code = try attributes.string("formatCode", at: scanner) { customFormats[id] = code }
        } else if name.is("cellXfs") {
            inCellXfs = true
        } else if name.is("xf"), inCellXfs {
            xfFormatIDs.append(try attributes.string("numFmtId", at: scanner).flatMap { Int($0) } ?? 0)
        }
    }

    mutating func end(_ name: XMLBytes, scanner: XMLScanPosition) {
        if name.is("cellXfs") { inCellXfs = false }
    }

    mutating func text(_ bytes: XMLBytes) {}

    /// Kind per style index.
    var kinds: [NumberFormatKind] {
        xfFormatIDs.map { id in customFormats[id].map(NumberFormatKind.classify) ?? NumberFormatKind.builtIn(id) }
    }
}
