import AssessCore

/// The median time to a first reply on social media, in hours.
public struct ResponseTimeAssessor: Assessor {
    let thresholds: Thresholds

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
        purpose: "Computes the median time to a first reply, in hours, from a social media analytics export: per period ('median response minutes' or 'median response hours' per platform and period, combined as a median weighted by the replies sent) or per message ('response minutes' or 'response hours', one row per message, blank when never answered); or takes the number of hours given.",
        roles: [
            RoleDescription("response-time", type: "number of hours, or a social media analytics export (CSV)",
                            "the median time to a first reply"),
        ],
        parameters: Thresholds.parameterDescriptions,
        examples: [
            // Answered messages: 35, 120, 240, 600 minutes; median 180 minutes = 3 hours, between level 4 (4) and 5 (1).
            AssessorExample(parameters: "{thresholds: [48, 24, 8, 4, 1], direction: lower}",
                            evidence: "response-time: {file: inbox.csv}", files: ["inbox.csv": perMessage], expect: .level(4.3333)),
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
        guard let thresholds = Thresholds(parameters: parameters, scale: scale) else { return nil }
        var t = thresholds
        if t.unit.isEmpty { t.unit = " hours" }
        self.thresholds = t
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        guard input.hasFile("response-time") else {
            let hours = try input.number("response-time")
            guard hours >= 0 else {
                throw input.invalid("a response time cannot be negative, found \(Format.number(hours))", at: try input.value("response-time"))
            }
            return AssessorResult(.level(thresholds.level(for: hours)),
                                  rationale: "The median first reply takes \(Format.number(hours, decimals: 1)) hours (as given). "
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
        var values: [(hours: Double, weight: Double, platform: String)] = []
        var blank = 0
        var platforms: [String] = []
        for row in table.rows {
            var platform = "all"
            if let platformColumn { platform = try export.platform(row, platformColumn) }
            platforms.append(platform)
            var weight = 1.0
            if let weightColumn { weight = try table.count(row, weightColumn) }
            guard let value = try table.optionalCount(row, column) else { blank += 1; continue }
            if weight > 0 { values.append((value * scale, weight, platform)) }
        }
        guard !values.isEmpty else {
            throw export.file.error(perPeriod ? "no row has a response time" : "no message in the export was answered",
                                    line: export.headerLine, hint: "check the '\(table.heading(column))' column")
        }
        let median = Self.median(values.map { ($0.hours, $0.weight) })
        let present = SocialExport.ordered(platforms)
        var findings = [
            Finding("export", "Social media analytics export", .text(export.summary())),
            Finding("basis", "Measured from", .text(perPeriod
                ? "the median response time of each platform and period" + (weightColumn == nil ? "" : ", weighted by the replies sent")
                : "the first-reply time of each message")),
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
        findings.append(Finding("median-hours", "Median response time", .number(median, unit: "hours")))
        var rationale = "The median first reply takes \(Format.number(median, decimals: 1)) hours across \(values.count) "
            + (perPeriod ? "platform-periods" : "answered messages")
        if !perPeriod, blank > 0 { rationale += " (\(blank) of \(values.count + blank) messages were never answered)" }
        rationale += ". " + thresholds.explain(median, measure: "The median response time")
        return AssessorResult(.level(thresholds.level(for: median)), rationale: rationale, findings: findings)
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
