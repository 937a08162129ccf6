/// Scores evidence against a framework. Pure and deterministic: the same inputs give the same assessment.
public struct Engine: Sendable {
    /// The framework.
    public let framework: Framework

    /// The criteria question logic reads, by id, so a `when:` finds its parent at once.
    private let parents: [String: Criterion]

    /// Creates an engine for a framework.
    public init(framework: Framework) {
        self.framework = framework
        let named = Set(framework.allCriteria.compactMap { $0.criterion.when?.parent })
        var parents: [String: Criterion] = [:]
        for (_, criterion) in framework.allCriteria where named.contains(criterion.id) && parents[criterion.id] == nil {
            parents[criterion.id] = criterion
        }
        self.parents = parents
    }

    /// Assesses one organisation.
    public func assess(_ evidence: Evidence) -> Assessment {
        var diagnostics: [Diagnostic] = []
        let cache = ExportCache()
        var earlier: [String: CriterionResult] = [:]
        let dimensions = framework.dimensions.map { dimension in
            score(dimension, evidence: evidence, cache: cache, diagnostics: &diagnostics, earlier: &earlier)
        }
        var assessment = Assessment(
            organisation: evidence.organisation,
            framework: (framework.id, framework.title, framework.version),
            scoring: framework.scoring, scale: framework.scale,
            overall: combine(dimensions), dimensions: dimensions, diagnostics: diagnostics)
        assessment.pack = framework.pack
        return assessment
    }

    // MARK: - Criteria

    /// Scores one criterion, by its dimension's answer rules.
    public func score(_ criterion: Criterion, evidence: Evidence, cache: ExportCache? = nil) -> (CriterionResult, Diagnostic?) {
        let rubric = framework.criterion(criterion.id)?.dimension
        let rules = rubric.map(framework.answerRules(for:)) ?? framework.answers.resolved(maximum: framework.maximum)
        return score(criterion, evidence: evidence, cache: cache, rules: rules, earlier: [:])
    }

    /// Scores one criterion by the given answer rules; `earlier` holds the results of the criteria before it,
    /// for question logic.
    public func score(_ criterion: Criterion, evidence: Evidence, cache: ExportCache? = nil, rules: ResolvedAnswerRules,
                      earlier: [String: CriterionResult]) -> (CriterionResult, Diagnostic?) {
        var (result, diagnostic) = assess(criterion, evidence: evidence, cache: cache, rules: rules, earlier: earlier)
        count(&result, criterion: criterion, rules: rules)
        return (result, diagnostic)
    }

    /// Sets how a result counts under the rules: a zero or full count carries the criterion's fixed maximum
    /// as its `maxPoints` (points scoring), so the figures shown explain the dimension's score.
    private func count(_ result: inout CriterionResult, criterion: Criterion, rules: ResolvedAnswerRules) {
        let answer = result.answer ?? .answered
        // A criterion its `applies-to:` leaves out is never asked by the method: always out of the denominator.
        let counted = result.counted ?? rules.counted(answer)
        result.answer = answer
        result.counted = counted
        guard framework.scoring == .points, counted == .zero || counted == .full else { return }
        // Points stay null (nothing was earned from evidence); the maximum is what the count is out of.
        result.maxPoints = criterion.fixedMaximum
    }

    /// Why question logic skips a criterion, or nil when it is asked: its parent was skipped or not answered,
    /// or the parent's answer does not meet its `when:`.
    private func skipReason(_ condition: QuestionCondition, evidence: Evidence, rules: ResolvedAnswerRules,
                            earlier: [String: CriterionResult]) -> String? {
        let parentResult = earlier[condition.parent]
        if parentResult?.answer == .skipped {
            return Message(.criterionSkippedParentSkipped, [("parent", .text(condition.parent))]).english
        }
        let binding = parents[condition.parent]?.evidence.first { $0.role == "answer" }
        let fact = binding.flatMap { evidence.fact($0.fact) }
        if let fact, fact.notApplicable != nil {
            return Message(.criterionSkipped, [("parent", .text(condition.parent)), ("answer", .text("not applicable"))]).english
        }
        guard let text = fact?.value?.scalar.flatMap({ $0.isNull ? nil : $0.text }),
              !rules.match.normalised(text).isEmpty, parentResult?.answer != .unanswered else {
            return Message(.criterionSkippedParentUnanswered, [("parent", .text(condition.parent))]).english
        }
        if condition.holds(for: text, match: rules.match) { return nil }
        return Message(.criterionSkipped, [("parent", .text(condition.parent)), ("answer", .text(text))]).english
    }

