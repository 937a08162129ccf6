import AssessCore
import AssessKit
import Foundation
import Testing
import TestSupport

/// Applicability by organisation attributes (on criteria and on checklist items) and an evidence file's
/// default provenance.
@Suite("Applies to: attributes; evidence defaults")
struct AttributesAndDefaultsTests {
    static func organisation(_ attributes: [String: String]) -> Organisation {
        var organisation = Organisation(name: "Test", type: "district")
        organisation.attributes = attributes
        return organisation
    }

    @Test("an attribute condition: stated and matching, stated and not, unstated, and a list of values")
    func exclusion() {
        let housing = Applicability(attributes: [.init(key: "housing-stock", values: ["true"])], reason: "only stock-holding councils")
        #expect(housing.exclusion(for: Self.organisation(["housing-stock": "yes"])) == nil, "yes and true are the same answer")
        let excluded = housing.exclusion(for: Self.organisation(["housing-stock": "no"]))
        #expect(excluded == "it applies only to organisations whose housing-stock is true, and this one's is no (only stock-holding councils)")
        #expect(housing.exclusion(for: Self.organisation([:])) == nil, "an organisation that does not say is assumed to match")
        #expect(housing.exclusion(for: Self.organisation(["highway-authority": "no"])) == nil)

        let tiers = Applicability(attributes: [.init(key: "tier", values: ["upper", "single"])])
        #expect(tiers.exclusion(for: Self.organisation(["tier": "Single"])) == nil, "any of the values, ignoring case")
        #expect(tiers.exclusion(for: Self.organisation(["tier": "lower"]))?.contains("tier is upper or single") == true)
        let numbers = Applicability(attributes: [.init(key: "wards", values: ["40"])])
        #expect(numbers.exclusion(for: Self.organisation(["wards": "40.0"])) == nil, "numbers compare as numbers")
    }

    static let rubric = """
        id: r
        title: R
        version: "1"
        levels: \(Fixtures.levelsYAML)
        criteria:
          - id: rents
            title: Rents
            question: Q?
            guidance: G
            rationale: R
            assessor: self-rating
            evidence: {rating: x.rating}
            parameters: {min: 1, max: 5}
            levels: \(Fixtures.levelsYAML)
            applies-to:
              attributes: {housing-stock: yes, tier: [upper, single]}
              reason: only councils with housing stock
          - id: practices
            title: Practices
            question: Q?
            guidance: G
            rationale: R
            assessor: checklist
            evidence: {items: x.items}
            levels: \(Fixtures.levelsYAML)
            parameters:
              items:
                - {id: a, label: Spending published}
                - {id: b, label: Constitution published}
                - {id: rents, label: Social housing rents published, applies-to: {attributes: {housing-stock: yes}}}
                - {id: hra, label: Housing revenue account published, applies-to: {attributes: {housing-stock: yes}, reason: no HRA without stock}}
        """

    static let framework = """
        id: fx
        title: Fixture
        version: "1"
        \(Fixtures.scaleYAML)
        dimensions:
          - {rubric: r.yaml, weight: 1}
        """

    static func score(attributes: String) throws -> [String: CriterionResult] {
        let framework = try Fixtures.framework(Self.framework, rubrics: ["r.yaml": Self.rubric])
        let evidence = try Fixtures.evidence("""
            organisation:
              name: Test
              \(attributes)
            facts:
              x.rating: 4
              x.items: [a, rents]
            """)
        let assessment = Engine(framework: framework).assess(evidence)
        return Dictionary(uniqueKeysWithValues: assessment.dimensions.flatMap(\.criteria).map { ($0.id, $0) })
    }

