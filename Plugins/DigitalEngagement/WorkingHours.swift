import AssessCore

/// The working week a response time is measured in: Monday to Friday between a start and an end time
/// (09:00-17:00 by default). Bank holidays are not taken out. Times are read as written, as UK local time.
///
/// Why: a first reply within one clock hour, at any hour of any day, needs someone watching the inbox
/// around the clock. UK councils staff social media in office hours and say so: Mole Valley District Council
/// monitors its accounts 9am to 5pm, Monday to Friday, and aims to acknowledge within one working day
/// (molevalley.gov.uk/social-media); Southend-on-Sea's social media protocol says its accounts are monitored in
/// office hours and aims to respond within 48 office hours (southend.gov.uk). Elapsed time would mark down a
/// message sent on Friday evening and answered first thing on Monday as a 64-hour wait.
struct WorkingHours: Sendable, Hashable {
    /// Minutes after midnight the working day starts.
    var start: Int
    /// Minutes after midnight it ends.
    var end: Int

    /// Monday to Friday, 09:00 to 17:00.
    static let standard = WorkingHours(start: 9 * 60, end: 17 * 60)

    /// Working minutes in a day.
    var minutesPerDay: Int { end - start }

    /// Reads `09:00-17:00`; nil when it is not two times with the end after the start.
    init?(_ text: String) {
        let parts = text.split(separator: "-").map { String($0.filter { $0 != " " }) }
        guard parts.count == 2, let start = Self.minutes(parts[0]), let end = Self.minutes(parts[1]), end > start else { return nil }
        self.start = start
        self.end = end
    }

    init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// `09:00` or `9:00` as minutes after midnight.
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m), h * 60 + m <= 24 * 60
        else { return nil }
        return h * 60 + m
    }

    /// Minutes since 1970-01-01 00:00 of a timestamp such as `2025-04-01 08:12`, `01/04/2025 08:12` or
    /// `2025-04-01T08:12:30+01:00` (the zone is ignored: times are read as UK local time). Nil without a
    /// date and an hh:mm time.
    static func timestamp(_ text: String) -> Int? {
        guard case .date(let day, .day) = CalendarDate.read(text) else { return nil }
        // The first hh:mm in the text: one or two digits, a colon, two digits.
        let characters = Array(text)
        var time: Int?
        for (index, character) in characters.enumerated() where character == ":" {
            var first = index
            while first > 0, index - first < 2, characters[first - 1].isNumber { first -= 1 }
            guard first < index, index + 2 < characters.count else { continue }
            let hours = String(characters[first..<index])
            let minutes = String(characters[(index + 1)...(index + 2)])
            if let value = Self.minutes(hours + ":" + minutes) { time = value; break }
        }
        guard let time else { return nil }
        return day.ordinal * 24 * 60 + time
    }

    /// Working minutes from 1970-01-05 (a Monday) to a moment given in minutes since 1970-01-01.
    func cumulative(_ moment: Int) -> Int {
        let minutesSinceMonday = moment - 4 * 24 * 60
        let day = Int((Double(minutesSinceMonday) / Double(24 * 60)).rounded(.down))
        let minuteOfDay = minutesSinceMonday - day * 24 * 60
        let weeks = Int((Double(day) / 7).rounded(.down))
        let weekday = day - weeks * 7   // 0 Monday ... 6 Sunday
        let fullDays = weeks * 5 + min(weekday, 5)
        let today = weekday < 5 ? max(0, min(minuteOfDay - start, minutesPerDay)) : 0
        return fullDays * minutesPerDay + today
    }

    /// The working minutes between a message arriving and a reply `elapsed` minutes later.
    func workingMinutes(from received: Int, elapsed: Double) -> Double {
        // At most a century: beyond that the figure is nonsense anyway, and Int(_:) must not overflow.
        let century = Double(100 * 366 * 24 * 60)
        let elapsed = elapsed.isNaN ? century : Swift.min(Swift.max(elapsed, 0), century)
        let whole = Int(elapsed.rounded(.down))
        let fraction = elapsed - Double(whole)
        let working = cumulative(received + whole) - cumulative(received)
        // A fraction of a minute counts if that minute is a working one.
        let last = cumulative(received + whole + 1) - cumulative(received + whole)
        return Double(working) + fraction * Double(last)
    }
}
