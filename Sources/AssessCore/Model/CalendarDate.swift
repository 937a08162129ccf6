/// A calendar date (proleptic Gregorian, no time or time zone): the engine's one date type, used by every
/// reader of evidence, rubrics, exports and the command line.
///
/// Dates come only from input, never from the clock, and are compared and shifted without the locale, so the
/// same evidence always gives the same result. ``read(_:forms:order:)`` is the one parser: it accepts the forms
/// the readers need and refuses a date that does not exist with the reason ("February 2026 has 28 days").
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, 1 to 9999.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month.
    public let day: Int

    /// A date, or nil when it does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard Self.problem(year: year, month: month, day: day) == nil else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether a year has 29 February.
    public static func isLeapYear(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// The number of days in a month (1 to 12) of a year.
    public static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The English names of the months, January first.
    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                    "September", "October", "November", "December"]

    /// Why a year, month and day are not a date ("there is no month 13", "February 2026 has 28 days"), or nil.
    public static func problem(year: Int, month: Int, day: Int?) -> String? {
        guard (1...9999).contains(year) else { return "the year must be from 1 to 9999" }
        guard (1...12).contains(month) else { return "there is no month \(month)" }
        guard let day else { return nil }
        guard day >= 1 else { return "there is no day \(day)" }
        let last = days(inMonth: month, year: year)
        guard day <= last else { return "\(monthNames[month - 1]) \(year) has \(last) days" }
        return nil
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String { CalendarMonth(year: year, month: month).description + "-" + (day < 10 ? "0" : "") + String(day) }

    /// Days since 1970-01-01 (negative before), for differences.
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

    /// The date's month.
    public var calendarMonth: CalendarMonth { CalendarMonth(year: year, month: month) }

    /// The same day `months` months later (earlier when negative), moved back to the month's last day if
    /// needed: 12 months before 2024-02-29 is 2023-02-28. Stays within years 1 to 9999.
    public func adding(months: Int) -> CalendarDate {
        let total = min(max(year * 12 + (month - 1) + months, 12), 9999 * 12 + 11)
        let newYear = total / 12, newMonth = total % 12 + 1
        return CalendarDate(year: newYear, month: newMonth, day: min(day, Self.days(inMonth: newMonth, year: newYear))) ?? self
    }

    /// The last day of the date's month.
    public var endOfMonth: CalendarDate {
        CalendarDate(year: year, month: month, day: Self.days(inMonth: month, year: year)) ?? self
    }

    // MARK: - Reading

    /// How much of a date was written.
    public enum Precision: Sendable, Hashable {
        /// `2025`: the date read is 1 January.
        case year
        /// `2025-03`, `March 2025`: the date read is the 1st.
        case month
        /// A whole day.
        case day
    }

    /// Which way round a numeric date such as 03/04/2025 is.
    public enum SlashOrder: String, CaseIterable, Sendable {
        /// Day first: 31/03/2026 (the UK default).
        case dmy
        /// Month first: 03/31/2026.
        case mdy
    }

    /// The written forms a reader accepts.
    public struct Forms: OptionSet, Sendable, Hashable {
        /// The set, as bits.
        public let rawValue: Int
        /// Creates a set of forms.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// ISO 8601 / W3C: `2025`, `2025-03`, `2025-03-31`, and a date with a time (`2025-03-31T09:30:00Z`,
        /// `2021-08-31 19:53 +0000`); the time and zone are checked for shape and not converted.
        public static let iso = Forms(rawValue: 1)
        /// Numbers with `/`, `-` or `.`: `31/03/2025`, `31/03/25` (20YY), `03/2025`, `2025/03`.
        public static let numeric = Forms(rawValue: 2)
        /// Month names: `31 March 2025`, `31 Mar 2025`, `March 31, 2025`, `March 2025`, `Apr-25`.
        public static let names = Forms(rawValue: 4)
        /// Every form.
        public static let all: Forms = [.iso, .numeric, .names]
    }

    /// What a text holds, read as a date.
    public enum Reading: Sendable, Hashable {
        /// A date that exists; for a month or a year, its first day.
        case date(CalendarDate, Precision)
        /// Written like a date, but no such date exists: the reason ("February 2026 has 28 days").
        case impossible(String)
        /// None of the accepted forms.
        case notADate
    }

    /// Reads a date written in one of `forms`. A two-digit year is 20YY; a time after the date is ignored.
    public static func read(_ raw: String, forms: Forms = .all, order: SlashOrder = .dmy) -> Reading {
        let text = ExportText.trimmed(raw)
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 64 else { return .notADate }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count, !range.isEmpty else { return nil }
            var value = 0
            for index in range {
                guard isDigit(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - 48)
            }
            return value
        }
        func checked(_ year: Int, _ month: Int, _ day: Int?, _ precision: Precision) -> Reading {
            if let reason = problem(year: year, month: month, day: day) { return .impossible(reason) }
            guard let date = CalendarDate(year: year, month: month, day: day ?? 1) else { return .notADate }
            return .date(date, precision)
        }
        // ISO: four digits, then nothing or a dash.
        if forms.contains(.iso), let year = digits(0..<4), bytes.count == 4 || bytes[4] == 45 {
            if bytes.count == 4 { return checked(year, 1, nil, .year) }
            guard let month = digits(5..<7) else { return .notADate }
            if bytes.count == 7 { return checked(year, month, nil, .month) }
            guard bytes.count >= 10, bytes[7] == 45, let day = digits(8..<10) else { return .notADate }
            if bytes.count > 10 {
                // A time must follow: 'T' (or a space, as spreadsheets write it) and hh:mm.
                guard bytes[10] == 84 || bytes[10] == 116 || bytes[10] == 32, bytes.count >= 16,
                      let hour = digits(11..<13), bytes[13] == 58, let minute = digits(14..<16) else { return .notADate }
                guard hour < 24, minute < 60 else {
                    return .impossible("\(text[text.index(text.startIndex, offsetBy: 11)...].prefix(5)) is not a time of day")
                }
            }
            return checked(year, month, day, .day)
        }
        let datePart = text.split(separator: " ", maxSplits: 1).first.map(String.init) ?? text
        // Numbers: 31/03/2025, 31-03-25, 31.03.2025, 03/2025, 2025/03.
        if forms.contains(.numeric), datePart.utf8.contains(where: { $0 == 47 || $0 == 45 || $0 == 46 }),
           datePart.utf8.allSatisfy({ isDigit($0) || $0 == 47 || $0 == 45 || $0 == 46 }) {
            let parts = datePart.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).map(String.init)
            guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 }),
                  parts.count == datePart.split(separator: "/", omittingEmptySubsequences: false).count
                    || parts.count == datePart.split(separator: "-", omittingEmptySubsequences: false).count
                    || parts.count == datePart.split(separator: ".", omittingEmptySubsequences: false).count
            else { return .notADate }
            let numbers = parts.compactMap { Int($0) }
            guard numbers.count == parts.count else { return .notADate }
            func year(_ index: Int) -> Int? {
                switch parts[index].count {
                case 4: return numbers[index]
                case 2: return 2000 + numbers[index]
                default: return nil
                }
            }
            if parts.count == 3 {
                if parts[0].count == 4 {
                    guard parts[1].count <= 2, parts[2].count <= 2 else { return .notADate }
                    return checked(numbers[0], numbers[1], numbers[2], .day)
                }
                guard parts[0].count <= 2, parts[1].count <= 2, let y = year(2) else { return .notADate }
                return order == .dmy ? checked(y, numbers[1], numbers[0], .day) : checked(y, numbers[0], numbers[1], .day)
            }
            if parts[0].count == 4, parts[1].count <= 2 { return checked(numbers[0], numbers[1], nil, .month) }
            if parts[1].count == 4, parts[0].count <= 2 { return checked(numbers[1], numbers[0], nil, .month) }
            return .notADate
        }
        // Month names: 31 March 2025, March 31, 2025, March 2025, Apr-25, 1-Apr-2025.
        if forms.contains(.names) {
            let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" || $0 == "." }).map(String.init)
            func number(_ word: String) -> Int? { word.count <= 2 && word.utf8.allSatisfy(isDigit) ? Int(word) : nil }
            func year(_ word: String) -> Int? {
                guard word.utf8.allSatisfy(isDigit), let value = Int(word) else { return nil }
                return word.count == 4 ? value : word.count == 2 ? 2000 + value : nil
            }
            if words.count >= 3, let d = number(words[0]), let m = monthNumber(words[1]), let y = year(words[2]) {
                return checked(y, m, d, .day)
            }
            if words.count >= 3, let m = monthNumber(words[0]), let d = number(words[1]), let y = year(words[2]) {
                return checked(y, m, d, .day)
            }
            if words.count >= 2, let m = monthNumber(words[0]), let y = year(words[1]) {
                return checked(y, m, nil, .month)
            }
        }
        return .notADate
    }

    /// A date as far as it was written: `2025`, `2025-04` or `2025-04-01`. Ordered by its (first) day.
    public struct Written: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// The day, or the first day of the month or year written.
        public let date: CalendarDate
        /// How much was written.
        public let precision: Precision

        /// Creates a written date.
        public init(_ date: CalendarDate, _ precision: Precision) {
            self.date = date
            self.precision = precision
        }

        public static func < (lhs: Written, rhs: Written) -> Bool { lhs.date < rhs.date }

        /// `2025`, `2025-04` or `2025-04-01`.
        public var description: String {
            switch precision {
            case .year: return String(date.description.prefix(4))
            case .month: return date.calendarMonth.description
            case .day: return date.description
            }
        }
    }

    /// The number of a month from its English name or a three-letter (or `Sept`) abbreviation, in any case.
    public static func monthNumber(_ word: String) -> Int? {
        let lower = word.lowercased()
        guard lower.count >= 3, lower.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        if lower == "sept" { return 9 }
        guard let index = monthNames.firstIndex(where: { name in
            let full = name.lowercased()
            return full == lower || (lower.count == 3 && full.hasPrefix(lower))
        }) else { return nil }
        return index + 1
    }

    /// The message for a text that is not a date, naming the reason when it is written like one:
    /// "2026-02-30 is not a date: February 2026 has 28 days".
    public static func message(_ text: String, _ reading: Reading, expected: String) -> String? {
        switch reading {
        case .date: return nil
        case .impossible(let reason): return "\(text) is not a date: \(reason)"
        case .notADate: return "\(text) is not a date written \(expected)"
        }
    }

    /// The last day of an evidence period: `2025-26`, `2025/26` or `2025-2026` is a UK financial year ending
    /// 31 March 2026; `2025` ends on 31 December; `2025-03` on 31 March 2025; `2025-03-31` is that day.
    public static func endOfPeriod(_ period: String) -> CalendarDate? {
        if let year = financialYear(period) { return CalendarDate(year: year + 1, month: 3, day: 31) }
        guard case .date(let date, let precision) = read(period, forms: .iso) else { return nil }
        switch precision {
        case .day: return date
        case .month: return date.endOfMonth
        case .year: return CalendarDate(year: date.year, month: 12, day: 31)
        }
    }

    /// The starting year of a UK financial year written `2025-26`, `2025/26` or `2025-2026`, or nil.
    public static func financialYear(_ text: String) -> Int? {
        let parts = ExportText.trimmed(text).split(whereSeparator: { $0 == "-" || $0 == "/" }).map(String.init)
        guard parts.count == 2, parts[0].count == 4, let start = Int(parts[0]), let end = Int(parts[1]),
              (1...9998).contains(start) else { return nil }
        if parts[1].count == 2, end == (start + 1) % 100 { return start }
        if parts[1].count == 4, end == start + 1 { return start }
        return nil
    }
}

/// A calendar month, for exports that total by month.
public struct CalendarMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int

    /// A month; the caller passes a month 1 to 12 (as ``CalendarDate`` reads them).
    public init(year: Int, month: Int) {
        self.year = year
        self.month = min(max(month, 1), 12)
    }

    /// Months since year 0, for ordering and spans.
    public var ordinal: Int { year * 12 + month - 1 }

    public static func < (lhs: CalendarMonth, rhs: CalendarMonth) -> Bool { lhs.ordinal < rhs.ordinal }

    /// `2025-04`.
    public var description: String {
        let y = String(year)
        return String(repeating: "0", count: max(4 - y.count, 0)) + y + "-" + (month < 10 ? "0" : "") + String(month)
    }
}
