import Foundation
import Testing

/// Issue 8 §3 end to end: the shipped rubrics, the example councils and the built binary.
@Suite("Assessor rigour, end to end")
struct RigourCLITests {
    /// Every criterion of a council's JSON result, by id.
    static func criteria(_ council: String) throws -> [String: [String: Any]] {
        let result = try CLI.run(["score", "examples/\(council).yaml", "--format", "json", "--date", "2026-01-31"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let dimensions = try #require(json["dimensions"] as? [[String: Any]])
        var byID: [String: [String: Any]] = [:]
        for dimension in dimensions {
            for criterion in dimension["criteria"] as? [[String: Any]] ?? [] {
                if let id = criterion["id"] as? String { byID[id] = criterion }
            }
        }
        return byID
    }

    @Test("required practices, self-rating bands, minimum samples and lastmod through the shipped rubrics")
    func shippedRubrics() throws {
        let calderbrook = try Self.criteria("calderbrook")
        // 8 of 9 accessibility practices (91.7%, level 4.58), but third-party systems are required for level 4.
        let accessibility = try #require(calderbrook["con-accessibility"])
        #expect(accessibility["level"] as? Double == 3)
        #expect((accessibility["rationale"] as? String)?.contains("Level capped at 3: 'Third-party systems (forms, payments, bookings) are covered by audits and the statement' is required for level 4 and is not in place.") == true)

        let brackenford = try Self.criteria("brackenford")
        // A mean staff rating of 6 out of 10 is level 3, not 3.22.
        #expect(brackenford["inc-staff-confidence"]?["level"] as? Double == 3)
        // Reading age from 3 pages, against the 20 the question asks for: confidence no better than self-reported.
        let readability = try #require(brackenford["con-readability"])
        #expect(readability["status"] as? String == "assessed")
        #expect(readability["confidence"] as? Double == 0.5)
        // An inventory's "Last edited" date is not a review.
        #expect(brackenford["con-pages-reviewed"]?["status"] as? String == "not-assessed")

        let ashdown = try Self.criteria("ashdown")
        let sitemap = try #require(ashdown["con-pages-reviewed"])
        #expect(sitemap["status"] as? String == "not-assessed")
        #expect((sitemap["rationale"] as? String)?.contains("lastmod") == true)
    }
}
