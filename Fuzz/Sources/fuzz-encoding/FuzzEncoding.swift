import FuzzDriver
import LaborStat

/// The encoding detector (BOMs, UTF-8 validation, GB18030 and UTF-16 decoding) under
/// `--encoding auto` and each explicit encoding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEncoding(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for e in [ReadOptions.Encoding.auto, .gb18030, .utf16] {
        var o = ReadOptions()
        o.encoding = e
        _ = try? TableReader.read(bytes: bytes, name: "fuzz.csv", options: o)
    }
    return 0
}

@_cdecl("fuzz_encoding_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzEncoding)
}
