import AssessCore

/// The share of residents who rate their confidence online 8 or more out of 10, from a survey export with
/// one row per respondent (or given as a percentage).
///
/// Answers such as "Don't know" or a blank cell are non-responses and are left out; any other text, or a
/// rating outside the scale, is an error naming the line. A `weight` column, when there is one, weights the
/// share (and the margin of error uses the effective sample size). Fewer answers than `minimum-sample` (100)
/// gives a low-sample warning and caps confidence at that of self-reported evidence, or with
/// `below-minimum: not-assessed` gives no level.
public struct ResidentConfidenceAssessor: Assessor {
    /// Answers counted as no answer (compared in lower case).
    public static let defaultNonResponses = ["", "don't know", "dont know", "do not know", "prefer not to say",
                                             "refused", "n/a", "na", "dk", "not answered", "-"]

    let column: String?
    let weightColumn: String?
    let topBox: Double
    let scaleMin: Double
    let scaleMax: Double
    let minResponses: Int
    let sample: MinimumSample

    /// Why 100: the 95% margin of error of a share is 1.96 x sqrt(p(1 - p) / n), which at p = 50% is
    /// +/-9.8 points for 100 answers and +/-17.9 for 30 (the usual simple-random-sample formula, as in ONS,
    /// "Uncertainty and how we measure it for our surveys", methodology page). Below 100 the margin is wider than the
    /// 10 to 15 point bands between this criterion's levels, so the level could be one either side.
    static let defaultMinimumResponses = 100
    let nonResponses: [String]
    let thresholds: Thresholds

