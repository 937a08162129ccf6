/// Evidence checked against a framework: the problems `assess validate` lists.
///
/// It runs the scoring engine itself (every criterion assessed), so every fact that scoring would report as
/// a criterion error is an error here, by construction: a number written `38%`, an unknown checklist item, an
/// answer that is not an option, an export file that is missing or does not parse.
public struct EvidenceCheck: Sendable {
    /// Unusable evidence: each becomes a criterion error when scoring.
    public var errors: [Diagnostic]
    /// Facts no criterion reads, with the nearest key one does.
    public var warnings: [Diagnostic]
    /// Criteria that could be scored.
    public var assessed: Int
    /// Criteria not assessed for want of a fact.
    public var notAssessed: Int
    /// Criteria scored by plugins that were not started (`--start-plugins`), so not checked.
    public var notChecked: Int

    /// Checks evidence against a framework.
    public init(_ evidence: Evidence, framework: Framework) {
        self.init(AssessmentSession(framework: framework).assess(evidence), framework: framework)
    }

    /// Checks what a session scored: the same engine run as `score`.
    public init(_ result: SessionResult, framework: Framework) {
        let assessment = result.assessment
        // A plugin the caller chose not to start cannot check its criteria: they are counted, not failed.
        let unstarted = Set(framework.plugins.filter { plugin in
            if case .notStarted? = plugin.failure { return true }
            return false
        }.map(\.path))
        // In file order (then criterion order), so the list reads top to bottom like the file.
        errors = assessment.diagnostics.filter { !unstarted.contains($0.file) }.enumerated()
            .sorted { ($0.element.file, $0.element.location, $0.offset) < ($1.element.file, $1.element.location, $1.offset) }
            .map { var diagnostic = $0.element; diagnostic.severity = .error; return diagnostic }
        warnings = result.warnings
        let criteria = assessment.allCriteria
        assessed = criteria.filter { $0.status == .assessed }.count
        notAssessed = criteria.filter { $0.status == .notAssessed }.count
        notChecked = assessment.diagnostics.filter { unstarted.contains($0.file) }.count
    }
}
