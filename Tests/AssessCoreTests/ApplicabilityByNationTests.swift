import AssessCore
import AssessKit
import Foundation
import Testing
import TestSupport

@Suite("Applies to: nations")
struct ApplicabilityByNationTests {
    @Test("a criterion for one nation is not applicable elsewhere, and applies when the nation is not known")
    func exclusion() {
        let england = Applicability(nations: ["england"], reason: "the Code is issued in England")
        #expect(england.exclusion(for: Organisation(name: "A", code: "E07000223", nation: .england)) == nil)
        let welsh = england.exclusion(for: Organisation(name: "B", code: "W06000015", nation: .wales))
        #expect(welsh?.contains("in england, and this one is in wales") == true, "\(welsh ?? "")")
        #expect(welsh?.contains("the Code is issued in England") == true)
        #expect(england.exclusion(for: Organisation(name: "C")) == nil, "an unknown nation is assumed to have every duty")
    }

    @Test("the Transparency Code criterion follows the council's nation, read from its GSS code")
    func transparencyCode() throws {
        let framework = try AssessKit.loadFramework(path: nil)
        let criterion = try #require(framework.criterion("od-transparency-code")?.criterion)
        #expect(criterion.appliesTo.nations == ["england"])
        for (code, applies) in [("E07000223", true), ("W06000015", false), ("S12000017", false), ("N09000003", false)] {
            let text = "organisation: {name: Test, code: \(code)}\nfacts: {}\n"
            let evidence = try EvidenceLoader().decode(YAMLParser.parse(text, file: "t.yaml"))
            #expect((criterion.appliesTo.exclusion(for: evidence.organisation) == nil) == applies, "\(code)")
        }
    }

    @Test("a misspelt nation in a rubric is a located error with the nearest nation")
    func misspelt() {
        let rubric = """
            id: r
            title: R
            version: "1"
            levels: \(Fixtures.levelsYAML)
            criteria:
              - id: c
                title: C
                question: Q?
                guidance: G
                rationale: R
                weight: 1
                assessor: self-rating
                evidence: {rating: x.rating}
                parameters: {min: 1, max: 5}
                levels: \(Fixtures.levelsYAML)
                applies-to: {nations: [englnd]}
            """
        do {
            _ = try Fixtures.framework("""
                id: fx
                title: Fixture
                version: "1"
                \(Fixtures.scaleYAML)
                dimensions:
                  - {rubric: r.yaml, weight: 1}
                """, rubrics: ["r.yaml": rubric])
            Issue.record("a misspelt nation was accepted")
        } catch {
            #expect("\(error)".contains("'englnd' is not a UK nation"), "\(error)")
            #expect("\(error)".contains("did you mean 'england'?"), "\(error)")
        }
    }
}
