import Foundation
import LaborStatTable
import ZIPFoundation

/// Limits that keep a hostile or broken .xlsx (a "zip bomb") from exhausting memory.
public struct XLSXLimits: Sendable {
    /// Largest uncompressed size of one part (sheet XML, shared strings): 1 GiB.
    public var maxEntryBytes: UInt64 = 1 << 30
    /// Largest uncompressed / compressed ratio of a part bigger than `ratioFloorBytes`: 200:1
    /// (real sheet XML compresses 5–30:1; blank padding compresses ~1000:1).
    public var maxRatio: Double = 200
    /// Parts below this size are not ratio-checked (a tiny part may compress very well): 1 MiB.
    public var ratioFloorBytes: UInt64 = 1 << 20
    /// Most cells (rows × columns of the filled rectangle) read from one sheet: 50 million.
    public var maxCells: Int = 50_000_000

    public init() {}
}

/// The ZIP container of a workbook: parts by name, extracted whole, within `XLSXLimits`.
struct XLSXArchive {
    let path: String
    let archive: Archive
    let limits: XLSXLimits

    init(path: String, limits: XLSXLimits) throws(IngestError) {
        self.path = path
        self.limits = limits
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .cannotOpen(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .cannotOpen(path: path, reason: "is a folder") }
        guard FileManager.default.isReadableFile(atPath: path) else { throw .cannotOpen(path: path, reason: "permission denied") }
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw .malformed(SourceLocation(file: path, line: 1, column: 1), "not an .xlsx workbook: the file is not a ZIP archive (\(error))",
                             hint: "an .xls file (Excel 97–2003) must be saved as .xlsx first; a CSV file needs the .csv extension")
        }
    }

    /// The bytes of a part, or nil when the archive has no such part.
    func data(_ part: String) throws(IngestError) -> Data? {
        guard let entry = archive[part] ?? archive["/" + part] else { return nil }
        let size = entry.uncompressedSize, packed = max(entry.compressedSize, 1)
        let max = limits.maxEntryBytes
        if size > max { throw tooBig(part, size) }
        if size > limits.ratioFloorBytes, Double(size) / Double(packed) > limits.maxRatio {
            throw .unsupported("\(path): refusing to read \(part): it expands \(Int(Double(size) / Double(packed))):1 (\(size) bytes from \(packed)), more than the \(Int(limits.maxRatio)):1 a real workbook needs; the file may be a decompression bomb")
        }
        var out = Data()
        out.reserveCapacity(Int(min(size, 256 << 20)))
        do {
            let ratioCap = UInt64(limits.maxRatio * Double(packed))
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                // The sizes in the ZIP headers may lie: check what actually comes out.
                let n = UInt64(out.count + chunk.count)
                if n > max { throw PartTooBig() }
                if n > limits.ratioFloorBytes && n > ratioCap { throw PartTooDense() }
                out.append(chunk)
            }
        } catch is PartTooBig {
            throw tooBig(part, UInt64(out.count))
        } catch is PartTooDense {
            throw .unsupported("\(path): refusing to read \(part): it expands more than \(Int(limits.maxRatio)):1 (over \(out.count) bytes from \(packed)), although its header says \(size) bytes; the file may be a decompression bomb")
        } catch {
            throw .malformed(SourceLocation(file: path, line: 1, column: 1), "cannot unpack \(part) from the workbook: \(error)", hint: "the file may be damaged or truncated")
        }
        return out
    }

    private struct PartTooBig: Error {}
    private struct PartTooDense: Error {}

    private func tooBig(_ part: String, _ size: UInt64) -> IngestError {
        .unsupported("\(path): refusing to read \(part): it expands to more than \(limits.maxEntryBytes >> 20) MiB (\(size) bytes); the file may be a decompression bomb")
    }
}
