import LaborStatTable

/// Excel date serials → ISO text, with integer calendar arithmetic (no formatter per cell).
///
/// 1900 system (the default): serial 1 is 1900-01-01. Excel copies Lotus 1-2-3 in treating 1900 as
/// a leap year, so serial 60 is the nonexistent 1900-02-29 and every later serial is one day ahead:
/// serials below 60 count from 1899-12-31, serials above 60 from 1899-12-30. Serial 60 is written
/// `1900-02-29`, which date parsing then reports as an impossible date, with the cell's place,
/// whenever a command needs that column. 1904 system (`<workbookPr date1904="1"/>`, old Mac
/// Excel): serial 0 is 1904-01-01 (negative serials are earlier days).
/// The fraction is the time of day: seconds = round(fraction × 86400), carrying 86400 to the next day.
enum ExcelDate {
    /// Serials Excel can show as dates: 1900-01-00 … 9999-12-31 (1904 system: from 1900); outside
    /// them (Excel shows `####`) a date-formatted cell is read as its number.
    static let range: ClosedRange<Double> = -1462 ... 2_958_466

    /// The text of a date-formatted number: `2024-03-15`, `2024-02-29 14:30`,
    /// `2024-03-15 08:05:30`; nil when the serial is outside the range of dates.
    static func text(serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, range.contains(serial), date1904 || serial >= 0 else { return nil }
        var day = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(day)) * 86_400).rounded())
        if seconds >= 86_400 { day += 1; seconds -= 86_400 }
        let date: String
        if date1904 {
            date = CivilDate.format(CivilDate.days(year: 1904, month: 1, day: 1) + Int32(day))
        } else if day == 60 {
            date = "1900-02-29"
        } else {
            let base = day < 60 ? CivilDate.days(year: 1899, month: 12, day: 31) : CivilDate.days(year: 1899, month: 12, day: 30)
            date = CivilDate.format(base + Int32(day))
        }
        return seconds == 0 ? date : date + " " + clock(seconds)
    }

    /// The text of a time-formatted number below one day: `12:00`, `08:05:30`; nil otherwise.
    static func timeText(serial: Double) -> String? {
        guard serial >= 0, serial < 1 else { return nil }
        let seconds = Int((serial * 86_400).rounded())
        return seconds >= 86_400 ? nil : clock(seconds)
    }

    static func clock(_ seconds: Int) -> String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        return s == 0 ? "\(two(h)):\(two(m))" : "\(two(h)):\(two(m)):\(two(s))"
    }

    /// Strict OOXML `t="d"` cells hold ISO 8601 text: `2024-03-15T00:00:00` → `2024-03-15`,
    /// `2024-02-29T14:30:00Z` → `2024-02-29 14:30`.
    static func isoText(_ s: String) -> String {
        var s = s
        if s.hasSuffix("Z") { s.removeLast() }
        guard let t = s.firstIndex(of: "T") else { return s }
        let date = String(s[..<t])
        var time = String(s[s.index(after: t)...])
        if let dot = time.firstIndex(of: ".") { time = String(time[..<dot]) }
        if time == "00:00:00" || time == "00:00" || time.isEmpty { return date }
        if time.hasSuffix(":00") && time.count == 8 { time.removeLast(3) }
        return date + " " + time
    }
}
