import AssessCore

/// A social media analytics export, in one of three layouts:
///
/// - **neutral** (documented in docs/plugins/digital-engagement.md): one row per platform and period with
///   `platform`, `period`, `posts`, `comments received`, `mentions received`, `messages received`,
///   `replies sent`, `median response minutes` and `followers` (any subset the measure needs);
/// - **X (Twitter) tweet activity** (`tweet_activity_metrics_….csv` from analytics.twitter.com): one row per
///   tweet, with `Tweet id`, `Tweet text`, `time`, `impressions`, `engagements`, `replies` …;
/// - **X (Twitter) daily activity** (`daily_tweet_activity_metrics_….csv`): one row per day, with `Date`,
///   `Tweets published`, `impressions`, `engagements`, `replies` ….
struct SocialExport: Sendable {
    /// The export's layout.
    enum Layout: Sendable {
        case neutral, tweetActivity, dailyTweetActivity

        var name: String {
            switch self {
            case .neutral: return "social analytics layout"
            case .tweetActivity: return "X (Twitter) tweet activity export"
            case .dailyTweetActivity: return "X (Twitter) daily activity export"
            }
        }
    }

    /// Accepted column names of the neutral layout (case, spaces and punctuation ignored).
    enum Columns {
        static let platform = ["platform", "network", "social network", "site"]
        static let period = ["period", "month", "date", "week"]
        static let posts = ["posts", "posts published", "published posts", "broadcasts", "outbound posts"]
        static let comments = ["comments received", "comments"]
        static let mentions = ["mentions received", "mentions"]
        static let messages = ["messages received", "direct messages received", "direct messages", "messages",
                               "private messages received"]
        static let received = ["received", "inbound messages", "inbound", "total received"]
        static let repliesSent = ["replies sent", "responses sent", "replies by the council", "outbound replies"]
        static let followers = ["followers", "page likes", "page followers", "fans", "total followers",
                                "followers at end of period", "audience", "lifetime total likes"]
        static let medianMinutes = ["median response minutes", "median response time minutes", "median response time mins",
                                    "median first response minutes", "median reply time minutes"]
        static let medianHours = ["median response hours", "median response time hours", "median response time hrs",
                                  "median reply time hours"]
        static let responseMinutes = ["response minutes", "response time minutes", "first response minutes",
                                      "reply time minutes", "time to first reply minutes"]
        static let responseHours = ["response hours", "response time hours", "first response hours", "reply time hours"]
    }

    /// The platform name the X (Twitter) exports stand for.
    static let twitter = "X (Twitter)"

    /// The file.
    let file: EvidenceFile
    /// The table.
    let table: ExportTable
    /// Its layout.
    let layout: Layout

    /// Reads an export and recognises its layout.
    init(_ file: EvidenceFile) throws(AssessmentIssue) {
        self.file = file
        table = try ExportTable(file, what: "social media analytics export")
        if table.column(["tweet id"]) != nil, table.column(["tweet text"]) != nil {
            layout = .tweetActivity
        } else if table.column(["tweets published"]) != nil, table.column(["platform"]) == nil {
            layout = .dailyTweetActivity
        } else {
            layout = .neutral
        }
    }

    /// The file as the evidence names it.
    var name: String { file.fact.file ?? file.path }

    /// The header line.
    var headerLine: Int { table.table.headerLine }

    /// An error on the header line saying the layout cannot give a measure.
    func cannotGive(_ measure: String, because reason: String, hint: String) -> AssessmentIssue {
        file.error("the \(layout.name) cannot give \(measure): \(reason)", line: headerLine, column: 1, hint: hint)
    }

    /// The platform column of the neutral layout (required there).
    func platformColumn(for measure: String) throws(AssessmentIssue) -> Int? {
        guard layout == .neutral else { return nil }
        return try table.require(Columns.platform, for: measure)
    }

    /// A row's platform: the platform cell, or X (Twitter) for the X exports.
    func platform(_ row: CSVTable.Row, _ column: Int?) throws(AssessmentIssue) -> String {
        guard let column else { return Self.twitter }
        let raw = table.text(row, column)
        guard !raw.isEmpty else {
            throw table.error("the '\(table.heading(column))' cell is empty", row, column,
                              hint: "every row needs its platform (Facebook, X, Instagram ...)")
        }
        return Self.platformName(raw)
    }

    /// The column holding a row's period or date, if any.
    var periodColumn: Int? {
        switch layout {
        case .neutral: return table.column(Columns.period)
        case .tweetActivity: return table.column(["time"])
        case .dailyTweetActivity: return table.column(["date"])
        }
    }

    /// A row's period, read from the period column.
    func period(_ row: CSVTable.Row, _ column: Int) throws(AssessmentIssue) -> CalendarDate.Written {
        let raw = table.text(row, column)
        let reading = CalendarDate.read(raw)
        if case .impossible(let reason) = reading {
            throw table.error("'\(raw)' in column '\(table.heading(column))' is not a date: \(reason)", row, column,
                              hint: "write months as 2025-04 or dates as 2025-04-01")
        }
        guard case .date(let date, let precision) = reading, precision != .year else {
            throw table.error(raw.isEmpty ? "the '\(table.heading(column))' cell is empty"
                              : "'\(raw)' in column '\(table.heading(column))' is not a month or a date", row, column,
                              hint: "write months as 2025-04 or dates as 2025-04-01")
        }
        return CalendarDate.Written(date, precision)
    }

    /// "12 rows, 2025-04 to 2026-03".
    func summary() -> String {
        var text = "\(layout.name), \(table.rows.count) rows"
        if let column = periodColumn {
            let days = table.rows.compactMap { row -> CalendarDate.Written? in
                guard case .date(let date, let precision) = CalendarDate.read(table.text(row, column)), precision != .year else { return nil }
                return CalendarDate.Written(date, precision)
            }
            if let first = days.min(), let last = days.max() { text += first == last ? ", \(first)" : ", \(first) to \(last)" }
        }
        return "\(name) (\(text))"
    }

    /// One name per platform however the export spells it.
    static func platformName(_ raw: String) -> String {
        switch raw.squashed {
        case "x", "twitter", "xtwitter", "twitterx", "twittercom", "xcom": return twitter
        case "facebook", "fb", "facebookpage", "meta": return "Facebook"
        case "instagram", "ig": return "Instagram"
        case "linkedin": return "LinkedIn"
        case "youtube": return "YouTube"
        case "tiktok": return "TikTok"
        case "nextdoor": return "Nextdoor"
        case "threads": return "Threads"
        case "bluesky": return "Bluesky"
        case "whatsapp", "whatsappchannel": return "WhatsApp"
        default: return raw
        }
    }

    /// Platforms in order of first appearance.
    static func ordered(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
