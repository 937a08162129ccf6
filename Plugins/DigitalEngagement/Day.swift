import AssessCore

/// A day, read from the ways analytics exports write a date or a month (a month alone is its first day).
struct Day: Sendable, Hashable, Comparable {
    /// The year.
    var year: Int
    /// 1 to 12.
    var month: Int
    /// 1 to 31 (1 when only the month is known).
    var day: Int

    /// For ordering.
    var key: Int { year * 10_000 + month * 100 + day }

    /// `2025-04-01`, or `2025-04` when only the month was written.
    let label: String

    static func < (lhs: Day, rhs: Day) -> Bool { lhs.key < rhs.key }
    static func == (lhs: Day, rhs: Day) -> Bool { lhs.key == rhs.key }
    func hash(into hasher: inout Hasher) { hasher.combine(key) }

    /// Reads a day from the ways analytics exports write a date or a month (see `ExportDate.parts`); a month
    /// alone is its first day. Nil when the text is none of these or the day is not 1 to 31.
    init?(_ text: String) {
        guard let (y, m, d) = ExportDate.parts(text), (1...31).contains(d ?? 1) else { return nil }
        self.year = y
        self.month = m
        self.day = d ?? 1
        let mm = (m < 10 ? "0" : "") + String(m)
        self.label = d.map { "\(y)-\(mm)-\($0 < 10 ? "0" : "")\($0)" } ?? "\(y)-\(mm)"
    }
}
