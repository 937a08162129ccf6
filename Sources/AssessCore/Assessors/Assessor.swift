/// Scores one criterion from the evidence it reads.
///
/// An assessor is built once per criterion from the rubric's `parameters:` (problems are reported with their
/// line and column while the rubric loads) and then asked to assess any number of organisations. It must be a
/// pure function of its parameters and input, so the same evidence always gives the same result.
public protocol Assessor: Sendable {
    /// What the assessor does, its evidence roles, parameters and worked examples.
    static var description: AssessorDescription { get }

    /// Builds the assessor from a criterion's parameters, reporting problems through the reader.
    /// Returns nil when the parameters cannot be used.
    init?(parameters: MappingReader, scale: Scale)

    /// Scores one organisation. Throws ``AssessmentIssue`` for missing, not-applicable or invalid evidence.
    func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult

    /// The facts this instance reads, by role, with their shapes and allowed values (see ``FactSpec``).
    /// The default derives them from ``description``'s roles.
    var evidenceSpec: [FactSpec] { get }

    /// The most points an answer can earn under this instance's parameters (the top option of an options
    /// question), or nil when the assessor gives levels or its maximum depends on the evidence. A fixed
    /// maximum counts this for a question that was not answered or is worth full marks when not applicable.
    var maximumPoints: Double? { get }

    /// The `applies-to:` of the parts this instance scores (checklist items), so the organisation attributes
    /// they read can be asked for (`assess init`). Empty by default.
    var partApplicability: [Applicability] { get }
}

extension Assessor {
    /// By default an assessor declares no fixed maximum.
    public var maximumPoints: Double? { nil }
    /// By default an assessor's parts have no applicability of their own.
    public var partApplicability: [Applicability] { [] }
}

/// Why an assessment could not give a level.
public enum AssessmentIssue: Error, Sendable, Hashable {
    /// A fact the assessor needs is not in the evidence: the criterion is not assessed.
    case missing(role: String, fact: String)
    /// The assessor could not assess, for the reason given (an external plugin's `not-assessed`).
    case unassessable(String)
    /// The evidence says the criterion does not apply.
    case notApplicable(String)
    /// The answer given was "don't know": distinct from not applicable and from unanswered; the framework's
    /// `answers: dont-know:` rule says how it scores.
    case dontKnow(String)
    /// The evidence is there but unusable: the criterion is in error.
    case invalid(Diagnostic)
}

/// What an assessor found.
public struct AssessorResult: Sendable, Hashable {
    /// A level on the scale, or points out of a maximum.
    public enum Outcome: Sendable, Hashable {
        /// A level from 1 to the top of the scale, possibly fractional.
        case level(Double)
        /// Points earned out of the maximum available.
        case points(Double, of: Double)
    }

    /// The result.
    public var outcome: Outcome
    /// One or two sentences saying why, with the numbers.
    public var rationale: String
    /// The working: measures and observations.
    public var findings: [Finding]
    /// An upper bound on confidence whatever the facts' sources (self-ratings).
    public var confidenceCap: Double?

    /// Creates a result.
    public init(_ outcome: Outcome, rationale: String, findings: [Finding] = [], confidenceCap: Double? = nil) {
        self.outcome = outcome
        self.rationale = rationale
        self.findings = findings
        self.confidenceCap = confidenceCap
    }
}

/// One piece of an assessor's working.
public struct Finding: Sendable, Hashable {
    /// What a finding holds.
    public enum Value: Sendable, Hashable {
        /// A measure, with its unit (`%`, `£`, `hours`).
        case number(Double, unit: String?)
        /// Words.
        case text(String)
        /// Yes or no.
        case flag(Bool)
        /// A list of items.
        case list([String])
    }

    /// Stable machine id (`digital-share`).
    public var id: String
    /// Human label ("Digital share of contacts").
    public var label: String
    /// The value.
    public var value: Value

    /// Creates a finding.
    public init(_ id: String, _ label: String, _ value: Value) {
        self.id = id
        self.label = label
        self.value = value
    }
}

// MARK: - Self-description

/// An assessor's description, which doubles as documentation (`assess plugins`) and as tests.
public struct AssessorDescription: Sendable {
    /// The id a rubric names in `assessor:`.
    public var id: String
    /// A short title.
    public var title: String
    /// What it measures and how.
    public var purpose: String
    /// The evidence roles it reads.
    public var roles: [RoleDescription]
    /// Its parameters.
    public var parameters: [ParameterDescription]
    /// Worked examples that one generic test runs.
    public var examples: [AssessorExample]
    /// Where it comes from: `built-in`, a plugin name, or an external plugin's path.
    public var origin: String

    /// Creates a description.
    public init(
        id: String, title: String, purpose: String, roles: [RoleDescription], parameters: [ParameterDescription],
        examples: [AssessorExample], origin: String = "built-in"
    ) {
        self.id = id
        self.title = title
        self.purpose = purpose
        self.roles = roles
        self.parameters = parameters
        self.examples = examples
        self.origin = origin
    }
}

/// An evidence role an assessor reads.
public struct RoleDescription: Sendable, Hashable {
    /// The role's name, used as a key under a criterion's `evidence:`.
    public var name: String
    /// The type of fact expected.
    public var type: String
    /// Whether the criterion must bind it.
    public var required: Bool
    /// What it means.
    public var summary: String

    /// Creates a role.
    public init(_ name: String, type: String, required: Bool = true, _ summary: String) {
        self.name = name
        self.type = type
        self.required = required
        self.summary = summary
    }
}

/// A parameter an assessor takes.
public struct ParameterDescription: Sendable, Hashable {
    /// Its key under `parameters:`.
    public var name: String
    /// Its type.
    public var type: String
    /// Its default, when optional.
    public var defaultValue: String?
    /// What it means.
    public var summary: String