    private func assess(_ criterion: Criterion, evidence: Evidence, cache: ExportCache?, rules: ResolvedAnswerRules,
                        earlier: [String: CriterionResult]) -> (CriterionResult, Diagnostic?) {
        var bindings: [String: String] = [:]
        var facts: [String: Fact] = [:]
        var uses: [EvidenceUse] = []
        for binding in criterion.evidence {
            bindings[binding.role] = binding.fact
            let fact = evidence.fact(binding.fact)
            if let fact { facts[binding.fact] = fact }
            uses.append(EvidenceUse(
                role: binding.role, fact: binding.fact, present: fact != nil,
                value: fact.map { fact in
                    if let reason = fact.notApplicable { return "not applicable: \(reason)" }
                    if let file = fact.file { return "file: \(file)" }
                    return fact.value.map(Self.summary) ?? ""
                },
                source: fact?.source, reference: fact?.reference, date: fact?.date,
                line: fact.flatMap { $0.location.line > 0 ? $0.location.line : nil }))
        }
        var input = AssessorInput(criterionID: criterion.id, scale: framework.scale, organisation: evidence.organisation,
                                  bindings: bindings, facts: facts, document: evidence.document, cache: cache,
                                  files: evidence.files)
        input.answerMatch = rules.match
        var result = CriterionResult(
            id: criterion.id, title: criterion.title, weight: criterion.weight, core: criterion.core,
            assessor: criterion.assessorID, status: .assessed, level: nil, points: nil, maxPoints: nil, rationale: "",
            findings: [], evidence: uses, confidence: nil, descriptor: nil)
        if let exclusion = criterion.appliesTo.exclusion(for: evidence.organisation) {
            result.status = .notApplicable
            result.answer = .notApplicable
            result.counted = .excluded
            result.rationale = Message(.criterionNotApplicable, [("reason", .text(exclusion + "."))]).english
            return (result, nil)
        }
        if let condition = criterion.when,
           let reason = skipReason(condition, evidence: evidence, rules: rules, earlier: earlier) {
            result.status = .notApplicable
            result.answer = .skipped
            result.rationale = reason
            return (result, nil)
        }
        do throws(AssessmentIssue) {
            let outcome = try criterion.assessor.assess(input)
            // Inputs are range-checked where they enter (InputNumber), but an assessor's arithmetic could still
            // give a value that is not finite; it must never reach the Int conversions below.
            switch outcome.outcome {
            case .level(let value) where !value.isFinite, .points(let value, _) where !value.isFinite,
                 .points(_, let value) where !value.isFinite:
                throw AssessmentIssue.invalid(evidence.document.diagnostic(
                    "the assessor '\(criterion.assessorID)' worked out a level that is not a number from this evidence",
                    at: .unknown, hint: "check the figures this criterion reads for values far out of range"))
            default: break
            }
            result.rationale = outcome.rationale
            result.findings = outcome.findings
            let scale = framework.scale
            var level: Double
            switch outcome.outcome {
            case .level(let value):
                level = min(max(value, 1), Double(scale.top))
                if framework.scoring == .points {
                    let available = criterion.points ?? 1
                    result.maxPoints = available
                    result.points = scale.fraction(of: level) * available
                }
            case .points(let earned, let available):
                let fraction = available > 0 ? min(max(earned / available, 0), 1) : 0
                level = scale.level(atFraction: fraction)
                if framework.scoring == .points {
                    let maximum = criterion.points ?? available
                    result.maxPoints = maximum
                    result.points = fraction * maximum
                }
            }
            if framework.scoring == .points, let points = result.points, let maximum = result.maxPoints {
                // The method's criterion rounding applies before points are summed; the exact figure is kept.
                let rounded = framework.rounding.round(points, places: framework.rounding.criterion)
                if framework.rounding.criterion != nil { result.exactPoints = points }
                result.points = rounded
                // A criterion's level comes from the framework's bands, as a dimension's does.
                if case .points = outcome.outcome {
                    level = Double(framework.level(forPercentage: maximum > 0 ? rounded / maximum * 100 : 0))
                }
            }
            result.level = level
            result.descriptor = criterion.levels[Int(level.rounded(.down))]
            let used = facts.values.map(\.source.confidence)
            var confidence = used.min() ?? Provenance.selfReported.confidence
            if let cap = outcome.confidenceCap { confidence = min(confidence, cap) }
            result.confidence = confidence
            return (result, nil)
        } catch {
            switch error {
            case .missing(let role, let fact):
                result.status = .notAssessed
                result.answer = .unanswered
                result.rationale = Message(.criterionMissingFact, [("fact", .text(fact)), ("role", .text(role))]).english
                return (result, nil)
            case .unassessable(let reason):
                result.status = .notAssessed
                result.answer = .unanswered
                result.rationale = Message(.criterionUnassessable, [("reason", .text(reason))]).english
                return (result, nil)
            case .dontKnow(let reason):
                result.status = .notAssessed
                result.answer = .dontKnow
                result.rationale = Message(.criterionDontKnow, [("reason", .text(reason))]).english
                return (result, nil)
            case .notApplicable(let reason):
                result.status = .notApplicable
                result.answer = .notApplicable
                result.rationale = Message(.criterionNotApplicable, [("reason", .text(reason))]).english
                return (result, nil)
            case .invalid(let diagnostic):
                result.status = .error
                result.answer = .unscorable
                result.rationale = (diagnostic.hint.map { Message(.criterionErrorWithHint, [("message", .text(diagnostic.message)), ("hint", .text($0))]) }
                    ?? Message(.criterionError, [("message", .text(diagnostic.message))])).english
                var located = diagnostic
                located.message = "criterion \(criterion.id): \(diagnostic.message)"
                return (result, located)
            }
        }
    }

