import AssessCore
import AssessKit
import Testing
import TestSupport

/// A two-dimension framework whose weights and order the tests vary.
struct ScoringFixture {
    var factor: Double = 1
    var reverseCriteria = false
    var reverseRubrics = false
    var scoring = "levels"
    var overall = "weighted-mean"

    func w(_ value: Double) -> String { Format.number(value * factor, decimals: 6).replacingOccurrences(of: ",", with: "") }

    var frameworkYAML: String {
        var dimensions = ["  - {rubric: alpha.yaml, weight: \(w(2))}", "  - {rubric: beta.yaml, weight: \(w(1))}"]
        if reverseRubrics { dimensions.reverse() }
        return """
            id: fx
            title: Fixture
            version: "1"
            scoring: \(scoring)
            overall: \(overall)
            \(Fixtures.scaleYAML)
            dimensions:
            \(dimensions.joined(separator: "\n"))
            """
    }

    func rubric(_ id: String, _ criteria: [String]) -> String {
        let list = reverseCriteria ? criteria.reversed() : criteria
        return "id: \(id)\ntitle: \(id.capitalized)\nversion: '1'\nlevels: \(Fixtures.levelsYAML)\ncriteria:\n" + list.joined(separator: "\n")
    }

    func criterion(_ id: String, weight: Double, core: Bool = false, assessor: String, evidence: String, parameters: String) -> String {
        """
          - id: \(id)
            title: \(id)
            question: q
            rationale: r
            weight: \(w(weight))
            core: \(core)
            assessor: \(assessor)
            evidence: \(evidence)
            parameters: \(parameters)
            levels: \(Fixtures.levelsYAML)
        """
    }

    var rubrics: [String: String] {
        [
            "alpha.yaml": rubric("alpha", [
                criterion("a1", weight: 2, core: true, assessor: "threshold", evidence: "{value: a.share}",
                          parameters: "{thresholds: [10, 20, 30, 40, 50]}"),
                criterion("a2", weight: 1, assessor: "checklist", evidence: "{items: a.items}",
                          parameters: "{items: [{id: x, label: X}, {id: y, label: Y}, {id: z, label: Z}, {id: w, label: W}]}"),
                criterion("a3", weight: 1, assessor: "options", evidence: "{answer: a.answer}",
                          parameters: "{options: [{value: 'no', points: 0}, {value: partly, points: 1}, {value: 'yes', points: 4}]}"),
            ]),
            "beta.yaml": rubric("beta", [
                criterion("b1", weight: 1, assessor: "ratio", evidence: "{numerator: b.part, denominator: organisation.population}",
                          parameters: "{per: 1000, thresholds: [1, 2, 3, 4, 5]}"),
                criterion("b2", weight: 3, core: true, assessor: "staged", evidence: "{statements: b.stages}",
                          parameters: "{statements: [{id: p, level: 2, text: P}, {id: q, level: 3, text: Q}, {id: r, level: 4, text: R}]}"),
                criterion("b3", weight: 1, assessor: "self-rating", evidence: "{rating: b.rating}", parameters: "{min: 0, max: 10}"),
            ]),
        ]
    }

    func framework() throws -> Framework { try Fixtures.framework(frameworkYAML, rubrics: rubrics) }
}

let fullEvidence = """
    organisation: {name: Testshire Council, population: 50000, period: 2025-26}
    facts:
      a.share: {value: 35, source: measured}
      a.items: {x: yes, y: yes, z: no, w: no}
      a.answer: partly
      b.part: {value: 150, source: documented}
      b.stages: {p: yes, q: yes, r: no}
      b.rating: 5
    """

@Suite("Scoring")
struct ScoringTests {
    func assess(_ fixture: ScoringFixture = ScoringFixture(), _ evidence: String = fullEvidence) throws -> Assessment {
        Engine(framework: try fixture.framework()).assess(try Fixtures.evidence(evidence))
    }

    func criterion(_ assessment: Assessment, _ id: String) -> CriterionResult? {
        assessment.allCriteria.first { $0.id == id }
    }

    @Test func levelsAreWeightedMeans() throws {
        let a = try assess()
        // alpha: a1 = 3.5 (35 between 30 and 40), a2 = 3 (50% on 0/25/50/75/100), a3 = 1 + 1/4 × 4 = 2.
        #expect(abs((criterion(a, "a1")?.level ?? 0) - 3.5) < 1e-9)
        #expect(criterion(a, "a2")?.level == 3)
        #expect(criterion(a, "a3")?.level == 2)
        let alpha = try #require(a.dimensions.first { $0.id == "alpha" })
        #expect(abs((alpha.score ?? 0) - (2 * 3.5 + 3 + 2) / 4) < 1e-9)
        // beta: b1 = 150 / 50,000 × 1000 = 3 → level 3; b2 = 3; b3 = 1 + 0.5 × 4 = 3.
        let beta = try #require(a.dimensions.first { $0.id == "beta" })
        #expect(abs((beta.score ?? 0) - 3) < 1e-9)
        #expect(abs((a.overall.score ?? 0) - (2 * 3 + 1 * 3) / 3) < 1e-9)
        #expect(a.overall.level == 3)
        #expect(a.overall.coverage == 1)
    }

