import Foundation
import Testing

/// Compares `actual` with `Snapshots/<name>.svg` next to this file.
///
/// Re-record with `RECORD_SNAPSHOTS=1 swift test --filter LaborStatChartsTests`: the files are
/// rewritten and every recorded test FAILS (as swift-argument-parser's `assertSnapshot` does), so a
/// recording run can never pass by accident; run again without the variable, look at the PNGs
/// (`scripts/check-charts /tmp/charts`) and commit the SVGs. A missing golden is recorded and fails too.
func assertGolden(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let url = dir.appendingPathComponent("\(name).svg")
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"].map { !$0.isEmpty && $0 != "0" } ?? false
    let existing = try? String(contentsOf: url, encoding: .utf8)
    if record || existing == nil {
        do {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(url.path); run the tests again without RECORD_SNAPSHOTS to check it", sourceLocation: sourceLocation)
        } catch {
            Issue.record("cannot record \(url.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected = existing, expected != actual else { return }
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let i = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).actual.svg")
    try? actual.write(to: out, atomically: true, encoding: .utf8)
    Issue.record("""
        \(name).svg differs at line \(i + 1):
          expected: \(i < e.count ? String(e[i]) : "<end>")
          actual:   \(i < a.count ? String(a[i]) : "<end>")
        (actual written to \(out.path); re-record with RECORD_SNAPSHOTS=1 if the change is intended)
        """, sourceLocation: sourceLocation)
}
