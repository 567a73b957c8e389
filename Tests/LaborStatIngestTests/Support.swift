import Foundation
import LaborStatTable
@testable import LaborStatIngest
import _LaborStatTestSupport

/// The fixtures folder of this test target.
let fixtures = repositoryRoot().appendingPathComponent("Tests/LaborStatIngestTests/Fixtures")

func fixture(_ rel: String) -> String { fixtures.appendingPathComponent(rel).path }

func fixtureBytes(_ rel: String) throws -> [UInt8] { Array(try Data(contentsOf: fixtures.appendingPathComponent(rel))) }

func fixtureJSON(_ rel: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent(rel))) }

/// Reads CSV text held in a string.
func read(_ text: String, _ configure: (inout ReadOptions) -> Void = { _ in }) throws -> Table {
    var o = ReadOptions()
    configure(&o)
    return try TableReader.read(bytes: Array(text.utf8), name: "t.csv", options: o)
}

/// Every cell of a table as text (nil when missing).
func cells(_ t: Table) -> [[String?]] {
    t.rowIndices.map { r in t.columns.map { $0.string(at: r) } }
}

/// Reads one cell on its own, as the loader does.
func classify(_ s: String) -> CellValue {
    let bytes = Array(s.utf8)
    let c = CellClassifier(options: ReadOptions())
    if bytes.isEmpty { return CellValue(kind: .missing) }
    return bytes.withUnsafeBufferPointer { b in
        let (lo, n) = CellClassifier.trim(b.baseAddress!, b.count)
        if c.isMissing(b.baseAddress! + lo, n) { return CellValue(kind: .missing) }
        return c.classify(b.baseAddress! + lo, n)
    }
}