    @Test func missingEvidenceLowersCoverageButIsNotAnError() throws {
        let evidence = fullEvidence.replacingOccurrences(of: "  a.answer: partly\n", with: "")
        let a = try assess(ScoringFixture(), evidence)
        #expect(criterion(a, "a3")?.status == .notAssessed)
        let alpha = try #require(a.dimensions.first { $0.id == "alpha" })
        #expect(alpha.coverage == 3.0 / 4.0)
        #expect(abs((alpha.score ?? 0) - (2 * 3.5 + 3) / 3) < 1e-9)
        #expect(a.diagnostics.isEmpty)
    }

    @Test func notApplicableLeavesTheDenominator() throws {
        let evidence = fullEvidence.replacingOccurrences(of: "a.answer: partly", with: "a.answer: {not-applicable: no such service}")
        let a = try assess(ScoringFixture(), evidence)
        #expect(criterion(a, "a3")?.status == .notApplicable)
        let alpha = try #require(a.dimensions.first { $0.id == "alpha" })
        #expect(alpha.coverage == 1)
        #expect(abs((alpha.score ?? 0) - (2 * 3.5 + 3) / 3) < 1e-9)
    }

    @Test func nothingAssessedGivesNullScores() throws {
        let a = try assess(ScoringFixture(), "organisation: {name: Empty}\nfacts: {}\n")
        #expect(a.overall.score == nil)
        #expect(a.overall.level == nil)
        #expect(a.overall.coverage == 0)
        #expect(a.dimensions.allSatisfy { $0.score == nil && $0.coverage == 0 })
        let json = JSONReporter.render(a, context: ReportContext(toolVersion: "test"))
        #expect(json.contains("\"score\": null"))
    }

    @Test func coreCriterionCapsTheLevel() throws {
        // Without the level-2 statement, b2 is level 1 and beta cannot be above level 1.
        let evidence = fullEvidence.replacingOccurrences(of: "{p: yes, q: yes, r: no}", with: "{p: no, q: yes, r: yes}")
            .replacingOccurrences(of: "value: 150", with: "value: 250").replacingOccurrences(of: "b.rating: 5", with: "b.rating: 10")
        let a = try assess(ScoringFixture(), evidence)
        let beta = try #require(a.dimensions.first { $0.id == "beta" })
        #expect(criterion(a, "b2")?.level == 1)
        // (5 + 3 × 1 + 5) / 5 = 2.6: level 2 by weight, held at 1 by the core criterion.
        #expect(abs((beta.score ?? 0) - 2.6) < 1e-9)
        #expect(beta.gating.weightedLevel == 2)
        #expect(beta.level == 1)
        #expect(beta.gating.limitedBy == ["b2"])
    }

    @Test func unassessedCoreCriterionIsFlagged() throws {
        let evidence = fullEvidence.replacingOccurrences(of: "  b.stages: {p: yes, q: yes, r: no}\n", with: "")
        let a = try assess(ScoringFixture(), evidence)
        let beta = try #require(a.dimensions.first { $0.id == "beta" })
        #expect(beta.gating.unverifiedCore == ["b2"])
    }

    @Test func unusableEvidenceIsAnErrorWithItsLocationAndTheRestGoesOn() throws {
        let evidence = fullEvidence.replacingOccurrences(of: "a.share: {value: 35, source: measured}", with: "a.share: {value: lots, source: measured}")
        let a = try assess(ScoringFixture(), evidence)
        #expect(criterion(a, "a1")?.status == .error)
        let diagnostic = try #require(a.diagnostics.first)
        #expect(diagnostic.file == "fx/evidence.yaml")
        #expect(diagnostic.location.line == 3)
        #expect(diagnostic.location.column == 20)
        #expect(diagnostic.message.contains("must be a number"))
        #expect(criterion(a, "a2")?.status == .assessed)
        let alpha = try #require(a.dimensions.first { $0.id == "alpha" })
        #expect(alpha.coverage == 2.0 / 4.0)
    }

