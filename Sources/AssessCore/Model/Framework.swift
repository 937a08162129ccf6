/// One level of a maturity scale.
public struct LevelDefinition: Sendable, Hashable {
    /// Its number, from 1.
    public var level: Int
    /// Its short name ("Developing").
    public var name: String
    /// What it means.
    public var description: String

    /// Creates a level.
    public init(level: Int, name: String, description: String) {
        self.level = level
        self.name = name
        self.description = description
    }
}

/// The maturity scale shared by every rubric of a framework: levels 1 ... N.
public struct Scale: Sendable, Hashable {
    /// The levels in order.
    public var levels: [LevelDefinition]

    /// Creates a scale.
    public init(levels: [LevelDefinition]) {
        self.levels = levels
    }

    /// The top level, N.
    public var top: Int { levels.count }

    /// A level's name, or its number when it has none.
    public func name(of level: Int) -> String {
        levels.first { $0.level == level }?.name ?? "Level \(level)"
    }

    /// The fraction (0 ... 1) of the way from level 1 to the top that a level stands.
    public func fraction(of level: Double) -> Double {
        top > 1 ? (level - 1) / Double(top - 1) : 1
    }

    /// The level that stands at a fraction (0 ... 1) of the way from level 1 to the top.
    public func level(atFraction fraction: Double) -> Double {
        1 + min(max(fraction, 0), 1) * Double(top - 1)
    }

    /// A five-level scale used when tests or assessor examples need one.
    public static let standard = Scale(levels: [
        LevelDefinition(level: 1, name: "Ad hoc", description: "Little or no deliberate practice."),
        LevelDefinition(level: 2, name: "Developing", description: "Practice is starting in places."),
        LevelDefinition(level: 3, name: "Defined", description: "Practice is defined and mostly followed."),
        LevelDefinition(level: 4, name: "Embedded", description: "Practice is measured and embedded."),
        LevelDefinition(level: 5, name: "Leading", description: "Practice is improving and shared with others."),
    ])
}

/// How criteria turn into dimension scores.
public enum ScoringMode: String, Sendable, Hashable, CaseIterable {
    /// Each criterion gives a level; a dimension is the weighted mean level.
    case levels
    /// Each criterion gives points; a dimension is its points as a percentage of the maximum available.
    case points
}

/// How dimension scores combine into the overall score.
public enum OverallMethod: String, Sendable, Hashable, CaseIterable {
    /// The mean weighted by each dimension's weight.
    case weightedMean = "weighted-mean"
    /// The plain mean.
    case mean
}

/// When a dimension or the overall result has enough evidence for its headline score and level to be
/// claimed, and how coverage limits confidence. Set in `framework.yaml` under `aggregation:`; see
/// docs/scoring.md.
public struct AggregationRules: Sendable, Hashable {
    /// What to do with a level that depends on a core criterion that was not assessed.
    public enum UnverifiedCore: String, Sendable, Hashable, CaseIterable {
        /// No headline level; the dimension is shown as unverified.
        case withhold
        /// The level is shown, marked unverified.
        case flag
    }

    /// One step of the confidence cap: below this coverage, confidence is at most this figure.
    public struct ConfidenceCap: Sendable, Hashable {
        /// Coverage (0 ... 1) below which the cap applies.
        public var below: Double
        /// The highest confidence (0 ... 1) allowed.
        public var atMost: Double

        /// Creates a cap.
        public init(below: Double, atMost: Double) {
            self.below = below
            self.atMost = atMost
        }
    }

    /// The share of a dimension's applicable weight that must be assessed for a headline score and level.
    public var minimumCoverage: Double = 0.5
    /// The overall coverage (weighted mean of the dimensions') needed for an overall score and level.
    public var overallMinimumCoverage: Double = 0.5
    /// How many weighted dimensions must have a headline level for an overall level; nil means all of them.
    public var overallMinimumDimensions: Int?
    /// Unverified core criteria: withhold the level, or show it flagged.
    public var unverifiedCore: UnverifiedCore = .withhold
    /// Caps on confidence by coverage, checked in order; the lowest that applies wins.
    public var confidenceCaps: [ConfidenceCap] = [ConfidenceCap(below: 0.75, atMost: 0.8), ConfidenceCap(below: 0.5, atMost: 0.6)]

