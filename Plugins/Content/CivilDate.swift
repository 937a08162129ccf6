import AssessCore

/// A calendar date (proleptic Gregorian, no time zone), compared and shifted without the system clock or
/// locale, so results never depend on when or where `assess` runs.
struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    let year: Int
    let month: Int
    let day: Int

    /// A date, or nil when the day does not exist.
    init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...Self.days(inMonth: month, year: year)).contains(day) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`.
    var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(width - text.count, 0)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// The same day `months` months earlier (or later, for a negative count), clamped to the month's end:
    /// 12 months before 2024-02-29 is 2023-02-28.
    func adding(months: Int) -> CivilDate {
        let index = year * 12 + (month - 1) + months
        let newYear = index / 12, newMonth = index % 12 + 1
        let newDay = min(day, Self.days(inMonth: newMonth, year: newYear))
        return CivilDate(year: newYear, month: newMonth, day: newDay) ?? self
    }

    /// The last day of the date's month.
    var endOfMonth: CivilDate {
        CivilDate(year: year, month: month, day: Self.days(inMonth: month, year: year)) ?? self
    }

    // MARK: - Parsing

    /// Which way round a date written with slashes is.
    enum SlashOrder: String, CaseIterable, Sendable {
        /// Day first: 31/03/2026 (the UK default).
        case dmy
        /// Month first: 03/31/2026.
        case mdy
    }

    /// What a partial date stands for.
    enum Precision: Sendable {
        /// A whole day.
        case day
        /// A month (`2025-03`) or a year (`2025`), with the first and last days it covers.
        case period(last: CivilDate)
    }

    /// A W3C datetime (the sitemap protocol's `lastmod`, and ISO 8601 dates in general): `YYYY`, `YYYY-MM`,
    /// `YYYY-MM-DD`, or `YYYY-MM-DD` followed by `T` and a time with a zone. The date is taken as written (the
    /// time and zone are not converted). A year or month gives its first day, with the period's last day.
    static func w3c(_ text: String) -> (date: CivilDate, precision: Precision)? {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count, !range.isEmpty else { return nil }
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        let dash = UInt8(ascii: "-")
        guard let year = digits(0..<4) else { return nil }
        if bytes.count == 4 {
            guard let first = CivilDate(year: year, month: 1, day: 1), let last = CivilDate(year: year, month: 12, day: 31) else { return nil }
            return (first, .period(last: last))
        }
        guard bytes.count >= 7, bytes[4] == dash, let month = digits(5..<7) else { return nil }
        if bytes.count == 7 {
            guard let first = CivilDate(year: year, month: month, day: 1) else { return nil }
            return (first, .period(last: first.endOfMonth))
        }
        guard bytes.count >= 10, bytes[7] == dash, let day = digits(8..<10), let date = CivilDate(year: year, month: month, day: day) else {
            return nil
        }
        if bytes.count == 10 { return (date, .day) }
        // A time must follow: 'T' (or a space, as spreadsheets write it) and hh:mm.
        guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes.count >= 16,
              let hour = digits(11..<13), bytes[13] == UInt8(ascii: ":"), let minute = digits(14..<16), hour < 24, minute < 60
        else { return nil }
        return (date, .day)
    }

    /// A date as spreadsheets and CMS exports write it: ISO (`2025-03-31`, with an optional time), with
    /// slashes (`31/03/2025`, day first unless `order` is `mdy`; a two-digit year is 20YY), or with the month's
    /// name (`31 March 2025`, `31 Mar 2025`, `March 31, 2025`). A time after the date is ignored.
    static func loose(_ raw: String, order: SlashOrder) -> CivilDate? {
        let text = raw.trimmingSpaces()
        if let first = text.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9"), text.utf8.count >= 10,
           Array(text.utf8)[4] == UInt8(ascii: "-") {
            guard let parsed = w3c(text), case .day = parsed.precision else { return nil }
            return parsed.date
        }
        let datePart = text.split(separator: " ", maxSplits: 1).first.map(String.init) ?? text
        if datePart.contains("/") {
            let parts = datePart.split(separator: "/", omittingEmptySubsequences: false).map { Int($0) }
            guard parts.count == 3, let a = parts[0], let b = parts[1], var year = parts[2] else { return nil }
            if year < 100 { year += 2000 }
            return order == .dmy ? CivilDate(year: year, month: b, day: a) : CivilDate(year: year, month: a, day: b)
        }
        // Words: "31 March 2025", "31 Mar 2025", "March 31, 2025".
        let words = text.split { $0 == " " || $0 == "," }.map { String($0) }
        guard words.count >= 3 else { return nil }
        if let day = Int(words[0]), let month = monthNumber(words[1]), let year = Int(words[2]) {
            return CivilDate(year: year, month: month, day: day)
        }
        if let month = monthNumber(words[0]), let day = Int(words[1]), let year = Int(words[2]) {
            return CivilDate(year: year, month: month, day: day)
        }
        return nil
    }

    private static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                                     "october", "november", "december"]

    private static func monthNumber(_ word: String) -> Int? {
        let lower = word.lowercased()
        guard lower.count >= 3 else { return nil }
        if let index = monthNames.firstIndex(where: { $0 == lower || ($0.hasPrefix(lower) && lower.count == 3) || (lower == "sept" && $0 == "september") }) {
            return index + 1
        }
        return nil
    }

    /// The last day of an evidence period: `2025-26` or `2025/26` or `2025-2026` is a UK financial year ending
    /// 31 March 2026; `2025` ends on 31 December; `2025-03` on 31 March 2025; `2025-03-31` is that day.
    static func endOfPeriod(_ period: String) -> CivilDate? {
        let text = period.trimmingSpaces()
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" }).map(String.init)
        if parts.count == 2, parts[0].count == 4, let start = Int(parts[0]), let end = Int(parts[1]) {
            if parts[1].count == 2, end == (start + 1) % 100 { return CivilDate(year: start + 1, month: 3, day: 31) }
            if parts[1].count == 4, end == start + 1 { return CivilDate(year: end, month: 3, day: 31) }
        }
        guard let parsed = w3c(text) else { return nil }
        switch parsed.precision {
        case .day: return parsed.date
        case .period(let last): return last
        }
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    func trimmingSpaces() -> String {
        // On UTF-8 bytes: the blanks are ASCII, so slicing between them never splits a character.
        let bytes = utf8
        let blank: (UInt8) -> Bool = { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }
        guard let first = bytes.firstIndex(where: { !blank($0) }), let last = bytes.lastIndex(where: { !blank($0) }) else { return "" }
        if first == bytes.startIndex, last == bytes.index(before: bytes.endIndex) { return self }
        return String(self[first...last])
    }
}
