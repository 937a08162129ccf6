import AssessCore

/// One Lighthouse JSON report (LHR), reduced to what the mobile assessors read.
///
/// The format is Lighthouse's own result object (`lighthouse --output=json`, Chrome DevTools "Save as JSON",
/// or the `lighthouseResult` member of a PageSpeed Insights API response). Fields read:
/// `lighthouseVersion`, `finalDisplayedUrl` (falling back to `finalUrl`, then `requestedUrl`), `fetchTime`,
/// `configSettings.formFactor` (`emulatedFormFactor` before Lighthouse 7), `runtimeError`,
/// `categories.<id>.score` (0 to 1, or null) and `audits.<id>.{score, scoreDisplayMode, errorMessage}`.
struct LighthouseReport: Sendable {
    /// How one audit came out.
    enum AuditResult: Sendable, Hashable {
        /// Scored: passed when the score is at least 0.9, Lighthouse's own pass mark.
        case scored(Double)
        /// `notApplicable`, `manual` or `informative`: nothing to pass or fail on this page.
        case notApplicable
    }

    /// Lighthouse's pass mark for an audit score (its report renderer's PASS_THRESHOLD).
    static let passThreshold = 0.9

    /// The report file.
    let file: EvidenceFile
    /// The root object (the `lighthouseResult` of a PageSpeed Insights response, when wrapped).
    let root: YAMLNode
    /// `lighthouseVersion`.
    let version: String
    /// The page: `finalDisplayedUrl`, `finalUrl` or `requestedUrl`.
    let url: String
    /// `configSettings.formFactor` (or `emulatedFormFactor`), when given.
    let formFactor: String?
    /// `fetchTime`, when given.
    let fetchTime: String?

    /// The major version number, when the version starts with digits.
    var majorVersion: Int? { Int(version.prefix { $0.isNumber }) }

    /// Parses a report, checking that it is one and that Lighthouse could load the page.
    init(_ file: EvidenceFile) throws(AssessmentIssue) {
        self.file = file
        var root = try file.parsedJSON()
        if root["lighthouseVersion"] == nil, let wrapped = root["lighthouseResult"], wrapped.pairs != nil {
            root = wrapped  // a PageSpeed Insights API response
        }
        guard root.pairs != nil else {
            throw file.error("this is not a Lighthouse JSON report: expected an object, found \(root.kindDescription)",
                             line: root.location.line, column: root.location.column,
                             hint: "save the report as JSON (lighthouse --output=json, or DevTools' Save as JSON)")
        }
        guard let version = root["lighthouseVersion"]?.scalar?.text, !version.isEmpty else {
            throw file.error("this is not a Lighthouse JSON report: it has no 'lighthouseVersion'",
                             line: root.location.line, column: root.location.column,
                             hint: "save the report as JSON (lighthouse --output=json, or DevTools' Save as JSON), not as HTML")
        }
        self.root = root
        self.version = version
        if let runtime = root["runtimeError"], runtime.pairs != nil {
            let code = runtime["code"]?.scalar?.text ?? "unknown"
            let message = runtime["message"]?.scalar?.text ?? "no message"
            throw file.error("Lighthouse could not test the page (runtimeError \(code): \(message))",
                             line: runtime.location.line, column: runtime.location.column,
                             hint: "rerun Lighthouse on the page")
        }
        let url = [root["finalDisplayedUrl"], root["finalUrl"], root["requestedUrl"]]
            .compactMap { $0?.scalar }.first { !$0.isNull && !$0.text.isEmpty }?.text
        self.url = url ?? file.name
        let settings = root["configSettings"]
        self.formFactor = (settings?["formFactor"] ?? settings?["emulatedFormFactor"])?.scalar.flatMap { $0.isNull ? nil : $0.text }
        self.fetchTime = root["fetchTime"]?.scalar?.text
    }

