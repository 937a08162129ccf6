import Foundation
import Testing

/// `explain` and `rubrics` on a points framework with sections, through the built binary.
@Suite("Sections and discoverability on the command line")
struct SectionsCLITests {
    static let framework = "Tests/AssessCoreTests/Fixtures/sections"

    @Test("explain shows each answer's points, the section, the maximum and the weight as a share of the dimension")
    func explainOptions() throws {
        let result = try CLI.run(["explain", "q3", "--framework", Self.framework], environment: ["COLUMNS": "200"])
        #expect(result.status == 0)
        let out = result.stdout
        #expect(out.contains("Dimension: Data governance · this criterion's weight 1 of 4\n"))
        #expect(out.contains("Section: Data standards [dg-standards] · weight 2 of 3 in Data governance\n"))
        #expect(out.contains("Points: at most 3\n"))
        #expect(out.contains("Answers\n  'Yes': 3 of 3 points\n  'Partly': 1 of 3 points\n  'No': 0 of 3 points\n"))
        #expect(!out.contains("· weight 1\n"), "a bare weight reads as the dimension's")
    }

    @Test("explain marks a weight-0 question not scored, and its answers too")
    func explainUnscored() throws {
        let result = try CLI.run(["explain", "q5", "--framework", Self.framework], environment: ["COLUMNS": "200"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Dimension: Data governance · not scored (weight 0: asked, never counted)\n"))
        #expect(result.stdout.contains("'Data': not scored\n"))
        #expect(!result.stdout.contains("Points: at most"))
    }

    @Test("rubrics shows each criterion's points and section, each section's weight, and 'not scored'")
    func rubrics() throws {
        let result = try CLI.run(["rubrics", "--framework", Self.framework], environment: ["COLUMNS": "200"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("  § dg-ownership: Ownership and accountability, weight 1 of 3, 2 criteria, 4 pts"))
        #expect(lines.contains("  § dg-standards: Data standards, weight 2 of 3, 2 criteria, 4 pts"))
        // A section's criteria are listed under its heading.
        let standards = try #require(lines.firstIndex(of: "  § dg-standards: Data standards, weight 2 of 3, 2 criteria, 4 pts"))
        let q3 = try #require(lines.first { $0.hasPrefix("    q3 ") })
        #expect(q3.contains("3 pts") && q3.contains("Published standards"))
        #expect(lines.dropFirst(standards + 1).prefix(2).contains(q3))
        let q5 = try #require(lines.first { $0.hasPrefix("    q5 ") })
        #expect(q5.contains("not scored") && !q5.contains("pts") && !q5.contains("w0"))
    }

    @Test("score --detail shows the sections and never '✔ 0 / 0 pts'; validate passes the worked example")
    func scoreDetail() throws {
        let result = try CLI.run(["score", "\(Self.framework)/evidence.yaml", "--framework", Self.framework, "--detail"],
                                 environment: ["COLUMNS": "200"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("  Section Data standards [dg-standards]: 50.0%, Level 3 Defined, 2 / 4 pts, weight 2, coverage 100%\n"))
        #expect(result.stdout.contains("Data governance — 58.3%, Level 3 Defined"))
        #expect(result.stdout.contains("· q5  not scored"))
        #expect(!result.stdout.contains("0 / 0 pts"))
        let validate = try CLI.run(["validate", "\(Self.framework)/framework.yaml"])
        #expect(validate.status == 0 && validate.stderr.isEmpty)
    }

    @Test("the executive report's appendix lists the sections; a weight-0 question reads 'not scored'")
    func report() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("report.md")
        let result = try CLI.run(["report", "\(Self.framework)/evidence.yaml", "--framework", Self.framework, "--format", "markdown",
                                  "--date", "2026-01-01", "-o", output.path])
        #expect(result.status == 0)
        let text = try String(contentsOf: output, encoding: .utf8)
        #expect(text.contains("| Section | Result | Criteria |\n|---|---|---|\n"
            + "| Ownership and accountability (dg-ownership) | 75.0%, Level 4 Managed, 3 / 4 pts, weight 1, coverage 100% | q1, q2 |\n"
            + "| Data standards (dg-standards) | 50.0%, Level 3 Defined, 2 / 4 pts, weight 2, coverage 100% | q3, q4 |\n"))
        #expect(text.contains("| Which team answered | not scored |"))
        #expect(!text.contains("0 of 0 points |"))
    }

    @Test("validate prints a located warning for a section with no criteria and still passes")
    func emptySectionWarning() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = CLI.root.appendingPathComponent(Self.framework)
        for name in ["framework.yaml", "data-governance.yaml"] {
            var text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
            if name == "data-governance.yaml" {
                text = text.replacingOccurrences(of: "  - {id: dg-standards, title: Data standards, weight: 2, description: Standards the organisation's data follows.}\n",
                                                 with: "  - {id: dg-standards, title: Data standards, weight: 2, description: Standards the organisation's data follows.}\n  - {id: dg-spare, title: Spare, weight: 1}\n")
            }
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let result = try CLI.run(["validate", folder.appendingPathComponent("framework.yaml").path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("data-governance.yaml:8:5: warning: section 'dg-spare' has no criteria"))
    }
}
