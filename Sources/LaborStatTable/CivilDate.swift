/// Calendar arithmetic on days since 1970-01-01 (proleptic Gregorian), without Foundation formatters:
/// building a `DateFormatter` per cell is 10× slower than this (see ENGINEERING.md §3).
public enum CivilDate {
    /// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`).
    @inlinable public static func days(year: Int, month: Int, day: Int) -> Int32 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int32(era * 146097 + doe - 719468)
    }

    /// The civil date of a day number.
    @inlinable public static func civil(_ days: Int32) -> (year: Int, month: Int, day: Int) {
        let z = Int(days) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func isLeapYear(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whether `year-month-day` names a real day (`2023-02-30` does not).
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1...12).contains(month) && day >= 1 && day <= daysInMonth(year: year, month: month)
    }

    /// ISO text of a date at a precision: `2013-12-09`, `2013-12`, `2013Q4`, `2013`.
    public static func format(_ days: Int32, precision: DatePrecision = .day) -> String {
        let (y, m, d) = civil(days)
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
        }
        switch precision {
        case .day: return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        case .month: return "\(pad(y, 4))-\(pad(m, 2))"
        case .quarter: return "\(pad(y, 4))Q\((m - 1) / 3 + 1)"
        case .year: return pad(y, 4)
        }
    }

    /// The first day of the period that contains `days`.
    public static func truncate(_ days: Int32, to precision: DatePrecision) -> Int32 {
        let (y, m, _) = civil(days)
        switch precision {
        case .day: return days
        case .month: return self.days(year: y, month: m, day: 1)
        case .quarter: return self.days(year: y, month: (m - 1) / 3 * 3 + 1, day: 1)
        case .year: return self.days(year: y, month: 1, day: 1)
        }
    }
}
