import AssessCore

/// Lighthouse category scores and mobile audit pass rates across a council's key pages.
///
/// Reads Lighthouse JSON reports (one per page and run; several runs of one page are combined by their
/// median), or takes the measure as a plain number when the fact holds one.
public struct LighthouseAssessor: Assessor {
    /// What is measured.
    enum Measure: String, CaseIterable, Sendable {
        case performance, accessibility, bestPractices = "best-practices", seo
        case viewport, tapTargets = "tap-targets", mobileFriendly = "mobile-friendly"

        /// Whether the measure is a category score (else a pass rate).
        var isCategory: Bool { [.performance, .accessibility, .bestPractices, .seo].contains(self) }

        /// Words for rationales.
        var label: String {
            switch self {
            case .performance: return "performance score"
            case .accessibility: return "accessibility score"
            case .bestPractices: return "best practices score"
            case .seo: return "SEO score"
            case .viewport: return "share of key pages passing the viewport check"
            case .tapTargets: return "share of key pages passing the tap-target check"
            case .mobileFriendly: return "share of key pages passing every mobile check (viewport, zoom and tap targets)"
            }
        }
    }

    /// How page scores are combined.
    enum Aggregate: String, CaseIterable, Sendable {
        case median, mean, minimum
    }

    /// Which runs are accepted.
    enum FormFactor: String, CaseIterable, Sendable {
        case mobile, desktop, any
    }

    let measure: Measure
    let aggregate: Aggregate
    let formFactor: FormFactor
    let thresholds: Thresholds

    /// A small Lighthouse 12 report in the real format (the fields this assessor reads), for the examples.
    static func exampleReport(url: String, version: String = "12.8.2", formFactor: String = "mobile",
                              performance: String = "0.62", accessibility: String = "0.87",
                              viewport: String = "1", targetSize: String = "1", targetMode: String = "binary") -> String {
        """
        {
          "lighthouseVersion": "\(version)",
          "requestedUrl": "\(url)",
          "mainDocumentUrl": "\(url)",
          "finalDisplayedUrl": "\(url)",
          "finalUrl": "\(url)",
          "fetchTime": "2026-02-16T10:04:12.511Z",
          "gatherMode": "navigation",
          "runWarnings": [],
          "audits": {
            "viewport": {"id": "viewport", "title": "Has a `<meta name=\\"viewport\\">` tag with `width` or `initial-scale`", "score": \(viewport), "scoreDisplayMode": "metricSavings"},
            "meta-viewport": {"id": "meta-viewport", "score": 1, "scoreDisplayMode": "binary"},
            "target-size": {"id": "target-size", "title": "Touch targets have sufficient size and spacing.", "score": \(targetSize), "scoreDisplayMode": "\(targetMode)"}
          },
          "configSettings": {"formFactor": "\(formFactor)", "throttlingMethod": "simulate", "screenEmulation": {"mobile": true, "width": 412, "height": 823, "deviceScaleFactor": 1.75, "disabled": false}},
          "categories": {
            "performance": {"title": "Performance", "id": "performance", "score": \(performance)},
            "accessibility": {"title": "Accessibility", "id": "accessibility", "score": \(accessibility)},
            "best-practices": {"title": "Best Practices", "id": "best-practices", "score": 0.96},
            "seo": {"title": "SEO", "id": "seo", "score": 0.92}
          }
        }
        """
    }

