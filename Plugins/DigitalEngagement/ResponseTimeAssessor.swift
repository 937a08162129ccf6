import AssessCore

/// The median time to a first reply on social media, in hours.
public struct ResponseTimeAssessor: Assessor {
    let thresholds: Thresholds
    /// How time is counted.
    enum Clock: String, CaseIterable, Sendable {
        /// Only the hours of the working week count.
        case working
        /// Every hour counts (the older measure, which rewards 24/7 staffing).
        case elapsed
    }
    let clock: Clock
    let hours: WorkingHours
    let sample: MinimumSample

    /// Timestamp columns of a per-message export.
    static let receivedColumns = ["received", "received at", "date received", "time received", "received time", "created", "created at"]

    /// Why 30 replies: a median of n replies has a 95% confidence interval running between about the
    /// (n/2 - sqrt(n))th and (n/2 + sqrt(n))th fastest replies (the binomial interval for a median, as in
    /// Conover, Practical Nonparametric Statistics, 3rd edition, 1999, section 3.2). At 30 that is the 10th to
    /// the 21st reply, a third of the sample; with fewer it spans most of the replies.
    static let defaultMinimumReplies = 30

    /// An inbox export with one row per message received (blank: never answered).
    static let perMessage = """
        platform,received,response minutes
        Facebook,2025-04-01 08:12,35
        Facebook,2025-04-01 09:40,120
        X,2025-04-01 11:05,600
        Facebook,2025-04-01 19:30,
        Instagram,2025-04-02 07:55,240

        """