    /// The default rules.
    public init() {}

    /// Rules that claim every score whatever the coverage (the behaviour before aggregation rules existed).
    public static let permissive: AggregationRules = {
        var rules = AggregationRules()
        rules.minimumCoverage = 0
        rules.overallMinimumCoverage = 0
        rules.overallMinimumDimensions = 0
        rules.unverifiedCore = .flag
        rules.confidenceCaps = []
        return rules
    }()

    /// A confidence figure capped by coverage.
    public func cap(_ confidence: Double?, coverage: Double?) -> Double? {
        guard var confidence else { return nil }
        let coverage = coverage ?? 0
        for cap in confidenceCaps where coverage < cap.below - 1e-9 { confidence = min(confidence, cap.atMost) }
        return confidence
    }
}

/// The pack a framework was distributed in: its id and the pack's own version (see docs/packs.md). The engine
/// only carries it into results; reading packs is AssessKit's work.
public struct PackLabel: Sendable, Hashable {
    /// The pack's id, such as `dma-government`.
    public var id: String
    /// The pack's version, which is not the framework's `version:`.
    public var version: String

    /// Whether text is a valid pack id: lower-case ASCII letters, digits, '-' and '.', not starting with '.'.
    /// The one rule for `pack.yaml`'s `id:` and an evidence file's `framework:`.
    public static func isValidID(_ text: String) -> Bool {
        !text.isEmpty && text.first != "."
            && text.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x2E }
    }

    /// Creates a label.
    public init(id: String, version: String) {
        self.id = id
        self.version = version
    }
}

/// A set of rubrics, one per dimension, with the scale and the way they combine.
public struct Framework: Sendable {
    /// Identifier, such as `digital-strategy`.
    public var id: String
    /// Human title.
    public var title: String
    /// Version string of the framework.
    public var version: String
    /// What it measures.
    public var description: String
    /// Levels or points.
    public var scoring: ScoringMode
    /// How dimensions combine.
    public var overall: OverallMethod
    /// The maturity scale.
    public var scale: Scale
    /// For points scoring: the percentage at which each level starts, ascending, first 0.
    public var bands: [Double]
    /// The dimensions, in the framework's order.
    public var dimensions: [Dimension]
    /// External plugins started for this framework (from its `plugins:` and the command line).
    public var plugins: [ExternalPlugin] = []
    /// Target level per dimension id, from the framework's `targets:`.
    public var targets: [String: Int] = [:]
    /// When headline scores and levels are claimed.
    public var aggregation = AggregationRules()
    /// Criteria renamed since an earlier version, old id → new id (`renamed:`), so results compare across versions.
    public var renamed: [String: String] = [:]
    /// How the planner values actions, and the statutory duties actions can discharge (`planning:`).
    public var planning = PlanningSettings()
    /// Whether a dimension's maximum is fixed or follows what was assessed (`maximum:`); a rubric may override it.
    public var maximum: MaximumRule = .assessed
    /// How each kind of non-answer counts, and how answers meet options (`answers:`); a rubric may override them.
    public var answers = AnswerRules()
    /// The rounding the method applies to its published figures (`rounding:`).
    public var rounding = RoundingRules()

    /// The pack it came from, when it was loaded from one.
    public var pack: PackLabel?