    public static let description = AssessorDescription(
        id: "digital-inclusion.resident-confidence", title: "Residents confident online",
        purpose: "Computes the share of survey respondents rating their confidence using the internet 8 or more out of 10 (weighted when the export has a weight column), with the number of respondents, the distribution of answers and a margin of error; or takes the share as a number.",
        roles: [
            RoleDescription("survey", type: "survey CSV, one row per respondent with a 0-10 confidence rating; or a percentage",
                            "the residents' digital-confidence survey"),
        ],
        parameters: [
            ParameterDescription("column", type: "text", default: "the first column whose heading contains 'confiden'",
                                 "the heading of the rating column"),
            ParameterDescription("weight-column", type: "text", default: "a column headed 'weight', if any",
                                 "the heading of the survey weight column; 'none' to ignore weights"),
            ParameterDescription("top-box", type: "number", default: "8", "the lowest rating counted as confident"),
            ParameterDescription("scale-min", type: "number", default: "0", "the lowest rating on the survey's scale"),
            ParameterDescription("scale-max", type: "number", default: "10", "the highest rating on the survey's scale"),
            ParameterDescription("min-responses", type: "whole number", default: "the minimum-sample",
                                 "the older name of minimum-sample, still read when minimum-sample is not given"),
            ParameterDescription("non-responses", type: "list of text", default: "blank, don't know, prefer not to say, refused, n/a, dk",
                                 "answers treated as no answer"),
        ] + MinimumSample.parameterDescriptions(default: defaultMinimumResponses, unit: "responses",
                                                 why: "at 100 the 95% margin of error of a share is about +/-10 points, within one level's band")
            + Thresholds.parameterDescriptions,
        examples: [
            AssessorExample(
                parameters: "thresholds: [20, 35, 50, 60, 75]",
                evidence: "survey: {file: survey.csv, source: measured}",
                files: ["survey.csv": """
                    respondent_id,completed,mode,age_band,confidence
                    R0001,2025-11-03,online,35-44,9
                    R0002,2025-11-03,telephone,75+,3
                    R0003,2025-11-04,online,16-24,10
                    R0004,2025-11-04,postal,65-74,Don't know
                    R0005,2025-11-05,online,45-54,8
                    R0006,2025-11-05,telephone,55-64,6
                    """],
                expect: .level(4)),
            AssessorExample(
                parameters: "thresholds: [20, 35, 50, 60, 75]",
                evidence: "survey: {file: weighted.csv}",
                files: ["weighted.csv": """
                    id,How confident are you using the internet? (0-10),weight
                    1,10 - Very confident,0.5
                    2,2,1.5
                    3,8,1.0
                    4,7,1.0
                    """],
                expect: .level(2.167)),
            AssessorExample(parameters: "thresholds: [20, 35, 50, 60, 75]", evidence: "survey: 48", expect: .level(2.867)),
            AssessorExample(
                parameters: "thresholds: [20, 35, 50, 60, 75]",
                evidence: "survey: {file: survey.csv}",
                files: ["survey.csv": "respondent_id,confidence\nR1,9\nR2,eleven\n"],
                expect: .error("survey.csv line 3")),
            AssessorExample(
                parameters: "thresholds: [20, 35, 50, 60, 75]",
                evidence: "survey: {file: survey.csv}",
                files: ["survey.csv": "respondent_id,confidence\nR1,12\n"],
                expect: .error("outside the scale")),
            AssessorExample(
                parameters: "thresholds: [20, 35, 50, 60, 75]",
                evidence: "survey: {file: survey.csv}",
                files: ["survey.csv": "respondent_id,age_band\nR1,35-44\n"],
                expect: .error("no rating column")),
            AssessorExample(parameters: "thresholds: [20, 35, 50, 60, 75]", evidence: "other: 1", expect: .notAssessed),
            // Two ratings against a minimum that refuses a level below it.
            AssessorExample(parameters: "{thresholds: [20, 35, 50, 60, 75], minimum-sample: 100, below-minimum: not-assessed}",
                            evidence: "survey: {file: survey.csv}", files: ["survey.csv": "respondent_id,confidence\nR1,9\nR2,4\n"],
                            expect: .notAssessed),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        column = parameters["column"]?.string()
        let weight = parameters["weight-column"]?.string()
        weightColumn = weight
        topBox = parameters["top-box"]?.number() ?? 8
        scaleMin = parameters["scale-min"]?.number() ?? 0
        scaleMax = parameters["scale-max"]?.number() ?? 10
        let older = parameters["min-responses"]?.integer(in: 1...1_000_000)
        guard var sample = MinimumSample(parameters: parameters, default: older ?? Self.defaultMinimumResponses, unit: "responses") else { return nil }
        if parameters["minimum-sample"] == nil, let older { sample.minimum = older }
        self.sample = sample
        minResponses = sample.minimum
        if let list = parameters["non-responses"]?.list() {
            nonResponses = list.compactMap { $0.string()?.lowercased() }
        } else {
            nonResponses = Self.defaultNonResponses
        }
        guard scaleMax > scaleMin, topBox > scaleMin, topBox <= scaleMax else {
            parameters.reader.error("top-box must lie above scale-min and at most scale-max, and scale-max above scale-min")
            return nil
        }
        guard var thresholds = Thresholds(parameters: parameters, scale: scale) else { return nil }
        if thresholds.unit.isEmpty { thresholds.unit = "%" }
        self.thresholds = thresholds
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let measure = "The share rating \(Format.number(topBox)) or more"
        guard input.hasFile("survey") else {
            let value = try input.number("survey")
            guard (0...100).contains(value) else {
                throw input.invalid("\(input.bindings["survey"] ?? "survey") must be a percentage from 0 to 100, found \(Format.number(value))",
                                    at: try input.value("survey"))
            }
            return AssessorResult(.level(thresholds.level(for: value)), rationale: thresholds.explain(value, measure: measure),
                                  findings: [Finding("share-confident", "Share rating \(Format.number(topBox)) or more", .number(value, unit: "%"))])
        }
        let file = try input.file("survey")
        let errors = ExportErrors(file: file)
        let table = try errors.table()
        let ratingColumn: Int
        if let column {
            ratingColumn = try errors.column(table, [column])
        } else if let found = table.header.firstIndex(where: { ExportText.key($0).contains("confiden") }) {
            ratingColumn = found
        } else {
            throw errors.at(table.headerLine, "no rating column: no heading contains 'confidence'",
                            hint: "set the column parameter to the rating column's heading; the columns are: \(table.header.joined(separator: ", "))")
        }
        var weightIndex: Int?
        if let weightColumn {
            if weightColumn.lowercased() != "none" { weightIndex = try errors.column(table, [weightColumn]) }
        } else {
            weightIndex = table.column(["weight"])
        }
        let modeIndex = table.column(["mode", "survey mode", "method", "channel"])
        guard !table.rows.isEmpty else { throw errors.whole("the survey has no responses (no data rows)") }

        var answered: [(rating: Double, weight: Double, mode: String)] = []
        var skipped = 0
        for row in table.rows {
            let raw = ExportText.trimmed(row[ratingColumn])
            if nonResponses.contains(raw.lowercased()) { skipped += 1; continue }
            guard let rating = Self.leadingNumber(raw) else {
                throw errors.at(row.line, column: ratingColumn + 1, "'\(raw)' in column '\(table.header[ratingColumn])' is not a rating",
                                hint: "ratings are numbers from \(Format.number(scaleMin)) to \(Format.number(scaleMax)); add other no-answer words to non-responses")
            }
            guard rating >= scaleMin, rating <= scaleMax else {
                throw errors.at(row.line, column: ratingColumn + 1, "the rating \(Format.number(rating)) is outside the scale \(Format.number(scaleMin)) to \(Format.number(scaleMax))",
                                hint: "set scale-min and scale-max to the survey's scale")
            }
            var weight = 1.0
            if let weightIndex {
                do { weight = try table.number(row, weightIndex) } catch { throw errors.csv(error) }
                guard weight > 0 else {
                    throw errors.at(row.line, column: weightIndex + 1, "the weight \(Format.number(weight)) must be greater than zero")
                }
            }
            answered.append((rating, weight, modeIndex.map { ExportText.trimmed(row[$0]).lowercased() } ?? ""))
        }
        guard !answered.isEmpty else {
            throw errors.whole("none of the \(table.rows.count) responses gives a rating (all are blank or no answer)")
        }
        let n = answered.count
        let totalWeight = answered.reduce(0) { $0 + $1.weight }
        let squares = answered.reduce(0) { $0 + $1.weight * $1.weight }
        let confident = answered.filter { $0.rating >= topBox }
        let share = confident.reduce(0) { $0 + $1.weight } / totalWeight * 100
        let effective = totalWeight * totalWeight / squares
        let p = share / 100
        let margin = 1.96 * (p * (1 - p) / effective).squareRoot() * 100
        let mean = answered.reduce(0) { $0 + $1.rating * $1.weight } / totalWeight

        var findings = [
            Finding("respondents", "Respondents who gave a rating", .number(Double(n), unit: nil)),
            Finding("confident", "Rated \(Format.number(topBox)) or more", .number(Double(confident.count), unit: nil)),
            Finding("share-confident", "Share rating \(Format.number(topBox)) or more" + (weightIndex == nil ? "" : " (weighted)"), .number(share, unit: "%")),
        ]
        if weightIndex != nil {
            findings.append(Finding("share-unweighted", "Unweighted share", .number(Double(confident.count) / Double(n) * 100, unit: "%")))
            findings.append(Finding("effective-sample", "Effective sample size", .number(effective, unit: nil)))
        }
        findings.append(Finding("margin", "95% margin of error", .number(margin, unit: " points")))
        findings.append(Finding("mean", "Mean rating", .number(mean, unit: nil)))
        if skipped > 0 { findings.append(Finding("no-answer", "Responses with no rating (left out)", .number(Double(skipped), unit: nil))) }
        var distribution: [String] = []
        for value in Set(answered.map(\.rating)).sorted() {
            distribution.append("\(Format.number(value)): \(answered.filter { $0.rating == value }.count)")
        }
        findings.append(Finding("distribution", "Answers by rating", .list(distribution)))
        var modes: [String] = []
        if modeIndex != nil {
            let names = Self.distinct(answered.map(\.mode))
            for mode in names {
                let group = answered.filter { $0.mode == mode }
                let groupWeight = group.reduce(0) { $0 + $1.weight }
                let groupShare = group.filter { $0.rating >= topBox }.reduce(0) { $0 + $1.weight } / groupWeight * 100
                modes.append("\(mode.isEmpty ? "(blank)" : mode): \(Format.number(groupShare, decimals: 1))% of \(group.count)")
            }
            findings.append(Finding("by-mode", "Share confident by survey mode", .list(modes)))
            if names.count == 1, let only = names.first, ["online", "web", "email"].contains(only) {
                findings.append(Finding("online-only", "Warning", .text("every response was collected online, which overstates confidence")))
            }
        }
        var cap: Double?
        if n < minResponses, sample.below == .notAssessed {
            throw .unassessable("only \(n) respondents gave a rating, fewer than the minimum of \(minResponses) this criterion needs; "
                                + "survey more residents, or lower 'minimum-sample:' in the rubric.")
        }
        if n < minResponses {
            cap = Provenance.selfReported.confidence
            findings.append(Finding("low-sample", "Warning",
                                    .text("only \(n) respondents gave a rating, fewer than \(minResponses): the share is too uncertain to rely on (confidence capped at \(Format.number(cap ?? 0.5)))")))
        }
        var rationale = "\(Format.number(Double(confident.count))) of \(Format.number(Double(n))) respondents rated their confidence \(Format.number(topBox)) or more out of \(Format.number(scaleMax)): "
        rationale += "\(Format.number(share, decimals: 1))%" + (weightIndex == nil ? "" : " weighted") + " ± \(Format.number(margin, decimals: 1)) points. "
        if n < minResponses { rationale += "Low sample: fewer than \(minResponses) answers. " }
        rationale += thresholds.explain(share, measure: measure)
        return AssessorResult(.level(thresholds.level(for: share)), rationale: rationale, findings: findings, confidenceCap: cap)
    }

    /// A rating written as a number, optionally followed by its label ("10 - Very confident").
    static func leadingNumber(_ text: String) -> Double? {
        if let value = Double(text), value.isFinite { return value }
        var digits = ""
        for character in text {
            if character.isNumber || character == "." { digits.append(character) } else { break }
        }
        guard !digits.isEmpty, digits.count < text.count else { return nil }
        let rest = text.dropFirst(digits.count)
        guard let next = rest.first, next == " " || next == "-" || next == "=" || next == ":" || next == "(" else { return nil }
        return Double(digits)
    }

    /// Distinct texts in first-seen order.
    static func distinct(_ texts: [String]) -> [String] {
        var seen = Set<String>()
        return texts.filter { seen.insert($0).inserted }
    }
}
