import AssessCore

/// Audience reach: followers of the organisation's accounts per 1,000 residents.
public struct ReachAssessor: Assessor {
    let thresholds: Thresholds
    let per: Double

    /// The neutral example with a second month for two platforms, so the latest period is the one counted.
    static let twoMonths = ConversationRatioAssessor.neutralExport
        + "Facebook,2025-05,58,790,0,290,340,380,18900\nX,2025-05,70,85,240,35,110,280,9300\n"

    public static let description = AssessorDescription(
        id: "digital-engagement.reach", title: "Audience reach per 1,000 residents",
        purpose: "Adds up the followers of each platform's account (the latest period's figure in a social media analytics export with a 'followers' column, or a number given) and divides by the organisation's population (organisation.population), per 1,000 residents.",
        roles: [
            RoleDescription("followers", type: "number, or a social media analytics export (CSV) with a followers column",
                            "followers across the main accounts"),
        ],
        parameters: [ParameterDescription("per", type: "number", default: "1000", "residents the figure is given per")]
            + Thresholds.parameterDescriptions,
        examples: [
            // Latest followers 18,900 + 9,300 + 6,200 = 34,400 for 100,000 residents: 344 per 1,000.
            AssessorExample(parameters: "thresholds: [50, 125, 250, 400, 550]", evidence: "followers: {file: social.csv}",
                            files: ["social.csv": twoMonths],
                            expect: .level(3.6267)),
            AssessorExample(parameters: "thresholds: [50, 125, 250, 400, 550]", evidence: "followers: 41000",
                            expect: .level(4.0667)),
            AssessorExample(parameters: "thresholds: [50, 125, 250, 400, 550]", evidence: "followers: {file: tweets.csv}",
                            files: ["tweets.csv": ConversationRatioAssessor.tweetExport],
                            expect: .error("cannot give the followers")),
            AssessorExample(parameters: "thresholds: [50, 125, 250, 400, 550]", evidence: "followers: {file: social.csv}",
                            files: ["social.csv": "platform,period,followers\nFacebook,2025-04,18400\nFacebook,April,18900\n"],
                            expect: .error("'April' in column 'period' is not a month or a date")),
            AssessorExample(parameters: "thresholds: [50, 125, 250, 400, 550]", evidence: "followers: {file: social.csv}",
                            files: ["social.csv": "platform,period\n"],
                            expect: .error("has a header but no rows")),
            AssessorExample(parameters: "thresholds: [50, 125, 250, 400, 550]", evidence: "other: 3", expect: .notAssessed),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        let per = parameters["per"]?.number(in: 1...1_000_000) ?? 1000
        guard let thresholds = Thresholds(parameters: parameters, scale: scale) else { return nil }
        self.per = per
        var t = thresholds
        if t.unit.isEmpty { t.unit = per == 1000 ? " per 1,000 residents" : " per \(Format.number(per)) residents" }
        self.thresholds = t
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        var findings: [Finding] = []
        var followers: Double
        if input.hasFile("followers") {
            let export = try SocialExport(try input.file("followers"))
            let (total, lines, present) = try read(export)
            followers = total
            findings = [
                Finding("export", "Social media analytics export", .text(export.summary())),
                Finding("platforms", "Platforms present", .list(present)),
                Finding("followers-by-platform", "Followers by platform (latest period)", .list(lines)),
            ]
        } else {
            followers = try input.number("followers")
            guard followers >= 0 else {
                throw input.invalid("followers cannot be negative", at: try input.value("followers"))
            }
        }
        guard let population = input.organisation.population, population > 0 else {
            throw .missing(role: "population", fact: "organisation.population")
        }
        let rate = followers / population * per
        findings += [
            Finding("followers", "Followers across the accounts", .number(followers, unit: nil)),
            Finding("population", "Residents (organisation.population)", .number(population, unit: nil)),
            Finding("reach", "Followers \(thresholds.unit.trimmingCharacters(in: " "))", .number(rate, unit: nil)),
        ]
        let rationale = "\(Format.number(followers, decimals: 0)) followers for \(Format.number(population, decimals: 0)) residents: "
            + "\(Format.number(rate, decimals: 1))\(thresholds.unit). " + thresholds.explain(rate, measure: "Reach")
        return AssessorResult(.level(thresholds.level(for: rate)), rationale: rationale, findings: findings)
    }

    /// Each platform's latest follower count, summed.
    func read(_ export: SocialExport) throws(AssessmentIssue) -> (Double, [String], [String]) {
        guard export.layout == .neutral else {
            throw export.cannotGive("the followers", because: "X (Twitter) analytics exports count impressions and engagements, not followers",
                                    hint: "add the follower count of each account in the social analytics layout (a 'followers' column)")
        }
        let table = export.table
        let platform = try export.platformColumn(for: "the followers per platform")
        let column = try table.require(SocialExport.Columns.followers, for: "reach per 1,000 residents")
        let periodColumn = export.periodColumn
        var latest: [String: (day: CalendarDate.Written?, count: Double, line: Int)] = [:]
        var platforms: [String] = []
        for row in table.rows {
            let name = try export.platform(row, platform)
            platforms.append(name)
            var day: CalendarDate.Written?
            if let periodColumn { day = try export.period(row, periodColumn) }
            guard let count = try table.optionalCount(row, column) else { continue }
            // The latest period wins; without periods, the last row does.
            if let previous = latest[name], let old = previous.day, let new = day, new < old { continue }
            latest[name] = (day, count, row.line)
        }
        let present = SocialExport.ordered(platforms)
        guard !latest.isEmpty else {
            throw export.file.error("no row has a follower count", line: export.headerLine,
                                    hint: "fill in the '\(table.heading(column))' column, at least for the latest period")
        }
        var lines: [String] = []
        for name in present {
            if let entry = latest[name] {
                lines.append("\(name): \(Format.number(entry.count, decimals: 0))" + (entry.day.map { " (\($0))" } ?? ""))
            } else {
                lines.append("\(name): no follower count")
            }
        }
        return (latest.values.reduce(0) { $0 + $1.count }, lines, present)
    }
}