    /// Every action of every rubric, in framework order.
    public var allActions: [Action] { dimensions.flatMap(\.rubric.actions) }
    /// The organisation attributes criteria and their parts (checklist items) read in `applies-to:`, each
    /// with the ids of the criteria that read it, sorted by attribute.
    public var organisationAttributes: [(key: String, readers: [String])] {
        var readers: [String: [String]] = [:]
        for (_, criterion) in allCriteria {
            for applicability in [criterion.appliesTo] + criterion.assessor.partApplicability {
                for condition in applicability.attributes where !(readers[condition.key]?.contains(criterion.id) ?? false) {
                    readers[condition.key, default: []].append(criterion.id)
                }
            }
        }
        return readers.keys.sorted().map { ($0, readers[$0] ?? []) }
    }
    /// Every rubric's warnings, in framework order (`assess validate` prints them).
    public var warnings: [Diagnostic] { dimensions.flatMap(\.rubric.warnings) }
    /// Where it was loaded from.
    public var source: String

    /// Creates a framework.
    public init(
        id: String, title: String, version: String, description: String = "", scoring: ScoringMode = .levels,
        overall: OverallMethod = .weightedMean, scale: Scale = .standard, bands: [Double] = [],
        dimensions: [Dimension], source: String = "<memory>"
    ) {
        self.id = id
        self.title = title
        self.version = version
        self.description = description
        self.scoring = scoring
        self.overall = overall
        self.scale = scale
        self.bands = bands
        self.dimensions = dimensions
        self.source = source
    }

    /// Every criterion, with its dimension.
    public var allCriteria: [(dimension: Rubric, criterion: Criterion)] {
        dimensions.flatMap { dimension in dimension.rubric.criteria.map { (dimension.rubric, $0) } }
    }

    /// Finds a criterion by id.
    public func criterion(_ id: String) -> (dimension: Rubric, criterion: Criterion)? {
        allCriteria.first { $0.criterion.id == id }
    }

    /// The answer rules a dimension is scored by: its rubric's `maximum:` and `answers:` over the framework's.
    public func answerRules(for rubric: Rubric) -> ResolvedAnswerRules {
        (rubric.answers ?? AnswerRules()).merged(over: answers).resolved(maximum: rubric.maximum ?? maximum)
    }

    /// The level a percentage reaches on the bands (points scoring).
    public func level(forPercentage percentage: Double) -> Int {
        var level = 1
        for (index, start) in bands.enumerated() where percentage >= start - 1e-9 { level = index + 1 }
        return level
    }
}

/// A rubric with its weight in the framework.
public struct Dimension: Sendable {
    /// The rubric.
    public var rubric: Rubric
    /// Its relative weight.
    public var weight: Double

    /// Creates a dimension.
    public init(rubric: Rubric, weight: Double) {
        self.rubric = rubric
        self.weight = weight
    }
}

/// The criteria for one dimension.
public struct Rubric: Sendable {
    /// Identifier, which is the dimension's id.
    public var id: String
    /// Title, such as "Channel shift".
    public var title: String
    /// Version string.
    public var version: String
    /// What the dimension covers.
    public var description: String
    /// What each level means in this dimension.
    public var levels: [Int: String]
    /// The criteria in file order.
    public var criteria: [Criterion]
    /// The actions that raise its criteria, in file order.
    public var actions: [Action] = []
    /// Context indicators: facts shown beside the dimension and never scored.
    public var context: [ContextIndicator] = []
    /// Its own `maximum:`, overriding the framework's.
    public var maximum: MaximumRule?
    /// Its own `answers:` rules, each overriding the framework's.
    public var answers: AnswerRules?
    /// Its sections (sub-dimensions), in file order; empty when the rubric has none.
    public var sections: [Section] = []
    /// Problems found while loading that do not stop it being used (a section with no criteria, a scored
    /// question whose options are all worth 0).
    public var warnings: [Diagnostic] = []
    /// The file it came from.
    public var file: String

    /// Creates a rubric.
    public init(
        id: String, title: String, version: String = "1.0.0", description: String = "", levels: [Int: String] = [:],
        criteria: [Criterion], file: String = "<memory>"
    ) {
        self.id = id
        self.title = title
        self.version = version
        self.description = description
        self.levels = levels
        self.criteria = criteria
        self.file = file
    }
}

