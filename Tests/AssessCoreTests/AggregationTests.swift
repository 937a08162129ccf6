import AssessCore
import AssessKit
import Foundation
import Testing
import TestSupport

/// The framework's aggregation rules (docs/scoring.md §4), context indicators and applies-to.
@Suite("Aggregation, context and applicability")
struct AggregationTests {
    func framework(_ aggregation: String = "", rubrics extra: [String: String] = [:]) throws -> Framework {
        let fixture = ScoringFixture()
        var rubrics = fixture.rubrics
        for (name, text) in extra { rubrics[name] = text }
        return try Fixtures.framework(fixture.frameworkYAML + "\n" + aggregation, rubrics: rubrics)
    }

    func assess(_ aggregation: String = "", _ evidence: String) throws -> Assessment {
        Engine(framework: try framework(aggregation)).assess(try Fixtures.evidence(evidence))
    }

    func loadErrors(_ aggregation: String, rubrics: [String: String] = [:]) -> [Diagnostic] {
        do {
            let fixture = ScoringFixture()
            var all = fixture.rubrics
            for (name, text) in rubrics { all[name] = text }
            _ = try FrameworkLoader(registry: AssessKit.registry)
                .load(embedded: ["fx/framework.yaml": fixture.frameworkYAML + "\n" + aggregation]
                      .merging(all.map { ("fx/\($0.key)", $0.value) }, uniquingKeysWith: { a, _ in a }),
                      frameworkFile: "fx/framework.yaml")
            return []
        } catch {
            return error.diagnostics
        }
    }

    // MARK: - Minimum coverage

    @Test func belowMinimumCoverageADimensionHasNoHeadlineScoreOrLevel() throws {
        // alpha: a1 (weight 2) and a3 (weight 1) missing; only a2 (weight 1, level 3): coverage 1 / 4 = 25%.
        let evidence = fullEvidence.replacingOccurrences(of: "  a.share: {value: 35, source: measured}\n", with: "")
            .replacingOccurrences(of: "  a.answer: partly\n", with: "")
        let a = try assess("", evidence)
        let alpha = try #require(a.dimensions.first { $0.id == "alpha" })
        #expect(alpha.coverage == 0.25)
        #expect(alpha.status == .notEnoughEvidence)
        #expect(alpha.score == nil && alpha.level == nil)
        #expect(alpha.provisionalScore == 3 && alpha.provisionalLevel == 3)
        #expect(alpha.missing == ["a1", "a3"])
        #expect(alpha.reason?.contains("25%") == true && alpha.reason?.contains("50%") == true)
        // beta is fully assessed and keeps its level; the overall level needs every dimension.
        let beta = try #require(a.dimensions.first { $0.id == "beta" })
        #expect(beta.status == .scored && beta.level == 3)
        #expect(a.overall.status == .notEnoughEvidence)
        #expect(a.overall.score == nil && a.overall.level == nil)
        #expect(a.overall.missing == ["alpha"])
        #expect(a.overall.provisionalScore != nil)
        // Every output says so instead of a level, and JSON keeps the working.
        let context = ReportContext(toolVersion: "test")
        let text = TextReporter.render(a, context: context)
        #expect(text.contains("Overall: Not enough evidence"))
        #expect(text.contains("Alpha — Not enough evidence"))
        #expect(MarkdownReporter.render(a, context: context).contains("**Not enough evidence**"))
        let json = JSONReporter.render(a, context: context)
        #expect(json.contains("\"status\": \"not-enough-evidence\""))
        #expect(json.contains("\"provisionalScore\": 3"))
    }

    @Test func atTheMinimumCoverageTheLevelIsClaimed() throws {
        // a3 missing (weight 1 of 4) and a2 missing (1 of 4): coverage exactly 50%.
        let evidence = fullEvidence.replacingOccurrences(of: "  a.answer: partly\n", with: "")
            .replacingOccurrences(of: "  a.items: {x: yes, y: yes, z: no, w: no}\n", with: "")
        let a = try assess("", evidence)
        let alpha = try #require(a.dimensions.first { $0.id == "alpha" })
        #expect(alpha.coverage == 0.5)
        #expect(alpha.status == .scored)
        #expect(alpha.level == 3)
        #expect(a.overall.status == .scored && a.overall.level == 3)
    }

