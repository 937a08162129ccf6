/// One pipeline for every command: a framework loaded (and its plugins started) once, the evidence loader with
/// its file-access rules, and the engine. `score`, `roadmap`, `report`, `validate` and `batch` all go through it,
/// so the same evidence gives the same assessment whichever command scores it, and a batch of thousands of
/// organisations loads the framework once.
///
/// A session is a value and `Sendable`: several threads may call ``assess(path:)`` at once (the engine is pure;
/// an external plugin serialises its own requests).
public struct AssessmentSession: Sendable {
    /// The framework every organisation is scored against.
    public let framework: Framework
    /// How evidence files are read, and which folders their `file:` paths may lead to.
    public let loader: EvidenceLoader
    /// The engine.
    public let engine: Engine

    /// Creates a session for a loaded framework.
    public init(framework: Framework, loader: EvidenceLoader = EvidenceLoader()) {
        self.framework = framework
        self.loader = loader
        self.engine = Engine(framework: framework)
    }

    /// Loads and scores one organisation's evidence file.
    ///
    /// Load problems that stop scoring (no such file, YAML errors, a malformed field) are thrown; what only
    /// weakens the result (facts no criterion reads, refused `file:` paths) comes back as ``SessionResult/warnings``.
    public func assess(path: String) throws(LoadError) -> SessionResult {
        let evidence = try loader.load(path: path)
        return assess(evidence)
    }

    /// Scores evidence already loaded.
    public func assess(_ evidence: Evidence) -> SessionResult {
        let warnings = EvidenceLoader.unusedFacts(evidence, framework: framework)
        return SessionResult(evidence: evidence, assessment: engine.assess(evidence), warnings: warnings)
    }

    /// Checks evidence without scoring it: the files its facts name that the access rules refuse.
    public func check(_ evidence: Evidence) -> [Diagnostic] {
        EvidenceLoader.refusedFiles(evidence)
    }

    /// A planner for this session's framework.
    public func planner(capacity: Double, quarters: Int, ownerCapacity: [String: Double] = [:],
                        start: FiscalQuarter? = nil) -> Planner {
        Planner(framework: framework, capacity: capacity, quarters: quarters, ownerCapacity: ownerCapacity, start: start)
    }
}

/// What scoring one evidence file gave.
public struct SessionResult: Sendable {
    /// The evidence as read.
    public var evidence: Evidence
    /// Its assessment.
    public var assessment: Assessment
    /// Warnings from loading (facts no criterion reads, an organisation type no criterion applies to).
    public var warnings: [Diagnostic]

    /// Every file the result was computed from (the evidence and the export files its facts name), so an output
    /// file never overwrites one of its own inputs (a framework read from disk adds its own files).
    public var inputs: [String] {
        [evidence.document.file] + evidence.facts.values.compactMap(\.filePath).sorted()
    }
}