    // MARK: - Dimensions

    private func score(_ dimension: Dimension, evidence: Evidence, cache: ExportCache, diagnostics: inout [Diagnostic],
                       earlier: inout [String: CriterionResult]) -> DimensionResult {
        var results: [CriterionResult] = []
        let rules = framework.answerRules(for: dimension.rubric)
        for criterion in dimension.rubric.criteria {
            let (result, diagnostic) = score(criterion, evidence: evidence, cache: cache, rules: rules, earlier: earlier)
            if let diagnostic { diagnostics.append(diagnostic) }
            results.append(result)
            earlier[criterion.id] = result
        }
        var result = aggregate(dimension, results)
        result.context = dimension.rubric.context.map { measure($0, evidence: evidence, cache: cache) }
        return result
    }

    /// Computes a context indicator's figure with its assessor's reader. The assessor's level is thrown
    /// away: context is shown, never scored.
    public func measure(_ indicator: ContextIndicator, evidence: Evidence, cache: ExportCache? = nil) -> ContextValue {
        let probe = Criterion(id: indicator.id, title: indicator.title, assessorID: indicator.assessorID,
                              assessor: indicator.assessor, evidence: indicator.evidence)
        let (result, _) = score(probe, evidence: evidence, cache: cache)
        var value = ContextValue(
            id: indicator.id, title: indicator.title, value: nil, unit: indicator.unit, national: indicator.national,
            nationalArea: indicator.nationalArea, nationalSource: indicator.nationalSource,
            nationalDate: indicator.nationalDate, note: "", evidence: result.evidence)
        switch result.status {
        case .assessed:
            let figure = result.findings.first { $0.id == indicator.finding }.flatMap { finding -> Double? in
                if case .number(let number, _) = finding.value { return number }
                return nil
            }
            if let figure {
                value.value = figure
                let sources = result.evidence.filter(\.present).compactMap { use -> String? in
                    let parts = [use.reference, use.date].compactMap { $0 }
                    return parts.isEmpty ? nil : parts.joined(separator: ", ")
                }
                value.note = sources.isEmpty ? "from the evidence" : sources.joined(separator: "; ")
            } else {
                value.note = "not known: the assessor gave no '\(indicator.finding)' figure"
            }
        case .notAssessed, .notApplicable:
            value.note = "not known: " + Self.lowercasedFirst(result.rationale.replacingPrefix("Not assessed: ").replacingPrefix("Not applicable: "))
        case .error:
            value.note = "not known: " + Self.lowercasedFirst(result.rationale.replacingPrefix("Error: "))
        }
        return value
    }

