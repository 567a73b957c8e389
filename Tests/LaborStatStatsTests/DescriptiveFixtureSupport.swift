import Foundation
import _LaborStatTestSupport

/// Fixtures under References/descriptive (made by make_r_fixtures.R and make_py_fixtures.py there).
enum DescriptiveFixtures {
    static var folder: URL {
        repositoryRoot().appendingPathComponent("Tests/LaborStatStatsTests/References/descriptive")
    }

    /// Parses a fixture. JSONDecoder, not JSONSerialization: on Linux the latter reads long numbers
    /// as NSDecimalNumber and loses the last digits when converting them to Double.
    static func json(_ name: String) throws -> Any {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return try JSONDecoder().decode(JSONValue.self, from: data).any
    }

    /// A JSON document with numbers read as correctly rounded doubles.
    enum JSONValue: Decodable {
        case number(Double), string(String), bool(Bool), null, array([JSONValue]), object([String: JSONValue])

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let d = try? c.decode(Double.self) { self = .number(d) }
            else if let s = try? c.decode(String.self) { self = .string(s) }
            else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
            else { self = .object(try c.decode([String: JSONValue].self)) }
        }

        var any: Any {
            switch self {
            case .number(let d): d
            case .string(let s): s
            case .bool(let b): b
            case .null: NSNull()
            case .array(let a): a.map(\.any)
            case .object(let o): o.mapValues(\.any)
            }
        }
    }

    /// A JSON number (or "NaN"/"Inf" strings jsonlite writes) as a Double.
    static func double(_ v: Any?) -> Double {
        if let d = v as? Double { return d }
        if let n = v as? NSNumber { return n.doubleValue }
        if let s = v as? String { return Double(s) ?? .nan }
        return .nan
    }

    static func doubles(_ v: Any?) -> [Double] {
        if let a = v as? [Any] { return a.map { double($0) } }
        if v is Double || v is NSNumber || v is String { return [double(v)] }   // jsonlite unboxes length-1 vectors
        return []
    }

    /// The values of a NIST StRD univariate data file (column `y`).
    static func nist(_ name: String) throws -> [Double] {
        let text = try String(contentsOf: folder.appendingPathComponent("nist/\(name).csv"), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
    }
}