    /// Creates a parameter; a parameter with no default is required.
    public init(_ name: String, type: String, default defaultValue: String? = nil, _ summary: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.summary = summary
    }
}

/// A worked example: parameters, evidence, and the result it must give.
public struct AssessorExample: Sendable {
    /// What the example must give.
    public enum Expectation: Sendable, Hashable {
        /// This level, to within 0.01.
        case level(Double)
        /// These points out of this maximum.
        case points(Double, of: Double)
        /// Not assessed (a fact is missing).
        case notAssessed
        /// Not applicable.
        case notApplicable
        /// An error whose message contains this text.
        case error(String)
    }

    /// The criterion's `parameters:` as YAML.
    public var parameters: String
    /// The evidence as YAML: each role name mapped to a fact (short or long form).
    public var evidence: String
    /// Export files the evidence names (`file: contacts.csv`), by relative path, with their contents.
    public var files: [String: String]
    /// What it must give.
    public var expect: Expectation
    /// Where the example is written, so a failing example points at itself.
    public var file: String
    /// Its line.
    public var line: Int

    /// Creates an example.
    public init(
        parameters: String, evidence: String, files: [String: String] = [:], expect: Expectation,
        file: String = #filePath, line: Int = #line
    ) {
        self.parameters = parameters
        self.evidence = evidence
        self.files = files
        self.expect = expect
        self.file = file
        self.line = line
    }
}

// MARK: - Registry

/// Makes an assessor for a criterion: from a Swift type, or from an external plugin's handshake.
public struct AssessorFactory: Sendable {
    /// The description.
    public var description: AssessorDescription
    /// Builds an instance from parameters.
    public var make: @Sendable (MappingReader, Scale) -> (any Assessor)?

    /// Creates a factory from a closure.
    public init(description: AssessorDescription, make: @escaping @Sendable (MappingReader, Scale) -> (any Assessor)?) {
        self.description = description
        self.make = make
    }

    /// Creates a factory from an assessor type.
    public init<A: Assessor>(_ type: A.Type) {
        self.description = A.description
        self.make = { A(parameters: $0, scale: $1) }
    }
}

/// A group of assessors shipped together.
public protocol AssessorPlugin {
    /// The plugin's name, such as `channel-shift`.
    static var name: String { get }
    /// Its assessors.
    static var assessors: [any Assessor.Type] { get }
}

/// Every assessor a run can use, by id, in registration order.
public struct AssessorRegistry: Sendable {
    /// Factories in registration order.
    public private(set) var factories: [AssessorFactory] = []
    private var index: [String: Int] = [:]

    /// An empty registry.
    public init() {}

    /// A registry of assessor types; later duplicates are reported by ``duplicates``.
    public init(_ types: [any Assessor.Type]) {
        for type in types { register(AssessorFactory(type)) }
    }

    /// Ids registered more than once.
    public private(set) var duplicates: [String] = []

    /// Adds a factory. A second factory with the same id is ignored and recorded in ``duplicates``.
    public mutating func register(_ factory: AssessorFactory) {
        guard index[factory.description.id] == nil else {
            duplicates.append(factory.description.id)
            return
        }
        index[factory.description.id] = factories.count
        factories.append(factory)
    }

    /// Adds a plugin's assessors, marking their origin.
    public mutating func register(plugin: any AssessorPlugin.Type) {
        for type in plugin.assessors {
            var factory = AssessorFactory(type)
            factory.description.origin = plugin.name
            register(factory)
        }
    }

    /// The factory for an id.
    public func factory(_ id: String) -> AssessorFactory? {
        index[id].map { factories[$0] }
    }

    /// All ids in registration order.
    public var ids: [String] { factories.map(\.description.id) }

    /// External plugins that failed to start or to shake hands: their assessors are unknown.
    public var failedPlugins: [ExternalPlugin] = []

    /// For an unknown assessor id while a plugin has failed: a stand-in whose every assessment is an error
    /// carrying the plugin's failure, so the rest of the assessment goes on.
    func failedPluginFactory(for id: String) -> AssessorFactory? {
        guard let plugin = failedPlugins.first, let failure = plugin.failure else { return nil }
        let diagnostic = Diagnostic(file: plugin.path, location: .unknown,
                                    message: "assessor '\(id)' is unavailable: plugin '\(plugin.name)' \(failure.message)",
                                    hint: "see docs/plugins.md; run with --strict to make plugin errors fatal")
        let description = AssessorDescription(id: id, title: id, purpose: "unavailable", roles: [], parameters: [], examples: [],
                                              origin: "plugin \(plugin.name) (failed)")
        return AssessorFactory(description: description) { _, _ in UnavailableAssessor(diagnostic: diagnostic) }
    }

    /// The generic assessors built into the engine.
    public static let builtIn = AssessorRegistry([
        ThresholdAssessor.self, RatioAssessor.self, ChecklistAssessor.self, StagedAssessor.self,
        OptionsAssessor.self, SelfRatingAssessor.self,
    ])
}

/// Stands in for an assessor whose plugin failed: every assessment is an error with the plugin's failure.
struct UnavailableAssessor: Assessor {
    static let description = AssessorDescription(id: "unavailable", title: "Unavailable", purpose: "A failed plugin's assessor.",
                                                 roles: [], parameters: [], examples: [])
    let diagnostic: Diagnostic

    init?(parameters: MappingReader, scale: Scale) { return nil }
    init(diagnostic: Diagnostic) { self.diagnostic = diagnostic }

    func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult { throw .invalid(diagnostic) }
}
