/// Scores evidence against a framework. Pure and deterministic: the same inputs give the same assessment.
public struct Engine: Sendable {
    /// The framework.
    public let framework: Framework

    /// Creates an engine for a framework.
    public init(framework: Framework) {
        self.framework = framework
    }

    /// Assesses one organisation.
    public func assess(_ evidence: Evidence) -> Assessment {
        var diagnostics: [Diagnostic] = []
        let cache = ExportCache()
        let dimensions = framework.dimensions.map { dimension in
            score(dimension, evidence: evidence, cache: cache, diagnostics: &diagnostics)
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

    /// Scores one criterion.
    public func score(_ criterion: Criterion, evidence: Evidence, cache: ExportCache? = nil) -> (CriterionResult, Diagnostic?) {
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
        let input = AssessorInput(criterionID: criterion.id, scale: framework.scale, organisation: evidence.organisation,
                                  bindings: bindings, facts: facts, document: evidence.document, cache: cache,
                                  files: evidence.files)
        var result = CriterionResult(
            id: criterion.id, title: criterion.title, weight: criterion.weight, core: criterion.core,
            assessor: criterion.assessorID, status: .assessed, level: nil, points: nil, maxPoints: nil, rationale: "",
            findings: [], evidence: uses, confidence: nil, descriptor: nil)
        if let exclusion = criterion.appliesTo.exclusion(for: evidence.organisation) {
            result.status = .notApplicable
            result.rationale = Message(.criterionNotApplicable, [("reason", .text(exclusion + "."))]).english
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
                result.rationale = Message(.criterionMissingFact, [("fact", .text(fact)), ("role", .text(role))]).english
                return (result, nil)
            case .unassessable(let reason), .dontKnow(let reason):
                result.status = .notAssessed
                result.rationale = Message(.criterionUnassessable, [("reason", .text(reason))]).english
                return (result, nil)
            case .notApplicable(let reason):
                result.status = .notApplicable
                result.rationale = Message(.criterionNotApplicable, [("reason", .text(reason))]).english
                return (result, nil)
            case .invalid(let diagnostic):
                result.status = .error
                result.rationale = (diagnostic.hint.map { Message(.criterionErrorWithHint, [("message", .text(diagnostic.message)), ("hint", .text($0))]) }
                    ?? Message(.criterionError, [("message", .text(diagnostic.message))])).english
                var located = diagnostic
                located.message = "criterion \(criterion.id): \(diagnostic.message)"
                return (result, located)
            }
        }
    }

    // MARK: - Dimensions

    private func score(_ dimension: Dimension, evidence: Evidence, cache: ExportCache, diagnostics: inout [Diagnostic]) -> DimensionResult {
        var results: [CriterionResult] = []
        for criterion in dimension.rubric.criteria {
            let (result, diagnostic) = score(criterion, evidence: evidence, cache: cache)
            if let diagnostic { diagnostics.append(diagnostic) }
            results.append(result)
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

    /// Combines criterion results into a dimension result (weighted mean, coverage, confidence, gating).
    func aggregate(_ dimension: Dimension, _ results: [CriterionResult]) -> DimensionResult {
        let rubric = dimension.rubric
        let applicable = results.filter { $0.status != .notApplicable && $0.weight > 0 }
        let assessed = applicable.filter { $0.status == .assessed }
        let applicableWeight = applicable.reduce(0) { $0 + $1.weight }
        let assessedWeight = assessed.reduce(0) { $0 + $1.weight }
        let coverage = applicableWeight > 0 ? assessedWeight / applicableWeight : nil

        var score: Double?
        var weightedLevel: Int?
        if assessedWeight > 0 {
            switch framework.scoring {
            case .levels:
                let mean = assessed.reduce(0) { $0 + $1.weight * ($1.level ?? 1) } / assessedWeight
                score = mean
                weightedLevel = Int((mean + 1e-9).rounded(.down))
            case .points:
                let earned = assessed.reduce(0) { $0 + $1.weight * ($1.points ?? 0) }
                let available = assessed.reduce(0) { $0 + $1.weight * ($1.maxPoints ?? 0) }
                let percentage = available > 0 ? earned / available * 100 : 0
                score = percentage
                weightedLevel = framework.level(forPercentage: percentage)
            }
        }
        // Sections (Sections.swift): each scored on its own; when all are weighted they make the dimension's score.
        let sections = SectionScoring.results(rubric, results, framework: framework)
        if rubric.sectionsWeighted {
            score = SectionScoring.combinedScore(rubric, sections)
            weightedLevel = score.map { SectionScoring.level(of: $0, framework: framework) }
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
                raised.level = level
                if let maximum = criterion.maxPoints ?? (framework.scoring == .points ? (framework.criterion(criterion.id)?.criterion.points ?? 1) : nil) {
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
        if total > 0 {
            let score = scored.reduce(0) { $0 + weight($1) * ($1.provisionalScore ?? 0) } / total
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
            let score = claimed.reduce(0) { $0 + weight($1) * ($1.score ?? 0) } / claimedWeight
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
