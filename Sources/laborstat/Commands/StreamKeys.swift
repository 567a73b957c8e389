import Foundation
import LaborStat

/// The group keys of a request answered slice by slice (`aggregate`, `trend`): each slice's local
/// groups mapped to global groups by their key values, and at the end the groups in `Grouping`'s
/// order (text by code point, numbers and dates by value, missing last) with their key columns.
struct StreamKeys {
    let keys: [KeySpec]
    var groupOfKey: [[Value]: Int] = [:]
    var keyValues: [[Value]] = []
    /// Storage kind of each key column (must agree between slices), its name and unit.
    var keyKinds: [String]? = nil
    var keyTemplates: [Column] = []

    init(_ keys: [KeySpec]) { self.keys = keys }

    var count: Int { keyValues.count }

    static func kind(_ c: Column) -> String {
        switch c.storage {
        case .integer: return "integer"
        case .decimal: return "decimal"
        case .boolean: return "boolean"
        case .date(_, let p): return "date \(p)"
        case .category, .text: return "text"
        }
    }

    /// Local group → global group for one slice's grouping; `NotStreamable` when key types differ
    /// from an earlier slice's.
    mutating func globalGroups(_ grouping: Grouping, rowCount: Int) throws -> [Int] {
        let kinds = grouping.keys.map(Self.kind)
        if rowCount > 0 {
            if let keyKinds, keyKinds != kinds { throw AggregateStream.NotStreamable() }
            if keyKinds == nil { keyKinds = kinds; keyTemplates = grouping.keys }
        } else if keyKinds == nil {
            keyTemplates = grouping.keys
        }
        var global = [Int](repeating: 0, count: grouping.groupCount)
        for g in 0..<grouping.groupCount {
            let tuple = grouping.keys.map { $0.value(at: g) }
            if let k = groupOfKey[tuple] { global[g] = k } else {
                global[g] = keyValues.count
                groupOfKey[tuple] = keyValues.count
                keyValues.append(tuple)
            }
        }
        return global
    }

    /// Group order of `Grouping`: per key, text by code point, numbers and dates by value, missing last.
    static func precedes(_ a: [Value], _ b: [Value]) -> Bool {
        for (x, y) in zip(a, b) {
            if x == y { continue }
            switch (x, y) {
            case (.missing, _): return false
            case (_, .missing): return true
            case (.text(let s), .text(let t)): return Array(s.utf8).lexicographicallyPrecedes(Array(t.utf8))
            case (.integer(let i), .integer(let j)): return i < j
            case (.decimal(let u), .decimal(let v)): return u < v
            case (.date(let i, _), .date(let j, _)): return i < j
            case (.boolean(let p), .boolean(let q)): return !p && q
            default: return false
            }
        }
        return false
    }

    /// Global group numbers in output order.
    var order: [Int] { keyValues.indices.sorted { Self.precedes(keyValues[$0], keyValues[$1]) } }

    /// The key columns (name, type and unit of the first slice's) with one value per group of `order`.
    func keyColumns(order: [Int]) -> [Column] {
        var keyColumns: [Column] = []
        for (k, template) in keyTemplates.enumerated() {
            let values = order.map { keyValues[$0][k] }
            var c: Column
            switch template.storage {
            case .integer: c = Column(template.name, integers: values.map { if case .integer(let i) = $0 { i } else { nil } })
            case .decimal: c = Column(template.name, doubles: values.map { if case .decimal(let d) = $0 { d } else { nil } })
            case .boolean: c = Column(template.name, booleans: values.map { if case .boolean(let b) = $0 { b } else { nil } })
            case .date(_, let p): c = Column(template.name, dates: values.map { if case .date(let d, _) = $0 { d } else { nil } }, precision: p)
            case .category: c = Column(template.name, categories: values.map { if case .text(let s) = $0 { s } else { nil } })
            case .text: c = Column(template.name, strings: values.map { if case .text(let s) = $0 { s } else { nil } })
            }
            c.unit = template.unit
            keyColumns.append(c)
        }
        return keyColumns
    }

    /// Runs `add` over the slices of `input`'s file (rows matching `--where`) when the file is large
    /// or `sliceBytes` is given. Returns false when the request must be answered from the whole
    /// table instead: small file, standard input, XLSX, a file that is not UTF-8, or any error or
    /// `NotStreamable` in a slice (a slice typed on its own can fail where the whole file would
    /// not; the whole read then gives the authoritative result or error).
    static func scan(_ input: InputOptions, columns: [String], sliceBytes: Int?, add: (Table) throws -> Void) throws -> Bool {
        let file = input.file
        guard file != "-", !file.lowercased().hasSuffix(".xlsx") else { return false }
        // COL:province keys order groups by division code, which slices cannot merge: whole read.
        guard !columns.contains(where: Table.isProvinceKey) else { return false }
        // COL:B1/B2 bands are ordered levels made on the whole column: whole read too.
        guard !columns.contains(where: Table.isBandKey) else { return false }
        var slice = sliceBytes ?? 0
        if sliceBytes == nil {
            let real = URL(fileURLWithPath: file).resolvingSymlinksInPath().path   // the size of the file, not of a link
            let size = (try? FileManager.default.attributesOfItem(atPath: real)[.size] as? Int) ?? 0
            guard size > Aggregate.streamThreshold else { return false }
            slice = Aggregate.sliceBytes(forFileSize: size)
        }
        var needed = columns
        let filter = try input.whereExpression.map { try RowFilter($0) }
        if let expr = input.whereExpression { needed += try RowFilter.columns(in: expr) }
        var first = true
        do {
            return try TableReader.scan(path: file, options: input.readOptions(columns: Array(Set(needed))),
                                        sliceBytes: slice) { part in
                if first { InputOptions.noteLayout(part.source); first = false }
                do {
                    let view = try filter.map { part.selecting(physicalRows: try $0.matchingRows(in: part)) } ?? part
                    try add(view)
                } catch { throw AggregateStream.NotStreamable() }
            }
        } catch is AggregateStream.NotStreamable {
            return false
        }
    }
}