/// Which fact an assessor role reads.
public struct EvidenceBinding: Sendable, Hashable {
    /// The assessor's role name, such as `value` or `numerator`.
    public var role: String
    /// The fact key in the evidence, such as `channel.digital-share`.
    public var fact: String

    /// Creates a binding.
    public init(role: String, fact: String) {
        self.role = role
        self.fact = fact
    }
}

/// One question a council answers, and how it is scored.
public struct Criterion: Sendable {
    /// Unique id across the framework.
    public var id: String
    /// Short title.
    public var title: String
    /// The question asked.
    public var question: String
    /// How to find the evidence.
    public var guidance: String
    /// Why it matters.
    public var rationale: String
    /// Relative weight inside the dimension.
    public var weight: Double
    /// Weakest link: the dimension's level cannot exceed this criterion's.
    public var core: Bool
    /// Id of the assessor that scores it.
    public var assessorID: String
    /// The assessor, built from the parameters.
    public var assessor: any Assessor
    /// Role-to-fact bindings, in file order.
    public var evidence: [EvidenceBinding]
    /// Maximum points (points scoring), when set.
    public var points: Double?
    /// Descriptor for each level.
    public var levels: [Int: String]
    /// Where it is defined.
    public var location: SourceLocation
    /// The organisations it applies to; empty means every organisation.
    public var appliesTo: Applicability = Applicability()
    /// Question logic: asked only when an earlier options question's answer holds (`when:`).
    public var when: QuestionCondition?

    /// Its maximum points: its `points:`, or else its assessor's top option, or else 1 (scaled). A fixed maximum
    /// counts it, and `explain` and `rubrics` show it.
    public var fixedMaximum: Double { points ?? assessor.maximumPoints ?? 1 }
    /// The id of the section (sub-dimension) of its rubric it belongs to, or nil for none.
    public var section: String?

    /// Creates a criterion.
    public init(
        id: String, title: String, question: String = "", guidance: String = "", rationale: String = "",
        weight: Double = 1, core: Bool = false, assessorID: String, assessor: any Assessor,
        evidence: [EvidenceBinding], points: Double? = nil, levels: [Int: String] = [:],
        location: SourceLocation = .unknown
    ) {
        self.id = id
        self.title = title
        self.question = question
        self.guidance = guidance
        self.rationale = rationale
        self.weight = weight
        self.core = core
        self.assessorID = assessorID
        self.assessor = assessor
        self.evidence = evidence
        self.points = points
        self.levels = levels
        self.location = location
    }
}

/// Which organisations a criterion applies to, from its `applies-to:`.
public struct Applicability: Sendable, Hashable {
    /// Organisation types it applies to (from ``Applicability/organisationTypes``); empty means any type.
    public var types: [String] = []
    /// Other organisation fields (`code-prefix`) and the values they must start with.
    public var codePrefixes: [String] = []
    /// UK nations it applies to (`england`, `wales`, `scotland`, `northern-ireland`); empty means any.
    public var nations: [String] = []
    /// Organisation attributes (`organisation: attributes:` in evidence) and the values one of which each
    /// must have; an organisation that does not state an attribute matches.
    public var attributes: [AttributeCondition] = []
    /// Why it applies only to these, shown when it does not apply.
    public var reason: String?

    /// One attribute and the values any of which it must have (`housing-stock: yes`, `tier: [upper, single]`).
    public struct AttributeCondition: Sendable, Hashable {
        /// The attribute's name, such as `housing-stock`.
        public var key: String
        /// The values it may have, as written.
        public var values: [String]

        /// Creates a condition.
        public init(key: String, values: [String]) {
            self.key = key
            self.values = values
        }

        /// Whether a stated value is one of the values: yes/no compared as yes/no, numbers as numbers,
        /// anything else as text ignoring case.
        public func accepts(_ stated: String) -> Bool {
            values.contains { Applicability.same($0, stated) }
        }
    }

