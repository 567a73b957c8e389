/// Cells and headers that name identifiers, which stay text however numeric they look.
///
/// A column is read as text (never integer) when, without a type forced on it:
/// - its header names an identifier: `编号`, `工号`, `证号`, `身份证`, `电话`, `手机`, `代码`, `邮编`,
///   `邮政编码`, `账号`, `卡号`, `学号`, `ID` (region codes stay text too: `--region` reads them as codes);
/// - or it holds whole numbers only, one at least of which is written like an identifier: with a
///   leading zero (`00123`, `010010`), as an 18-character resident ID number whose check character
///   is right (GB 11643-1999, final `X`/`x` allowed), a 15-digit resident ID (the old form, with a
///   real birth date), or an 11-digit mobile number (`1[3-9]` and 9 digits).
enum IdentifierPattern {
    static let headerWords = ["编号", "工号", "证号", "身份证", "电话", "手机", "代码", "邮编", "邮政编码", "账号", "卡号", "学号", "社保号", "统一社会信用"]

    static func headerNamesIdentifier(_ header: String) -> Bool {
        if headerWords.contains(where: { header.contains($0) }) { return true }
        let lower = header.lowercased()
        return lower == "id" || lower.hasSuffix("_id") || lower.hasSuffix(" id") || lower.hasSuffix("_code") || lower == "code"
            || lower.contains("phone") || lower.contains("mobile") || lower.contains("postcode") || lower.contains("zip")
    }

    @inline(__always) static func digit(_ b: UInt8) -> Bool { b &- 48 < 10 }

    /// Whether trimmed cell bytes are written like an identifier (see the type's rule).
    static func matches(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard n >= 2, digit(p[0]) else { return false }
        if n == 18 {
            for i in 0..<17 where !digit(p[i]) { return false }
            let last = p[17]
            guard digit(last) || last == UInt8(ascii: "X") || last == UInt8(ascii: "x") else { return false }
            return checkCharacter(p) == (last == UInt8(ascii: "x") ? UInt8(ascii: "X") : last)
        }
        for i in 0..<n where !digit(p[i]) { return false }
        if p[0] == UInt8(ascii: "0") { return true }
        if n == 11 { return p[0] == UInt8(ascii: "1") && p[1] >= UInt8(ascii: "3") }
        if n == 15 {
            // YYMMDD at 7-12.
            let m = Int(p[8] - 48) * 10 + Int(p[9] - 48), d = Int(p[10] - 48) * 10 + Int(p[11] - 48)
            return m >= 1 && m <= 12 && d >= 1 && d <= 31
        }
        return false
    }

    /// The GB 11643-1999 check character of the first 17 digits: `1 0 X 9 8 7 6 5 4 3 2` by the
    /// weighted sum mod 11, weights 2^(17-i) mod 11.
    static func checkCharacter(_ p: UnsafePointer<UInt8>) -> UInt8 {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        var s = 0
        for i in 0..<17 { s += Int(p[i] - 48) * weights[i] }
        return Array("10X98765432".utf8)[s % 11]
    }
}
