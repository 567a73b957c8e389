import FuzzDriver
import LaborStat

/// Chinese numbers (2.84万, 4826.07万元, 3,500, 12%, 一千二百) and dates (2013年12月9日, 2015/1/1,
/// 2019Q3): each line of the input is one cell of a one-column table, so every cell goes through
/// the number and date parsers and type inference; a second pass forces two rows per cell.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCells(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Array("v\n".utf8)
    for b in UnsafeBufferPointer(start: data, count: size) where b != UInt8(ascii: "\"") && b != UInt8(ascii: "\r") {
        bytes.append(b == UInt8(ascii: ",") || b == UInt8(ascii: "\t") || b == UInt8(ascii: ";") || b == UInt8(ascii: "|") ? UInt8(ascii: " ") : b)
    }
    var o = ReadOptions()
    o.encoding = .utf8
    o.delimiter = UInt8(ascii: ",")
    if let t = try? TableReader.read(bytes: bytes, name: "cells.csv", options: o), let c = t.columns.first {
        for r in 0..<c.count { _ = c.string(at: r); _ = c.double(at: r) }
    }
    return 0
}

@_cdecl("fuzz_cells_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzCells)
}
