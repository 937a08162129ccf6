import AssessCore
/// A calendar date without a time or time zone, for "updated in the last 12 months" and similar tests.
///
/// Dates come only from the evidence (catalogue fields, an `as-of` fact or parameter, a fact's `date:`),
/// never from the clock, so the same evidence always gives the same result.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year.
    public let year: Int
    /// The month, 1 ... 12.
    public let month: Int
    /// The day of the month.
    public let day: Int

    /// Creates a date; nil when the month or day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, of: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYY-MM-DD` (optionally followed by a time, as in `2020-03-18T04:48:27.035267` or
    /// `2011-11-19T12:00:00Z`), `YYYY-MM` or `YYYY` (taken as the first day of the month or year), or
    /// `DD/MM/YYYY`. Nil for anything else.
    public static func parse(_ text: String) -> CalendarDay? {
        let chars = Array(text.trimmingWhitespace())
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= chars.count else { return nil }
            let slice = chars[range]
            guard !slice.isEmpty, slice.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(String(slice))
        }
        if chars.count >= 10, chars[2] == "/", chars[5] == "/", let d = number(0..<2), let m = number(3..<5), let y = number(6..<10) {
            return chars.count == 10 ? CalendarDay(year: y, month: m, day: d) : nil
        }
        guard let year = number(0..<4) else { return nil }
        if chars.count == 4 { return CalendarDay(year: year, month: 1, day: 1) }
        guard chars.count >= 7, chars[4] == "-", let month = number(5..<7) else { return nil }
        if chars.count == 7 { return CalendarDay(year: year, month: month, day: 1) }
        guard chars.count >= 10, chars[7] == "-", let day = number(8..<10) else { return nil }
        if chars.count > 10, chars[10] != "T", chars[10] != " ", chars[10] != "t" { return nil }
        return CalendarDay(year: year, month: month, day: day)
    }

    /// The same day `months` months later (earlier when negative), moved back to the month's last day if needed.
    public func adding(months: Int) -> CalendarDay {
        let total = year * 12 + (month - 1) + months
        let newYear = total >= 0 ? total / 12 : (total - 11) / 12
        let newMonth = total - newYear * 12 + 1
        let newDay = min(day, Self.days(inMonth: newMonth, of: newYear))
        return CalendarDay(year: newYear, month: newMonth, day: newDay) ?? self
    }

    /// Days since 1970-01-01 (negative before), for comparisons and differences.
    public var ordinal: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(width - text.count, 0)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool { lhs.ordinal < rhs.ordinal }

    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension String {
    /// The text without leading and trailing white space.
    func trimmingWhitespace() -> String { ExportText.trimmed(self) }
}
