import Foundation
import Testing
import TestSupport

/// The two published methods shipped as packs score their own worked examples to the figures worked out by
/// hand in each pack's NOTES.md (from the published scoring rules), and their full output is pinned by a
/// golden file.
@Suite("Published packs score their worked examples")
struct PublishedPackTests {
    static let environment = ["ASSESS_PACKS": ""]

    /// Scores a pack's worked example as JSON and returns the result as a dictionary.
    static func result(_ pack: String) throws -> [String: Any] {
        let run = try CLI.run(["score", "packs/\(pack)/examples/worked-example.yaml", "--framework", pack,
                               "--format", "json", "--date", "2026-12-01"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
    }

    static func dimensions(_ result: [String: Any]) -> [String: [String: Any]] {
        let list = result["dimensions"] as? [[String: Any]] ?? []
        return Dictionary(list.map { ($0["id"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// ODI Open Data Pathway: each activity scores the published Maturity Score of its last answer (1-5), a
    /// theme the sum of its activities out of 5 each. NOTES.md works the example: activities 3, 2, 3, 1 | 5, 3 |
    /// 2, 1, 2, 4 | 2, 3, 3 | 4, 2, so themes 9/20, 8/10, 9/20, 8/15, 6/10 and the total 40/75.
    @Test("ODI Open Data Pathway: the published theme scores and total of the worked example")
    func pathway() throws {
        let result = try Self.result("odi-pathway")
        let dimensions = Self.dimensions(result)
        let expected: [(String, Double, Int)] = [
            ("data-management-processes", 9.0 / 20 * 100, 2),
            ("knowledge-and-skills", 8.0 / 10 * 100, 4),
            ("customer-support-and-engagement", 9.0 / 20 * 100, 2),
            ("investment-and-financial-performance", 8.0 / 15 * 100, 2),
            ("strategic-oversight", 6.0 / 10 * 100, 3),
        ]
        for (id, score, level) in expected {
            let dimension = dimensions[id]
            let actual = dimension?["score"] as? Double ?? -1
            #expect(abs(actual - score) < 0.05, "\(id): \(actual), published \(score)")
            #expect(dimension?["level"] as? Int == level, "\(id)")
        }
        // Activities are sections, each out of 5 (shown as a percentage: score × 20).
        let sections = (dimensions["data-management-processes"]?["sections"] as? [[String: Any]] ?? [])
            .map { ($0["score"] as? Double ?? -1) / 20 }
        #expect(sections.map { ($0 * 10).rounded() / 10 } == [3, 2, 3, 1], "\(sections)")
        let overall = result["overall"] as? [String: Any]
        #expect(abs((overall?["score"] as? Double ?? -1) - 40.0 / 75 * 100) < 0.05)
        #expect(overall?["level"] as? Int == 2)
    }

    /// DMA for Government: each row is rated 1-5; a topic's level is its lowest row (every row is core), and a
    /// topic with an unanswered row gets no level, as the ODI's tool computes it. NOTES.md works the example.
    @Test("DMA for Government: the topic levels of the worked example, and no overall level while rows are blank")
    func dataMaturity() throws {
        let result = try Self.result("dma-government")
        let dimensions = Self.dimensions(result)
        let expected: [(String, Double, Int?)] = [
            ("engaging-with-others", 22.0 / 8, 2),
            ("having-the-right-data-skills-and-knowledge", 32.0 / 14, 1),
            ("having-the-right-systems", 3.1, 2),
            ("knowing-the-data-you-have", 7.0 / 3, nil),
            ("making-decisions-with-data", 2.9, 2),
            ("managing-and-using-data-ethically", 26.0 / 11, 1),
            ("managing-your-data", 2.2, 1),
            ("protecting-your-data", 3.4, 2),
            ("setting-your-data-direction", 22.0 / 7, 2),
            ("taking-responsibility-for-data", 17.0 / 7, nil),
        ]
        for (id, score, level) in expected {
            let dimension = dimensions[id]
            let actual = (dimension?["score"] as? Double) ?? (dimension?["provisionalScore"] as? Double) ?? -1
            #expect(abs(actual - score) < 0.0005, "\(id): \(actual), by hand \(score)")
            #expect(dimension?["level"] as? Int == level, "\(id)")
        }
        let overall = result["overall"] as? [String: Any]
        #expect(overall?["level"] is NSNull || overall?["level"] == nil, "no overall level while two topics have blank rows")
    }

    @Test("the packs' worked examples, in full, as golden files")
    func golden() throws {
        for pack in ["odi-pathway", "dma-government"] {
            let run = try CLI.run(["score", "packs/\(pack)/examples/worked-example.yaml", "--framework", pack, "--detail",
                                   "--date", "2026-12-01"], environment: Self.environment)
            #expect(run.status == 0, "\(run.stderr)")
            try Golden.check("pack-\(pack).txt", run.stdout)
        }
    }
}
