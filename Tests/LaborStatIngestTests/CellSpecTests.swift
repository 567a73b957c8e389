import Foundation
import Testing
import LaborStatTable
import _LaborStatTestSupport
@testable import LaborStatIngest

/// Table-driven specs (`Fixtures/specs/*.json`) for single cells, as Recognizers-Text keeps its
/// Chinese number cases as data.
@Suite("Cell specs: Chinese numbers, units, missing tokens, booleans, dates")
struct CellSpecTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let fields: [String: String]
        let value: Double?
        var testDescription: String { fields["input"] ?? "" }
    }

    static func load(_ rel: String) -> [Case] {
        guard let json = (try? fixtureJSON(rel)) as? [String: Any], let cases = json["cases"] as? [[String: Any]] else { return [] }
        return cases.map { c in
            var f: [String: String] = [:]
            for (k, v) in c { if let s = v as? String { f[k] = s } }
            return Case(fields: f, value: (c["value"] as? NSNumber)?.doubleValue)
        }
    }

    static let numbers = load("specs/chinese-numbers.json")
    static let dates = load("specs/dates.json")

    @Test func specsLoaded() {
        #expect(Self.numbers.count > 70)
        #expect(Self.dates.count > 20)
    }

    @Test("number spec", arguments: numbers)
    func number(_ c: Case) throws {
        let input = c.fields["input"]!
        let v = classify(input)
        switch c.fields["kind"]! {
        case "integer":
            #expect(v.kind == .integer)
            if input == "9223372036854775807" { #expect(v.int == Int64.max) }
            else { #expect(Double(v.int) == c.value!) }
        case "decimal":
            #expect(v.kind == .decimal)
            #expect(isClose(v.double, c.value!, rel: 1e-15), "\(v.double) vs \(c.value!)")
        case "boolean":
            #expect(v.kind == .boolean)
            #expect(v.bool == (c.value! == 1))
        case "missing": #expect(v.kind == .missing)
        case "problem":
            #expect(v.kind == .badNumber)
            #expect(v.reason.text == c.fields["reason"])
        case "text": #expect(v.kind == .text)
        default: Issue.record("unknown kind")
        }
        #expect(v.unit.text == c.fields["unit"])
    }

    @Test("date spec", arguments: dates)
    func date(_ c: Case) throws {
        let v = classify(c.fields["input"]!)
        if let reason = c.fields["problem"] {
            #expect(v.kind == .badDate)
            #expect(v.reason.text == reason)
            return
        }
        #expect(v.kind == .date)
        let precision: DatePrecision = ["day": .day, "month": .month, "quarter": .quarter, "year": .year][c.fields["precision"]!]!
        #expect(v.precision == precision)
        #expect(CivilDate.format(v.days, precision: precision) == c.fields["date"])
    }

    @Test("exactness: 15 significant digits read exactly as Swift's Double(String) does")
    func exactDecimals() {
        var rng = SplitMix(seed: 7)
        for _ in 0..<20_000 {
            let digits = Int(rng.next() % 15) + 1
            var m = rng.next() % 1_000_000_000_000_000
            m %= UInt64(pow(10.0, Double(digits)))
            let scale = Int(rng.next() % 12)
            var s = String(m)
            if scale > 0 {
                if s.count <= scale { s = String(repeating: "0", count: scale - s.count + 1) + s }
                s.insert(".", at: s.index(s.endIndex, offsetBy: -scale))
            }
            let v = classify(s)
            let expected = Double(s)!
            let got = v.kind == .integer ? Double(v.int) : v.double
            #expect(got == expected, "\(s)")
            if got != expected { return }
        }
    }
}

/// A small deterministic generator (SplitMix64) for property tests.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
