// MARK: - threshold

/// A number against one threshold per level.
public struct ThresholdAssessor: Assessor {
    let thresholds: Thresholds

    public static let description = AssessorDescription(
        id: "threshold", title: "Number against thresholds",
        purpose: "Places one measure (a share, a count, a time) on the scale by the threshold it reaches.",
        roles: [RoleDescription("value", type: "number", "the measure")],
        parameters: Thresholds.parameterDescriptions,
        examples: [
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]", evidence: "value: 55", expect: .level(3.5)),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]", evidence: "value: 5", expect: .level(1)),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]", evidence: "value: 95", expect: .level(5)),
            AssessorExample(parameters: "{thresholds: [10, 25, 45, 65, 80], interpolate: no}", evidence: "value: 64",
                            expect: .level(3)),
            AssessorExample(parameters: "{thresholds: [48, 24, 8, 2, 1], direction: lower, unit: hours}",
                            evidence: "value: 16", expect: .level(2.5)),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]", evidence: "value: lots",
                            expect: .error("must be a number")),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]", evidence: "other: 3", expect: .notAssessed),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]",
                            evidence: "value: {not-applicable: no contact centre}", expect: .notApplicable),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        guard let thresholds = Thresholds(parameters: parameters, scale: scale) else { return nil }
        self.thresholds = thresholds
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let value = try input.number("value")
        let level = thresholds.level(for: value)
        return AssessorResult(
            .level(level), rationale: thresholds.explain(value, measure: input.bindings["value"] ?? "The value"),
            findings: [Finding("value", input.bindings["value"] ?? "value", .number(value, unit: thresholds.unit))])
    }
}

// MARK: - ratio

/// The ratio of two facts against thresholds.
public struct RatioAssessor: Assessor {
    let thresholds: Thresholds
    let per: Double

    public static let description = AssessorDescription(
        id: "ratio", title: "Ratio against thresholds",
        purpose: "Divides one fact by another (a share, or a rate per resident) and places it on the scale.",
        roles: [RoleDescription("numerator", type: "number", "the part"),
                RoleDescription("denominator", type: "number", "the whole, or organisation.population")],
        parameters: [ParameterDescription("per", type: "number", default: "100",
                                          "multiplier: 100 for a percentage, 1000 for per 1,000 residents")]
            + Thresholds.parameterDescriptions,
        examples: [
            AssessorExample(parameters: "thresholds: [20, 40, 60, 80, 95]",
                            evidence: "{numerator: 30, denominator: 60}", expect: .level(2.5)),
            AssessorExample(parameters: "{per: 1000, thresholds: [5, 20, 50, 100, 200], unit: 'per 1,000 residents'}",
                            evidence: "{numerator: 3500, denominator: 100000}", expect: .level(2.5)),
            AssessorExample(parameters: "thresholds: [20, 40, 60, 80, 95]",
                            evidence: "{numerator: 3, denominator: 0}", expect: .error("denominator")),
            AssessorExample(parameters: "thresholds: [20, 40, 60, 80, 95]", evidence: "numerator: 3",
                            expect: .notAssessed),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        let per = parameters["per"]?.number() ?? 100
        guard let thresholds = Thresholds(parameters: parameters, scale: scale) else { return nil }
        self.thresholds = thresholds
        self.per = per
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let numerator = try input.number("numerator")
        let denominator = try input.number("denominator")
        guard denominator != 0 else {
            throw input.invalid("the denominator \(input.bindings["denominator"] ?? "") is zero",
                                at: try input.value("denominator"), hint: "a ratio needs a whole greater than zero")
        }
        let ratio = numerator / denominator * per
        let measure = "\(input.bindings["numerator"] ?? "numerator") / \(input.bindings["denominator"] ?? "denominator")"
        let working = "\(Format.number(numerator)) / \(Format.number(denominator))" + (per == 1 ? "" : " × \(Format.number(per))")
        return AssessorResult(
            .level(thresholds.level(for: ratio)),
            rationale: "\(working) = \(thresholds.show(ratio)). " + thresholds.explain(ratio, measure: "The ratio"),
            findings: [
                Finding("numerator", input.bindings["numerator"] ?? "numerator", .number(numerator, unit: nil)),
                Finding("denominator", input.bindings["denominator"] ?? "denominator", .number(denominator, unit: nil)),
                Finding("ratio", measure, .number(ratio, unit: thresholds.unit)),
            ])
    }
}

// MARK: - checklist

/// The weighted share of listed practices in place.
public struct ChecklistAssessor: Assessor {
    struct Item: Sendable, Hashable {
        var id: String
        var label: String
        var weight: Double
    }
    let items: [Item]
    let thresholds: Thresholds