    /// A category's score on 0 to 100, or an error naming the category and where it is.
    func categoryScore(_ id: String) throws(AssessmentIssue) -> Double {
        guard let categories = root["categories"], categories.pairs != nil else {
            throw file.error("the report has no 'categories'", line: root.location.line, column: root.location.column,
                             hint: "save the full Lighthouse report, not only the audits")
        }
        guard let category = categories[id] else {
            let present = categories.pairs?.compactMap { $0.key.scalar?.text } ?? []
            throw file.error("the report has no '\(id)' category (it has: \(present.joined(separator: ", ")))",
                             line: categories.location.line, column: categories.location.column,
                             hint: "run Lighthouse with the \(id) category included")
        }
        guard let node = category["score"] else {
            throw file.error("categories.\(id) has no 'score'", line: category.location.line, column: category.location.column)
        }
        if node.scalar?.isNull == true {
            throw file.error("categories.\(id).score is null: Lighthouse could not score \(id) for \(url)",
                             line: node.location.line, column: node.location.column,
                             hint: "an audit in the category errored; check runWarnings and rerun the page")
        }
        guard let score = node.scalar?.number, (0...1).contains(score) else {
            throw file.error("categories.\(id).score must be a number from 0 to 1, found \(node.kindDescription)",
                             line: node.location.line, column: node.location.column)
        }
        return score * 100
    }

    /// Whether an audit is in the report.
    func hasAudit(_ id: String) -> Bool { root["audits"]?[id] != nil }

    /// An audit's result, or nil when the report lacks the audit. An audit that errored is an error.
    func audit(_ id: String) throws(AssessmentIssue) -> AuditResult? {
        guard let audit = root["audits"]?[id] else { return nil }
        let mode = audit["scoreDisplayMode"]?.scalar?.text ?? ""
        switch mode {
        case "notApplicable", "manual", "informative":
            return .notApplicable
        case "error":
            let message = audit["errorMessage"]?.scalar?.text ?? "no message"
            throw file.error("the '\(id)' audit errored for \(url) (\(message))", line: audit.location.line,
                             column: audit.location.column, hint: "rerun Lighthouse on the page")
        default:
            break
        }
        guard let node = audit["score"] else {
            throw file.error("audits.\(id) has no 'score'", line: audit.location.line, column: audit.location.column)
        }
        if node.scalar?.isNull == true { return .notApplicable }
        guard let score = node.scalar?.number, (0...1).contains(score) else {
            throw file.error("audits.\(id).score must be a number from 0 to 1 or null, found \(node.kindDescription)",
                             line: node.location.line, column: node.location.column)
        }
        return .scored(score)
    }

    /// The viewport check: `viewport` (Lighthouse 12 and earlier) or `viewport-insight` (Lighthouse 13, which
    /// dropped `viewport`). Returns the score and the audit used.
    func viewport() throws(AssessmentIssue) -> (score: Double?, audit: String) {
        for id in ["viewport", "viewport-insight"] {
            if let result = try audit(id) {
                if case .scored(let score) = result { return (score, id) }
                return (nil, id)
            }
        }
        let audits = root["audits"] ?? root
        throw file.error("the report has neither the 'viewport' audit (Lighthouse 12 and earlier) nor 'viewport-insight' (Lighthouse 13)",
                         line: audits.location.line, column: audits.location.column,
                         hint: "run Lighthouse with its default categories")
    }

    /// The tap-target check: `tap-targets` (SEO, Lighthouse 11 and earlier) or `target-size` (accessibility,
    /// WCAG 2.2 2.5.8). Nil score: not applicable to the page; nil result: the report has neither.
    func tapTargets() throws(AssessmentIssue) -> (score: Double?, audit: String)? {
        for id in ["tap-targets", "target-size"] {
            if let result = try audit(id) {
                if case .scored(let score) = result { return (score, id) }
                return (nil, id)
            }
        }
        return nil
    }

    /// The zoom check: `meta-viewport` (zooming is not disabled). Nil when absent or not applicable.
    func zoom() throws(AssessmentIssue) -> Double? {
        if case .scored(let score) = try audit("meta-viewport") { return score }
        return nil
    }
}
