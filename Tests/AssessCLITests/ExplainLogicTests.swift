import Foundation
import Testing

/// `assess explain` and `assess rubrics` on a pack with question logic and counting rules (odi-pathway).
@Suite struct ExplainLogicTests {
    @Test("explain shows when a question is asked and how the method counts it; no empty Levels, no bare empty option")
    func explainShowsLogicAndCounting() throws {
        let result = try CLI.run(["explain", "q2", "--framework", "odi-pathway"], environment: ["COLUMNS": "200"])
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("Asked only when q1 is 'Q1.1'; otherwise it is not asked (skipped)\n"), "\(out)")
        #expect(out.contains("How it counts (this method's rules)\n"))
        #expect(out.contains("  Maximum: fixed. The maximum of Data management processes includes its 1 point whatever is answered"))
        #expect(out.contains("  Not answered: counts 0 of 1 point.\n"))
        #expect(out.contains("  Not asked (question logic): counts 0 of 1 point.\n"))
        #expect(out.contains("  Not applicable: is left out of the maximum.\n"))
        #expect(out.contains("  Answers meet options ignoring spaces at either end and ignoring case.\n"))
        #expect(out.contains("Dimension: Data management processes · this criterion's weight 1 of 20\n"))
        // The pack has no level descriptors: no list of empty levels; the empty 'unanswered' option is named.
        #expect(!out.contains("\nLevels\n"), "\(out)")
        #expect(out.contains("an empty answer: counts as unanswered") && !out.contains("- : ") && out.contains("- '': counts as unanswered"), "\(out)")
        #expect(out.contains("- Q2.1 (1 point): "))
        // A criterion with several answers that open it lists them all.
        let q3 = try CLI.run(["explain", "q3", "--framework", "odi-pathway"], environment: ["COLUMNS": "200"])
        #expect(q3.stdout.contains("Asked only when q2 is 'Q2.1'"), "\(q3.stdout)")
        let q44 = try CLI.run(["explain", "q44", "--framework", "odi-pathway"], environment: ["COLUMNS": "200"])
        #expect(q44.stdout.contains("Asked only when q43 is one of 'Q43.2', 'Q43.3'; otherwise it is not asked (skipped)\n"), "\(q44.stdout)")
        // The starter evidence file says the same above each fact, so a person filling it by hand knows to leave it.
        let starter = try CLI.run(["init", "--framework", "odi-pathway", "--name", "Logic District"])
        #expect(starter.stdout.contains("  # Read by: q2\n  # Asked only when q1 is 'Q1.1'; otherwise it is not asked (skipped)\n  answers.q2: ~\n"),
                "\(starter.stdout.prefix(3000))")
        // A levels-scored pack with declared answers: rules (dma-government) says them in terms of the score.
        let dma = try CLI.run(["explain", "ewo-01", "--framework", "dma-government"], environment: ["COLUMNS": "200"])
        #expect(dma.stdout.contains("  Score: assessed. The score of Engaging with others includes it only when it is assessed"), "\(dma.stdout)")
        #expect(dma.stdout.contains("  Not answered: is left out of the score.\n") && !dma.stdout.contains("its its"))
        // The built-in framework declares no counting rules, so it shows none.
        let builtIn = try CLI.run(["explain", "cs-digital-share"], environment: ["COLUMNS": "200"])
        #expect(!builtIn.stdout.contains("How it counts") && !builtIn.stdout.contains("Asked only when") && builtIn.stdout.contains("\nLevels\n"))
    }

    @Test("rubrics lists the 83 questions under their sections, with the question each follows, compactly (613 lines at 80 columns before)")
    func rubricsReadable() throws {
        let result = try CLI.run(["rubrics", "--framework", "odi-pathway"], environment: ["COLUMNS": "120"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let rows = lines.filter { $0.hasPrefix("    q") }
        #expect(rows.count == 83, "\(result.stdout)")
        #expect(lines.count < 150, "83 questions in \(lines.count) lines")
        let q2 = try #require(rows.first { $0.hasPrefix("    q2 ") })
        #expect(q2.contains("1 pts") && q2.contains("if q1") && q2.contains("Do you have a standardised release process"), "\(q2)")
        #expect(!q2.contains("options"), "an assessor column that is the same on every row gives way to the titles")
        let section = try #require(lines.firstIndex { $0.hasPrefix("  § data-release-process: Data release process") })
        #expect(lines[section + 1].hasPrefix("    q1 "))
    }
}
