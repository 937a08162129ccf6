/// What every report needs besides the assessment, injected so output is byte-for-byte reproducible.
public struct ReportContext: Sendable, Hashable {
    /// The version of `assess` that produced the report.
    public var toolVersion: String
    /// The date to print, if any (`--date`, or SOURCE_DATE_EPOCH); nothing time-dependent is read otherwise.
    public var date: String?

    /// Creates a context.
    public init(toolVersion: String, date: String? = nil) {
        self.toolVersion = toolVersion
        self.date = date
    }
}

/// The versioned JSON document (documented in docs/json-output.md).
public enum JSONReporter {
    /// The schema version of the document. Bump the major part on any breaking change.
    public static let schemaVersion = "1.3"

    /// The organisation's attributes as a sorted object, or nothing when it states none (so files without
    /// attributes keep their bytes).
    static func attributes(_ organisation: Organisation) -> [(String, JSONValue)] {
        guard !organisation.attributes.isEmpty else { return [] }
        return [("attributes", .object(organisation.attributes.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))]
    }

    /// Renders an assessment.
    public static func render(_ assessment: Assessment, context: ReportContext) -> String {
        document(assessment, context: context).rendered()
    }

    /// The document as a value, for embedding in other documents (batch runs).
    public static func document(_ assessment: Assessment, context: ReportContext) -> JSONValue {
        let scale = assessment.scale
        // `pack` is written only for a framework loaded from a pack, so other documents keep their bytes.
        let pack: [(String, JSONValue)] = assessment.pack.map { pack in
            [("pack", .object([("id", .string(pack.id)), ("version", .string(pack.version))]))]
        } ?? []
        let head: [(String, JSONValue)] = [
            ("schemaVersion", .string(schemaVersion)),
            ("tool", .object([("name", .string("assess")), ("version", .string(context.toolVersion))])),
            ("generatedAt", .string(context.date)),
            ("framework", .object([
                ("id", .string(assessment.framework.id)), ("title", .string(assessment.framework.title)),
                ("version", .string(assessment.framework.version)), ("scoring", .string(assessment.scoring.rawValue)),
            ])),
        ]
        let body: [(String, JSONValue)] = [
            ("scale", .object([
                ("min", .number(1)), ("max", .number(Double(scale.top))),
                ("levels", .array(scale.levels.map {
                    .object([("level", .number(Double($0.level))), ("name", .string($0.name)), ("description", .string($0.description))])
                })),
            ])),
            ("organisation", .object([
                ("name", .string(assessment.organisation.name)), ("type", .string(assessment.organisation.type)),
                ("code", .string(assessment.organisation.code)), ("population", .number(assessment.organisation.population)),
                ("period", .string(assessment.organisation.period)),
                ("nation", .string(assessment.organisation.nation.rawValue)),
                ("financialYear", .string(assessment.organisation.typedPeriod.flatMap { period in
                    if case .financialYear = period { return period.description }
                    return nil
                })),
            ] + Self.attributes(assessment.organisation))),
            ("overall", .object([
                ("score", .number(assessment.overall.score)), ("maxScore", .number(assessment.maxScore)),
                ("level", .number(assessment.overall.level.map(Double.init))),
                ("levelName", .string(assessment.overall.level.map { scale.name(of: $0) })),
                ("coverage", .number(assessment.overall.coverage)), ("confidence", .number(assessment.overall.confidence)),
                ("status", .string(assessment.overall.status.rawValue)), ("reason", .string(assessment.overall.reason)),
                ("missing", .array(assessment.overall.missing.map { .string($0) })),
                ("provisionalScore", .number(assessment.overall.provisionalScore)),
                ("provisionalLevel", .number(assessment.overall.provisionalLevel.map(Double.init))),
            ] + exact("exactScore", assessment.overall.exactScore))),
            ("dimensions", .array(assessment.dimensions.map { dimension($0, scale: scale) })),
            ("diagnostics", .array(assessment.diagnostics.map(diagnostic))),
        ]
        return .object(head + pack + body)
    }

    /// A figure before the method's rounding: null when the method does not round it.
    static func exact(_ key: String, _ value: Double?) -> [(String, JSONValue)] {
        [(key, .number(value))]
    }