    @Test func theRulesAreConfigurable() throws {
        let evidence = fullEvidence.replacingOccurrences(of: "  a.share: {value: 35, source: measured}\n", with: "")
            .replacingOccurrences(of: "  a.answer: partly\n", with: "")
        // A consultant's method: a fifth of the weight is enough, and one dimension with a level gives an overall level.
        let a = try assess("aggregation: {minimum-coverage: 0.2, overall: {minimum-coverage: 0.2, minimum-dimensions: 1}, unverified-core: flag}", evidence)
        let alpha = try #require(a.dimensions.first { $0.id == "alpha" })
        #expect(alpha.status == .unverified)  // a1, the core criterion, was not assessed
        #expect(alpha.level == 3)  // flagged, not withheld
        #expect(a.overall.level != nil)
        // Stricter overall rule: one dimension without a level is enough to withhold the overall level.
        let strict = try assess("aggregation: {minimum-coverage: 0.3}", evidence)
        #expect(strict.overall.level == nil)
    }

    @Test func permissiveRulesClaimEveryScoreAsBefore() throws {
        var framework = try framework()
        framework.aggregation = .permissive
        let evidence = fullEvidence.replacingOccurrences(of: "  a.share: {value: 35, source: measured}\n", with: "")
            .replacingOccurrences(of: "  a.answer: partly\n", with: "")
        let a = Engine(framework: framework).assess(try Fixtures.evidence(evidence))
        let alpha = try #require(a.dimensions.first { $0.id == "alpha" })
        #expect(alpha.level == 3 && alpha.status == .unverified)
        #expect(a.overall.level == 3)
    }

    @Test func anUnassessedCoreCriterionWithholdsTheLevelByDefault() throws {
        // a1 is core (weight 2 of 4): without it coverage is 50%, enough, but the level is unverified.
        let evidence = fullEvidence.replacingOccurrences(of: "  a.share: {value: 35, source: measured}\n", with: "")
        let a = try assess("", evidence)
        let alpha = try #require(a.dimensions.first { $0.id == "alpha" })
        #expect(alpha.status == .unverified)
        #expect(alpha.level == nil)
        #expect(alpha.score != nil)
        #expect(alpha.reason?.contains("a1") == true)
        #expect(a.overall.level == nil)
        #expect(a.overall.status == .unverified)
        #expect(TextReporter.render(a, context: ReportContext(toolVersion: "t")).contains("Alpha — 2.50 / 5, Unverified"))
    }

    // MARK: - Confidence

    @Test func confidenceCannotBeHighWhenCoverageIsLow() throws {
        // Only measured facts are assessed in alpha, at 50% coverage: the facts say 100%, the cap says at most 80%.
        let evidence = fullEvidence.replacingOccurrences(of: "  a.answer: partly\n", with: "")
            .replacingOccurrences(of: "  a.items: {x: yes, y: yes, z: no, w: no}\n", with: "")
        let a = try assess("", evidence)
        let alpha = try #require(a.dimensions.first { $0.id == "alpha" })
        #expect(alpha.sourceConfidence == 1)
        #expect(alpha.confidence == 0.8)
        #expect(ReportText.confidenceLabel(alpha.confidence) == "medium")
        // With the cap switched off the facts' own figure stands.
        let open = try assess("aggregation: {confidence-cap-by-coverage: []}", evidence)
        #expect(open.dimensions.first { $0.id == "alpha" }?.confidence == 1)
    }

    @Test func theCapTakesTheLowestStepThatApplies() {
        var rules = AggregationRules()
        #expect(rules.cap(1, coverage: 0.9) == 1)
        #expect(rules.cap(1, coverage: 0.6) == 0.8)
        #expect(rules.cap(1, coverage: 0.3) == 0.6)
        #expect(rules.cap(0.5, coverage: 0.3) == 0.5)
        rules.confidenceCaps = []
        #expect(rules.cap(1, coverage: 0) == 1)
    }

    // MARK: - Loader

    @Test func badAggregationRulesAreLocatedErrors() {
        let range = loadErrors("aggregation: {minimum-coverage: 2}")
        #expect(range.count == 1)
        #expect(range.first?.location.line ?? 0 > 1)
        let choice = loadErrors("aggregation:\n  unverified-core: hide")
        #expect(choice.first?.message.contains("hide") == true)
        let dimensions = loadErrors("aggregation:\n  overall: {minimum-dimensions: some}")
        #expect(dimensions.first?.message.contains("minimum-dimensions must be 'all' or a whole number") == true)
        let unknown = loadErrors("aggregation:\n  minimum-coverge: 0.4")
        #expect(unknown.first?.hint?.contains("minimum-coverage") == true)
        #expect(loadErrors("aggregation:\n  overall: {minimum-dimensions: all}").isEmpty)
    }

    // MARK: - Context

