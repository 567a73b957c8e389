import FuzzDriver
import LaborStat

/// The CSV tokenizer and the column assembler on arbitrary bytes read as UTF-8: any input must end
/// in a table or an IngestError, never a trap, a hang or an out-of-bounds read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var o = ReadOptions()
    o.encoding = .utf8
    _ = try? TableReader.read(bytes: bytes, name: "fuzz.csv", options: o)
    o.header = false
    o.delimiter = UInt8(ascii: "\t")
    _ = try? TableReader.read(bytes: bytes, name: "fuzz.tsv", options: o)
    return 0
}

@_cdecl("fuzz_csv_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzCSV)
}
