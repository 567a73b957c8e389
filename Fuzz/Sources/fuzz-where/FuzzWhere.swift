import FuzzDriver
import LaborStat

/// The `--where` lexer, parser and evaluator: the input is the expression, evaluated on a small
/// table with a column of each type (integer, decimal, text, date, boolean, province, big ids).
let table: Table = {
    let csv = """
    year,amount,province,opened,closed,id,name,`odd`
    2015,2.84万,陕西省,2015-03-05,true,123456789012345678,张三,1
    2019,3500,四川,2019年3月5日,false,9223372036854775807,李四,
    2024,-12.5,Gansu,2024/1/1,,-9223372036854775808,,x

    """
    return try! TableReader.read(bytes: Array(csv.utf8), name: "where.csv")
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWhere(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let expr = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? RowFilter.columns(in: expr)
    guard let f = try? RowFilter(expr) else { return 0 }
    _ = try? f.matchingRows(in: table)
    _ = try? f.mask(in: table)
    return 0
}

@_cdecl("fuzz_where_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzWhere)
}