    @Test("criteria and checklist items follow the organisation's attributes through the engine")
    func throughTheEngine() throws {
        let stated = try Self.score(attributes: "attributes: {housing-stock: no}")
        #expect(stated["rents"]?.status == .notApplicable)
        #expect(stated["rents"]?.rationale.contains("housing-stock is yes, and this one's is no (only councils with housing stock)") == true,
                "\(stated["rents"]?.rationale ?? "")")
        // The two housing items leave the denominator: 1 of 2 in place, and the rationale says which and why.
        let practices = try #require(stated["practices"])
        #expect(practices.status == .assessed)
        #expect(practices.rationale.hasPrefix("1 of 2 practices in place (50% by weight)."), "\(practices.rationale)")
        #expect(practices.rationale.contains("Left out as not applicable: 'Social housing rents published' (it applies only to organisations whose housing-stock is yes, and this one's is no)"), "\(practices.rationale)")
        #expect(practices.rationale.contains("'Housing revenue account published' (it applies only to organisations whose housing-stock is yes, and this one's is no (no HRA without stock))"))
        #expect(practices.findings.contains { $0.id == "not-applicable" })

        // Unstated: everything applies (2 of 4 in place).
        let unstated = try Self.score(attributes: "type: district")
        #expect(unstated["rents"]?.status == .assessed)
        #expect(unstated["practices"]?.rationale.hasPrefix("2 of 4 practices in place") == true, "\(unstated["practices"]?.rationale ?? "")")