    func contextRubric(fact: String = "g.followers") -> String {
        """
        id: gamma
        title: Gamma
        version: '1'
        levels: \(Fixtures.levelsYAML)
        criteria:
          - id: g1
            title: g1
            question: q
            rationale: r
            assessor: threshold
            evidence: {value: g.share}
            parameters: {thresholds: [10, 20, 30, 40, 50]}
            levels: \(Fixtures.levelsYAML)
        context:
          - id: g-reach
            title: Followers per 1,000 residents
            assessor: ratio
            evidence: {numerator: \(fact), denominator: organisation.population}
            parameters: {per: 1000, thresholds: [1, 2, 3, 4, 5]}
            finding: ratio
            unit: " per 1,000 residents"
            national: {value: 250, area: England, source: "Example Statistics, Reach survey 2025", date: 2025-06}
        """
    }

    func contextFramework(_ rubric: String) throws -> Framework {
        try Fixtures.framework("""
            id: fx
            title: Fixture
            version: "1"
            \(Fixtures.scaleYAML)
            dimensions:
              - {rubric: gamma.yaml, weight: 1}
            """, rubrics: ["gamma.yaml": rubric])
    }

    @Test func contextIsShownAndNeverScored() throws {
        let framework = try contextFramework(contextRubric())
        let with = Engine(framework: framework).assess(try Fixtures.evidence("""
            organisation: {name: T, population: 40000}
            facts:
              g.share: {value: 35, source: measured}
              g.followers: {value: 12000, reference: Platform analytics, date: 2025-09-30}
            """))
        let without = Engine(framework: framework).assess(try Fixtures.evidence("""
            organisation: {name: T, population: 40000}
            facts:
              g.share: {value: 35, source: measured}
            """))
        let gamma = try #require(with.dimensions.first)
        let value = try #require(gamma.context.first)
        #expect(value.value == 300)
        #expect(value.national == 250 && value.nationalArea == "England")
        #expect(value.note.contains("Platform analytics"))
        // Neither score, coverage nor confidence moves with the context fact.
        let other = try #require(without.dimensions.first)
        #expect(gamma.score == other.score && gamma.coverage == other.coverage && gamma.confidence == other.confidence)
        #expect(gamma.coverage == 1)
        #expect(other.context.first?.value == nil)
        #expect(other.context.first?.note.hasPrefix("not known") == true)
        let context = ReportContext(toolVersion: "t")
        #expect(ReportText.context(value) == "300 per 1,000 residents (England 250 per 1,000 residents, Example Statistics, Reach survey 2025, 2025-06)")
        #expect(TextReporter.render(with, context: context).contains("Context (not scored): Followers per 1,000 residents: 300"))
        #expect(MarkdownReporter.render(without, context: context).contains("| Followers per 1,000 residents | not known"))
        #expect(JSONReporter.render(with, context: context).contains("\"known\": true"))
        // A fact read only by a context indicator is not reported as unused.
        let evidence = try Fixtures.evidence("organisation: {name: T}\nfacts:\n  g.followers: 5\n")
        #expect(EvidenceLoader.unusedFacts(evidence, framework: framework).isEmpty)
    }

    @Test func contextProblemsAreLocatedLoadErrors() {
        func errors(_ rubric: String) -> [Diagnostic] {
            do { _ = try contextFramework(rubric); return [] } catch {
                return [Diagnostic(file: "", location: .unknown, message: "\(error)")]
            }
        }
        let unknown = errors(contextRubric().replacingOccurrences(of: "assessor: ratio", with: "assessor: rato"))
        #expect(unknown.first?.message.contains("did you mean 'ratio'") == true)
        let noFinding = errors(contextRubric().replacingOccurrences(of: "    finding: ratio\n", with: ""))
        #expect(noFinding.first?.message.contains("finding") == true)
        let clash = errors(contextRubric().replacingOccurrences(of: "id: g-reach", with: "id: g1"))
        #expect(clash.first?.message.contains("already used") == true)
    }

    @Test func contextIdsAreUniqueAcrossTheFrameworkAndActionsCannotRaiseThem() {
        func message(_ body: () throws -> Framework) -> String {
            do { _ = try body(); return "" } catch { return "\(error)" }
        }
        let withAction = contextRubric() + """

            actions:
              - id: act-g-grow
                title: Grow the audience
                description: d
                raises: {g-reach: 3}
                effort: 2
            """
        #expect(message { try contextFramework(withAction) }.contains("'g-reach', which is a context indicator and is never scored"))
        let clash = message {
            try Fixtures.framework("""
                id: fx
                title: Fixture
                version: "1"
                \(Fixtures.scaleYAML)
                dimensions:
                  - {rubric: gamma.yaml, weight: 1}
                  - {rubric: alpha.yaml, weight: 1}
                """, rubrics: ["gamma.yaml": contextRubric().replacingOccurrences(of: "id: g-reach", with: "id: a2"),
                               "alpha.yaml": ScoringFixture().rubrics["alpha.yaml"] ?? ""])
        }
        #expect(clash.contains("'a2' is already used"))
    }

    // MARK: - Applies to

