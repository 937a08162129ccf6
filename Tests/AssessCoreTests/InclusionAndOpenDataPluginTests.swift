import AssessCore
import AssessKit
import DigitalInclusionAssessors
import Foundation
import OpenDataAssessors
import Testing
import TestSupport

/// The digital-inclusion and open-data plugins against genuine files (Fixtures/inclusion-opendata, see its
/// README): Ofcom coverage as ONS publishes it, the data.gov.uk CKAN and DCAT-US samples, and the opendata.scot
/// catalogue rows for The Highland Council. Every measure is checked against figures worked out by hand.
@Suite("Digital inclusion and open data plugins")
struct InclusionAndOpenDataPluginTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/inclusion-opendata")

    static let gigabit = "ons-gigabit-capable-broadband-trimmed.csv"
    static let allPeriods = "ons-connectivity-all-periods-S12000017.csv"
    static let survey = "resident-confidence-survey.csv"
    static let ckan = "ckan-package_search.json"
    static let dcat = "dcat-us-catalog-sample.v1.1.json"
    static let dcatExtended = "dcat-us-catalog-sample-extended.v1.1.json"
    static let scot = "opendata-scot-S12000017-2024-10.csv"

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// A criterion result and the diagnostic an error produced.
    struct Scored {
        var result: CriterionResult
        var diagnostic: Diagnostic?

        func finding(_ id: String) -> Finding.Value? { result.findings.first(where: { $0.id == id })?.value }
        func number(_ id: String) -> Double? {
            if case .number(let value, _) = finding(id) { return value }
            return nil
        }
        func text(_ id: String) -> String? {
            if case .text(let value) = finding(id) { return value }
            return nil
        }
        func list(_ id: String) -> [String] {
            if case .list(let items) = finding(id) { return items }
            return []
        }
    }

    /// Scores one criterion with an assessor, parameters and evidence whose facts name files relative to the
    /// fixtures folder (the evidence is placed there), for an organisation given as YAML lines.
    static func score(_ id: String, _ parameters: String, _ facts: String,
                      organisation: String = "name: Test Council\n  population: 100000",
                      folder: URL = folder) throws -> Scored {
        let factory = try #require(AssessKit.registry.factory(id))
        let parsed = try YAMLParser.parse(parameters, file: "parameters.yaml")
        let context = DecodingContext(document: parsed)
        let root = try #require(parsed.root)
        let reader = try #require(NodeReader(node: root, path: "parameters", context: context)
            .mapping(keys: factory.description.parameters.map(\.name)))
        let made = factory.make(reader, .standard)
        #expect(context.diagnostics.isEmpty, "\(context.diagnostics.map(\.headline))")
        let assessor = try #require(made)
        let indented = facts.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        let text = "organisation:\n  \(organisation)\nfacts:\n\(indented)\n"
        let evidence = try Fixtures.evidence(text, file: folder.appendingPathComponent("evidence.yaml").path)
        let criterion = Criterion(id: "test", title: "Test", assessorID: id, assessor: assessor,
                                  evidence: factory.description.roles.map { EvidenceBinding(role: $0.name, fact: $0.name) })
        let framework = Framework(id: "t", title: "T", version: "0", scale: .standard,
                                  dimensions: [Dimension(rubric: Rubric(id: "t", title: "T", criteria: [criterion]), weight: 1)])
        let (result, diagnostic) = Engine(framework: framework).score(criterion, evidence: evidence)
        return Scored(result: result, diagnostic: diagnostic)
    }

    /// A copy of a fixture, changed, in a fresh temporary folder; returns the folder.
    static func changedCopy(_ name: String, _ change: (String) -> String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("inclusion-opendata-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Data(change(try fixture(name)).utf8).write(to: url.appendingPathComponent(name))
        return url
    }

    static func close(_ a: Double?, _ b: Double, within: Double = 1e-6) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= within
    }

    // MARK: - Coverage (Ofcom via ONS)

    @Test func highlandGigabitFromTheOnsFile() throws {
        // The real current ONS file (with its byte-order mark), trimmed to seven areas.
        let scored = try Self.score("digital-inclusion.coverage", "{indicator: gigabit, thresholds: [60, 75, 88, 94, 97]}",
                                    "coverage: {file: \(Self.gigabit), source: measured}",
                                    organisation: "name: The Highland Council\n  code: S12000017\n  population: 235430")
        #expect(scored.result.status == .assessed, "\(scored.result.rationale)")
        #expect(scored.number("value") == 63.3)
        #expect(scored.number("uk") == 87.8)
        #expect(scored.number("nation") == 82.1)
        #expect(scored.text("area") == "Highland (S12000017)")
        #expect(scored.text("period")?.hasPrefix("2026-01-01") == true)
        // 63.3% lies between the level 1 (60) and level 2 (75) thresholds: 1 + 3.3 / 15.
        #expect(Self.close(scored.result.level, 1 + 3.3 / 15))
        #expect(scored.result.rationale.contains("United Kingdom 87.8%"))
    }

    @Test func latestPeriodAndTrendFromAllPeriods() throws {
        let scored = try Self.score("digital-inclusion.coverage", "{indicator: 4g, thresholds: [85, 93, 97, 99, 99.9]}",
                                    "coverage: {file: \(Self.allPeriods)}",
                                    organisation: "name: The Highland Council\n  code: S12000017")
        // Periods 2025-01-15, 2025-07-01 and 2026-01-01: the latest is used, and compared with 2025-07-01.
        #expect(scored.text("period") == "2026-01-01 (latest of 3)")
        #expect(scored.number("value") == 83.74)
        #expect(scored.number("previous") == 82.25)
        #expect(Self.close(scored.number("change"), 83.74 - 82.25))
        #expect(scored.number("nation") == 90.82)
        #expect(scored.number("uk") == 96.21)
        #expect(scored.result.level == 1)
    }

    @Test func periodParameterChoosesAnEarlierRelease() throws {
        let scored = try Self.score("digital-inclusion.coverage",
                                    "{indicator: below-30, period: 2025-07-01, thresholds: [8, 4, 2, 1, 0.3], direction: lower}",
                                    "coverage: {file: \(Self.allPeriods)}", organisation: "name: Highland\n  code: S12000017")
        #expect(scored.number("value") == 13.6)
        #expect(scored.number("uk") == 2.2)
        #expect(scored.text("period") == "2025-07-01 (set by the rubric)")
        let missing = try Self.score("digital-inclusion.coverage",
                                     "{indicator: below-30, period: 2024-01-01, thresholds: [8, 4, 2, 1, 0.3], direction: lower}",
                                     "coverage: {file: \(Self.allPeriods)}", organisation: "name: Highland\n  code: S12000017")
        #expect(missing.result.status == .error)
        #expect(missing.result.rationale.contains("the periods are 2025-01-15, 2025-07-01, 2026-01-01"))
    }

    @Test func areaFactOverridesANonGssCode() throws {
        let scored = try Self.score("digital-inclusion.coverage", "{indicator: gigabit, thresholds: [60, 75, 88, 94, 97]}",
                                    "coverage: {file: \(Self.gigabit)}\narea: E07000223",
                                    organisation: "name: Adur District Council\n  code: ADU")
        #expect(scored.number("value") == 95.4)
        #expect(scored.number("nation") == 88.4)
        #expect(Self.close(scored.result.level, 4 + 1.4 / 3))
    }

    @Test func coverageErrorsNameTheFileAndLine() throws {
        let unknown = try Self.score("digital-inclusion.coverage", "{indicator: gigabit, thresholds: [60, 75, 88, 94, 97]}",
                                     "coverage: {file: \(Self.gigabit)}", organisation: "name: City of London\n  code: E09000001")
        #expect(unknown.result.status == .error)
        #expect(unknown.result.rationale.contains("\(Self.gigabit): no rows for the area E09000001 among the 7 areas"))

        let noCode = try Self.score("digital-inclusion.coverage", "{indicator: gigabit, thresholds: [60, 75, 88, 94, 97]}",
                                    "coverage: {file: \(Self.gigabit)}")
        #expect(noCode.result.rationale.contains("the organisation has no code"))

        // Highland's observation is on line 8 (the header is line 1).
        let folder = try Self.changedCopy(Self.gigabit) { $0.replacingOccurrences(of: "2026-01-01,63.3,", with: "2026-01-01,[x],") }
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = try Self.score("digital-inclusion.coverage", "{indicator: gigabit, thresholds: [60, 75, 88, 94, 97]}",
                                 "coverage: {file: \(Self.gigabit)}", organisation: "name: Highland\n  code: S12000017", folder: folder)
        #expect(bad.result.status == .error)
        #expect(bad.result.rationale.contains("\(Self.gigabit) line 8: '[x]' in column 'observation' is not a number"))
        let diagnostic = try #require(bad.diagnostic)
        #expect(diagnostic.file.hasSuffix(Self.gigabit))
        #expect(diagnostic.location.line == 8)
        #expect(diagnostic.location.column == 6)

        let wrongIndicator = try Self.score("digital-inclusion.coverage", "{indicator: 5g, thresholds: [60, 75, 88, 94, 97]}",
                                            "coverage: {file: \(Self.gigabit)}", organisation: "name: Highland\n  code: S12000017")
        #expect(wrongIndicator.result.rationale.contains("no '5G coverage' rows for S12000017; its indicators are Gigabit capable broadband"))
    }

    @Test func coverageAsANumberStillScores() throws {
        let scored = try Self.score("digital-inclusion.coverage", "{indicator: 4g, thresholds: [85, 93, 97, 99, 99.9]}", "coverage: 94.3")
        #expect(Self.close(scored.result.level, 2 + 1.3 / 4))
    }

    // MARK: - Resident confidence

    @Test func weightedSurveyShare() throws {
        // 37 ratings meet a minimum of 30, so confidence is not capped.
        let scored = try Self.score("digital-inclusion.resident-confidence", "{minimum-sample: 30, thresholds: [20, 35, 50, 60, 75]}",
                                    "survey: {file: \(Self.survey), source: measured}")
        #expect(scored.result.status == .assessed, "\(scored.result.rationale)")
        // 40 rows; R0011 and R0029 answered "Don't know" and R0033 left it blank: 37 ratings, 19 of them 8 or more.
        #expect(scored.number("respondents") == 37)
        #expect(scored.number("confident") == 19)
        #expect(scored.number("no-answer") == 3)
        #expect(Self.close(scored.number("share-unweighted"), 19.0 / 37 * 100))
        // Weighted: the weights of the 19 confident answers sum to 20.8 of 39.4.
        #expect(Self.close(scored.number("share-confident"), 20.8 / 39.4 * 100))
        #expect(Self.close(scored.number("effective-sample"), 39.4 * 39.4 / 43.24))
        let p = 20.8 / 39.4
        #expect(Self.close(scored.number("margin"), 1.96 * (p * (1 - p) / (39.4 * 39.4 / 43.24)).squareRoot() * 100))
        let share: Double = 20.8 / 39.4 * 100
        let expected: Double = 3 + (share - 50) / 10
        #expect(Self.close(scored.result.level, expected))
        #expect(scored.finding("low-sample") == nil)
        #expect(scored.list("by-mode").count == 3)
        #expect(scored.result.confidence == 1)
    }

    @Test func lowSampleWarnsAndCapsConfidence() throws {
        let scored = try Self.score("digital-inclusion.resident-confidence", "{min-responses: 50, weight-column: none, thresholds: [20, 35, 50, 60, 75]}",
                                    "survey: {file: \(Self.survey), source: measured}")
        #expect(Self.close(scored.number("share-confident"), 19.0 / 37 * 100))
        #expect(scored.text("low-sample")?.contains("only 37 respondents") == true)
        #expect(scored.result.confidence == 0.5)
        #expect(scored.result.rationale.contains("Low sample"))
    }

    @Test func surveyBelowTheDefaultMinimumOf100CapsConfidenceOrRefusesALevel() throws {
        let capped = try Self.score("digital-inclusion.resident-confidence", "thresholds: [20, 35, 50, 60, 75]",
                                    "survey: {file: \(Self.survey), source: measured}")
        #expect(capped.result.status == .assessed)
        #expect(capped.result.confidence == 0.5)
        #expect(capped.text("low-sample")?.contains("fewer than 100") == true)
        let refused = try Self.score("digital-inclusion.resident-confidence", "{below-minimum: not-assessed, thresholds: [20, 35, 50, 60, 75]}",
                                     "survey: {file: \(Self.survey), source: measured}")
        #expect(refused.result.status == .notAssessed)
        #expect(refused.result.level == nil)
        #expect(refused.result.rationale.contains("only 37 respondents gave a rating, fewer than the minimum of 100"))
    }

    @Test func surveyErrorsNameTheLine() throws {
        let folder = try Self.changedCopy(Self.survey) { $0.replacingOccurrences(of: "R0005,2025-11-08,postal,45-54,Castle,9,", with: "R0005,2025-11-08,postal,45-54,Castle,nine,") }
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = try Self.score("digital-inclusion.resident-confidence", "thresholds: [20, 35, 50, 60, 75]",
                                 "survey: {file: \(Self.survey)}", folder: folder)
        #expect(bad.result.status == .error)
        #expect(bad.result.rationale.contains("\(Self.survey) line 6: 'nine' in column 'confidence' is not a rating"))
        #expect(bad.diagnostic?.location.line == 6)
    }

    // MARK: - Open data: CKAN

    @Test func ckanPackageSearchFromDataGovUK() throws {
        // The real response: result.count is 10 but results holds 4 packages (one page).
        let perHead = try Self.score("open-data.datasets-per-10k", "thresholds: [0.5, 1.5, 4, 8, 15]",
                                     "datasets: {file: \(Self.ckan)}\npopulation: 100000")
        #expect(perHead.number("datasets") == 10)
        #expect(perHead.number("rate") == 1)
        #expect(perHead.text("partial")?.contains("reports 10 datasets but the file holds 4") == true)

        let licence = try Self.score("open-data.open-licence", "thresholds: [30, 60, 80, 95, 100]", "datasets: {file: \(Self.ckan)}")
        // All four are uk-ogl.
        #expect(licence.number("share") == 100)
        #expect(licence.list("licences") == ["uk-ogl (Open Government Licence): 4"])

        let formats = try Self.score("open-data.machine-readable", "thresholds: [10, 30, 55, 80, 95]", "datasets: {file: \(Self.ckan)}")
        // Only Colchester's Organisation Chart (HTML, CSV, XML, JSON) has a 3★ format; the others offer a ZIP,
        // a download link without a format, or nothing recognisable: 1★.
        #expect(formats.number("machine-readable") == 1)
        #expect(formats.number("share") == 25)
        #expect(formats.list("by-stars") == ["3★: 1", "1★: 3"])
        #expect(formats.text("typical-stars") == "1★")

        let fresh = try Self.score("open-data.freshness", "{as-of: 2020-12-31, thresholds: [20, 40, 60, 80, 95]}", "datasets: {file: \(Self.ckan)}")
        // metadata_modified: 2020-03-18, 2019-12-21, 2020-03-18, 2020-01-15; the cut-off is 2019-12-31.
        #expect(fresh.text("cutoff") == "2019-12-31")
        #expect(fresh.number("updated") == 3)
        #expect(fresh.number("share") == 75)
    }

    @Test func ckanPublisherAndTransparencyCode() throws {
        let colchester = try Self.score("open-data.transparency-code", "thresholds: [0, 50, 75, 90, 100]",
                                        "items: {file: \(Self.ckan), date: 2020-03-31}\npublisher: Colchester Borough Council",
                                        organisation: "name: Colchester Borough Council\n  type: district")
        #expect(colchester.result.status == .assessed, "\(colchester.result.rationale)")
        #expect(colchester.list("excluded") == ["3 by other publishers"])
        // "Organisation Chart" (annual, modified 2019-12-21, within 13 months of 2020-03-31): weight 1 of 17.
        #expect(colchester.list("in-place") == ["Organisation chart of the top three levels (annually): 'Organisation Chart', modified 2019-12-21"])
        #expect(Self.close(colchester.number("share"), 100.0 / 17))
        #expect(colchester.list("missing").count == 14)

        let later = try Self.score("open-data.transparency-code", "thresholds: [0, 50, 75, 90, 100]",
                                   "items: {file: \(Self.ckan), date: 2021-03-31}\npublisher: colchester-borough-council")
        #expect(later.list("out-of-date").count == 1)
        #expect(later.number("share") == 0)

        let highland = try Self.score("open-data.transparency-code", "thresholds: [0, 50, 75, 90, 100]", "items: {file: \(Self.scot)}",
                                      organisation: "name: The Highland Council\n  type: scottish-unitary")
        #expect(highland.result.status == .notApplicable)
    }

    @Test func ckanMissingFieldIsLocated() throws {
        // Remove the second package's license_id (line 430); that package's object opens on line 298.
        let folder = try Self.changedCopy(Self.ckan) { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines[429].contains("\"license_id\"") { lines.remove(at: 429) }
            return lines.joined(separator: "\n")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(contentsOf: folder.appendingPathComponent(Self.ckan), encoding: .utf8)
        #expect(text.components(separatedBy: "\"license_id\"").count == 4)
        let bad = try Self.score("open-data.open-licence", "thresholds: [30, 60, 80, 95, 100]", "datasets: {file: \(Self.ckan)}", folder: folder)
        #expect(bad.result.status == .error)
        #expect(bad.result.rationale.contains("\(Self.ckan) line 298: the dataset 'Organisation Chart' (line 298) has no 'license_id' field"))
        #expect(bad.diagnostic?.location.line == 298)
        // The other measures do not need the licence.
        let count = try Self.score("open-data.datasets-per-10k", "thresholds: [0.5, 1.5, 4, 8, 15]",
                                   "datasets: {file: \(Self.ckan)}\npopulation: 50000", folder: folder)
        #expect(count.result.status == .assessed)
    }

    @Test func brokenJsonIsLocated() throws {
        let folder = try Self.changedCopy(Self.ckan) { $0.replacingOccurrences(of: "\"count\": 10,", with: "\"count\": 10") }
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = try Self.score("open-data.datasets-per-10k", "thresholds: [0.5, 1.5, 4, 8, 15]",
                                 "datasets: {file: \(Self.ckan)}\npopulation: 50000", folder: folder)
        #expect(bad.result.status == .error)
        #expect(bad.result.rationale.contains("\(Self.ckan) line"))
        #expect(bad.result.rationale.contains("not valid JSON"))
        #expect((bad.diagnostic?.location.line ?? 0) >= 5)
    }

    @Test func otherCkanResponsesAreRefusedClearly() throws {
        let list = try Self.score("open-data.datasets-per-10k", "thresholds: [0.5, 1.5, 4, 8, 15]",
                                  "datasets: {file: ckan-package_list.json}\npopulation: 50000")
        #expect(list.result.status == .error)
        #expect(list.result.rationale.contains("ckan-package_list.json: this is a list of dataset names (CKAN package_list)"))
        let folder = try Self.changedCopy(Self.ckan) { _ in
            "{\"help\": \"https://ckan.publishing.service.gov.uk/api/3/action/help_show?name=package_search\",\n \"success\": false,\n \"error\": {\"message\": \"Access denied\", \"__type\": \"Authorization Error\"}}\n"
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let refused = try Self.score("open-data.open-licence", "thresholds: [30, 60, 80, 95, 100]", "datasets: {file: \(Self.ckan)}", folder: folder)
        #expect(refused.result.rationale.contains("\(Self.ckan) line 1: the CKAN response reports success: false (Access denied)"))
    }

    // MARK: - Open data: DCAT-US

    @Test func dcatUsSamples() throws {
        let licence = try Self.score("open-data.open-licence", "thresholds: [30, 60, 80, 95, 100]", "datasets: {file: \(Self.dcat)}")
        // The required-fields sample has no license at all: nothing is openly licensed.
        #expect(licence.number("share") == 0)
        #expect(licence.list("licences") == ["(no licence) (not open): 3"])
        let extended = try Self.score("open-data.open-licence", "thresholds: [30, 60, 80, 95, 100]", "datasets: {file: \(Self.dcatExtended)}")
        // CC0 once, the Public Domain Mark twice.
        #expect(extended.number("share") == 100)
        #expect(Set(extended.list("licences")) == ["http://creativecommons.org/publicdomain/mark/1.0/ (Public domain): 2",
                                                   "http://creativecommons.org/publicdomain/zero/1.0/ (Creative Commons Zero (CC0)): 1"])

        let formats = try Self.score("open-data.machine-readable", "thresholds: [10, 30, 55, 80, 95]", "datasets: {file: \(Self.dcat)}")
        // Widgets: text/csv, application/zip, application/json, an accessURL; Phase Modulation: no distribution; 2011: text/csv.
        #expect(formats.list("by-stars") == ["3★: 2", "0★: 1 (no files)"])
        #expect(Self.close(formats.number("share"), 200.0 / 3))

        let fresh = try Self.score("open-data.freshness", "thresholds: [20, 40, 60, 80, 95]",
                                   "datasets: {file: \(Self.dcat), date: 2012-11-30}")
        // Every dataset was modified 2011-11-19T12:00:00Z; 12 months before 2012-11-30 is 2011-11-30.
        #expect(fresh.text("as-of") == "2012-11-30")
        #expect(fresh.number("updated") == 0)
        let fresher = try Self.score("open-data.freshness", "thresholds: [20, 40, 60, 80, 95]",
                                     "datasets: {file: \(Self.dcat), date: 2012-11-30}\nas-of: 2012-11-19")
        #expect(fresher.number("updated") == 3)
        #expect(fresher.number("share") == 100)
    }

    // MARK: - Open data: opendata.scot catalogue rows (The Highland Council)

    @Test func highlandCatalogueCounts() throws {
        let facts = "datasets: {file: \(Self.scot), date: 2024-10-18}\npublisher: Highland Council\npopulation: 235430"
        let perHead = try Self.score("open-data.datasets-per-10k", "thresholds: [0.5, 1.5, 4, 8, 15]", facts)
        // 46 rows carry Highland's GSS code; one is Highlands and Islands Airports' and is left out.
        #expect(perHead.number("datasets") == 45)
        #expect(perHead.list("excluded") == ["1 by other publishers"])
        #expect(Self.close(perHead.number("rate"), 45.0 / 235_430 * 10_000))

        let licence = try Self.score("open-data.open-licence", "thresholds: [30, 60, 80, 95, 100]", facts)
        #expect(licence.number("open") == 45)
        let everyone = try Self.score("open-data.open-licence", "thresholds: [30, 60, 80, 95, 100]", "datasets: {file: \(Self.scot)}")
        // Without the publisher fact the airport's "Other (Not Open)" dataset counts: 45 of 46.
        #expect(everyone.number("open") == 45)
        #expect(everyone.number("datasets") == 46)

        let formats = try Self.score("open-data.machine-readable", "thresholds: [10, 30, 55, 80, 95]", facts)
        // 34 records with CSV/GeoJSON/KML and 9 with only an ArcGIS REST service (and ZIP or Excel) are 3★;
        // the two Housing Land Audit 2023 records link only to an ArcGIS Hub page.
        #expect(formats.number("machine-readable") == 43)
        #expect(formats.list("by-stars") == ["3★: 43", "1★: 2"])

        let fresh = try Self.score("open-data.freshness", "thresholds: [20, 40, 60, 80, 95]", facts)
        #expect(fresh.text("as-of") == "2024-10-18")
        #expect(fresh.text("cutoff") == "2023-10-18")
        #expect(fresh.number("updated") == 26)
        #expect(fresh.text("range") == "2015-05-13 to 2024-10-16")
    }

    @Test func countsStillScoreAndAreChecked() throws {
        let licence = try Self.score("open-data.open-licence", "thresholds: [30, 60, 80, 95, 100]", "datasets: 59\ntotal: 68")
        #expect(Self.close(licence.number("share"), 59.0 / 68 * 100))
        let mixed = try Self.score("open-data.open-licence", "thresholds: [30, 60, 80, 95, 100]",
                                   "datasets: 40\ntotal: {file: \(Self.scot)}")
        #expect(Self.close(mixed.number("share"), 40.0 / 46 * 100))
        let bad = try Self.score("open-data.freshness", "thresholds: [20, 40, 60, 80, 95]", "datasets: 12.5\ntotal: 68")
        #expect(bad.result.status == .error)
        #expect(bad.result.rationale.contains("whole number"))
    }

    // MARK: - The rubrics

    /// The two rubrics as shipped, loaded into a framework of their own, scoring evidence that points at the fixtures.
    @Test func rubricsUseThePluginAssessors() throws {
        // The whole built-in framework: the rubrics' actions depend on actions in other rubrics.
        let framework = try AssessKit.loadFramework(path: nil)
        func facts(_ keys: [String], _ file: String, date: String) -> String {
            keys.map { "  \($0): {file: \(file), source: measured, date: \(date)}" }.joined(separator: "\n")
        }
        let highland = try Fixtures.evidence("""
            organisation: {name: The Highland Council, type: scottish-unitary, code: S12000017, population: 235430}
            facts:
            \(facts(["inclusion.gigabit-coverage", "inclusion.mobile-4g-coverage", "inclusion.premises-below-30mbps"], Self.allPeriods, date: "2026-01-01"))
            \(facts(["opendata.datasets-published", "opendata.datasets-open-licence", "opendata.datasets-machine-readable", "opendata.datasets-updated-12m"], Self.scot, date: "2024-10-18"))
              opendata.publisher: Highland Council
              inclusion.residents-confident-8plus: {file: \(Self.survey), source: measured}
            """, file: Self.folder.appendingPathComponent("highland.yaml").path)
        let assessment = Engine(framework: framework).assess(highland)
        #expect(assessment.diagnostics.isEmpty, "\(assessment.diagnostics.map(\.headline))")
        func level(_ id: String) -> Double? {
            assessment.dimensions.flatMap(\.criteria).first(where: { $0.id == id })?.level
        }
        func status(_ id: String) -> CriterionStatus? {
            assessment.dimensions.flatMap(\.criteria).first(where: { $0.id == id })?.status
        }
        let confident: Double = 3 + (20.8 / 39.4 * 100 - 50) / 10
        let perHead: Double = 2 + (45.0 / 235_430 * 10_000 - 1.5) / 2.5
        let fresh: Double = 2 + (26.0 / 45 * 100 - 40) / 20
        // Coverage is context: read by the same plugin, shown beside the dimension, never scored.
        let inclusion = assessment.dimensions.first { $0.id == "digital-inclusion" }
        func context(_ id: String) -> Double? { inclusion?.context.first { $0.id == id }?.value }
        #expect(Self.close(context("inc-gigabit"), 63.3))
        #expect((context("inc-mobile-4g") ?? 100) < 85)
        #expect((context("inc-slow-broadband") ?? 0) >= 8)
        #expect(level("inc-gigabit") == nil && level("inc-mobile-4g") == nil && level("inc-slow-broadband") == nil)
        #expect(inclusion?.context.first { $0.id == "inc-gigabit" }?.national == 87.8)
        #expect(Self.close(level("inc-resident-confidence"), confident))
        #expect(Self.close(level("od-datasets-per-10k"), perHead))
        #expect(level("od-open-licence") == 5)
        #expect(level("od-machine-readable") == 5)
        #expect(Self.close(level("od-freshness"), fresh))
        #expect(status("od-transparency-code") == .notApplicable)

        // An English council's transparency page on data.gov.uk, the old way (a checklist) and the new (the export).
        let colchester = try Fixtures.evidence("""
            organisation: {name: Colchester Borough Council, type: district, population: 192700}
            facts:
              opendata.transparency-code: {file: \(Self.ckan), source: measured, date: 2020-03-31}
              opendata.publisher: colchester-borough-council
              opendata.datasets-published: 68
              opendata.datasets-open-licence: 59
            """, file: Self.folder.appendingPathComponent("colchester.yaml").path)
        let scored = Engine(framework: framework).assess(colchester)
        let criteria = scored.dimensions.flatMap(\.criteria)
        let transparency: Double = 1 + (100.0 / 17) / 50
        let licence: Double = 3 + (59.0 / 68 * 100 - 80) / 15
        #expect(Self.close(criteria.first(where: { $0.id == "od-transparency-code" })?.level, transparency))
        #expect(Self.close(criteria.first(where: { $0.id == "od-open-licence" })?.level, licence))
    }

    // MARK: - Pieces

    @Test func licencesAndStars() {
        #expect(OpenLicences.family(of: "uk-ogl") == "Open Government Licence")
        #expect(OpenLicences.family(of: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/") == "Open Government Licence")
        #expect(OpenLicences.family(of: "cc-by-nc") == nil)
        #expect(OpenLicences.family(of: "https://creativecommons.org/licenses/by-nc/4.0/") == nil)
        #expect(OpenLicences.family(of: "'Custom licence: Other (Not Open)'") == nil)
        #expect(OpenLicences.family(of: "'Custom licence: Other (Open)'") != nil)
        #expect(OpenLicences.family(of: "https://www.parliament.scot/about/copyright") == nil)
        #expect(OpenLicences.family(of: "odc-odbl") != nil)
        #expect(FiveStar.stars(forFormat: "PDF") == 1)
        #expect(FiveStar.stars(forFormat: "MS EXCEL") == 2)
        #expect(FiveStar.stars(forFormat: "text/csv") == 3)
        #expect(FiveStar.stars(forFormat: "Zipped CSV") == 3)
        #expect(FiveStar.stars(forFormat: "WEB FEATURE SERVICE (WFS)") == 3)
        #expect(FiveStar.stars(forFormat: "application/ld+json") == 4)
        #expect(FiveStar.stars(forFormat: "RDF/XML") == 4)
        #expect(FiveStar.stars(forFormat: "ARCGIS HUB DATASET") == nil)
        // Catalogue dates are read by the engine's one date parser, with ISO and numeric forms.
        func day(_ text: String) -> CalendarDate? {
            guard case .date(let date, _) = CalendarDate.read(text, forms: [.iso, .numeric]) else { return nil }
            return date
        }
        #expect(day("2020-03-18T04:48:27.035267")?.description == "2020-03-18")
        #expect(day("2024-02-29")?.adding(months: -12).description == "2023-02-28")
        #expect(day("18/10/2024")?.description == "2024-10-18")
        #expect(day("2024-13-01") == nil)
    }

    @Test func transparencyMatchingWords() {
        #expect(TransparencyCodeAssessor.words("Spending over £500 – Q3 2025/26") == ["spending", "over", "500", "q3", "2025", "26"])
        #expect(TransparencyCodeAssessor.words("Organization chart") == ["organisation", "chart"])
        #expect(TransparencyCodeAssessor.contains(TransparencyCodeAssessor.words("Contracts over £5,000"),
                                                  TransparencyCodeAssessor.words("contracts over 5000")))
        #expect(!TransparencyCodeAssessor.contains(TransparencyCodeAssessor.words("Contracts over £5,000"),
                                                   TransparencyCodeAssessor.words("over 500")))
    }
}
