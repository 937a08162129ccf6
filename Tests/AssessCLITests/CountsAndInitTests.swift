import Foundation
import Testing

/// Counts printed by the command line follow the message catalogue's plural rules, and `assess init` says
/// what it wrote and what to run next.
@Suite("Counts and init output")
struct CountsAndInitTests {
    @Test("validate says '1 fact' and '1 criterion', never '1 facts'")
    func singularCounts() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("one.yaml")
        try "organisation:\n  name: One Fact Council\nfacts:\n  inclusion.staff-confidence: 5\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["validate", file.path], environment: ["COLUMNS": "200"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 fact, 1 criterion scored"), "\(result.stdout)")
        #expect(!result.stdout.contains("1 facts"))
        let framework = try CLI.run(["validate", "rubrics/framework.yaml"], environment: ["COLUMNS": "200"])
        #expect(framework.stdout.contains("6 dimensions, "), "\(framework.stdout)")
    }

    @Test("init with --output says what it wrote, how many facts are open, and the next command")
    func initSaysWhatItWrote() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("anytown.yaml")
        let created = try CLI.run(["init", "--name", "Anytown Borough Council", "--output", file.path], environment: ["COLUMNS": "400"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.isEmpty, "the file's text goes to the file, not to standard output")
        let text = try String(contentsOf: file, encoding: .utf8)
        let open = text.split(separator: "\n").filter { $0.hasPrefix("  ") && $0.hasSuffix(": ~") }.count
        #expect(open > 10)
        #expect(created.stderr.contains("Wrote \(file.path): \(open) facts to answer."), "\(created.stderr)")
        #expect(created.stderr.contains("Next: 'assess ask \(file.path)' asks them one at a time"), "\(created.stderr)")
        // Without --output the starter goes to standard output and nothing else is said there.
        let piped = try CLI.run(["init", "--name", "Anytown Borough Council"])
        #expect(piped.stdout == text)
        #expect(!piped.stderr.contains("Wrote"))
    }

    @Test("a plan of one action says '1 action', in the roadmap and the report")
    func oneAction() throws {
        // One quarter of 6 person-days holds exactly one of Calderbrook's actions.
        let options = ["examples/calderbrook.yaml", "--quarters", "1", "--capacity", "6"]
        let result = try CLI.run(["roadmap"] + options)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\n1 action, 6 person-days;"), "\(result.stdout)")
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.md")
        let made = try CLI.run(["report"] + options + ["--format", "markdown", "--output", report.path])
        #expect(made.status == 0, "\(made.stderr)")
        let text = try String(contentsOf: report, encoding: .utf8)
        #expect(text.contains("| Plan | 1 action, 6 person-days"), "\(text.prefix(2000))")
        #expect(!text.contains("1 actions"))
    }
}