    public static let description = AssessorDescription(
        id: "digital-engagement.response-time", title: "Median response time on social media",
        purpose: "Computes the median time to a first reply, in working hours (Monday to Friday, 09:00-17:00 by default, so the top level does not need 24/7 staffing), from a social media analytics export: per message ('received' time and 'response minutes' or 'response hours', one row per message, blank when never answered; only working hours between the two count) or per period ('median response minutes' or 'median response hours' per platform and period, combined as a median weighted by the replies sent, and read as the tool reports them: set the tool to business hours); or takes the number of hours given, read as working hours.",
        roles: [
            RoleDescription("response-time", type: "number of hours, or a social media analytics export (CSV)",
                            "the median time to a first reply"),
        ],
        parameters: [
            ParameterDescription("clock", type: "working | elapsed", default: "working",
                                 "count only working hours between a message and its reply, or every hour"),
            ParameterDescription("working-hours", type: "hh:mm-hh:mm", default: "09:00-17:00",
                                 "the working day, Monday to Friday (bank holidays are not taken out)"),
        ] + MinimumSample.parameterDescriptions(default: defaultMinimumReplies, unit: "replies",
                                                 why: "the 95% interval of a median of 30 spans a third of the replies; Conover, 1999")
            + Thresholds.parameterDescriptions,
        examples: [
            // Tuesday 1 April 2025: 08:12 + 35 min is before 09:00 (0 working minutes); 09:40 + 120 = 120; 11:05 + 600 min
            // runs to 21:05, of which 11:05-17:00 = 355 count; Wednesday 07:55 + 240 = 175 (from 09:00). Median of
            // 0, 120, 175, 355 = 147.5 minutes = 2.46 working hours, between level 4 (4) and 5 (1).
            AssessorExample(parameters: "{thresholds: [48, 24, 8, 4, 1], direction: lower}",
                            evidence: "response-time: {file: inbox.csv}", files: ["inbox.csv": perMessage], expect: .level(4.5139)),
            // Counting every hour: 35, 120, 240, 600 minutes; median 180 minutes = 3 hours.
            AssessorExample(parameters: "{thresholds: [48, 24, 8, 4, 1], direction: lower, clock: elapsed}",
                            evidence: "response-time: {file: inbox.csv}", files: ["inbox.csv": perMessage], expect: .level(4.3333)),
            // A message on Friday 17:30 answered on Monday 09:30 (3,840 minutes later) waited 30 working minutes.
            AssessorExample(parameters: "{thresholds: [48, 24, 8, 4, 1], direction: lower}",
                            evidence: "response-time: {file: inbox.csv}",
                            files: ["inbox.csv": "platform,received,response minutes\nFacebook,2025-04-04 17:30,3840\n"], expect: .level(5)),
            // Four answered messages against a minimum of 30 that refuses a level below it.
            AssessorExample(parameters: "{thresholds: [48, 24, 8, 4, 1], direction: lower, minimum-sample: 30, below-minimum: not-assessed}",
                            evidence: "response-time: {file: inbox.csv}", files: ["inbox.csv": perMessage], expect: .notAssessed),
            // Period medians 420 (330 replies), 300 (120) and blank (50): weighted median 420 minutes = 7 hours, a quarter of the way from level 3 (8) to 4 (4).
            AssessorExample(parameters: "{thresholds: [48, 24, 8, 4, 1], direction: lower}",
                            evidence: "response-time: {file: social.csv}",
                            files: ["social.csv": ConversationRatioAssessor.neutralExport], expect: .level(3.25)),
            AssessorExample(parameters: "{thresholds: [48, 24, 8, 4, 1], direction: lower}",
                            evidence: "response-time: 9.5", expect: .level(2.9063)),
            AssessorExample(parameters: "{thresholds: [48, 24, 8, 4, 1], direction: lower}",
                            evidence: "response-time: {file: tweets.csv}",
                            files: ["tweets.csv": ConversationRatioAssessor.tweetExport],
                            expect: .error("cannot give the median response time")),
            AssessorExample(parameters: "{thresholds: [48, 24, 8, 4, 1], direction: lower}",
                            evidence: "response-time: {file: inbox.csv}",
                            files: ["inbox.csv": "platform,received,response minutes\nFacebook,2025-04-01 08:12,35\nX,2025-04-01 11:05,ten\n"],
                            expect: .error("'ten' in column 'response minutes' is not a number")),
            AssessorExample(parameters: "{thresholds: [48, 24, 8, 4, 1], direction: lower}",
                            evidence: "response-time: -2", expect: .error("cannot be negative")),
            AssessorExample(parameters: "{thresholds: [48, 24, 8, 4, 1], direction: lower}", evidence: "other: 3",
                            expect: .notAssessed),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        guard let thresholds = Thresholds(parameters: parameters, scale: scale),
              let sample = MinimumSample(parameters: parameters, default: Self.defaultMinimumReplies, unit: "replies") else { return nil }
        var hours = WorkingHours.standard
        if let node = parameters["working-hours"] {
            guard let text = node.string() else { return nil }
            guard let parsed = WorkingHours(text) else {
                node.error("working-hours must be two times, such as 09:00-17:00, found '\(text)'", hint: "write the start and end of the working day as hh:mm-hh:mm")
                return nil
            }
            hours = parsed
        }
        var clock = Clock.working
        if let node = parameters["clock"] {
            guard let chosen = node.choice(Clock.self) else { return nil }
            clock = chosen
        }
        var t = thresholds
        if t.unit.isEmpty { t.unit = clock == .working ? " working hours" : " hours" }
        self.thresholds = t
        self.clock = clock
        self.hours = hours
        self.sample = sample
    }

    /// "working hours (Mon-Fri 09:00-17:00)" or "hours".
    var clockText: String {
        guard clock == .working else { return "hours" }
        let start = "\(hours.start / 60 < 10 ? "0" : "")\(hours.start / 60):\(hours.start % 60 < 10 ? "0" : "")\(hours.start % 60)"
        let end = "\(hours.end / 60 < 10 ? "0" : "")\(hours.end / 60):\(hours.end % 60 < 10 ? "0" : "")\(hours.end % 60)"
        return "working hours (Mon-Fri \(start)-\(end))"
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        guard input.hasFile("response-time") else {
            let hours = try input.number("response-time")
            guard hours >= 0 else {
                throw input.invalid("a response time cannot be negative, found \(Format.number(hours))", at: try input.value("response-time"))
            }
            return AssessorResult(.level(thresholds.level(for: hours)),
                                  rationale: "The median first reply takes \(Format.number(hours, decimals: 1)) \(clock == .working ? "working hours" : "hours") (as given). "
                                      + thresholds.explain(hours, measure: "The median response time"),
                                  findings: [Finding("median-hours", "Median response time (as given)", .number(hours, unit: "hours"))])
        }
        let export = try SocialExport(try input.file("response-time"))
        guard export.layout == .neutral else {
            throw export.cannotGive("the median response time", because: "X (Twitter) analytics do not record how long replies took",
                                    hint: "use the response-time report of the social media management tool, in the social analytics layout (median response minutes) or one row per message (response minutes)")
        }
        let table = export.table
        let columns = SocialExport.Columns.self
        var perPeriod = true
        var column: Int
        var scale = 1.0 / 60   // minutes to hours
        if let c = table.column(columns.medianMinutes) { column = c }
        else if let c = table.column(columns.medianHours) { column = c; scale = 1 }
        else if let c = table.column(columns.responseMinutes) { column = c; perPeriod = false }
        else if let c = table.column(columns.responseHours) { column = c; scale = 1; perPeriod = false }
        else {
            throw export.file.error("no response-time column, which the median response time needs", line: export.headerLine, column: 1,
                                    hint: "add 'median response minutes' (one value per platform and period) or 'response minutes' (one row per message); the columns are: \(table.table.header.joined(separator: ", "))")
        }
        let platformColumn = table.column(columns.platform)
        let weightColumn = perPeriod ? table.column(columns.repliesSent) : nil
        // Per message, working hours are counted from each message's received time.
        let receivedColumn = !perPeriod && clock == .working ? table.column(Self.receivedColumns) : nil
        var values: [(hours: Double, weight: Double, platform: String)] = []
        var blank = 0
        var platforms: [String] = []
        var elapsedHours: [Double] = []
        for row in table.rows {
            var platform = "all"
            if let platformColumn { platform = try export.platform(row, platformColumn) }
            platforms.append(platform)
            var weight = 1.0
            if let weightColumn { weight = try table.count(row, weightColumn) }
            guard var value = try table.optionalCount(row, column) else { blank += 1; continue }
            if let receivedColumn {
                let text = table.text(row, receivedColumn)
                guard let received = WorkingHours.timestamp(text) else {
                    throw table.error(text.isEmpty ? "the '\(table.heading(receivedColumn))' cell is empty"
                                      : "'\(text)' in column '\(table.heading(receivedColumn))' is not a date and time", row, receivedColumn,
                                      hint: "write when the message arrived as 2025-04-01 09:40 (UK time), so working hours can be counted")
                }
                elapsedHours.append(value * scale)
                value = hours.workingMinutes(from: received, elapsed: value * scale * 60) / (scale * 60)
            }
            if weight > 0 { values.append((value * scale, weight, platform)) }
        }
        guard !values.isEmpty else {
            throw export.file.error(perPeriod ? "no row has a response time" : "no message in the export was answered",
                                    line: export.headerLine, hint: "check the '\(table.heading(column))' column")
        }
        let median = Self.median(values.map { ($0.hours, $0.weight) })
        let present = SocialExport.ordered(platforms)
        let counted: String
        if perPeriod {
            counted = clock == .working ? "as the tool reports them (working hours if the tool is set to business hours)" : "as the tool reports them"
        } else if clock == .working, receivedColumn == nil {
            counted = "in elapsed hours: the export has no 'received' time, so working hours cannot be counted"
        } else {
            counted = "in \(clockText)"
        }
        var findings = [
            Finding("export", "Social media analytics export", .text(export.summary())),
            Finding("basis", "Measured from", .text(perPeriod
                ? "the median response time of each platform and period" + (weightColumn == nil ? "" : ", weighted by the replies sent")
                : "the first-reply time of each message")),
            Finding("clock", "Time counted", .text(counted)),
            Finding(perPeriod ? "periods" : "messages-answered", perPeriod ? "Periods with a response time" : "Messages answered",
                    .number(Double(values.count), unit: nil)),
        ]
        if blank > 0 {
            findings.append(Finding(perPeriod ? "periods-without-time" : "messages-unanswered",
                                    perPeriod ? "Periods without a response time (left out)" : "Messages never answered (left out of the median)",
                                    .number(Double(blank), unit: nil)))
        }
        if present.count > 1 {
            findings.append(Finding("by-platform", "Median by platform", .list(present.compactMap { name in
                let own = values.filter { $0.platform == name }
                guard !own.isEmpty else { return "\(name): no response time" }
                return "\(name): \(Format.number(Self.median(own.map { ($0.hours, $0.weight) }), decimals: 1)) hours"
            })))
        }
        if !elapsedHours.isEmpty, let elapsed = Stats.median(elapsedHours) {
            findings.append(Finding("median-elapsed-hours", "Median response time counting every hour", .number(elapsed, unit: "hours")))
        }
        findings.append(Finding("median-hours", "Median response time", .number(median, unit: receivedColumn == nil ? "hours" : "working hours")))
        let unit = receivedColumn != nil ? "working hours" : "hours"
        var rationale = "The median first reply takes \(Format.number(median, decimals: 1)) \(unit) across \(values.count) "
            + (perPeriod ? "platform-periods" : "answered messages")
        if !perPeriod, blank > 0 { rationale += " (\(blank) of \(values.count + blank) messages were never answered)" }
        if !perPeriod, clock == .working, receivedColumn == nil { rationale += ", counting every hour: the export has no 'received' time" }
        rationale += ". " + thresholds.explain(median, measure: "The median response time")
        let result = AssessorResult(.level(thresholds.level(for: median)), rationale: rationale, findings: findings)
        // The sample: answered messages, or the replies sent across the periods when the export counts them.
        let replies = perPeriod ? (weightColumn == nil ? nil : values.reduce(0) { $0 + $1.weight }) : Double(values.count)
        guard let replies else { return result }
        return try sample.apply(measured: replies, to: result)
    }

    /// The weighted median: the value at which half the weight lies on each side (the mean of the two middle
    /// values when the halves meet exactly between them, as for an ordinary median of an even count).
    static func median(_ values: [(value: Double, weight: Double)]) -> Double {
        let sorted = values.filter { $0.weight > 0 }.sorted { $0.value < $1.value }
        let total = sorted.reduce(0) { $0 + $1.weight }
        guard total > 0, let last = sorted.last else { return .nan }
        var cumulative = 0.0
        for (index, item) in sorted.enumerated() {
            cumulative += item.weight
            if abs(cumulative - total / 2) < 1e-9, index + 1 < sorted.count {
                return (item.value + sorted[index + 1].value) / 2
            }
            if cumulative > total / 2 { return item.value }
        }
        return last.value
    }
}