    private static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first, first.isUppercase, !(text.dropFirst().first?.isUppercase ?? false) else { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// The score of some criterion results as the answer rules counted them, before any rounding: the points
    /// percentage (points scoring) or the weighted mean level (levels scoring), where a criterion counted as
    /// zero earns nothing out of its maximum (level 1) and one counted as full earns its maximum (the top
    /// level). Nil when nothing counts. A dimension's score, and a section's, are this figure rounded by the
    /// method's `rounding:`.
    public func exactScore(of results: [CriterionResult]) -> Double? {
        Self.exactScore(of: results, framework: framework)
    }

    /// How a result entered the score; results read from files made before the answer rules existed count
    /// what was assessed.
    static func counted(_ result: CriterionResult) -> Counted {
        result.counted ?? (result.status == .assessed ? .earned : .excluded)
    }

    /// Weighted points earned and available of some results as the answer rules counted them (points scoring).
    static func countedPoints(of results: [CriterionResult]) -> (earned: Double, available: Double) {
        let counting = results.filter { $0.weight > 0 && counted($0) != .excluded }
        let earned = counting.reduce(0) { total, result in
            let points = counted(result) == .full ? (result.maxPoints ?? 0) : counted(result) == .zero ? 0 : (result.points ?? 0)
            return total + result.weight * points
        }
        return (earned, counting.reduce(0) { $0 + $1.weight * ($1.maxPoints ?? 0) })
    }

    /// ``exactScore(of:)`` for a framework (sections use it too).
    static func exactScore(of results: [CriterionResult], framework: Framework) -> Double? {
        let counting = results.filter { $0.weight > 0 && counted($0) != .excluded }
        let countingWeight = counting.reduce(0) { $0 + $1.weight }
        guard countingWeight > 0 else { return nil }
        switch framework.scoring {
        case .levels:
            let top = Double(framework.scale.top)
            return counting.reduce(0) { total, result in
                let level: Double
                switch counted(result) {
                case .zero: level = 1
                case .full: level = top
                default: level = result.level ?? 1
                }
                return total + result.weight * level
            } / countingWeight
        case .points:
            let (earned, available) = countedPoints(of: counting)
            return available > 0 ? earned / available * 100 : 0
        }
    }

    /// Combines criterion results into a dimension result (weighted mean, coverage, confidence, gating).
    func aggregate(_ dimension: Dimension, _ results: [CriterionResult]) -> DimensionResult {
        let rubric = dimension.rubric
        let applicable = results.filter { $0.status != .notApplicable && $0.weight > 0 }
        let assessed = applicable.filter { $0.status == .assessed }
        let applicableWeight = applicable.reduce(0) { $0 + $1.weight }
        let assessedWeight = assessed.reduce(0) { $0 + $1.weight }
        let coverage = applicableWeight > 0 ? assessedWeight / applicableWeight : nil

        var score: Double?
        // Sections (Sections.swift): each scored on its own; when all are weighted they make the dimension's score.
        let sections = SectionScoring.results(rubric, results, framework: framework)
        let exactScore = rubric.sectionsWeighted ? SectionScoring.combinedScore(rubric, sections) : self.exactScore(of: results)
        var weightedLevel: Int?
        if let exactScore {
            // The method's dimension rounding: the published figure decides the level and enters the overall.
            let rounded = framework.rounding.round(exactScore, places: framework.rounding.dimension)
            score = rounded
            weightedLevel = framework.scoring == .points
                ? framework.level(forPercentage: rounded) : Int((rounded + 1e-9).rounded(.down))
        }
        let confidence = assessedWeight > 0
            ? assessed.reduce(0) { $0 + $1.weight * ($1.confidence ?? 0) } / assessedWeight : nil

        // Weakest link: every core criterion caps the level at its own.
        var staged = weightedLevel
        var limitedBy: [String] = []
        let core = results.filter { $0.core && $0.status != .notApplicable }
        for criterion in core where criterion.status == .assessed {
            let cap = Int(((criterion.level ?? 1) + 1e-9).rounded(.down))
            if let current = staged, cap < (weightedLevel ?? 0) {
                limitedBy.append(criterion.id)
                staged = min(current, cap)
            }
        }
        let unverified = core.filter { $0.status != .assessed }.map(\.id)
        var result = DimensionResult(
            id: rubric.id, title: rubric.title, weight: dimension.weight, score: score, level: staged,
            coverage: coverage, confidence: framework.aggregation.cap(confidence, coverage: coverage),
            gating: Gating(weightedLevel: weightedLevel, stagedLevel: staged, limitedBy: limitedBy, unverifiedCore: unverified),
            criteria: results)
        result.sourceConfidence = confidence
        result.sections = sections
        result.provisionalScore = score
        result.provisionalLevel = staged
        if framework.rounding.dimension != nil { result.exactScore = exactScore }
        result.missing = applicable.filter { $0.status != .assessed }.map(\.id)
        let rules = framework.aggregation
        if assessedWeight == 0 || score == nil || (coverage ?? 0) < rules.minimumCoverage - 1e-9 {
            result.status = .notEnoughEvidence
            result.score = nil
            result.level = nil
            result.reason = applicableWeight == 0
                ? "nothing in this dimension applies to the organisation"
                : score == nil && assessedWeight > 0 ? "nothing was assessed in a section with a weight above 0"
                : "\(Self.percent(coverage ?? 0)) of the criteria by weight were assessed; at least \(Self.percent(rules.minimumCoverage)) are needed"
        } else if !unverified.isEmpty {
            result.status = .unverified
            result.reason = "the level depends on core criteria that were not assessed: \(unverified.joined(separator: ", "))"
            if rules.unverifiedCore == .withhold { result.level = nil }
        }
        return result
    }

    static func percent(_ share: Double) -> String {
        String(Int((share * 100).rounded())) + "%"
    }

    // MARK: - Re-scoring

    /// The assessment as it would be if some criteria reached the given levels: each named criterion is
    /// treated as assessed at the higher of its current level and the one given, and every dimension and
    /// the overall result are recomputed by the same rules. Used to project a roadmap's effect.
    public func rescore(_ assessment: Assessment, raising levels: [String: Double]) -> Assessment {
        guard !levels.isEmpty else { return assessment }
        var result = assessment
        let top = Double(framework.scale.top)
        result.dimensions = zip(framework.dimensions, assessment.dimensions).map { dimension, current in
            let criteria = current.criteria.map { criterion -> CriterionResult in
                guard let target = levels[criterion.id], criterion.status != .notApplicable else { return criterion }
                var raised = criterion
                let level = min(max(criterion.status == .assessed ? max(criterion.level ?? 1, target) : target, 1), top)
                raised.status = .assessed
                raised.answer = .answered
                raised.counted = .earned
                raised.exactPoints = nil
                raised.level = level
                if let maximum = criterion.maxPoints ?? (framework.scoring == .points ? (framework.criterion(criterion.id)?.criterion.fixedMaximum ?? 1) : nil) {
                    raised.maxPoints = maximum
                    raised.points = framework.scale.fraction(of: level) * maximum
                }
                raised.confidence = criterion.confidence ?? Provenance.selfReported.confidence
                return raised
            }
            return aggregate(dimension, criteria)
        }
        result.overall = combine(result.dimensions)
        return result
    }

    // MARK: - Overall

    private func combine(_ dimensions: [DimensionResult]) -> OverallResult {
        func weight(_ dimension: DimensionResult) -> Double {
            framework.overall == .mean ? 1 : dimension.weight
        }
        let scored = dimensions.filter { $0.provisionalScore != nil && weight($0) > 0 }
        let total = scored.reduce(0) { $0 + weight($1) }
        var overall = OverallResult()
        let rounding = framework.rounding
        if total > 0 {
            let exact = scored.reduce(0) { $0 + weight($1) * ($1.provisionalScore ?? 0) } / total
            let score = rounding.round(exact, places: rounding.overall)
            if rounding.overall != nil { overall.exactScore = exact }
            overall.provisionalScore = score
            overall.provisionalLevel = framework.scoring == .points
                ? framework.level(forPercentage: score) : Int((score + 1e-9).rounded(.down))
            overall.confidence = scored.reduce(0) { $0 + weight($1) * ($1.sourceConfidence ?? $1.confidence ?? 0) } / total
        }
        // Coverage counts every weighted dimension that has applicable criteria, including those with nothing assessed.
        let covered = dimensions.filter { $0.coverage != nil && weight($0) > 0 }
        let coveredWeight = covered.reduce(0) { $0 + weight($1) }
        if coveredWeight > 0 {
            overall.coverage = covered.reduce(0) { $0 + weight($1) * ($1.coverage ?? 0) } / coveredWeight
        }
        overall.confidence = framework.aggregation.cap(overall.confidence, coverage: overall.coverage)

        let rules = framework.aggregation
        let weighted = dimensions.filter { weight($0) > 0 && $0.coverage != nil }
        let levelled = weighted.filter { $0.level != nil }
        overall.missing = weighted.filter { $0.level == nil }.map(\.id)
        let needed = min(rules.overallMinimumDimensions ?? weighted.count, weighted.count)
        if total == 0 || (overall.coverage ?? 0) < rules.overallMinimumCoverage - 1e-9 {
            overall.status = .notEnoughEvidence
            overall.reason = "\(Self.percent(overall.coverage ?? 0)) of the framework by weight was assessed; at least \(Self.percent(rules.overallMinimumCoverage)) is needed"
        } else if levelled.count < needed {
            overall.status = dimensions.contains { $0.status == .notEnoughEvidence && weight($0) > 0 } ? .notEnoughEvidence : .unverified
            overall.reason = needed == weighted.count
                ? "an overall level needs a level in every dimension; \(overall.missing.count) of \(weighted.count) have none"
                : "an overall level needs a level in at least \(needed) dimensions; \(levelled.count) of \(weighted.count) have one"
        }
        // The headline combines only the dimensions whose own headline score is claimed.
        let claimed = dimensions.filter { $0.score != nil && weight($0) > 0 }
        let claimedWeight = claimed.reduce(0) { $0 + weight($1) }
        if claimedWeight > 0, overall.status == .scored || (overall.status == .unverified && rules.unverifiedCore == .flag) {
            let score = rounding.round(claimed.reduce(0) { $0 + weight($1) * ($1.score ?? 0) } / claimedWeight, places: rounding.overall)
            overall.score = score
            overall.level = framework.scoring == .points
                ? framework.level(forPercentage: score) : Int((score + 1e-9).rounded(.down))
        }
        return overall
    }

    /// A one-line rendering of a fact's value for the audit trail.
    static func summary(_ node: YAMLNode) -> String {
        switch node.content {
        case .scalar(let scalar): return scalar.text
        case .sequence(let items):
            let parts = items.prefix(6).map(summary)
            return "[" + parts.joined(separator: ", ") + (items.count > 6 ? ", ... (\(items.count) items)" : "") + "]"
        case .mapping(let pairs):
            let parts = pairs.prefix(6).map { "\($0.key.scalar?.text ?? "?"): \(summary($0.value))" }
            return "{" + parts.joined(separator: ", ") + (pairs.count > 6 ? ", ... (\(pairs.count) keys)" : "") + "}"
        }
    }
}

extension String {
    /// The text without a prefix, or unchanged when it does not start with it.
    func replacingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
