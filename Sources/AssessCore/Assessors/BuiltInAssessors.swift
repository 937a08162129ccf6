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
        /// The level this practice is required for: without it the level stays below this one.
        var requiredFor: Int?
        /// The organisations it applies to (its own `applies-to:`); for the others it leaves the denominator.
        var appliesTo = Applicability()
    }
    let items: [Item]
    let thresholds: Thresholds

    /// Each item's own `applies-to:`.
    public var partApplicability: [Applicability] { items.map(\.appliesTo).filter(\.isRestricted) }

    public static let description = AssessorDescription(
        id: "checklist", title: "Checklist of practices",
        purpose: "Scores the weighted share of a list of practices that the organisation has in place. An item marked "
            + "'required-for: N' is essential: while it is not in place the level stays below N, whatever the share.",
        roles: [RoleDescription("items", type: "mapping of item id to yes/no, or list of ids in place",
                                "which practices are in place")],
        parameters: [ParameterDescription("items", type: "list of {id, label, weight, required-for, applies-to}",
                                          "the practices (weight default 1; required-for: the level, 2 and up, that cannot be reached without it; "
                                            + "applies-to: the organisations it applies to, as on a criterion: an item that does not apply leaves the denominator)"),
                     ParameterDescription("requires", type: "mapping of level to list of item ids", default: "none",
                                          "the same as required-for, kept apart from the items: {3: [statement-published], 4: [audit]}")]
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
            // 3 of 4 by weight reaches level 4, but the accessibility statement is required for level 3.
            AssessorExample(parameters: """
                items:
                  - {id: accessibility-statement, label: Accessibility statement published, required-for: 3}
                  - {id: style-guide, label: Style guide}
                  - {id: owners, label: Every page has an owner}
                  - {id: analytics, label: Analytics reviewed monthly}
                """, evidence: "items: {accessibility-statement: no, style-guide: yes, owners: yes, analytics: yes}",
                            expect: .level(2)),
            // With the required practice in place the share decides.
            AssessorExample(parameters: """
                items:
                  - {id: accessibility-statement, label: Accessibility statement published, required-for: 3}
                  - {id: style-guide, label: Style guide}
                  - {id: owners, label: Every page has an owner}
                  - {id: analytics, label: Analytics reviewed monthly}
                """, evidence: "items: {accessibility-statement: yes, style-guide: yes, owners: yes, analytics: no}",
                            expect: .level(4)),
            // A missing required practice does not lower a level already below it.
            AssessorExample(parameters: "items: [{id: a, label: A, required-for: 5}, {id: b, label: B}, {id: c, label: C}, {id: d, label: D}]",
                            evidence: "items: [b]", expect: .level(2)),
            // The same as a map from level to items: a, b and d are in place (75%, level 4), but c is required for 4.
            AssessorExample(parameters: "{items: [{id: a, label: A}, {id: b, label: B}, {id: c, label: C}, {id: d, label: D}], requires: {4: [c]}}",
                            evidence: "items: [a, b, d]", expect: .level(3)),
            AssessorExample(parameters: "items: [{id: a, label: A}, {id: b, label: B}]",
                            evidence: "items: {a: maybe}", expect: .error("must be yes or no")),
            // An item for councils with housing stock: the example organisation does not say, so it counts (1 of 2).
            AssessorExample(parameters: "items: [{id: a, label: A}, {id: rents, label: Social housing rents published, applies-to: {attributes: {housing-stock: yes}}}]",
                            evidence: "items: [a]", expect: .level(3)),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        guard let list = parameters.required("items")?.list() else { return nil }
        var items: [Item] = []
        var ok = true
        for entry in list {
            guard let map = entry.mapping(keys: ["id", "label", "weight", "required-for", "applies-to"]),
                  let id = map.string("id"), let label = map.string("label") else { ok = false; continue }
            let weight = map["weight"]?.number(in: 0...1_000_000) ?? 1
            var requiredFor: Int?
            if let node = map["required-for"] {
                guard let level = node.integer(in: 2...max(scale.top, 2)) else { ok = false; continue }
                requiredFor = level
            }
            if items.contains(where: { $0.id == id }) {
                entry.error("duplicate checklist item '\(id)'", hint: "give every item its own id")
                ok = false
            }
            var item = Item(id: id, label: label, weight: weight, requiredFor: requiredFor)
            if let appliesTo = map["applies-to"] {
                let before = entry.context.diagnostics.count
                item.appliesTo = FrameworkLoader.readApplicability(appliesTo)
                if entry.context.diagnostics.count != before { ok = false }
            }
            items.append(item)
        }
        if items.isEmpty, ok { parameters.reader.error("a checklist needs at least one item"); ok = false }
        if let requires = parameters["requires"] {
            if let pairs = requires.node.pairs {
                for pair in pairs {
                    let keyText = pair.key.scalar?.text ?? ""
                    guard let level = Int(keyText), (2...max(scale.top, 2)).contains(level) else {
                        requires.context.error("'\(keyText)' under requires is not a level from 2 to \(scale.top)", at: pair.key.location,
                                               hint: "key each list by the level its items are required for")
                        ok = false
                        continue
                    }
                    let entry = NodeReader(node: pair.value, path: "\(requires.path).\(level)", context: requires.context)
                    guard let ids = entry.list() else { ok = false; continue }
                    for idNode in ids {
                        guard let id = idNode.string() else { ok = false; continue }
                        guard let index = items.firstIndex(where: { $0.id == id }) else {
                            idNode.error("unknown checklist item '\(id)' under requires",
                                         hint: Suggestion.nearest(to: id, in: items.map(\.id)).map { "did you mean '\($0)'?" }
                                             ?? "the items are \(items.map(\.id).joined(separator: ", "))")
                            ok = false
                            continue
                        }
                        if let existing = items[index].requiredFor, existing != level {
                            idNode.error("item '\(id)' is already required for level \(existing)", hint: "name each item for one level")
                            ok = false
                            continue
                        }
                        items[index].requiredFor = level
                    }
                }
            } else {
                requires.error("requires must map levels to lists of item ids", hint: "for example {3: [statement-published]}")
                ok = false
            }
        }
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
        // Items that do not apply to this organisation leave the denominator, with the reason.
        var excluded: [(item: Item, reason: String)] = []
        var items: [Item] = []
        for item in self.items {
            if let reason = item.appliesTo.exclusion(for: input.organisation) { excluded.append((item, reason)) } else { items.append(item) }
        }
        guard !items.isEmpty else {
            throw .notApplicable("none of its items applies: " + excluded.map { "'\($0.item.label)': \($0.reason)" }.joined(separator: "; ") + ".")
        }
        var present: [String: Bool] = [:]
        for answer in answers {
            guard self.items.contains(where: { $0.id == answer.id }) else {
                let suggestion = Suggestion.nearest(to: answer.id, in: self.items.map(\.id))
                throw input.invalid("unknown checklist item '\(answer.id)'", at: answer.node,
                                    hint: suggestion.map { "did you mean '\($0)'?" }
                                        ?? "the items are \(self.items.map(\.id).joined(separator: ", "))")
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
        if !excluded.isEmpty {
            findings.append(Finding("not-applicable", "Not applicable (left out of the share)",
                                    .list(excluded.map { "\($0.item.label): \($0.reason)" })))
        }
        var rationale = "\(done.count) of \(items.count) practices in place (\(Format.number(share, decimals: 1))% by weight). "
        if !excluded.isEmpty {
            rationale += "Left out as not applicable: " + excluded.map { "'\(StagedAssessor.trimmed($0.item.label))' (\($0.reason))" }.joined(separator: "; ") + ". "
        }
        rationale += thresholds.explain(share, measure: "The share in place")
        var level = thresholds.level(for: share)
        let requiredMissing = missing.filter { $0.requiredFor != nil }
        if let cap = RequiredPractice.cap(level: level, missing: requiredMissing.map { ($0.label, $0.requiredFor ?? 0) }) {
            level = Double(cap.level)
            rationale += " " + cap.sentence
            findings.append(Finding("capped-by", "Required practices holding the level down", .list(cap.holding)))
        }
        if !requiredMissing.isEmpty {
            findings.append(Finding("required-missing", "Required practices not in place",
                                    .list(requiredMissing.map { "\($0.label) (required for level \($0.requiredFor ?? 0))" })))
        }
        return AssessorResult(.level(level), rationale: rationale, findings: findings)
    }
}

/// How missing required practices cap a level: below the lowest level whose required practice is missing.
struct RequiredPractice: Sendable {
    /// The capped level.
    var level: Int
    /// The lowest level a missing practice is required for.
    var blockedLevel: Int
    /// The labels of the missing practices required for that level.
    var holding: [String]

    /// The cap for a level when these practices (label, required-for level) are missing; nil when no
    /// missing practice is required at or below the level reached.
    static func cap(level: Double, missing: [(label: String, requiredFor: Int)]) -> RequiredPractice? {
        guard let lowest = missing.map(\.requiredFor).min(), level >= Double(lowest) else { return nil }
        let holding = missing.filter { $0.requiredFor == lowest }.map(\.label)
        return RequiredPractice(level: max(lowest - 1, 1), blockedLevel: lowest, holding: holding)
    }

    /// "Level capped at 2: 'Accessibility statement' is required for level 3 and is not in place."
    var sentence: String {
        let names = holding.map { "'\(StagedAssessor.trimmed($0))'" }
        let list = names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
        return names.count == 1
            ? "Level capped at \(level): \(list) is required for level \(blockedLevel) and is not in place."
            : "Level capped at \(level): \(list) are required for level \(blockedLevel) and are not in place."
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

/// One answer from a list of options, each worth a level or points, or meaning "don't know", "not
/// applicable" or "unanswered"; a last `otherwise: true` option takes any other answer.
public struct OptionsAssessor: Assessor {
    /// What an option that carries no score stands for.
    enum Meaning: String, CaseIterable, Sendable {
        /// The answer is "don't know": not assessed, scored by the framework's `answers: dont-know:` rule.
        case dontKnow = "dont-know"
        /// The answer says the question does not apply: not applicable.
        case notApplicable = "not-applicable"
        /// The answer is a placeholder for no answer (an empty cell): not assessed, like a missing fact.
        case unanswered
    }
    /// How a question's `match: case:` is written.
    enum CaseRule: String, CaseIterable, Sendable {
        case sensitive, insensitive
    }
    struct Option: Sendable, Hashable {
        /// The value as written (empty for the `otherwise` option).
        var value: String
        var label: String
        /// The level or points it is worth; nil for a `means:` option.
        var score: Double?
        var means: Meaning?
        /// Where its value is written, for messages about duplicates.
        var line: Int
    }
    /// The listed options, in file order (without the fallback).
    let options: [Option]
    /// The `otherwise: true` option that takes any answer not listed.
    let fallback: Option?
    let usesPoints: Bool
    /// The question's own `match:` (each part nil when it does not set it: the framework's rule applies).
    let trim: Bool?
    let caseInsensitive: Bool?

    public static let description = AssessorDescription(
        id: "options", title: "Answer options",
        purpose: "Scores a multiple-choice answer: each option carries a level, or points for points-based questionnaires. "
            + "An option can instead mean 'dont-know', 'not-applicable' or 'unanswered', and a last '{otherwise: true}' "
            + "option scores any answer not listed. Answers meet options by a declared matching rule: an exact match first, "
            + "then one after normalising both sides (trim: spaces at either end ignored; case: insensitive ignores upper and "
            + "lower case). The rule is the question's 'match:', else the framework's 'answers: match:', else "
            + "{trim: false, case: insensitive}, so 'Yes ' (a trailing space) is not 'Yes' unless trim is on. Options that "
            + "differ only by case or surrounding spaces are refused unless the question sets match: {trim: false, case: sensitive}.",
        roles: [RoleDescription("answer", type: "text", "the chosen option's value")],
        parameters: [
            ParameterDescription("options", type: "list of {value, label, level | points | means}, then optionally {otherwise: true, label, level | points}",
                                 "the answers and what each is worth (every option a level, or every option points); "
                                    + "means: dont-know | not-applicable | unanswered carries no score; otherwise: true, once and last, takes any other answer"),
            ParameterDescription("match", type: "{trim: yes | no, case: sensitive | insensitive}",
                                 default: "the framework's answers: match:, else {trim: no, case: insensitive}",
                                 "how answers meet option values: trim ignores spaces at either end, case: insensitive ignores upper and lower case; an exact match is always tried first"),
        ],
        examples: [
            AssessorExample(parameters: "options: [{value: none, level: 1}, {value: draft, level: 2}, {value: approved, level: 4}]",
                            evidence: "answer: approved", expect: .level(4)),
            AssessorExample(parameters: "options: [{value: 'no', points: 0}, {value: partly, points: 2}, {value: 'yes', points: 5}]",
                            evidence: "answer: partly", expect: .points(2, of: 5)),
            AssessorExample(parameters: "options: [{value: 'no', points: 0}, {value: 'yes', points: 5}]",
                            evidence: "answer: no", expect: .points(0, of: 5)),
            AssessorExample(parameters: "options: [{value: none, level: 1}, {value: weekly, level: 3}]",
                            evidence: "answer: weakly", expect: .error("did you mean 'weekly'")),
            // A trailing space from an answer sheet: with trim on it is the option...
            AssessorExample(parameters: "{match: {trim: yes, case: insensitive}, options: [{value: 'Yes', points: 2}, {value: 'No', points: 0}]}",
                            evidence: "answer: 'yes '", expect: .points(2, of: 2)),
            // ...and without it (the default) it is not one of the options.
            AssessorExample(parameters: "options: [{value: 'Yes', points: 2}, {value: 'No', points: 0}]",
                            evidence: "answer: 'Yes '", expect: .error("is not one of the options")),
            // Any other answer scores as the fallback says.
            AssessorExample(parameters: "options: [{value: 'Yes', points: 2}, {value: 'No', points: 0}, {otherwise: true, points: 0, label: Any other answer}]",
                            evidence: "answer: Sometimes", expect: .points(0, of: 2)),
            AssessorExample(parameters: "options: [{value: 'Yes', points: 2}, {value: 'No', points: 0}, {value: \"Don't know\", means: dont-know}]",
                            evidence: "answer: \"don't know\"", expect: .notAssessed),
            AssessorExample(parameters: "options: [{value: 'Yes', points: 2}, {value: 'No', points: 0}, {value: N/A, means: not-applicable}]",
                            evidence: "answer: N/A", expect: .notApplicable),
            AssessorExample(parameters: "options: [{value: 'Yes', points: 2}, {value: 'No', points: 0}, {value: '', means: unanswered}]",
                            evidence: "answer: ''", expect: .notAssessed),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        guard let list = parameters.required("options")?.list() else { return nil }
        var ok = true
        var trim: Bool?
        var caseInsensitive: Bool?
        if let matchReader = parameters["match"] {
            guard let match = matchReader.mapping(keys: ["trim", "case"]) else { return nil }
            if match["trim"] == nil, match["case"] == nil {
                matchReader.error("match sets neither trim nor case", hint: "write for example match: {trim: yes, case: insensitive}")
                ok = false
            }
            if let node = match["trim"] { if let value = node.bool() { trim = value } else { ok = false } }
            if let node = match["case"] { if let rule = node.choice(CaseRule.self) { caseInsensitive = rule == .insensitive } else { ok = false } }
        }
        var options: [Option] = []
        var fallback: Option?
        var kinds = Set<Bool>()
        // Duplicates are judged by the question's own rule where it sets one, else by the loosest rule
        // (trimmed, any case), so the options stay distinct under any framework default.
        let duplicateRule = AnswerMatch(trim: trim ?? true, caseInsensitive: caseInsensitive ?? true)
        var seen: [String: Option] = [:]
        for (index, entry) in list.enumerated() {
            guard let map = entry.mapping(keys: ["value", "label", "level", "points", "means", "otherwise"]) else { ok = false; continue }
            let isFallback: Bool
            if let node = map["otherwise"] {
                guard let flag = node.bool() else { ok = false; continue }
                guard flag else {
                    node.error("otherwise: no does nothing", hint: "remove it, or write otherwise: yes on the last option to score any other answer")
                    ok = false
                    continue
                }
                isFallback = true
                if map["value"] != nil {
                    map["value"]?.error("the otherwise option has no value: it takes every answer not listed", hint: "remove 'value:' or 'otherwise:'")
                    ok = false
                    continue
                }
                if fallback != nil {
                    node.error("only one option can be otherwise: yes", hint: "keep one fallback option")
                    ok = false
                    continue
                }
                if index != list.count - 1 {
                    node.error("the otherwise option must come last", hint: "move it to the end of the options")
                    ok = false
                    continue
                }
            } else {
                isFallback = false
            }
            let value = isFallback ? "" : (map.string("value") ?? "")
            if !isFallback, map["value"]?.node.scalar?.isNull != false { ok = false; continue }
            let label = map.optionalString("label") ?? (isFallback ? "Any other answer" : value)
            let name = isFallback ? "the otherwise option" : "option '\(value)'"
            var option = Option(value: value, label: label, score: nil, means: nil, line: (map["value"] ?? entry).location.line)
            if let meansReader = map["means"] {
                guard let meaning = meansReader.choice(Meaning.self) else { ok = false; continue }
                if map["level"] != nil || map["points"] != nil {
                    entry.error("\(name) means \(meaning.rawValue), so it carries no level or points",
                                hint: "remove 'level:' or 'points:'; the framework's answers: rules say how \(meaning.rawValue) scores")
                    ok = false
                    continue
                }
                option.means = meaning
            } else if let level = map["level"], map["points"] == nil {
                guard let number = level.number(in: 1...Double(scale.top)) else { ok = false; continue }
                kinds.insert(false)
                option.score = number
            } else if let points = map["points"], map["level"] == nil {
                guard let number = points.number(in: 0...1_000_000) else { ok = false; continue }
                kinds.insert(true)
                option.score = number
            } else {
                entry.error("\(name) needs exactly one of 'level', 'points' or 'means'")
                ok = false
                continue
            }
            if isFallback {
                fallback = option
                continue
            }
            let key = Self.normalised(value, by: duplicateRule)
            if let first = seen[key] {
                let declared = trim != nil && caseInsensitive != nil
                map["value"]?.error(
                    "option '\(value)' duplicates '\(first.value)' at line \(first.line)\(Self.difference(value, first.value))",
                    hint: declared || value == first.value
                        ? "remove one of them"
                        : "remove one of them; if they are different answers, set match: {trim: no, case: sensitive} on this question")
                ok = false
                continue
            }
            seen[key] = option
            options.append(option)
        }
        if kinds.count > 1 {
            list.first?.error("options mix 'level' and 'points'", hint: "give every option a level, or every option points")
            ok = false
        }
        if options.isEmpty, fallback == nil, ok { parameters.reader.error("options needs at least one option"); ok = false }
        if kinds.isEmpty, ok {
            parameters.reader.error("no option is worth a level or points", hint: "give the answers that score a level or points")
            ok = false
        }
        guard ok else { return nil }
        self.options = options
        self.fallback = fallback
        self.usesPoints = kinds.contains(true)
        self.trim = trim
        self.caseInsensitive = caseInsensitive
    }

    /// The most points an answer can earn: the top option's (nil for options worth levels).
    public var maximumPoints: Double? {
        guard usesPoints else { return nil }
        return ((options + [fallback].compactMap { $0 }).compactMap(\.score)).max()
    }

    /// A value as a rule compares it: spaces (and tabs, line breaks) at either end dropped when it trims,
    /// lower case when it ignores case.
    static func normalised(_ text: String, by rule: AnswerMatch) -> String {
        rule.key(text)
    }

    /// Why two values that differ are the same option: " once spaces are trimmed", " ignoring case", or both.
    static func difference(_ a: String, _ b: String) -> String {
        if a == b { return "" }
        let trimmedA = a.trimmingCharacters(in: .whitespacesAndNewlines)
        let trimmedB = b.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmedA == trimmedB { return " once spaces are trimmed" }
        if a.lowercased() == b.lowercased() { return " ignoring case" }
        return " once spaces are trimmed and case is ignored"
    }

    /// The rule this question matches answers by: its own `match:` where set, else the framework's.
    func rule(_ input: AssessorInput) -> AnswerMatch {
        AnswerMatch(trim: trim ?? input.answerMatch.trim, caseInsensitive: caseInsensitive ?? input.answerMatch.caseInsensitive)
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let node = try input.value("answer")
        if let scalar = node.scalar, scalar.isNull {
            throw .missing(role: "answer", fact: input.bindings["answer"] ?? "answer")
        }
        let answer = try input.string("answer")
        let rule = rule(input)
        let key = Self.normalised(answer, by: rule)
        let listed = options.first(where: { $0.value == answer }) ?? options.first(where: { Self.normalised($0.value, by: rule) == key })
        let quoted = "\"\(answer)\""
        if let means = listed?.means {
            switch means {
            case .dontKnow:
                throw .dontKnow("answered \(quoted), which the rubric counts as don't know.")
            case .notApplicable:
                throw .notApplicable("answered \(quoted), which the rubric counts as not applicable.")
            case .unanswered:
                throw .missing(role: "answered \(quoted), which the rubric counts as unanswered", fact: input.bindings["answer"] ?? "answer")
            }
        }
        guard let option = listed ?? fallback else {
            let values = options.map(\.value)
            let loosest = AnswerMatch(trim: true, caseInsensitive: true)
            let near = options.first { Self.normalised($0.value, by: loosest) == Self.normalised(answer, by: loosest) }
            let hint: String
            if let near {
                hint = "it is '\(near.value)'\(Self.difference(answer, near.value)); correct the answer, or set the question's (or the framework's answers:) match: to trim spaces or ignore case"
            } else {
                hint = Suggestion.nearest(to: answer, in: values).map { "did you mean '\($0)'?" }
                    ?? "answer one of: \(values.map { $0.isEmpty ? "''" : $0 }.joined(separator: ", ")), or add a last {otherwise: yes} option to the question"
            }
            throw input.invalid("'\(answer)' is not one of the options for \(input.criterionID)", at: node, hint: hint)
        }
        let score = option.score ?? 0
        let finding = Finding("answer", "Answer", .text(option.label))
        let answered: String
        if listed == nil {
            answered = "Answered \(quoted), which is not one of the options, so it counts as \"\(option.label)\""
        } else if answer == option.value {
            answered = "Answered \"\(option.label)\""
        } else {
            answered = "Answered \(quoted), read as \"\(option.label)\""
        }
        if usesPoints {
            let top = maximumPoints ?? 0
            return AssessorResult(.points(score, of: top),
                                  rationale: "\(answered): \(Format.number(score)) of \(Format.number(top)) points.",
                                  findings: [finding])
        }
        return AssessorResult(.level(score),
                              rationale: "\(answered), which the rubric places at level \(Format.number(score)).",
                              findings: [finding])
    }
}

// MARK: - self-rating

/// A rating on the organisation's own scale, placed on a whole level by declared bands.
public struct SelfRatingAssessor: Assessor {
    /// One band of ratings and the level it gives.
    struct Band: Sendable, Hashable {
        var from: Double
        var to: Double
        var level: Int
    }
    /// How ratings become levels.
    enum Mapping: String, CaseIterable, Sendable {
        /// Whole levels by bands of ratings (declared, or evenly split).
        case bands
        /// The old linear mapping, which gives fractional levels (3.22): only when a rubric asks for it.
        case linear
    }
    let min: Double
    let max: Double
    let mapping: Mapping
    let bands: [Band]

    public static let description = AssessorDescription(
        id: "self-rating", title: "Self-rating",
        purpose: "Places the organisation's own rating on a whole level by bands of ratings (declared with 'bands:', or the "
            + "range split evenly, so 1-10 gives 1-2 -> 1, 3-4 -> 2 ... 9-10 -> 5); a self-rating is not precise enough "
            + "for a fractional level. 'mapping: linear' keeps the older fractional mapping. Confidence never exceeds self-reported.",
        roles: [RoleDescription("rating", type: "number", "the rating given")],
        parameters: [ParameterDescription("min", type: "number", default: "1", "the lowest rating"),
                     ParameterDescription("max", type: "number", default: "5", "the highest rating"),
                     ParameterDescription("bands", type: "list of {from, to, level}", default: "the range split evenly into one band per level",
                                          "the ratings (inclusive) that give each whole level; together they must cover min to max without overlapping"),
                     ParameterDescription("mapping", type: "bands | linear", default: "bands",
                                          "linear maps the rating proportionally onto the scale and gives fractional levels")],
        examples: [
            AssessorExample(parameters: "{min: 0, max: 10}", evidence: "rating: 5", expect: .level(3)),
            AssessorExample(parameters: "{}", evidence: "rating: 4", expect: .level(4)),
            // 1-10 splits into 1-2, 3-4, 5-6, 7-8, 9-10: a 7 is level 4, not the 3.67 of a linear mapping.
            AssessorExample(parameters: "{min: 1, max: 10}", evidence: "rating: 7", expect: .level(4)),
            AssessorExample(parameters: "{min: 1, max: 10}", evidence: "rating: 6.4", expect: .level(3)),
            AssessorExample(parameters: "{min: 1, max: 10, mapping: linear}", evidence: "rating: 7", expect: .level(3.6667)),
            // Declared bands: a rubric can ask for more than a middling rating before it gives level 3.
            AssessorExample(parameters: """
                min: 1
                max: 10
                bands:
                  - {from: 1, to: 3, level: 1}
                  - {from: 4, to: 5, level: 2}
                  - {from: 6, to: 7, level: 3}
                  - {from: 8, to: 9, level: 4}
                  - {from: 10, to: 10, level: 5}
                """, evidence: "rating: 5", expect: .level(2)),
            AssessorExample(parameters: "{min: 0, max: 10}", evidence: "rating: 11", expect: .error("between 0 and 10")),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        let min = parameters["min"]?.number() ?? 1
        let max = parameters["max"]?.number() ?? 5
        guard max > min else {
            parameters.reader.error("max must be greater than min")
            return nil
        }
        guard max - min <= 1_000_000 else {
            parameters.reader.error("a self-rating scale runs over at most 1,000,000 points, found \(Format.number(min)) to \(Format.number(max))",
                                    hint: "use the survey's own scale, such as 1 to 10")
            return nil
        }
        self.min = min
        self.max = max
        mapping = parameters["mapping"]?.choice(Mapping.self) ?? .bands
        if let node = parameters["bands"] {
            guard let list = node.list() else { return nil }
            var bands: [Band] = []
            var ok = true
            for entry in list {
                guard let map = entry.mapping(keys: ["from", "to", "level"]),
                      let from = map.required("from")?.number(in: min...max), let to = map.required("to")?.number(in: min...max),
                      let level = map.required("level")?.integer(in: 1...scale.top) else { ok = false; continue }
                guard to >= from else {
                    entry.error("a band must run from a lower rating to a higher one, found \(Format.number(from)) to \(Format.number(to))")
                    ok = false
                    continue
                }
                if let other = bands.first(where: { from <= $0.to && to >= $0.from }) {
                    entry.error("this band overlaps the band \(Format.number(other.from))-\(Format.number(other.to))",
                                hint: "each rating belongs to one band")
                    ok = false
                }
                bands.append(Band(from: from, to: to, level: level))
            }
            guard ok else { return nil }
            let sorted = bands.sorted { $0.from < $1.from }
            if sorted.first?.from != min || sorted.last?.to != max {
                node.error("the bands must cover every rating from \(Format.number(min)) to \(Format.number(max))",
                           hint: "start the first band at \(Format.number(min)) and end the last at \(Format.number(max))")
                return nil
            }
            if zip(sorted, sorted.dropFirst()).contains(where: { $0.level > $1.level }) {
                node.error("a higher band of ratings cannot give a lower level", hint: "order the levels with the ratings")
                return nil
            }
            self.bands = sorted
        } else {
            self.bands = []
        }
    }

    /// The band a rating falls in: a declared band (a rating between two whole-number bands, such as 3.5
    /// between 1-3 and 4-5, belongs to the lower one), or an even split of the range into one band per level.
    func band(for rating: Double, scale: Scale) -> Band {
        if !bands.isEmpty {
            return bands.last(where: { rating >= $0.from }) ?? bands[0]
        }
        let top = scale.top
        // Whole-number ratings form max - min + 1 values; each level takes an equal share of them.
        let count = (max - min + 1)
        let index = Swift.min(top - 1, Swift.max(0, Int(((rating.rounded(.down) - min) * Double(top) / count).rounded(.down))))
        let width = count / Double(top)
        let from = (min + (Double(index) * width).rounded(.up))
        let to = Swift.min(max, min + (Double(index + 1) * width).rounded(.up) - 1)
        return Band(from: from, to: Swift.max(from, to), level: index + 1)
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let rating = try input.number("rating")
        guard rating >= min, rating <= max else {
            throw input.invalid("the rating must be between \(Format.number(min)) and \(Format.number(max)), found \(Format.number(rating))",
                                at: try input.value("rating"))
        }
        let findings = [Finding("rating", "Rating", .number(rating, unit: nil))]
        let scaleText = "Self-rated \(Format.number(rating)) on a scale of \(Format.number(min)) to \(Format.number(max))"
        let selfReported = "A self-rating counts as self-reported evidence."
        if mapping == .linear {
            let level = input.scale.level(atFraction: (rating - min) / (max - min))
            return AssessorResult(.level(level), rationale: "\(scaleText): level \(Format.number(level)) on a linear mapping. \(selfReported)",
                                  findings: findings, confidenceCap: Provenance.selfReported.confidence)
        }
        let band = band(for: rating, scale: input.scale)
        let range = band.from == band.to ? Format.number(band.from) : "\(Format.number(band.from))-\(Format.number(band.to))"
        return AssessorResult(
            .level(Double(band.level)),
            rationale: "\(scaleText), in the band \(range), which gives level \(band.level). \(selfReported)",
            findings: findings + [Finding("band", "Band", .text(range))],
            confidenceCap: Provenance.selfReported.confidence)
    }
}
