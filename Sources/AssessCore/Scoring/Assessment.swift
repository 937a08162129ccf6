/// Whether and how a criterion was scored.
public enum CriterionStatus: String, Sendable, Hashable, CaseIterable {
    /// Scored from evidence.
    case assessed
    /// A fact it needs is missing: coverage drops.
    case notAssessed = "not-assessed"
    /// The evidence says it does not apply: left out of the denominator.
    case notApplicable = "not-applicable"
    /// The evidence is unusable: reported with its location; counts as not assessed.
    case error
}

/// A fact as a criterion used it, for the audit trail.
public struct EvidenceUse: Sendable, Hashable {
    /// The role it filled.
    public var role: String
    /// The fact key.
    public var fact: String
    /// Whether the evidence had it.
    public var present: Bool
    /// A one-line rendering of its value.
    public var value: String?
    /// Where it came from.
    public var source: Provenance?
    /// Its reference.
    public var reference: String?
    /// Its date.
    public var date: String?
    /// Its line in the evidence file.
    public var line: Int?
}

/// The result for one criterion.
public struct CriterionResult: Sendable, Hashable {
    /// Its id.
    public var id: String
    /// Its title.
    public var title: String
    /// Its weight.
    public var weight: Double
    /// Whether it gates its dimension.
    public var core: Bool
    /// The assessor used.
    public var assessor: String
    /// Assessed, not assessed, not applicable or error.
    public var status: CriterionStatus
    /// The level reached (levels scoring), or the level the points correspond to.
    public var level: Double?
    /// Points earned and available (points scoring).
    public var points: Double?
    /// Points available.
    public var maxPoints: Double?
    /// Why: the assessor's rationale, or why it could not be assessed.
    public var rationale: String
    /// The working.
    public var findings: [Finding]
    /// The facts it read.
    public var evidence: [EvidenceUse]
    /// 0 ... 1, from the facts' sources.
    public var confidence: Double?
    /// The descriptor of the level reached.
    public var descriptor: String?
    /// What kind of answer it had (answered, unanswered, not applicable, don't know, skipped, unscorable).
    public var answer: AnswerClass?
    /// How it entered its dimension's score (earned, zero, full, excluded).
    public var counted: Counted?
    /// Its points before the method's criterion rounding; nil when points are not rounded.
    public var exactPoints: Double?

    /// The score this criterion contributes: its level, or its points.
    public var score: Double? { points ?? level }
}

/// How the weakest link limited a dimension.
public struct Gating: Sendable, Hashable {
    /// The level the weighted score alone would give.
    public var weightedLevel: Int?
    /// The level after gating by core criteria.
    public var stagedLevel: Int?
    /// Core criteria that hold the level down.
    public var limitedBy: [String]
    /// Core criteria not assessed, so the staged level is unconfirmed.
    public var unverifiedCore: [String]
}

/// Whether a dimension's or the overall headline level is claimed, and if not, why.
public enum ResultStatus: String, Sendable, Hashable, CaseIterable {
    /// Enough evidence: the headline score and level are claimed.
    case scored
    /// Coverage is below the framework's minimum: no headline score or level.
    case notEnoughEvidence = "not-enough-evidence"
    /// Enough evidence, but a core criterion the level depends on was not assessed.
    case unverified
}

/// A context indicator's value: a fact shown beside a dimension and never scored.
public struct ContextValue: Sendable, Hashable {
    /// Its id.
    public var id: String
    /// Its title.
    public var title: String
    /// The figure, or nil when not known.
    public var value: Double?
    /// Its unit ("%", " per 1,000 residents").
    public var unit: String
    /// The national (or other comparison) figure, when the rubric gives one.
    public var national: Double?
    /// What the comparison figure is for ("UK", "England").
    public var nationalArea: String?
    /// Where the comparison figure comes from (organisation, document, year).
    public var nationalSource: String?
    /// The date of the comparison figure.
    public var nationalDate: String?
    /// How the value was found, or why it is not known.
    public var note: String
    /// The facts it read.
    public var evidence: [EvidenceUse]
}

/// The result for one dimension.
public struct DimensionResult: Sendable, Hashable {
    /// Its id.
    public var id: String
    /// Its title.
    public var title: String
    /// Its weight in the framework.
    public var weight: Double
    /// Weighted mean level (levels) or percentage of points (points); nil when nothing was assessed.
    public var score: Double?
    /// The staged level: the weighted level capped by core criteria.
    public var level: Int?
    /// Share of applicable weight assessed, 0 ... 1; nil when nothing applies.
    public var coverage: Double?
    /// Weighted mean confidence of the assessed criteria.
    public var confidence: Double?
    /// How gating applied.
    public var gating: Gating
    /// Criteria in rubric order.
    public var criteria: [CriterionResult]
    /// Whether the headline score and level are claimed (see the framework's aggregation rules).
    public var status: ResultStatus = .scored
    /// Why they are not, in words; nil when scored.
    public var reason: String?
    /// Criteria (applicable, weighted) that were not assessed or in error: what is missing.
    public var missing: [String] = []
    /// The weighted mean of what was assessed, kept even when the headline score is withheld.
    public var provisionalScore: Double?
    /// The staged level the provisional score gives, kept even when the headline level is withheld.
    public var provisionalLevel: Int?
    /// Confidence from the facts' sources before the cap by coverage.
    public var sourceConfidence: Double?
    /// Context indicators: facts shown beside the dimension, never scored.
    public var context: [ContextValue] = []
    /// The provisional score before the method's dimension rounding; nil when it is not rounded.
    public var exactScore: Double?
    /// Its sections (sub-dimensions) in rubric order; empty when the rubric has none.
    public var sections: [SectionResult] = []
}

/// The overall result.
public struct OverallResult: Sendable, Hashable {
    /// Combined score.
    public var score: Double?
    /// The level of the combined score.
    public var level: Int?
    /// Weighted mean coverage.
    public var coverage: Double?
    /// Weighted mean confidence.
    public var confidence: Double?
    /// Whether the headline score and level are claimed.
    public var status: ResultStatus = .scored
    /// Why they are not, in words; nil when scored.
    public var reason: String?
    /// Dimensions without a headline level, which keep the overall level from being claimed.
    public var missing: [String] = []
    /// The combined score of the dimensions that have a score, kept even when the headline is withheld.
    public var provisionalScore: Double?
    /// The level of the provisional score.
    public var provisionalLevel: Int?
    /// The provisional score before the method's overall rounding; nil when it is not rounded.
    public var exactScore: Double?
}

/// A complete assessment of one organisation against one framework.
public struct Assessment: Sendable {
    /// The organisation.
    public var organisation: Organisation
    /// The framework's id, title and version.
    public var framework: (id: String, title: String, version: String)
    /// Levels or points.
    public var scoring: ScoringMode
    /// The scale.
    public var scale: Scale
    /// The overall result.
    public var overall: OverallResult
    /// Dimensions in framework order.
    public var dimensions: [DimensionResult]
    /// Problems found in the evidence while scoring (criteria in error) and warnings.
    public var diagnostics: [Diagnostic]
    /// The pack the framework came from, if any (named beside the framework in every output).
    public var pack: PackLabel? = nil

    /// The top of the score range: the top level, or 100 for points.
    public var maxScore: Double { scoring == .points ? 100 : Double(scale.top) }

    /// Every criterion result.
    public var allCriteria: [CriterionResult] { dimensions.flatMap(\.criteria) }
}
