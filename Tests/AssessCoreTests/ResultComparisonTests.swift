import AssessCore
import AssessKit
import Foundation
import Testing
import TestSupport

/// Comparing two assessments: exactly what moved, the facts behind it, and criteria renamed between versions.
@Suite("Comparing results")
struct ResultComparisonTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Brackenford's evidence with one text replaced, scored as if the file sat beside the original (so its
    /// export files are found).
    static func brackenford(replacing old: String? = nil, with new: String = "") throws -> Assessment {
        let path = root.appendingPathComponent("examples/brackenford.yaml").path
        var text = try String(contentsOfFile: path, encoding: .utf8)
        if let old {
            #expect(text.components(separatedBy: old).count == 2, "the text to change occurs once")
            text = text.replacingOccurrences(of: old, with: new)
        }
        let document = try YAMLParser.parse(text, file: root.appendingPathComponent("examples/brackenford-copy.yaml").path)
        let evidence = try EvidenceLoader().decode(document)
        return Engine(framework: try AssessKit.loadFramework(path: nil)).assess(evidence)
    }

    /// Brackenford rates its social media resourcing 3 (a self-rating one criterion reads).
    static let fact = "engagement.resourcing-rating"
    static let line = "  engagement.resourcing-rating: 3\n"

    @Test("one fact changed: exactly its criterion and dimension change, and the fact is listed")
    func oneFactChanged() throws {
        let before = try Self.brackenford()
        let after = try Self.brackenford(replacing: Self.line, with: "  engagement.resourcing-rating: 5\n")
        let readers = before.allCriteria.filter { c in c.evidence.contains { $0.fact == Self.fact } }.map(\.id)
        #expect(readers == ["de-resourcing"])

        let comparison = ResultComparison(before: before, after: after)
        #expect(comparison.dimensions.flatMap(\.criteria).filter(\.changed).map(\.id) == ["de-resourcing"])
        #expect(comparison.dimensions.filter { $0.row.changed }.map(\.row.id) == ["digital-engagement"])
        #expect(comparison.facts == [ResultComparison.FactChange(fact: Self.fact, before: "3", after: "5", criteria: ["de-resourcing"])])
        #expect(comparison.added.isEmpty && comparison.removed.isEmpty && comparison.renamed.isEmpty)
        let criterion = try #require(comparison.dimensions.flatMap(\.criteria).first { $0.id == "de-resourcing" })
        #expect(criterion.before?.level == 3 && criterion.after?.level == 5)
        #expect(criterion.change == 2)
        let row = try #require(comparison.dimensions.first { $0.row.id == "digital-engagement" }?.row)
        #expect((row.change ?? 0) > 0, "a higher rating raises the score")
        #expect(comparison.regressions.isEmpty)
        // The other way round it is a regression, of that dimension only.
        #expect(ResultComparison(before: after, after: before).regressions == ["digital-engagement"])
        let text = ComparisonReporter.text(comparison)
        #expect(text.contains("engagement.resourcing-rating: 3 → 5 (read by de-resourcing)"), "\(text)")
        #expect(text.contains("No dimension fell."))
        // Deterministic, and the JSON names the fact.
        let context = ReportContext(toolVersion: "9.9.9", date: "2026-04-01")
        let json = ComparisonReporter.json(comparison, context: context)
        #expect(json == ComparisonReporter.json(ResultComparison(before: before, after: after), context: context))
        #expect(json.contains("\"fact\": \"engagement.resourcing-rating\""))
    }

    @Test("a fact removed makes its criterion no longer assessed")
    func noLongerAssessed() throws {
        let before = try Self.brackenford()
        let after = try Self.brackenford(replacing: Self.line, with: "")
        let comparison = ResultComparison(before: before, after: after)
        let rows = comparison.dimensions.flatMap(\.criteria).filter { $0.statusChange == .noLongerAssessed }
        #expect(!rows.isEmpty)
        #expect(rows.map(\.id) == ["de-resourcing"])
        #expect(comparison.facts.first { $0.fact == Self.fact }?.after == nil)
        #expect(ResultComparison(before: after, after: before).dimensions.flatMap(\.criteria).contains { $0.statusChange == .newlyAssessed })
    }

    @Test("criteria renamed in the framework's 'renamed:' mapping are matched; others are added or removed")
    func renamed() throws {
        let before = try Self.brackenford()
        var after = before
        let od = try #require(after.dimensions.firstIndex { $0.id == "open-data" })
        let oldID = after.dimensions[od].criteria[0].id, goneID = after.dimensions[od].criteria[1].id
        after.dimensions[od].criteria[0].id = "od-renamed"
        after.dimensions[od].criteria[1].id = "od-brand-new"
        let comparison = ResultComparison(before: before, after: after, renamed: [oldID: "od-renamed", "not-there": "od-x"])
        #expect(comparison.renamed.map(\.old) == [oldID])
        #expect(comparison.renamed.map(\.new) == ["od-renamed"])
        #expect(comparison.added == ["od-brand-new"])
        #expect(comparison.removed == [goneID])
        let rows = try #require(comparison.dimensions.first { $0.row.id == "open-data" }?.criteria)
        #expect(rows.first { $0.id == "od-renamed" }?.renamedFrom == oldID)
        #expect(rows.first { $0.id == "od-renamed" }?.change == 0)
        #expect(rows.contains { $0.id == goneID && $0.after == nil })
        let markdown = ComparisonReporter.markdown(comparison)
        #expect(markdown.contains("renamed: \(oldID) → od-renamed"))
        #expect(markdown.contains("added: od-brand-new"))
    }

    @Test("the framework's 'renamed:' is read with located errors")
    func renamedInFramework() throws {
        let rubric = """
            id: area
            title: Area
            version: '1'
            levels: \(Fixtures.levelsYAML)
            criteria:
              - id: new-one
                title: One
                question: q
                rationale: r
                weight: 1
                assessor: self-rating
                evidence: {rating: area.rating}
                parameters: {min: 0, max: 10}
                levels: \(Fixtures.levelsYAML)
            """
        func framework(_ renamed: String) -> String {
            // 12 lines before 'renamed:', which starts on line 13.
            "id: fx\ntitle: Fixture\nversion: '2'\n\(Fixtures.scaleYAML)\ndimensions:\n  - {rubric: area.yaml, weight: 1}\n\(renamed)"
        }
        let good = try Fixtures.framework(framework("renamed: {old-one: new-one}"), rubrics: ["area.yaml": rubric])
        #expect(good.renamed == ["old-one": "new-one"])
        do {
            _ = try Fixtures.framework(framework("renamed:\n  new-one: new-one\n  old-two: new-onr"), rubrics: ["area.yaml": rubric])
            Issue.record("accepted a bad mapping")
        } catch {
            let text = String(describing: error)
            #expect(text.contains("fx/framework.yaml:14:3: error: 'new-one' is still a criterion"), "\(text)")
            #expect(text.contains("fx/framework.yaml:15:12: error: 'new-onr' is not a criterion of this framework"), "\(text)")
            #expect(text.contains("did you mean 'new-one'"), "\(text)")
        }
    }
}