    public static let description = AssessorDescription(
        id: "checklist", title: "Checklist of practices",
        purpose: "Scores the weighted share of a list of practices that the organisation has in place.",
        roles: [RoleDescription("items", type: "mapping of item id to yes/no, or list of ids in place",
                                "which practices are in place")],
        parameters: [ParameterDescription("items", type: "list of {id, label, weight}", "the practices (weight default 1)")]
            + Thresholds.parameterDescriptions.map {
                var p = $0
                if p.name == "thresholds" { p.defaultValue = "evenly spaced from 0 to 100"; p.summary = "percentage in place at which each level is reached" }
                return p
            },
        examples: [
            AssessorExample(parameters: "items: [{id: phone, label: Phone number shown}, {id: office, label: Office open}, {id: helper, label: Assisted digital help}, {id: post, label: Post accepted}]",
                            evidence: "items: {phone: yes, office: yes, helper: no, post: no}", expect: .level(3)),
            AssessorExample(parameters: "items: [{id: a, label: A, weight: 3}, {id: b, label: B}]",
                            evidence: "items: [a]", expect: .level(4)),
            AssessorExample(parameters: "items: [{id: a, label: A}, {id: b, label: B}]",
                            evidence: "items: {a: yes, c: yes}", expect: .error("unknown checklist item 'c'")),
            AssessorExample(parameters: "items: [{id: a, label: A}, {id: b, label: B}]",
                            evidence: "items: {a: maybe}", expect: .error("must be yes or no")),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        guard let list = parameters.required("items")?.list() else { return nil }
        var items: [Item] = []
        var ok = true
        for entry in list {
            guard let map = entry.mapping(keys: ["id", "label", "weight"]),
                  let id = map.string("id"), let label = map.string("label") else { ok = false; continue }
            let weight = map["weight"]?.number(in: 0...1_000_000) ?? 1
            if items.contains(where: { $0.id == id }) {
                entry.error("duplicate checklist item '\(id)'", hint: "give every item its own id")
                ok = false
            }
            items.append(Item(id: id, label: label, weight: weight))
        }
        if items.isEmpty, ok { parameters.reader.error("a checklist needs at least one item"); ok = false }
        let top = scale.top
        let even = (0..<top).map { Double($0) * 100 / Double(max(top - 1, 1)) }
        guard ok, let thresholds = Thresholds(parameters: parameters, scale: scale, fallback: even) else { return nil }
        self.items = items
        var t = thresholds
        if t.unit.isEmpty { t.unit = "%" }
        self.thresholds = t
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let node = try input.value("items")
        let answers = try input.flags(node, what: input.bindings["items"] ?? "items")
        var present: [String: Bool] = [:]
        for answer in answers {
            guard items.contains(where: { $0.id == answer.id }) else {
                let suggestion = Suggestion.nearest(to: answer.id, in: items.map(\.id))
                throw input.invalid("unknown checklist item '\(answer.id)'", at: answer.node,
                                    hint: suggestion.map { "did you mean '\($0)'?" }
                                        ?? "the items are \(items.map(\.id).joined(separator: ", "))")
            }
            present[answer.id] = answer.value
        }
        let total = items.reduce(0) { $0 + $1.weight }
        let done = items.filter { present[$0.id] == true }
        let share = total > 0 ? done.reduce(0) { $0 + $1.weight } / total * 100 : 0
        let missing = items.filter { present[$0.id] != true }
        let unanswered = items.filter { present[$0.id] == nil }
        var findings = [
            Finding("in-place", "In place", .list(done.map(\.label))),
            Finding("missing", "Not in place", .list(missing.map(\.label))),
            Finding("share", "Weighted share in place", .number(share, unit: "%")),
        ]
        if !unanswered.isEmpty {
            findings.append(Finding("unanswered", "Not answered (counted as not in place)", .list(unanswered.map(\.label))))
        }
        let rationale = "\(done.count) of \(items.count) practices in place (\(Format.number(share, decimals: 1))% by weight). "
            + thresholds.explain(share, measure: "The share in place")
        return AssessorResult(.level(thresholds.level(for: share)), rationale: rationale, findings: findings)
    }
}

// MARK: - staged

/// Statements that must all hold for a level: the weakest link decides.
public struct StagedAssessor: Assessor {
    struct Statement: Sendable, Hashable {
        var id: String
        var level: Int
        var text: String
    }
    let statements: [Statement]