    @Test func confidenceFollowsSources() throws {
        let a = try assess()
        #expect(criterion(a, "a1")?.confidence == 1.0)
        #expect(criterion(a, "b1")?.confidence == 0.8)
        #expect(criterion(a, "a2")?.confidence == 0.5)
    }

    @Test func selfRatingConfidenceIsCapped() throws {
        let evidence = fullEvidence.replacingOccurrences(of: "b.rating: 5", with: "b.rating: {value: 5, source: measured}")
        let a = try assess(ScoringFixture(), evidence)
        #expect(criterion(a, "b3")?.confidence == 0.5)
    }

    // MARK: - Invariants

    func json(_ fixture: ScoringFixture, _ evidence: String = fullEvidence) throws -> String {
        JSONReporter.render(try assess(fixture, evidence), context: ReportContext(toolVersion: "test"))
    }

    func scores(_ a: Assessment) -> [String: Double?] {
        var result: [String: Double?] = ["overall": a.overall.score, "coverage": a.overall.coverage]
        for d in a.dimensions {
            result[d.id] = d.score
            result[d.id + ".level"] = d.level.map(Double.init)
            for c in d.criteria { result[c.id] = c.score }
        }
        return result
    }

    @Test("scaling every weight by the same factor changes no score", arguments: [0.1, 3.0, 1000.0])
    func weightScaling(factor: Double) throws {
        let base = try assess()
        let scaled = try assess(ScoringFixture(factor: factor))
        for (key, value) in scores(base) {
            let other = scores(scaled)[key] ?? nil
            #expect(abs((value ?? -1) - (other ?? -1)) < 1e-9, "\(key) changed")
        }
    }

    @Test func reorderingCriteriaAndRubricsChangesNoScore() throws {
        let base = scores(try assess())
        let reordered = scores(try assess(ScoringFixture(reverseCriteria: true, reverseRubrics: true)))
        #expect(base.keys.sorted() == reordered.keys.sorted())
        for (key, value) in base {
            #expect(abs((value ?? -1) - ((reordered[key] ?? nil) ?? -1)) < 1e-9, "\(key) changed")
        }
    }

    @Test func reorderingEvidenceKeysChangesNoByte() throws {
        let lines = fullEvidence.split(separator: "\n").map(String.init)
        let reordered = ([lines[0], lines[1]] + lines.dropFirst(2).reversed()).joined(separator: "\n")
        let first = try json(ScoringFixture())
        let second = try json(ScoringFixture(), reordered)
        // Only the evidence line numbers may differ; scores, levels and rationales must not.
        func strip(_ text: String) -> String { text.split(separator: "\n").filter { !$0.contains("\"line\"") }.joined(separator: "\n") }
        #expect(strip(first) == strip(second))
    }

    @Test func sameInputsGiveByteIdenticalOutput() throws {
        let fixture = ScoringFixture()
        let a = try assess(fixture), b = try assess(fixture)
        let context = ReportContext(toolVersion: "test", date: "2026-01-01")
        #expect(JSONReporter.render(a, context: context) == JSONReporter.render(b, context: context))
        #expect(MarkdownReporter.render(a, context: context) == MarkdownReporter.render(b, context: context))
        #expect(TextReporter.render(a, context: context) == TextReporter.render(b, context: context))
    }

    // MARK: - Points

    @Test func pointsScoringUsesPercentagesAndBands() throws {
        var fixture = ScoringFixture()
        fixture.scoring = "points"
        let a = try assess(fixture)
        // a3 answers "partly": 1 of 4 points. Level-giving criteria earn (level - 1) / 4 of one point.
        let a3 = try #require(criterion(a, "a3"))
        #expect(a3.points == 1 && a3.maxPoints == 4)
        let a1 = try #require(criterion(a, "a1"))
        #expect(abs((a1.points ?? 0) - 0.625) < 1e-9 && a1.maxPoints == 1)
        let alpha = try #require(a.dimensions.first { $0.id == "alpha" })
        // weights 2, 1, 1: (2 × 0.625 + 1 × 0.5 + 1 × 1) / (2 × 1 + 1 × 1 + 1 × 4) = 2.75 / 7
        #expect(abs((alpha.score ?? 0) - 2.75 / 7 * 100) < 1e-9)
        // Default bands for five levels: 0, 20, 40, 60, 80 → 39.3% is level 2.
        #expect(alpha.gating.weightedLevel == 2)
        #expect(a.maxScore == 100)
    }

    @Test func overallMeanIgnoresDimensionWeights() throws {
        var fixture = ScoringFixture()
        fixture.overall = "mean"
        let a = try assess(fixture)
        let mean = a.dimensions.compactMap(\.score).reduce(0, +) / 2
        #expect(abs((a.overall.score ?? 0) - mean) < 1e-9)
    }
}