    /// Applies to every organisation unless types, code prefixes, nations or attributes are given.
    public init(types: [String] = [], codePrefixes: [String] = [], nations: [String] = [],
                attributes: [AttributeCondition] = [], reason: String? = nil) {
        self.types = types
        self.codePrefixes = codePrefixes
        self.nations = nations
        self.attributes = attributes
        self.reason = reason
    }

    /// Whether it names anything at all (an empty one applies to every organisation).
    public var isRestricted: Bool { !types.isEmpty || !codePrefixes.isEmpty || !nations.isEmpty || !attributes.isEmpty }

    /// Whether a text is usable as an attribute name: lower-case letters, digits and hyphens, starting with a letter.
    public static func isAttributeKey(_ key: String) -> Bool {
        guard let first = key.first, first.isASCII, first.isLowercase, key.count <= 64 else { return false }
        return key.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }

    /// Two attribute values are the same when both read as yes/no and agree, both read as numbers and are
    /// equal, or their texts are equal ignoring case.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = YAMLScalar(text: a, isPlain: true), y = YAMLScalar(text: b, isPlain: true)
        if let p = x.bool, let q = y.bool { return p == q }
        if let p = x.number, let q = y.number { return p == q }
        return a.lowercased() == b.lowercased()
    }

    /// The organisation types a rubric or evidence file may name.
    public static let organisationTypes = [
        "county", "district", "unitary", "metropolitan-district", "london-borough", "welsh-unitary",
        "scottish-unitary", "northern-ireland-district", "combined-authority", "housing-association", "other",
    ]

    /// Why the criterion does not apply to an organisation, or nil when it does. An organisation whose type
    /// is not given is assumed to have every function, and one that does not state an attribute to match it,
    /// so nothing is left out on a guess.
    public func exclusion(for organisation: Organisation) -> String? {
        if !types.isEmpty, let type = organisation.type, !types.contains(type) {
            return "it applies only to organisations of type \(types.joined(separator: ", ")), and this one is \(type)"
                + (reason.map { " (\($0))" } ?? "")
        }
        if !nations.isEmpty, organisation.nation != .unknown, !nations.contains(organisation.nation.rawValue) {
            return "it applies only to organisations in \(nations.joined(separator: " or ")), and this one is in \(organisation.nation.rawValue)"
                + (reason.map { " (\($0))" } ?? "")
        }
        if !codePrefixes.isEmpty, let code = organisation.code, !codePrefixes.contains(where: { code.hasPrefix($0) }) {
            return "it applies only to organisations whose code starts with \(codePrefixes.joined(separator: " or ")), and this one's is \(code)"
                + (reason.map { " (\($0))" } ?? "")
        }
        for condition in attributes {
            guard let stated = organisation.attributes[condition.key], !condition.accepts(stated) else { continue }
            return "it applies only to organisations whose \(condition.key) is \(condition.values.joined(separator: " or ")), and this one's is \(stated)"
                + (reason.map { " (\($0))" } ?? "")
        }
        return nil
    }
}

/// A fact shown beside a dimension and never scored (Ofcom coverage, reach per 1,000 residents): what a
/// council does not choose, shown so readers can judge the criteria that score what it does about it.
public struct ContextIndicator: Sendable {
    /// Its id, unique across the framework's criteria and context indicators.
    public var id: String
    /// Its title.
    public var title: String
    /// What it shows and why it is not scored.
    public var description: String
    /// The assessor whose reader computes the figure (its level is thrown away).
    public var assessorID: String
    /// The assessor.
    public var assessor: any Assessor
    /// Role-to-fact bindings.
    public var evidence: [EvidenceBinding]
    /// The id of the assessor's finding that holds the figure.
    public var finding: String
    /// The unit shown after the figure.
    public var unit: String
    /// The comparison figure, when known.
    public var national: Double?
    /// What the comparison figure is for ("UK").
    public var nationalArea: String?
    /// Its source: organisation, document, year.
    public var nationalSource: String?
    /// Its date.
    public var nationalDate: String?
    /// Where it is defined.
    public var location: SourceLocation
}