    func tieredRubric(_ appliesTo: String) -> String {
        """
        id: gamma
        title: Gamma
        version: '1'
        levels: \(Fixtures.levelsYAML)
        criteria:
          - id: g1
            title: g1
            question: q
            rationale: r
            assessor: threshold
            evidence: {value: g.share}
            parameters: {thresholds: [10, 20, 30, 40, 50]}
            levels: \(Fixtures.levelsYAML)
          - id: g-highways
            title: Pothole reports online
            question: q
            rationale: r
            applies-to: \(appliesTo)
            assessor: threshold
            evidence: {value: g.potholes}
            parameters: {thresholds: [10, 20, 30, 40, 50]}
            levels: \(Fixtures.levelsYAML)
        """
    }

    @Test func aCriterionForAnotherTierIsNotApplicableAndLeavesTheDenominator() throws {
        let framework = try contextFramework(tieredRubric("{types: [county, unitary], reason: highway authorities mend roads}"))
        func assess(_ type: String?) throws -> DimensionResult? {
            let organisation = type.map { "{name: T, type: \($0)}" } ?? "{name: T}"
            return Engine(framework: framework).assess(try Fixtures.evidence("""
                organisation: \(organisation)
                facts:
                  g.share: 35
                """)).dimensions.first
        }
        let district = try #require(try assess("district"))
        let potholes = try #require(district.criteria.last)
        #expect(potholes.status == .notApplicable)
        #expect(potholes.rationale.contains("county, unitary") && potholes.rationale.contains("district"))
        #expect(potholes.rationale.contains("highway authorities mend roads"))
        #expect(district.coverage == 1)
        // A unitary has the function: the missing fact lowers coverage. No type given: assumed to have it.
        #expect(try assess("unitary")?.coverage == 0.5)
        #expect(try assess(nil)?.coverage == 0.5)
    }

    @Test func aCriterionCanBeLimitedByCodePrefix() throws {
        let framework = try contextFramework(tieredRubric("{code-prefix: [S12], reason: Scottish councils only}"))
        func coverage(_ code: String) throws -> Double? {
            Engine(framework: framework).assess(try Fixtures.evidence("""
                organisation: {name: T, code: \(code)}
                facts:
                  g.share: 35
                """)).dimensions.first?.coverage
        }
        #expect(try coverage("E07000123") == 1)
        #expect(try coverage("S12000017") == 0.5)
    }

    @Test func unknownOrganisationTypesAreErrorsWithASuggestion() {
        do {
            _ = try contextFramework(tieredRubric("[county, distrct]"))
            Issue.record("a misspelt type loaded")
        } catch {
            let message = "\(error)"
            #expect(message.contains("'distrct' is not an organisation type"))
            #expect(message.contains("did you mean 'district'?"))
        }
    }

    @Test func anUnknownTypeInTheEvidenceIsAWarning() throws {
        let framework = try contextFramework(tieredRubric("[county]"))
        let evidence = try Fixtures.evidence("organisation: {name: T, type: untiary}\nfacts:\n  g.share: 35\n")
        let warnings = EvidenceLoader.unusedFacts(evidence, framework: framework)
        #expect(warnings.count == 1)
        #expect(warnings.first?.hint == "did you mean 'unitary'?")
        #expect(warnings.first?.location.line == 1)
    }

    // MARK: - The examples read honestly

    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples").path

    @Test func publicFiguresAloneGiveNoOverallLevelAndNoLevelFromCoverage() throws {
        let framework = try AssessKit.loadFramework(path: nil)
        let evidence = try EvidenceLoader().load(path: Self.examples + "/highland-council.yaml")
        let a = Engine(framework: framework).assess(evidence)
        #expect(a.overall.level == nil && a.overall.score == nil)
        #expect(a.overall.status == .notEnoughEvidence)
        let inclusion = try #require(a.dimensions.first { $0.id == "digital-inclusion" })
        #expect(inclusion.level == nil)
        #expect(inclusion.context.contains { $0.id == "inc-gigabit" && $0.value != nil })
        #expect(a.dimensions.allSatisfy { $0.level == nil })
        #expect(ReportText.confidenceLabel(a.overall.confidence) != "high")
    }

    @Test func theExampleCouncilsKeepTheirLevels() throws {
        let framework = try AssessKit.loadFramework(path: nil)
        var levels: [String: Int?] = [:]
        for council in ["ashdown", "brackenford", "calderbrook", "harrowmere", "cwm-taran"] {
            let evidence = try EvidenceLoader().load(path: "\(Self.examples)/\(council).yaml")
            levels[council] = Engine(framework: framework).assess(evidence).overall.level
        }
        #expect(levels == ["ashdown": 2, "brackenford": 2, "calderbrook": 4, "harrowmere": 2, "cwm-taran": 2])
    }
}
