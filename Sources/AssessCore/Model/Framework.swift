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
    /// How the planner values actions, and the statutory duties actions can discharge (`planning:`).
    public var planning = PlanningSettings()

    /// Every action of every rubric, in framework order.
    public var allActions: [Action] { dimensions.flatMap(\.rubric.actions) }
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