    public static let description = AssessorDescription(
        id: "mobile.lighthouse", title: "Lighthouse scores and mobile checks across key pages",
        purpose: "Reads Lighthouse JSON reports (v12 and v13; one file, a folder, or an index listing them) for the home page and top task pages. Runs of the same page (by finalDisplayedUrl) are combined by their median. Category measures give the pages' median (or mean, or minimum) score from 0 to 100; check measures give the share of pages passing Lighthouse's viewport audit, its tap-target audit (target-size, or tap-targets before v12), or every mobile check. A fact holding a plain number is taken as the measure itself.",
        roles: [RoleDescription("reports", type: "Lighthouse JSON report(s): a file, a folder of .json reports, or an index; or a number 0-100",
                                "the key pages' Lighthouse reports, or the measure already worked out")],
        parameters: [
            ParameterDescription("measure", type: "performance | accessibility | best-practices | seo | viewport | tap-targets | mobile-friendly",
                                 "what to measure: a category score, or the share of pages passing a check"),
            ParameterDescription("aggregate", type: "median | mean | minimum", default: "median", "how category scores of several pages are combined"),
            ParameterDescription("form-factor", type: "mobile | desktop | any", default: "mobile",
                                 "the configSettings.formFactor a report must have; a desktop run is an error by default"),
        ] + Thresholds.parameterDescriptions,
        examples: [
            // One page, three runs: the median run counts.
            AssessorExample(
                parameters: "{measure: performance, thresholds: [25, 50, 70, 90, 95]}",
                evidence: "reports: {file: lighthouse, source: measured}",
                files: [
                    "lighthouse/home-run1.json": exampleReport(url: "https://www.example.gov.uk/", performance: "0.55"),
                    "lighthouse/home-run2.json": exampleReport(url: "https://www.example.gov.uk/", performance: "0.60"),
                    "lighthouse/home-run3.json": exampleReport(url: "https://www.example.gov.uk/", performance: "0.71"),
                ],
                expect: .level(2.5)),
            // Two pages: median accessibility of 0.87 and 0.93 is 90.
            AssessorExample(
                parameters: "{measure: accessibility, thresholds: [50, 70, 85, 95, 100]}",
                evidence: "reports: {file: pages.yaml}",
                files: [
                    "pages.yaml": "files:\n  - lighthouse/home.json\n  - lighthouse/pay.json\n",
                    "lighthouse/home.json": exampleReport(url: "https://www.example.gov.uk/", accessibility: "0.87"),
                    "lighthouse/pay.json": exampleReport(url: "https://www.example.gov.uk/pay", accessibility: "0.93"),
                ],
                expect: .level(3.5)),
            // Tap targets: one of two pages passes, so 50%.
            AssessorExample(
                parameters: "{measure: tap-targets, thresholds: [20, 40, 60, 80, 100]}",
                evidence: "reports: {file: lh}",
                files: [
                    "lh/a.json": exampleReport(url: "https://www.example.gov.uk/", targetSize: "0"),
                    "lh/b.json": exampleReport(url: "https://www.example.gov.uk/bins", targetSize: "1"),
                    "lh/c.json": exampleReport(url: "https://www.example.gov.uk/tax", targetSize: "null", targetMode: "notApplicable"),
                ],
                expect: .level(2.5)),
            AssessorExample(parameters: "{measure: performance, thresholds: [25, 50, 70, 90, 95]}", evidence: "reports: 62",
                            expect: .level(2.6)),
            AssessorExample(parameters: "{measure: performance, thresholds: [25, 50, 70, 90, 95]}", evidence: "reports: 0.62",
                            expect: .error("looks like a 0-1 score")),
            AssessorExample(
                parameters: "{measure: performance, thresholds: [25, 50, 70, 90, 95]}",
                evidence: "reports: {file: home.json}",
                files: ["home.json": "{\n  \"lighthouseVersion\": \"12.8.2\",\n  \"categories\": {\n    \"performance\": {\"score\": null}\n  }\n}\n"],
                expect: .error("categories.performance.score is null")),
            AssessorExample(
                parameters: "{measure: performance, thresholds: [25, 50, 70, 90, 95]}",
                evidence: "reports: {file: home.json}",
                files: ["home.json": "{\n  \"lighthouseVersion\": \"12.8.2\",\n  \"categories\": {\n"],
                expect: .error("not valid JSON")),
            AssessorExample(
                parameters: "{measure: performance, thresholds: [25, 50, 70, 90, 95]}",
                evidence: "reports: {file: home.json}",
                files: ["home.json": exampleReport(url: "https://www.example.gov.uk/", formFactor: "desktop")],
                expect: .error("desktop run")),
            AssessorExample(parameters: "{measure: performance, thresholds: [25, 50, 70, 90, 95]}", evidence: "other: 62",
                            expect: .notAssessed),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        guard let measure = parameters.required("measure", hint: "choose one of \(Measure.allCases.map(\.rawValue).joined(separator: ", "))")?
            .choice(Measure.self) else { return nil }
        let aggregate = parameters["aggregate"]?.choice(Aggregate.self) ?? .median
        let formFactor = parameters["form-factor"]?.choice(FormFactor.self) ?? .mobile
        guard var thresholds = Thresholds(parameters: parameters, scale: scale) else { return nil }
        if thresholds.unit.isEmpty { thresholds.unit = measure.isCategory ? "/100" : "%" }
        self.measure = measure
        self.aggregate = aggregate
        self.formFactor = formFactor
        self.thresholds = thresholds
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        guard input.hasFile("reports") else { return try fromNumber(input) }
        let files = try input.exportFiles("reports", extensions: ["json"])
        var reports: [LighthouseReport] = []
        for file in files {
            let report = try LighthouseReport(file)
            if formFactor != .any, let actual = report.formFactor, actual != formFactor.rawValue {
                let node = report.root["configSettings"]?["formFactor"] ?? report.root["configSettings"]?["emulatedFormFactor"] ?? report.root
                throw file.error("this is a \(actual) run (configSettings.formFactor: \(actual)), but the criterion needs \(formFactor.rawValue) runs",
                                 line: node.location.line, column: node.location.column,
                                 hint: "rerun Lighthouse with the \(formFactor.rawValue) setting (PageSpeed Insights' Mobile tab, or --form-factor=\(formFactor.rawValue))")
            }
            reports.append(report)
        }
        // Group runs by page, keeping the order in which pages first appear.
        var order: [String] = []
        var runs: [String: [LighthouseReport]] = [:]
        for report in reports {
            if runs[report.url] == nil { order.append(report.url) }
            runs[report.url, default: []].append(report)
        }
        let pages = order.map { (url: $0, runs: runs[$0] ?? []) }
        var findings = [
            Finding("reports", "Lighthouse reports read", .number(Double(reports.count), unit: nil)),
            Finding("pages", "Pages tested", .number(Double(pages.count), unit: nil)),
            Finding("lighthouse-versions", "Lighthouse versions", .list(unique(reports.map(\.version)))),
            Finding("form-factor", "Form factor", .text(unique(reports.map { $0.formFactor ?? "not stated" }).joined(separator: ", "))),
        ]
        let source = "\(reports.count) report\(reports.count == 1 ? "" : "s"), Lighthouse \(unique(reports.map(\.version)).joined(separator: ", "))"
        let context = "\(pages.count) key page\(pages.count == 1 ? "" : "s") (\(source))"
        if measure.isCategory {
            return try categoryResult(pages: pages, context: context, findings: findings)
        }
        return try passRateResult(pages: pages, context: source, findings: &findings)
    }

    // MARK: - Category scores

    private func categoryResult(pages: [(url: String, runs: [LighthouseReport])], context: String, findings: [Finding])
        throws(AssessmentIssue) -> AssessorResult {
        var findings = findings
        var pageScores: [Double] = []
        var lines: [String] = []
        for page in pages {
            var scores: [Double] = []
            for run in page.runs { scores.append(try run.categoryScore(measure.rawValue)) }
            let score = Stats.median(scores) ?? 0
            pageScores.append(score)
            var line = "\(page.url): \(Format.number(score, decimals: 1))"
            if scores.count > 1 { line += " (median of runs \(scores.map { Format.number($0, decimals: 0) }.joined(separator: ", ")))" }
            lines.append(line)
        }
        let value: Double
        switch aggregate {
        case .median: value = Stats.median(pageScores) ?? 0
        case .mean: value = Stats.mean(pageScores) ?? 0
        case .minimum: value = pageScores.min() ?? 0
        }
        findings.append(Finding("page-scores", "\(measure.rawValue) score by page (0-100)", .list(lines)))
        findings.append(Finding("lowest", "Lowest page score", .number(pageScores.min() ?? 0, unit: "/100")))
        findings.append(Finding("highest", "Highest page score", .number(pageScores.max() ?? 0, unit: "/100")))
        findings.append(Finding("score", "\(aggregate.rawValue.capitalized) \(measure.label) across pages", .number(value, unit: "/100")))
        let rationale = "Across \(context), " + thresholds.explain(value, measure: "the \(aggregate.rawValue) Lighthouse \(measure.label)")
        return AssessorResult(.level(thresholds.level(for: value)), rationale: rationale, findings: findings)
    }

    // MARK: - Pass rates

    private func passRateResult(pages: [(url: String, runs: [LighthouseReport])], context: String, findings: inout [Finding])
        throws(AssessmentIssue) -> AssessorResult {
        var passing: [String] = [], failing: [String] = [], notApplicable: [String] = []
        var auditsUsed: [String] = []
        for page in pages {
            var viewportScores: [Double] = [], zoomScores: [Double] = [], tapScores: [Double] = []
            for run in page.runs {
                if measure != .tapTargets {
                    let viewport = try run.viewport()
                    auditsUsed.append(viewport.audit)
                    if let score = viewport.score { viewportScores.append(score) }
                }
                if measure == .mobileFriendly, let zoom = try run.zoom() {
                    zoomScores.append(zoom)
                    auditsUsed.append("meta-viewport")
                }
                if measure != .viewport {
                    guard let tap = try run.tapTargets() else {
                        if measure == .tapTargets {
                            let audits = run.root["audits"] ?? run.root
                            throw run.file.error("the report has neither the 'target-size' audit nor the older 'tap-targets'",
                                                 line: audits.location.line, column: audits.location.column,
                                                 hint: "run Lighthouse with the accessibility category")
                        }
                        continue
                    }
                    auditsUsed.append(tap.audit)
                    if let score = tap.score { tapScores.append(score) }
                }
            }
            var reasons: [String] = []
            var checked = false
            func check(_ scores: [Double], _ what: String) {
                guard let score = Stats.median(scores) else { return }
                checked = true
                if score < LighthouseReport.passThreshold { reasons.append("\(what) \(Format.number(score))") }
            }
            switch measure {
            case .viewport: check(viewportScores, "viewport")
            case .tapTargets: check(tapScores, "tap targets")
            default:
                check(viewportScores, "viewport")
                check(zoomScores, "zoom (meta-viewport)")
                check(tapScores, "tap targets")
            }
            let runs = page.runs.count > 1 ? " (\(page.runs.count) runs)" : ""
            if !checked {
                notApplicable.append(page.url + runs)
            } else if reasons.isEmpty {
                passing.append(page.url + runs)
            } else {
                failing.append("\(page.url)\(runs): \(reasons.joined(separator: ", "))")
            }
        }
        let checkedCount = passing.count + failing.count
        guard checkedCount > 0 else {
            guard let run = pages.first?.runs.first else { throw AssessmentIssue.missing(role: "reports", fact: "reports") }
            let audits = run.root["audits"] ?? run.root
            throw run.file.error("no page could be scored for \(measure.rawValue): the audit does not apply on any of the \(pages.count) pages",
                                 line: audits.location.line, column: audits.location.column,
                                 hint: "Lighthouse 13 can mark target-size as not applicable; check tap targets by hand and give the pass rate as a number")
        }
        let rate = Double(passing.count) / Double(checkedCount) * 100
        findings.append(Finding("audits", "Lighthouse audits used (a page passes with a score of at least 0.9)", .list(unique(auditsUsed))))
        findings.append(Finding("passing-pages", "Pages passing", .list(passing)))
        if !failing.isEmpty { findings.append(Finding("failing-pages", "Pages failing (audit score)", .list(failing))) }
        if !notApplicable.isEmpty {
            findings.append(Finding("not-applicable-pages", "Pages where the check does not apply (left out)", .list(notApplicable)))
        }
        findings.append(Finding("pass-rate", "Share of pages passing", .number(rate, unit: "%")))
        let rationale = "\(passing.count) of \(checkedCount) key pages pass (\(context))"
            + (notApplicable.isEmpty ? "" : "; \(notApplicable.count) page\(notApplicable.count == 1 ? "" : "s") where the check does not apply left out")
            + ". " + thresholds.explain(rate, measure: "The \(measure.label)")
        return AssessorResult(.level(thresholds.level(for: rate)), rationale: rationale, findings: findings)
    }

    // MARK: - A plain number

    private func fromNumber(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let value = try input.number("reports")
        let node = try input.value("reports")
        let key = input.bindings["reports"] ?? "reports"
        if value > 0, value < 1 {
            throw input.invalid("\(key) is \(Format.number(value)), which looks like a 0-1 score from the JSON report",
                                at: node, hint: "give it from 0 to 100 as the report shows it (0.62 → 62), or name the report with 'file:'")
        }
        guard (0...100).contains(value) else {
            throw input.invalid("\(key) must be between 0 and 100, found \(Format.number(value))", at: node)
        }
        let rationale = thresholds.explain(value, measure: "The \(measure.label) given by \(key)")
        return AssessorResult(.level(thresholds.level(for: value)), rationale: rationale,
                              findings: [Finding(measure.isCategory ? "score" : "pass-rate", key, .number(value, unit: thresholds.unit))])
    }

    private func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
