import AssessCore

/// The trend in the digital share of contacts: the share in the last months of a monthly contact export
/// against the share in its first months, in percentage points.
public struct DigitalTrendAssessor: Assessor {
    let digital: [String]
    let window: Int
    let thresholds: Thresholds

    static let monthlyExport = """
        month,channel,contacts
        2025-04,Telephone,9000
        2025-04,Web form,5000
        2025-04,Face to face,1000
        2025-04,Email,1000
        2025-05,Telephone,8800
        2025-05,Web form,5400
        2025-05,Face to face,900
        2025-05,Email,900
        2025-06,Telephone,8000
        2025-06,Web form,6200
        2025-06,Face to face,900
        2025-06,Email,900
        2025-07,Telephone,7600
        2025-07,Web form,6800
        2025-07,Face to face,800
        2025-07,Email,800

        """

    public static let description = AssessorDescription(
        id: "channel-shift.digital-trend", title: "Trend in the digital share of contacts",
        purpose: "From a contact export with a month column, compares the digital share of contacts in the last months with the first months and places the change, in percentage points, on the scale. Yearly totals (an inline mapping, or an export without a month column) show no trend: then the change given as a number is used, and without it the criterion is not assessed.",
        roles: [
            RoleDescription("volumes", type: "contact export (CSV) with channel, month and contacts columns (or yearly totals)",
                            "contacts by channel and month"),
            RoleDescription("change", type: "number (percentage points)", required: false,
                            "the change in the digital share, when there is no monthly export"),
        ],
        parameters: [
            ParameterDescription("digital", type: "list of channels", default: "[web, chat, app]",
                                 "channels counted as digital self-service (email and social media messages are answered by staff: assisted contact)"),
            ParameterDescription("window", type: "whole number of months", default: "3",
                                 "months averaged at each end (fewer when the export is short: half its months)"),
        ] + Thresholds.parameterDescriptions,
        examples: [
            // First two months: 10,400 of 32,000 on web forms (32.5%); last two: 13,000 of 32,000 (40.63%): +8.1 points,
            // past level 5 (8). Emails are assisted contact and not counted as digital.
            AssessorExample(parameters: "{thresholds: [0, 1, 3, 5, 8], window: 2}", evidence: "volumes: {file: contacts.csv}",
                            files: ["contacts.csv": monthlyExport], expect: .level(5)),
            // Counting email as digital, as a rubric may choose: 38.44% to 45.94%, +7.5 points, 5/6 of the way from level 4 (5) to 5 (8).
            AssessorExample(parameters: "{thresholds: [0, 1, 3, 5, 8], window: 2, digital: [web, email]}", evidence: "volumes: {file: contacts.csv}",
                            files: ["contacts.csv": monthlyExport], expect: .level(4.8333)),
            AssessorExample(parameters: "thresholds: [0, 1, 3, 5, 8]", evidence: "{volumes: {phone: 100, web: 50}, change: 2}",
                            expect: .level(2.5)),
            AssessorExample(parameters: "thresholds: [0, 1, 3, 5, 8]", evidence: "volumes: {phone: 100, web: 50}",
                            expect: .notAssessed),
            AssessorExample(parameters: "thresholds: [0, 1, 3, 5, 8]", evidence: "volumes: {file: contacts.csv}",
                            files: ["contacts.csv": "month,channel,contacts\n2025-04,Telephone,9000\nsoon,Web form,5000\n"],
                            expect: .error("'soon' in column 'month' is not a month")),
            AssessorExample(parameters: "thresholds: [0, 1, 3, 5, 8]", evidence: "volumes: {file: contacts.csv}",
                            files: ["contacts.csv": "month,channel,contacts\n2025-04,Telephone,9000\n2025-04,Web form,5000\n"],
                            expect: .error("only one month")),
            AssessorExample(parameters: "thresholds: [0, 1, 3, 5, 8]", evidence: "volumes: {file: contacts.csv}",
                            files: ["contacts.csv": "channel,contacts\nTelephone,9000\n"], expect: .notAssessed),
            AssessorExample(parameters: "thresholds: [0, 1, 3, 5, 8]", evidence: "{volumes: {file: contacts.csv}, change: 4}",
                            files: ["contacts.csv": "channel,contacts\nTelephone,9000\n"], expect: .level(3.5)),
            AssessorExample(parameters: "thresholds: [0, 1, 3, 5, 8]", evidence: "volumes: {file: contacts.csv}",
                            files: ["contacts.csv": "month,contacts\n2025-04,9000\n"], expect: .error("no column named 'channel'")),
            AssessorExample(parameters: "thresholds: [0, 1, 3, 5, 8]", evidence: "other: 1", expect: .notAssessed),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        var digital = Channel.selfService
        if let list = parameters["digital"]?.list() { digital = list.compactMap { $0.string() }.map(Channel.id) }
        let window = parameters["window"]?.integer(in: 1...24) ?? 3
        guard let thresholds = Thresholds(parameters: parameters, scale: scale) else { return nil }
        self.digital = digital
        self.window = window
        var t = thresholds
        if t.unit.isEmpty { t.unit = " points" }
        self.thresholds = t
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        if input.hasFile("volumes") {
            let file = try input.file("volumes")
            let export = try ContactExport(file, needs: [.channel], measure: "the trend in the digital share")
            // An export without a month column is a yearly total, like an inline mapping: it shows no trend.
            if export.hasMonth { return try fromExport(export) }
        }
        if input.bindings["change"] != nil, try input.optionalFact("change") != nil {
            let change = try input.number("change")
            return AssessorResult(
                .level(thresholds.level(for: change)),
                rationale: "The digital share changed by \(signed(change)) percentage points (as given). "
                    + thresholds.explain(change, measure: "The change"),
                findings: [Finding("change", "Change in the digital share (as given)", .number(change, unit: "points"))])
        }
        // Yearly totals (inline, or an export without months) cannot show a trend: ask for the change instead.
        _ = try input.fact("volumes")
        throw .missing(role: "change", fact: input.bindings["change"] ?? "change")
    }

    func fromExport(_ export: ContactExport) throws(AssessmentIssue) -> AssessorResult {
        let file = export.file
        var all: [CalendarMonth: Double] = [:]
        var online: [CalendarMonth: Double] = [:]
        for record in export.records {
            guard let month = record.month else { continue }
            all[month, default: 0] += record.contacts
            if digital.contains(record.channel ?? "") { online[month, default: 0] += record.contacts }
        }
        let months = all.keys.sorted()
        guard months.count >= 2, let firstMonth = months.first, let lastMonth = months.last else {
            throw file.error("the contact export covers only one month (\(months.first?.description ?? "none")), so it shows no trend",
                             line: export.headerLine, hint: "export at least two months, ideally the last twelve")
        }
        let size = min(window, months.count / 2)
        let first = Array(months.prefix(size)), last = Array(months.suffix(size))
        func share(_ span: [CalendarMonth]) -> (digital: Double, all: Double) {
            (span.reduce(0) { $0 + (online[$1] ?? 0) }, span.reduce(0) { $0 + (all[$1] ?? 0) })
        }
        let start = share(first), end = share(last)
        guard start.all > 0, end.all > 0 else {
            throw file.error("the first or last months of the contact export have no contacts", line: export.headerLine,
                             hint: "check the contacts column for those months")
        }
        let startShare = start.digital / start.all * 100, endShare = end.digital / end.all * 100
        let change = endShare - startShare
        func span(_ months: [CalendarMonth]) -> String {
            guard let a = months.first, let b = months.last else { return "" }
            return a == b ? a.description : "\(a.description) to \(b.description)"
        }
        let monthly = months.map { month -> String in
            let total = all[month] ?? 0
            return "\(month.description): \(total > 0 ? Format.number((online[month] ?? 0) / total * 100, decimals: 1) + "%" : "no contacts")"
        }
        let findings = [
            Finding("export", "Contact export", .text("\(file.fact.file ?? file.path): \(export.summary)")),
            Finding("monthly-digital-share", "Digital share by month", .list(monthly)),
            Finding("start-share", "Digital share, \(span(first))", .number(startShare, unit: "%")),
            Finding("end-share", "Digital share, \(span(last))", .number(endShare, unit: "%")),
            Finding("months-apart", "Months between the two periods", .number(Double(last[0].ordinal - first[0].ordinal), unit: nil)),
            Finding("change", "Change in the digital share", .number(change, unit: "points")),
        ]
        let rationale = "The digital share moved from \(Format.number(startShare, decimals: 1))% (\(span(first))) to "
            + "\(Format.number(endShare, decimals: 1))% (\(span(last))), \(signed(change)) percentage points over "
            + "\(lastMonth.ordinal - firstMonth.ordinal + 1) months. " + thresholds.explain(change, measure: "The change")
        return AssessorResult(.level(thresholds.level(for: change)), rationale: rationale, findings: findings)
    }

    func signed(_ value: Double) -> String { (value > 0 ? "+" : "") + Format.number(value, decimals: 1) }
}