    static func dimension(_ d: DimensionResult, scale: Scale) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("id", .string(d.id)), ("title", .string(d.title)), ("weight", .number(d.weight)),
            ("score", .number(d.score)), ("level", .number(d.level.map(Double.init))),
            ("levelName", .string(d.level.map { scale.name(of: $0) })),
            ("coverage", .number(d.coverage)), ("confidence", .number(d.confidence)),
            ("sourceConfidence", .number(d.sourceConfidence)),
            ("status", .string(d.status.rawValue)), ("reason", .string(d.reason)),
            ("missing", .array(d.missing.map { .string($0) })),
            ("provisionalScore", .number(d.provisionalScore)),
            ("provisionalLevel", .number(d.provisionalLevel.map(Double.init))),
        ] + exact("exactScore", d.exactScore) + [
            ("context", .array(d.context.map(context))),
            ("gating", .object([
                ("weightedLevel", .number(d.gating.weightedLevel.map(Double.init))),
                ("stagedLevel", .number(d.gating.stagedLevel.map(Double.init))),
                ("limitedBy", .array(d.gating.limitedBy.map { .string($0) })),
                ("unverifiedCore", .array(d.gating.unverifiedCore.map { .string($0) })),
            ])),
        ]
        // Only a rubric with sections has the key, so results without sections keep their bytes.
        if !d.sections.isEmpty { pairs.append(("sections", .array(d.sections.map { section($0, scale: scale) }))) }
        pairs.append(("criteria", .array(d.criteria.map(criterion))))
        return .object(pairs)
    }

    static func section(_ s: SectionResult, scale: Scale) -> JSONValue {
        .object([
            ("id", .string(s.id)), ("title", .string(s.title)), ("weight", .number(s.weight)),
            ("score", .number(s.score)), ("level", .number(s.level.map(Double.init))),
            ("levelName", .string(s.level.map { scale.name(of: $0) })),
            ("points", .number(s.points)), ("maxPoints", .number(s.maxPoints)),
            ("coverage", .number(s.coverage)),
            ("criteria", .array(s.criteria.map { .string($0) })),
        ])
    }

    static func criterion(_ c: CriterionResult) -> JSONValue {
        .object([
            ("id", .string(c.id)), ("title", .string(c.title)), ("status", .string(c.status.rawValue)),
            ("score", .number(c.score)), ("level", .number(c.level)),
            ("points", .number(c.points)), ("maxPoints", .number(c.maxPoints)),
        ] + exact("exactPoints", c.exactPoints) + [
            ("answer", .string(c.answer?.rawValue)), ("counted", .string(c.counted?.rawValue)),
            ("weight", .number(c.weight)), ("core", .bool(c.core)), ("assessor", .string(c.assessor)),
            ("confidence", .number(c.confidence)), ("rationale", .string(c.rationale)),
            ("descriptor", .string(c.descriptor)),
            ("findings", .array(c.findings.map(finding))),
            ("evidence", .array(c.evidence.map { evidenceUse($0, withLine: true) })),
        ])
    }

    static func context(_ c: ContextValue) -> JSONValue {
        .object([
            ("id", .string(c.id)), ("title", .string(c.title)), ("value", .number(c.value)), ("unit", .string(c.unit)),
            ("known", .bool(c.value != nil)), ("note", .string(c.note)),
            ("national", c.national == nil ? .null : .object([
                ("value", .number(c.national)), ("area", .string(c.nationalArea)),
                ("source", .string(c.nationalSource)), ("date", .string(c.nationalDate)),
            ])),
            ("evidence", .array(c.evidence.map { evidenceUse($0, withLine: false) })),
        ])
    }

    /// A fact as a criterion or context indicator read it; context figures carry no line.
    static func evidenceUse(_ use: EvidenceUse, withLine: Bool) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("role", .string(use.role)), ("fact", .string(use.fact)), ("present", .bool(use.present)),
            ("value", .string(use.value)), ("source", .string(use.source?.rawValue)),
            ("reference", .string(use.reference)), ("date", .string(use.date)),
        ]
        if withLine { pairs.append(("line", .number(use.line.map(Double.init)))) }
        return .object(pairs)
    }

    static func finding(_ f: Finding) -> JSONValue {
        let value: JSONValue
        var unit: String?
        switch f.value {
        case .number(let number, let u): value = .number(number); unit = u
        case .text(let text): value = .string(text)
        case .flag(let flag): value = .bool(flag)
        case .list(let items): value = .array(items.map { .string($0) })
        }
        return .object([("id", .string(f.id)), ("label", .string(f.label)), ("value", value), ("unit", .string(unit))])
    }

    static func diagnostic(_ d: Diagnostic) -> JSONValue {
        .object([
            ("severity", .string(d.severity.rawValue)), ("file", .string(d.file)),
            ("line", .number(Double(d.location.line))), ("column", .number(Double(d.location.column))),
            ("message", .string(d.message)), ("hint", .string(d.hint)),
        ])
    }
}
