import AssessCore
import AssessKit
import Foundation
import Testing

/// The example councils in `examples/` are meant to teach: each has an uneven, believable profile, a real
/// organisation type, and the table in `examples/README.md` says what the engine says. Scores come from the
/// engine on every run; nothing here is a typed-in score.
@Suite struct ExampleCouncilTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let examples = root.appendingPathComponent("examples").path
    /// The fictional councils, each claimed in examples/README.md to be strong in one area and weak in another.
    static let fictional = ["ashdown", "harrowmere", "brackenford", "calderbrook", "cwm-taran"]

    static func assess(_ council: String) throws -> (Evidence, Framework, Assessment) {
        let framework = try AssessKit.loadFramework(path: nil)
        let evidence = try EvidenceLoader().load(path: "\(examples)/\(council).yaml")
        return (evidence, framework, Engine(framework: framework).assess(evidence))
    }

    @Test(arguments: fictional) func scoresCleanlyWithAnUnevenProfile(council: String) throws {
        let (evidence, framework, assessment) = try Self.assess(council)
        let warnings = EvidenceLoader.unusedFacts(evidence, framework: framework)
        #expect(warnings.isEmpty, "\(council): \(warnings.map(\.message))")
        let type = try #require(evidence.organisation.type)
        #expect(Applicability.organisationTypes.contains(type), "\(council) has type \(type)")
        for dimension in assessment.dimensions {
            for criterion in dimension.criteria {
                #expect(criterion.status != .error, "\(council) \(criterion.id): \(criterion.rationale)")
            }
        }
        #expect(assessment.overall.level != nil, "\(council): \(assessment.overall.reason ?? "")")
        let scored = assessment.dimensions.compactMap { d in d.score.map { (d.id, $0, d.level) } }
        #expect(scored.count == assessment.dimensions.count, "\(council): an area has no score")
        let strongest = try #require(scored.max { $0.1 < $1.1 })
        let weakest = try #require(scored.min { $0.1 < $1.1 })
        #expect(strongest.1 - weakest.1 >= 1.5,
                "\(council): \(strongest.0) \(strongest.1) and \(weakest.0) \(weakest.1) are less than 1.5 apart")
        // The level (what a reader sees) differs too, not only the score.
        #expect((strongest.2 ?? 0) > (weakest.2 ?? 0), "\(council): strongest and weakest areas share a level")
    }

    @Test func theExamplesCoverFourKindsOfCouncil() throws {
        var types = Set<String>()
        for council in Self.fictional { types.insert(try Self.assess(council).0.organisation.type ?? "") }
        #expect(types.isSuperset(of: ["district", "county", "unitary", "welsh-unitary"]), "\(types.sorted())")
    }

    @Test func aCountyIsNotAskedAboutDistrictFunctionsButIsAboutHighways() throws {
        let (_, _, harrowmere) = try Self.assess("harrowmere")
        let (_, _, ashdown) = try Self.assess("ashdown")
        let works = { (a: Assessment) in a.dimensions.flatMap(\.criteria).first { $0.id == "inc-street-works" } }
        #expect(works(ashdown)?.status == .notApplicable)
        #expect(works(harrowmere)?.status == .assessed)
    }

    /// Every level in the README's table is the level the engine gives today (scripts/examples-table prints it).
    @Test(arguments: fictional + ["highland-council"]) func theReadmeTableAgreesWithTheEngine(council: String) throws {
        let (evidence, framework, assessment) = try Self.assess(council)
        let readme = try String(contentsOfFile: Self.examples + "/README.md", encoding: .utf8)
        let row = try #require(readme.split(separator: "\n").first { $0.hasPrefix("| [\(evidence.organisation.name)](\(council).yaml)") },
                               "examples/README.md has no table row for \(council); run scripts/examples-table")
        let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        let name = { (level: Int?, status: ResultStatus) -> String in
            if let level { return "\(level) \(framework.scale.name(of: level))" }
            return status == .unverified ? "unverified" : "not enough evidence"
        }
        let expected = [name(assessment.overall.level, assessment.overall.status)]
            + assessment.dimensions.map { name($0.level, $0.status) }
        #expect(Array(cells.suffix(expected.count)) == expected, "examples/README.md is stale; run scripts/examples-table")
        #expect(cells.contains(evidence.organisation.type ?? "?"))
    }
}
