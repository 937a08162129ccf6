/// A quarter of a UK financial year, which runs from April to March: April to June 2026 is Q1 of 2026-27,
/// January to March 2027 is Q4 of 2026-27.
public struct FiscalQuarter: Sendable, Hashable, Comparable {
    /// The calendar year the financial year starts in (2026 for 2026-27).
    public var year: Int
    /// 1 to 4.
    public var quarter: Int

    /// Creates a quarter; `quarter` outside 1...4 is carried into the year.
    public init(year: Int, quarter: Int) {
        let index = year * 4 + (quarter - 1)
        self.year = index >= 0 ? index / 4 : (index - 3) / 4
        self.quarter = index - self.year * 4 + 1
    }

    /// The quarter holding a calendar month (1 to 12) of a calendar year.
    public init(calendarYear: Int, month: Int) {
        let clamped = min(max(month, 1), 12)
        self.init(year: clamped >= 4 ? calendarYear : calendarYear - 1, quarter: clamped >= 4 ? (clamped - 4) / 3 + 1 : 4)
    }

    /// The quarter of a date written `YYYY-MM-DD` (or `YYYY-MM`), or nil if it is not one.
    public init?(date: String) {
        let parts = date.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        if parts.count == 3 { guard parts[2].count == 2, let day = Int(parts[2]), (1...31).contains(day) else { return nil } }
        self.init(calendarYear: year, month: month)
    }

    /// The first quarter after an evidence period: after a financial year (`2025-26`), its next year's Q1; after
    /// a month (the last `YYYY-MM` in text such as `2024-10 to 2026-01`), the quarter after the one holding it.
    /// Nil when the period names neither.
    public static func after(period: String) -> FiscalQuarter? {
        let tokens = period.split(whereSeparator: { !($0.isNumber || $0 == "-") }).map(String.init)
        for token in tokens.reversed() {
            let parts = token.split(separator: "-")
            guard parts.count >= 2, parts[0].count == 4, let year = Int(parts[0]), parts[1].count == 2, let second = Int(parts[1]) else { continue }
            if parts.count == 2, second == (year + 1) % 100 { return FiscalQuarter(year: year + 1, quarter: 1) }
            if (1...12).contains(second) { return FiscalQuarter(calendarYear: year, month: second).advanced(by: 1) }
        }
        return nil
    }

    /// The quarter `count` quarters later.
    public func advanced(by count: Int) -> FiscalQuarter { FiscalQuarter(year: year, quarter: quarter + count) }

    /// "2026-27".
    public var financialYear: String {
        let next = (year + 1) % 100
        return "\(year)-\(next < 10 ? "0" : "")\(next)"
    }

    /// "Q1 2026-27".
    public var label: String { "Q\(quarter) \(financialYear)" }

    public static func < (lhs: FiscalQuarter, rhs: FiscalQuarter) -> Bool {
        (lhs.year, lhs.quarter) < (rhs.year, rhs.quarter)
    }
}
