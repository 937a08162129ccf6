import AssessCore
import AssessKit
import Foundation
import Testing
import TestSupport

/// Sections (sub-dimensions): the arithmetic in both scoring modes with hand-computed values, the loader's
/// checks, and the JSON round trip.
@Suite("Sections (sub-dimensions)")
struct SectionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let folder = root.appendingPathComponent("Fixtures/sections")

    /// framework.yaml with a given scoring mode.
    static func frameworkYAML(_ scoring: String) -> String {
        """
        id: fx
        title: Fixture
        version: "1"
        scoring: \(scoring)
        bands: [0, 20, 40, 60, 80]
        \(Fixtures.scaleYAML)
        dimensions:
          - {rubric: dim.yaml, weight: 1}
        """
    }

    /// An options criterion; `worth` is `points` or `level`.
    static func criterion(_ id: String, section: String?, weight: Double = 1, worth: String, options: [(String, Double)]) -> String {
        let list = options.map { "{value: '\($0.0)', \(worth): \(Format.number($0.1))}" }.joined(separator: ", ")
        return """
          - id: \(id)
            title: \(id)
            question: q
            rationale: r
            weight: \(Format.number(weight))
        \(section.map { "    section: \($0)\n" } ?? "")    assessor: options
            evidence: {answer: answers.\(id)}
            parameters: {options: [\(list)]}
            levels: \(Fixtures.levelsYAML)
        """
    }

    static func rubric(sections: [String], criteria: [String]) -> String {
        "id: dim\ntitle: Dimension\nversion: '1'\nlevels: \(Fixtures.levelsYAML)\n"
            + (sections.isEmpty ? "" : "sections:\n" + sections.map { "  - \($0)" }.joined(separator: "\n") + "\n")
            + "criteria:\n" + criteria.joined(separator: "\n")
    }

    static func evidence(_ answers: [String: String]) throws -> Evidence {
        try Fixtures.evidence("organisation: {name: Test}\nfacts:\n"
            + answers.sorted { $0.key < $1.key }.map { "  answers.\($0.key): {value: '\($0.value)', source: documented}" }.joined(separator: "\n"))
    }

    // MARK: - Arithmetic

    @Test("points, weighted sections: each section a points percentage, the dimension their weighted mean")
    func pointsWeighted() throws {
        let framework = try Fixtures.framework(Self.frameworkYAML("points"), rubrics: ["dim.yaml": Self.rubric(
            sections: ["{id: own, title: Ownership, weight: 1}", "{id: std, title: Standards, weight: 2}"],
            criteria: [
                Self.criterion("q1", section: "own", worth: "points", options: [("yes", 2), ("partly", 1), ("no", 0)]),
                Self.criterion("q2", section: "own", worth: "points", options: [("yes", 2), ("no", 0)]),
                Self.criterion("q3", section: "std", worth: "points", options: [("yes", 3), ("partly", 1), ("no", 0)]),
                Self.criterion("q4", section: "std", worth: "points", options: [("yes", 1), ("no", 0)]),
            ])])
        let assessment = Engine(framework: framework).assess(
            try Self.evidence(["q1": "partly", "q2": "yes", "q3": "partly", "q4": "yes"]))
        let dimension = try #require(assessment.dimensions.first)
        let own = try #require(dimension.sections.first { $0.id == "own" })
        let std = try #require(dimension.sections.first { $0.id == "std" })
        // Ownership: 1 + 2 of 2 + 2 = 3 / 4 = 75% (band 60-80: level 4). Standards: 1 + 1 of 3 + 1 = 2 / 4 = 50% (level 3).
        #expect(own.points == 3 && own.maxPoints == 4 && own.score == 75 && own.level == 4 && own.coverage == 1)
        #expect(std.points == 2 && std.maxPoints == 4 && std.score == 50 && std.level == 3)
        #expect(own.criteria == ["q1", "q2"] && std.criteria == ["q3", "q4"] && own.weight == 1 && std.weight == 2)
        // Dimension: (1 × 75 + 2 × 50) / 3 = 58.333...% (level 3), not the pooled 5 / 8 = 62.5% (level 4).
        #expect(abs((dimension.score ?? 0) - 175.0 / 3) < 1e-9)
        #expect(dimension.level == 3 && dimension.gating.weightedLevel == 3)
        #expect(abs((assessment.overall.score ?? 0) - 175.0 / 3) < 1e-9)
    }

    @Test("points, unweighted sections only group: the dimension pools its criteria as before, sections reported")
    func pointsUnweighted() throws {
        let framework = try Fixtures.framework(Self.frameworkYAML("points"), rubrics: ["dim.yaml": Self.rubric(
            sections: ["{id: own, title: Ownership}", "{id: std, title: Standards}"],
            criteria: [
                Self.criterion("q1", section: "own", worth: "points", options: [("yes", 2), ("partly", 1), ("no", 0)]),
                Self.criterion("q2", section: "own", worth: "points", options: [("yes", 2), ("no", 0)]),
                Self.criterion("q3", section: "std", worth: "points", options: [("yes", 3), ("partly", 1), ("no", 0)]),
                Self.criterion("q4", section: nil, worth: "points", options: [("yes", 1), ("no", 0)]),
            ])])
        let assessment = Engine(framework: framework).assess(try Self.evidence(["q1": "partly", "q2": "yes", "q3": "partly", "q4": "yes"]))
        let dimension = try #require(assessment.dimensions.first)
        // Pooled: (1 + 2 + 1 + 1) / (2 + 2 + 3 + 1) = 5 / 8 = 62.5% (level 4).
        #expect(dimension.score == 62.5 && dimension.level == 4)
        // Ownership 3 / 4 = 75%; Standards 1 / 3 = 33.3% (level 2); q4 is in no section.
        #expect(dimension.sections.first?.score == 75)
        #expect(abs((dimension.sections.last?.score ?? 0) - 100.0 / 3) < 1e-9)
        #expect(dimension.sections.map(\.weight) == [nil, nil])
        #expect(dimension.sections.map(\.level) == [4, 2])
        #expect(dimension.sections[1].criteria == ["q3"])
    }

    @Test("levels, weighted sections: each section a weighted mean level, the dimension their weighted mean")
    func levelsWeighted() throws {
        let framework = try Fixtures.framework(Self.frameworkYAML("levels"), rubrics: ["dim.yaml": Self.rubric(
            sections: ["{id: a, title: A, weight: 3}", "{id: b, title: B, weight: 1}"],
            criteria: [
                Self.criterion("c1", section: "a", weight: 1, worth: "level", options: [("low", 2), ("high", 4)]),
                Self.criterion("c2", section: "a", weight: 3, worth: "level", options: [("low", 2), ("high", 4)]),
                Self.criterion("c3", section: "b", weight: 1, worth: "level", options: [("low", 1), ("top", 5)]),
            ])])
        let assessment = Engine(framework: framework).assess(try Self.evidence(["c1": "low", "c2": "high", "c3": "top"]))
        let dimension = try #require(assessment.dimensions.first)
        // A: (1 × 2 + 3 × 4) / 4 = 3.5 (level 3). B: 5. Dimension: (3 × 3.5 + 1 × 5) / 4 = 3.875 (level 3);
        // pooled it would be (2 + 12 + 5) / 5 = 3.8.
        #expect(dimension.sections.map(\.score) == [3.5, 5])
        #expect(dimension.sections.map(\.level) == [3, 5])
        #expect(dimension.sections.map(\.points) == [nil, nil])
        #expect(dimension.score == 3.875 && dimension.level == 3)
    }

    @Test("levels, unweighted sections: the dimension is the pooled weighted mean")
    func levelsUnweighted() throws {
        let framework = try Fixtures.framework(Self.frameworkYAML("levels"), rubrics: ["dim.yaml": Self.rubric(
            sections: ["{id: a, title: A}", "{id: b, title: B}"],
            criteria: [
                Self.criterion("c1", section: "a", weight: 1, worth: "level", options: [("low", 2), ("high", 4)]),
                Self.criterion("c2", section: "a", weight: 3, worth: "level", options: [("low", 2), ("high", 4)]),
                Self.criterion("c3", section: "b", weight: 1, worth: "level", options: [("low", 1), ("top", 5)]),
            ])])
        let assessment = Engine(framework: framework).assess(try Self.evidence(["c1": "low", "c2": "high", "c3": "top"]))
        let dimension = try #require(assessment.dimensions.first)
        #expect(dimension.score == 3.8 && dimension.level == 3)
        #expect(dimension.sections.map(\.score) == [3.5, 5])
    }

    @Test("a section with nothing assessed has no score and drops out of the weighted mean; coverage is its own")
    func missingEvidence() throws {
        let framework = try Fixtures.framework(Self.frameworkYAML("points"), rubrics: ["dim.yaml": Self.rubric(
            sections: ["{id: own, title: Ownership, weight: 1}", "{id: std, title: Standards, weight: 2}"],
            criteria: [
                Self.criterion("q1", section: "own", worth: "points", options: [("yes", 2), ("partly", 1), ("no", 0)]),
                Self.criterion("q2", section: "own", worth: "points", options: [("yes", 2), ("no", 0)]),
                Self.criterion("q3", section: "std", worth: "points", options: [("yes", 3), ("partly", 1), ("no", 0)]),
            ])])
        let assessment = Engine(framework: framework).assess(try Self.evidence(["q1": "partly", "q2": "yes"]))
        let dimension = try #require(assessment.dimensions.first)
        let std = try #require(dimension.sections.last)
        #expect(std.score == nil && std.level == nil && std.points == nil && std.coverage == 0)
        #expect(dimension.sections.first?.coverage == 1)
        // Only Ownership is scored: 75%. Coverage pools the criteria: 2 of 3 by weight.
        #expect(dimension.score == 75 && dimension.level == 4)
        #expect(abs((dimension.coverage ?? 0) - 2.0 / 3) < 1e-9)
    }

    @Test("when only a section of weight 0 has anything assessed, the dimension has no score, and says why")
    func onlyUnweightedSectionAssessed() throws {
        let framework = try Fixtures.framework(Self.frameworkYAML("points"), rubrics: ["dim.yaml": Self.rubric(
            sections: ["{id: own, title: Ownership, weight: 0}", "{id: std, title: Standards, weight: 2}"],
            criteria: [
                Self.criterion("q1", section: "own", worth: "points", options: [("yes", 2), ("no", 0)]),
                Self.criterion("q2", section: "std", worth: "points", options: [("yes", 2), ("no", 0)]),
            ])])
        // q1 alone is 1 of 2 criteria by weight: 50% coverage, enough for the default minimum, yet no weighted section has a score.
        let dimension = try #require(Engine(framework: framework).assess(try Self.evidence(["q1": "yes"])).dimensions.first)
        #expect(dimension.sections.map(\.score) == [100, nil])
        #expect(dimension.score == nil && dimension.level == nil && dimension.provisionalScore == nil)
        #expect(dimension.status == .notEnoughEvidence)
        #expect(dimension.reason == "nothing was assessed in a section with a weight above 0")
    }

    @Test("the roadmap projection re-scores sections by the same rules")
    func rescore() throws {
        let framework = try FrameworkLoader(registry: AssessKit.registry).load(path: Self.folder.path)
        let evidence = try EvidenceLoader().load(path: Self.folder.appendingPathComponent("evidence.yaml").path)
        let engine = Engine(framework: framework)
        let assessment = engine.assess(evidence)
        // q3 raised to the top level (5): 3 of 3 points, so Standards is 4 / 4 = 100% and the dimension
        // (1 × 75 + 2 × 100) / 3 = 91.666...%.
        let raised = engine.rescore(assessment, raising: ["q3": 5])
        let dimension = try #require(raised.dimensions.first)
        #expect(dimension.sections.map(\.score) == [75, 100])
        #expect(abs((dimension.score ?? 0) - 275.0 / 3) < 1e-9)
        #expect(dimension.level == 5)
    }

    @Test("the worked example of docs/scoring.md scores as the document says")
    func workedExample() throws {
        let framework = try FrameworkLoader(registry: AssessKit.registry).load(path: Self.folder.path)
        #expect(framework.warnings.isEmpty)
        let evidence = try EvidenceLoader().load(path: Self.folder.appendingPathComponent("evidence.yaml").path)
        let assessment = Engine(framework: framework).assess(evidence)
        let dimension = try #require(assessment.dimensions.first)
        #expect(dimension.sections.map(\.score) == [75, 50])
        #expect(Format.number(dimension.score ?? 0, decimals: 1) == "58.3")
        #expect(dimension.level == 3)
        // q5 has weight 0: asked, never scored, in no section.
        #expect(dimension.sections.allSatisfy { !$0.criteria.contains("q5") })
        let text = TextReporter.render(assessment, context: ReportContext(toolVersion: "t"), detail: true)
        #expect(text.contains("Section Ownership and accountability [dg-ownership]: 75.0%, Level 4 Managed"))
        #expect(text.contains("not scored  Which team answered"))
        #expect(!text.contains("0 / 0 pts"))
        let markdown = MarkdownReporter.render(assessment, context: ReportContext(toolVersion: "t"))
        #expect(markdown.contains("| Data standards<br>`dg-standards` | 50.0%, Level 3 Defined, 2 / 4 pts, weight 2, coverage 100% | `q3`, `q4` |"))
    }

    // MARK: - JSON

    @Test("sections are written to JSON and read back byte-identically; results without sections have no key")
    func roundTrip() throws {
        let framework = try FrameworkLoader(registry: AssessKit.registry).load(path: Self.folder.path)
        let evidence = try EvidenceLoader().load(path: Self.folder.appendingPathComponent("evidence.yaml").path)
        let context = ReportContext(toolVersion: "9.9.9", date: "2026-04-01")
        let written = JSONReporter.render(Engine(framework: framework).assess(evidence), context: context)
        #expect(written.contains("\"sections\""))
        #expect(written.contains("\"id\": \"dg-standards\""))
        let document = try AssessmentReader.read(Data(written.utf8), file: "s.json")
        let sections = try #require(document.assessment.dimensions.first?.sections)
        #expect(sections.map(\.id) == ["dg-ownership", "dg-standards"])
        #expect(sections.map(\.maxPoints) == [4, 4] && sections.map(\.weight) == [1, 2])
        #expect(JSONReporter.render(document.assessment, context: document.context) == written)

        let plain = try FrameworkLoader(registry: AssessKit.registry).load(path: Self.root.deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rubrics").path)
        let example = try EvidenceLoader().load(path: Self.root.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/brackenford.yaml").path)
        #expect(!JSONReporter.render(Engine(framework: plain).assess(example), context: context).contains("\"sections\""))
    }

    // MARK: - Loading

    static func load(_ rubric: String) -> (Framework?, [Diagnostic]) {
        var files = ["fx/framework.yaml": frameworkYAML("points")]
        files["fx/dim.yaml"] = rubric
        do {
            return (try FrameworkLoader(registry: AssessKit.registry).load(embedded: files, frameworkFile: "fx/framework.yaml"), [])
        } catch {
            return (nil, error.diagnostics)
        }
    }

    static let q = criterion("q1", section: "own", worth: "points", options: [("yes", 1), ("no", 0)])

    @Test("an unknown section id is a located error with a suggestion")
    func unknownSection() throws {
        let text = Self.rubric(sections: ["{id: own, title: Ownership}"],
                               criteria: [Self.criterion("q1", section: "onw", worth: "points", options: [("yes", 1)])])
        let (framework, problems) = Self.load(text)
        #expect(framework == nil)
        let problem = try #require(problems.first { $0.message.contains("unknown section 'onw'") })
        #expect(problem.file == "fx/dim.yaml" && problem.location.line == 13)
        #expect(problem.hint == "did you mean 'own'?")
        let none = Self.load(Self.rubric(sections: [], criteria: [Self.q])).1
        #expect(none.contains { $0.message.contains("this rubric has no 'sections:'") && $0.location.line == 11 })
    }

    @Test("a duplicate section id is a located error")
    func duplicateSection() throws {
        let (framework, problems) = Self.load(Self.rubric(sections: ["{id: own, title: A}", "{id: own, title: B}"], criteria: [Self.q]))
        #expect(framework == nil)
        let problem = try #require(problems.first { $0.message.contains("section id 'own' is already used at line 6") })
        #expect(problem.location.line == 7)
    }

    @Test("weighted and unweighted sections mixed is a located error")
    func mixedWeights() throws {
        let (framework, problems) = Self.load(Self.rubric(sections: ["{id: own, title: A, weight: 1}", "{id: std, title: B}"], criteria: [Self.q]))
        #expect(framework == nil)
        let problem = try #require(problems.first { $0.message.contains("section 'std' has no weight but section 'own' at line 6 has one") })
        #expect(problem.location.line == 7)
        let reversed = Self.load(Self.rubric(sections: ["{id: own, title: A}", "{id: std, title: B, weight: 2}"], criteria: [Self.q])).1
        #expect(reversed.contains { $0.message.contains("section 'std' has a weight but section 'own' at line 6 has none") })
        let zero = Self.load(Self.rubric(sections: ["{id: own, title: A, weight: 0}"], criteria: [Self.q])).1
        #expect(zero.contains { $0.message == "every section has weight 0" && $0.location.line == 6 })
    }

    @Test("under weighted sections a scored criterion in no section is an error; an unscored one may stay out")
    func unsectioned() throws {
        let loose = Self.criterion("q2", section: nil, worth: "points", options: [("yes", 1)])
        let problems = Self.load(Self.rubric(sections: ["{id: own, title: A, weight: 1}"], criteria: [Self.q, loose])).1
        #expect(problems.contains { $0.message.contains("criterion 'q2' belongs to no section") })
        let unscored = Self.criterion("q2", section: nil, weight: 0, worth: "points", options: [("yes", 1)])
        #expect(Self.load(Self.rubric(sections: ["{id: own, title: A, weight: 1}"], criteria: [Self.q, unscored])).0 != nil)
    }

    @Test("a section with no criteria loads with a located warning")
    func emptySection() throws {
        let (framework, problems) = Self.load(Self.rubric(sections: ["{id: own, title: A}", "{id: std, title: B}"], criteria: [Self.q]))
        #expect(problems.isEmpty)
        let warning = try #require(framework?.warnings.first)
        #expect(framework?.warnings.count == 1)
        #expect(warning.severity == .warning && warning.message == "section 'std' has no criteria" && warning.location.line == 7)
        #expect(framework?.dimensions.first?.rubric.sections.map(\.id) == ["own", "std"])
    }
}
