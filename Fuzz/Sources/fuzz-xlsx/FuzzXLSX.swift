import FuzzDriver
import LaborStat
#if canImport(Glibc)
import Glibc
#endif

/// The XLSX reader (zip container, workbook, shared strings, styles, sheet XML) on arbitrary bytes.
/// It reads by path today, so each input is written to a private temporary file first.
nonisolated(unsafe) let path = "/tmp/laborstat-fuzz-\(getpid()).xlsx"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { return 0 }
    var off = 0
    while off < size {
        let n = write(fd, data + off, size - off)
        if n <= 0 { break }
        off += n
    }
    close(fd)
    _ = try? XLSXReader.rows(path: path, sheet: nil)
    _ = try? XLSXReader.sheetNames(path: path)
    return 0
}

@_cdecl("fuzz_xlsx_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzXLSX)
}