        // A list of values: tier single is one of [upper, single]; lower is not.
        #expect(try Self.score(attributes: "attributes: {housing-stock: yes, tier: single}")["rents"]?.status == .assessed)
        #expect(try Self.score(attributes: "attributes: {housing-stock: yes, tier: lower}")["rents"]?.status == .notApplicable)
    }

    @Test("a checklist whose every item does not apply is not applicable")
    func everyItemExcluded() throws {
        let rubric = Self.rubric.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("Spending published") && !$0.contains("Constitution published") }.joined(separator: "\n")
        let framework = try Fixtures.framework(Self.framework, rubrics: ["r.yaml": rubric])
        let evidence = try Fixtures.evidence("organisation: {name: T, attributes: {housing-stock: false}}\nfacts: {x.items: [rents]}\n")
        let result = Engine(framework: framework).assess(evidence).dimensions[0].criteria.first { $0.id == "practices" }
        #expect(result?.status == .notApplicable)
        #expect(result?.rationale.contains("none of its items applies") == true, "\(result?.rationale ?? "")")
    }

    @Test("the social housing item of the Transparency Code leaves the share for a council without stock")
    func transparencyCodeHousing() throws {
        let framework = try AssessKit.loadFramework(path: nil)
        let criterion = try #require(framework.criterion("od-transparency-code")?.criterion)
        #expect(framework.organisationAttributes.contains { $0.key == "housing-stock" && $0.readers.contains("od-transparency-code") })
        func result(_ attributes: String) throws -> CriterionResult {
            let evidence = try Fixtures.evidence("""
                organisation: {name: T, type: district, nation: england\(attributes)}
                facts:
                  opendata.transparency-code: {spend-over-500: yes, procurement-card: yes, social-housing-assets: yes}
                """)
            return Engine(framework: framework).score(criterion, evidence: evidence).0
        }
        let without = try result(", attributes: {housing-stock: no}")
        let unstated = try result("")
        #expect(without.rationale.hasPrefix("2 of 14 Transparency Code datasets"), "\(without.rationale)")
        #expect(without.rationale.contains("Left out as not applicable: Social housing asset value (annually)"), "\(without.rationale)")
        #expect(unstated.rationale.hasPrefix("3 of 15 Transparency Code datasets"), "\(unstated.rationale)")
    }

    @Test("bad attributes are located errors, in evidence and in rubrics")
    func badAttributes() throws {
        #expect(throws: FixtureError.self) { try Fixtures.evidence("organisation: {name: T, attributes: {Housing Stock: yes}}\n") }
        do {
            _ = try Fixtures.evidence("organisation:\n  name: T\n  attributes:\n    housing-stock: [yes, no]\n")
            Issue.record("a list attribute was accepted")
        } catch {
            #expect("\(error)".contains("fx/evidence.yaml:4:"), "\(error)")
            #expect("\(error)".contains("must be a single value"), "\(error)")
        }
        let bad = Self.rubric.replacingOccurrences(of: "attributes: {housing-stock: yes, tier: [upper, single]}",
                                                   with: "attributes: {housing-stock: {a: b}}")
        do {
            _ = try Fixtures.framework(Self.framework, rubrics: ["r.yaml": bad])
            Issue.record("a mapping as an attribute value was accepted")
        } catch {
            #expect("\(error)".contains("fx/r.yaml:16:"), "\(error)")
        }
    }

    @Test("attributes are in the JSON output, read back, and asked for by assess init")
    func jsonAndStarter() throws {
        let framework = try AssessKit.loadFramework(path: nil)
        let evidence = try Fixtures.evidence("organisation: {name: T, attributes: {housing-stock: no, b-side: 3}}\nfacts: {}\n")
        let assessment = Engine(framework: framework).assess(evidence)
        let json = JSONReporter.render(assessment, context: ReportContext(toolVersion: "test"))
        let attributes = try #require(json.range(of: "\"attributes\""), "\(json.prefix(900))")
        let after = json[attributes.upperBound...]
        let bSide = try #require(after.range(of: "\"b-side\""))
        let housing = try #require(after.range(of: "\"housing-stock\""))
        #expect(bSide.lowerBound < housing.lowerBound, "keys are sorted")
        let read = try AssessmentReader.read(Data(json.utf8), file: "a.json")
        #expect(read.assessment.organisation.attributes == ["housing-stock": "no", "b-side": "3"])
        // Without attributes the document has no attributes key at all (earlier outputs keep their bytes).
        let plain = JSONReporter.render(Engine(framework: framework).assess(try Fixtures.evidence("organisation: {name: T}\nfacts: {}\n")),
                                        context: ReportContext(toolVersion: "test"))
        #expect(!plain.contains("\"attributes\""))
        let starter = EvidenceTemplate.starter(framework: framework, organisation: Organisation(name: "T"))
        #expect(starter.contains("  attributes:\n"), "\(starter.prefix(1500))")
        #expect(starter.contains("    housing-stock: ~\n"))
        // The starter still loads, with the attribute unstated.
        let loaded = try Fixtures.evidence(starter)
        #expect(loaded.organisation.attributes.isEmpty)
    }

    // MARK: - Defaults

    @Test("defaults give every fact its provenance, and a fact's own keys win")
    func defaults() throws {
        let evidence = try Fixtures.evidence("""
            organisation: {name: T}
            defaults:
              source: documented
              reference: UK council scorecard 2025, answer sheet
              date: 2025-06-30
            facts:
              answers.q1: 'Yes '
              answers.q2:
                value: 'No'
                source: measured
                date: 2025-07-01
              answers.q3: {value: 'Partly', reference: 'Council minutes, 12 May 2025'}
              answers.q4: {not-applicable: no housing stock}
            """)
        let q1 = try #require(evidence.facts["answers.q1"])
        #expect(q1.source == .documented && q1.reference == "UK council scorecard 2025, answer sheet" && q1.date == "2025-06-30")
        let q2 = try #require(evidence.facts["answers.q2"])
        #expect(q2.source == .measured && q2.date == "2025-07-01" && q2.reference == "UK council scorecard 2025, answer sheet")
        let q3 = try #require(evidence.facts["answers.q3"])
        #expect(q3.source == .documented && q3.reference == "Council minutes, 12 May 2025" && q3.date == "2025-06-30")
        #expect(evidence.facts["answers.q4"]?.source == .documented)
        // Without defaults a shorthand fact stays self-reported with no reference.
        let plain = try Fixtures.evidence("organisation: {name: T}\nfacts: {a.b: 1}\n")
        #expect(plain.facts["a.b"]?.source == .selfReported && plain.facts["a.b"]?.reference == nil)
    }

    @Test("bad defaults are located errors")
    func badDefaults() throws {
        do {
            _ = try Fixtures.evidence("organisation: {name: T}\ndefaults:\n  source: published\n  date: 2025-02-30\nfacts: {}\n")
            Issue.record("bad defaults were accepted")
        } catch {
            let text = "\(error)"
            #expect(text.contains("fx/evidence.yaml:3:"), "\(text)")
            #expect(text.contains("fx/evidence.yaml:4:"), "\(text)")
        }
        #expect(throws: FixtureError.self) { try Fixtures.evidence("organisation: {name: T}\ndefaults: {licence: OGL}\nfacts: {}\n") }
    }
}