    public static let description = AssessorDescription(
        id: "staged", title: "Staged statements",
        purpose: "Gives the highest level for which every statement required at that level and below holds.",
        roles: [RoleDescription("statements", type: "mapping of statement id to yes/no", "which statements hold")],
        parameters: [ParameterDescription("statements", type: "list of {id, level, text}",
                                          "each statement and the level (2 and up) it is required for")],
        examples: [
            AssessorExample(parameters: """
                statements:
                  - {id: policy, level: 2, text: A social media policy is approved}
                  - {id: training, level: 3, text: Staff who post are trained}
                  - {id: listening, level: 4, text: Conversations are monitored and acted on}
                """, evidence: "statements: {policy: yes, training: yes, listening: no}", expect: .level(3)),
            AssessorExample(parameters: """
                statements:
                  - {id: policy, level: 2, text: A social media policy is approved}
                  - {id: listening, level: 4, text: Conversations are monitored and acted on}
                """, evidence: "statements: {policy: no, listening: yes}", expect: .level(1)),
            AssessorExample(parameters: """
                statements:
                  - {id: policy, level: 2, text: A social media policy is approved}
                  - {id: training, level: 3, text: Staff who post are trained}
                """, evidence: "statements: [policy, training]", expect: .level(5)),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        guard let list = parameters.required("statements")?.list() else { return nil }
        var statements: [Statement] = []
        var ok = true
        for entry in list {
            guard let map = entry.mapping(keys: ["id", "level", "text"]), let id = map.string("id"),
                  let level = map.required("level")?.integer(in: 2...max(scale.top, 2)), let text = map.string("text")
            else { ok = false; continue }
            if statements.contains(where: { $0.id == id }) {
                entry.error("duplicate statement '\(id)'", hint: "give every statement its own id")
                ok = false
            }
            statements.append(Statement(id: id, level: level, text: text))
        }
        if statements.isEmpty, ok { parameters.reader.error("staged needs at least one statement"); ok = false }
        guard ok else { return nil }
        self.statements = statements
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let node = try input.value("statements")
        let answers = try input.flags(node, what: input.bindings["statements"] ?? "statements")
        var holds: [String: Bool] = [:]
        for answer in answers {
            guard statements.contains(where: { $0.id == answer.id }) else {
                let suggestion = Suggestion.nearest(to: answer.id, in: statements.map(\.id))
                throw input.invalid("unknown statement '\(answer.id)'", at: answer.node,
                                    hint: suggestion.map { "did you mean '\($0)'?" }
                                        ?? "the statements are \(statements.map(\.id).joined(separator: ", "))")
            }
            holds[answer.id] = answer.value
        }
        var level = 1
        for candidate in 2...max(input.scale.top, 2) {
            let required = statements.filter { $0.level <= candidate }
            if required.allSatisfy({ holds[$0.id] == true }) { level = candidate } else { break }
        }
        let blocking = statements.filter { $0.level <= level + 1 && holds[$0.id] != true }
        let held = statements.filter { holds[$0.id] == true }
        var rationale = "\(held.count) of \(statements.count) statements hold; every statement up to level \(level) holds"
        if level < input.scale.top, !blocking.isEmpty {
            rationale += ", and level \(level + 1) needs: " + blocking.map { Self.trimmed($0.text) }.joined(separator: "; ")
        }
        var findings = [Finding("holds", "Statements that hold", .list(held.map { "L\($0.level): \($0.text)" }))]
        if !blocking.isEmpty {
            findings.append(Finding("blocking", "Blocking the next level", .list(blocking.map { "L\($0.level): \($0.text)" })))
        }
        let aboveGate = held.filter { $0.level > level + 1 }
        if !aboveGate.isEmpty {
            findings.append(Finding("held-above-gate", "Held but not counted until lower levels hold",
                                    .list(aboveGate.map { "L\($0.level): \($0.text)" })))
        }
        return AssessorResult(.level(Double(level)), rationale: rationale + ".", findings: findings)
    }

    static func trimmed(_ text: String) -> String {
        var text = text
        while text.hasSuffix(".") || text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}

// MARK: - options

/// One answer from a list of options, each worth a level or points.
public struct OptionsAssessor: Assessor {
    struct Option: Sendable, Hashable {
        var value: String
        var label: String
        var score: Double
    }
    let options: [Option]
    let usesPoints: Bool

    public static let description = AssessorDescription(
        id: "options", title: "Answer options",
        purpose: "Scores a multiple-choice answer: each option carries a level, or points for points-based questionnaires.",
        roles: [RoleDescription("answer", type: "text", "the chosen option's value")],
        parameters: [ParameterDescription("options", type: "list of {value, label, level} or {value, label, points}",
                                          "the answers and what each is worth")],
        examples: [
            AssessorExample(parameters: "options: [{value: none, level: 1}, {value: draft, level: 2}, {value: approved, level: 4}]",
                            evidence: "answer: approved", expect: .level(4)),
            AssessorExample(parameters: "options: [{value: 'no', points: 0}, {value: partly, points: 2}, {value: 'yes', points: 5}]",
                            evidence: "answer: partly", expect: .points(2, of: 5)),
            AssessorExample(parameters: "options: [{value: 'no', points: 0}, {value: 'yes', points: 5}]",
                            evidence: "answer: no", expect: .points(0, of: 5)),
            AssessorExample(parameters: "options: [{value: none, level: 1}, {value: weekly, level: 3}]",
                            evidence: "answer: weakly", expect: .error("did you mean 'weekly'")),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        guard let list = parameters.required("options")?.list() else { return nil }
        var options: [Option] = []
        var kinds = Set<Bool>()
        var ok = true
        for entry in list {
            guard let map = entry.mapping(keys: ["value", "label", "level", "points"]),
                  let value = map.string("value") else { ok = false; continue }
            let label = map.optionalString("label") ?? value
            if let level = map["level"], map["points"] == nil {
                guard let number = level.number(in: 1...Double(scale.top)) else { ok = false; continue }
                kinds.insert(false)
                options.append(Option(value: value, label: label, score: number))
            } else if let points = map["points"], map["level"] == nil {
                guard let number = points.number(in: 0...1_000_000) else { ok = false; continue }
                kinds.insert(true)
                options.append(Option(value: value, label: label, score: number))
            } else {
                entry.error("option '\(value)' needs exactly one of 'level' or 'points'")
                ok = false
            }
        }
        if kinds.count > 1 {
            list.first?.error("options mix 'level' and 'points'", hint: "give every option a level, or every option points")
            ok = false
        }
        if options.isEmpty, ok { parameters.reader.error("options needs at least one option"); ok = false }
        guard ok else { return nil }
        self.options = options
        self.usesPoints = kinds.contains(true)
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let answer = try input.string("answer")
        guard let option = options.first(where: { $0.value == answer })
                ?? options.first(where: { $0.value.lowercased() == answer.lowercased() }) else {
            let values = options.map(\.value)
            throw input.invalid(
                "'\(answer)' is not one of the options for \(input.criterionID)", at: try input.value("answer"),
                hint: Suggestion.nearest(to: answer, in: values).map { "did you mean '\($0)'?" }
                    ?? "answer one of: \(values.joined(separator: ", "))")
        }
        let finding = Finding("answer", "Answer", .text(option.label))
        if usesPoints {
            let top = options.map(\.score).max() ?? 0
            return AssessorResult(.points(option.score, of: top),
                                  rationale: "Answered \"\(option.label)\": \(Format.number(option.score)) of \(Format.number(top)) points.",
                                  findings: [finding])
        }
        return AssessorResult(.level(option.score),
                              rationale: "Answered \"\(option.label)\", which the rubric places at level \(Format.number(option.score)).",
                              findings: [finding])
    }
}

// MARK: - self-rating

/// A rating on the organisation's own scale, mapped onto the framework's.
public struct SelfRatingAssessor: Assessor {
    let min: Double
    let max: Double

    public static let description = AssessorDescription(
        id: "self-rating", title: "Self-rating",
        purpose: "Maps the organisation's own rating linearly onto the scale; confidence never exceeds self-reported.",
        roles: [RoleDescription("rating", type: "number", "the rating given")],
        parameters: [ParameterDescription("min", type: "number", default: "1", "the lowest rating"),
                     ParameterDescription("max", type: "number", default: "5", "the highest rating")],
        examples: [
            AssessorExample(parameters: "{min: 0, max: 10}", evidence: "rating: 5", expect: .level(3)),
            AssessorExample(parameters: "{}", evidence: "rating: 4", expect: .level(4)),
            AssessorExample(parameters: "{min: 0, max: 10}", evidence: "rating: 11", expect: .error("between 0 and 10")),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        let min = parameters["min"]?.number() ?? 1
        let max = parameters["max"]?.number() ?? 5
        guard max > min else {
            parameters.reader.error("max must be greater than min")
            return nil
        }
        self.min = min
        self.max = max
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let rating = try input.number("rating")
        guard rating >= min, rating <= max else {
            throw input.invalid("the rating must be between \(Format.number(min)) and \(Format.number(max)), found \(Format.number(rating))",
                                at: try input.value("rating"))
        }
        let level = input.scale.level(atFraction: (rating - min) / (max - min))
        return AssessorResult(
            .level(level),
            rationale: "Self-rated \(Format.number(rating)) on a scale of \(Format.number(min)) to \(Format.number(max)): level \(Format.number(level)). A self-rating counts as self-reported evidence.",
            findings: [Finding("rating", "Rating", .number(rating, unit: nil))],
            confidenceCap: Provenance.selfReported.confidence)
    }
}
