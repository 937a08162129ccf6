import Foundation
import Testing

/// Issue 9: a council officer can start from nothing, find every answer, and learn of every unusable fact
/// before scoring. Each test runs the built binary.
@Suite struct SelfAssessmentTests {
    /// One evidence file with each problem the issue lists: a number written 38%, an unknown checklist item,
    /// an answer that is not an option, a fact of the wrong type, a rating out of range, and export files
    /// that do not exist (a CSV and a folder of reports).
    static let broken = """
        organisation:
          name: Broken Council
        facts:
          content.wcag-automated-pass: 38%
          channel.assisted-routes:
            phone-number-visble: yes
          channel.user-research: supplier-form
          mobile.visits-phone: 1200
          mobile.visits-total: "lots"
          inclusion.staff-confidence: 11
          channel.volumes:
            file: exports/no-such-contacts.csv
          mobile.lighthouse-performance:
            file: exports/no-such-lighthouse
          channel.digital-leadership: ~
          mobile.lighthouse-mobile-checks:
            file: exports/report.json
          channel.services-online-end-to-end:
            file: exports/services.csv
        """

    /// Export files that exist but are not in a format their assessor reads.
    static func writeExports(in folder: URL) throws {
        let exports = folder.appendingPathComponent("exports")
        try FileManager.default.createDirectory(at: exports, withIntermediateDirectories: true)
        try "{\"not\": \"lighthouse\"}\n".write(to: exports.appendingPathComponent("report.json"), atomically: true, encoding: .utf8)
        try "foo,bar\n1,2\n".write(to: exports.appendingPathComponent("services.csv"), atomically: true, encoding: .utf8)
    }

    /// Each expected error: where, what, and the valid value or how to fix it.
    static let expected: [(criterion: String, text: String)] = [
        ("con-wcag-automated", "broken.yaml:4:32: error: criterion con-wcag-automated: content.wcag-automated-pass must be a number, found \"38%\"; write 38"),
        ("cs-assisted-routes", "broken.yaml:6:5: error: criterion cs-assisted-routes: unknown checklist item 'phone-number-visble'; did you mean 'phone-number-visible'?"),
        ("cs-user-research", "broken.yaml:7:26: error: criterion cs-user-research: 'supplier-form' is not one of the options for cs-user-research; did you mean 'supplier-forms'?"),
        ("inc-staff-confidence", "broken.yaml:10:31: error: criterion inc-staff-confidence: the rating must be between 1 and 10, found 11"),
        ("cs-digital-share", "broken.yaml:12:5: error: criterion cs-digital-share: the file 'exports/no-such-contacts.csv' named by channel.volumes does not exist"),
        ("cs-digital-trend", "broken.yaml:12:5: error: criterion cs-digital-trend: the file 'exports/no-such-contacts.csv' named by channel.volumes does not exist"),
        ("mob-lighthouse-performance", "broken.yaml:14:5: error: criterion mob-lighthouse-performance:"),
        ("mob-lighthouse-mobile-checks", "exports/report.json:1:1: error: criterion mob-lighthouse-mobile-checks: this is not a Lighthouse JSON report"),
        ("cs-end-to-end", "exports/services.csv:1:1: error: criterion cs-end-to-end: no column named 'service'"),
    ]

    @Test func validateRefusesWhatScoreReportsAsCriterionErrors() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("broken.yaml")
        try Self.broken.write(to: file, atomically: true, encoding: .utf8)
        try Self.writeExports(in: folder)

        let validate = try CLI.run(["validate", file.path])
        #expect(validate.status == 65)
        #expect(validate.stdout.isEmpty, "no 'ok' for a file with errors")
        for (_, text) in Self.expected { #expect(validate.stderr.contains(text), "\(text)\n--- got:\n\(validate.stderr)") }
        #expect(validate.stderr.contains("no-such-lighthouse"))

        let strict = try CLI.run(["score", file.path, "--strict"])
        #expect(strict.status == 65)
        #expect(strict.stdout.isEmpty)

        let lenient = try CLI.run(["score", file.path, "--format", "json"])
        #expect(lenient.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(lenient.stdout.utf8)) as? [String: Any])
        let dimensions = json["dimensions"] as? [[String: Any]] ?? []
        var status: [String: String] = [:]
        for dimension in dimensions {
            for criterion in dimension["criteria"] as? [[String: Any]] ?? [] {
                status[criterion["id"] as? String ?? ""] = criterion["status"] as? String
            }
        }
        // The same set: every criterion validate names is in error when scoring, and no other is.
        let named = Set(Self.expected.map(\.criterion))
        #expect(Set(status.filter { $0.value == "error" }.keys) == named)
        #expect(status["cs-vision-leadership"] == "not-assessed", "a ~ fact is unanswered, not an error")
    }

    @Test func validateSaysHowMuchIsScoredForGoodEvidence() throws {
        let result = try CLI.run(["validate", "examples/brackenford.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("criteria scored"))
    }

    @Test func explainListsIdsLabelsAndAnExampleThatScores() throws {
        let explain = try CLI.run(["explain", "cs-assisted-routes"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("channel.assisted-routes (items)"))
        #expect(explain.stdout.contains("- phone-number-visible (required for level 3): "))
        #expect(explain.stdout.contains("- face-to-face-option: "), "an item required for no level shows no level")
        for line in explain.stdout.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        let options = try CLI.run(["explain", "cs-user-research"])
        #expect(options.stdout.contains("one of these values:") && options.stdout.contains("- supplier-forms"))
        let plugin = try CLI.run(["explain", "cs-digital-share"])
        #expect(plugin.stdout.contains("contact export CSV"), "an accepted export format")

        // The example, cut from explain's output, validates and scores the criterion.
        let snippet = try #require(explain.stdout.components(separatedBy: "Example evidence").last)
        let yaml = snippet.split(separator: "\n").dropFirst().map { $0.hasPrefix("  ") ? String($0.dropFirst(2)) : String($0) }
            .joined(separator: "\n") + "\n"
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("example.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let validate = try CLI.run(["validate", file.path])
        #expect(validate.status == 0, "\(validate.stderr)\n\(yaml)")
        #expect(validate.stderr.isEmpty)
        let score = try CLI.run(["score", file.path, "--format", "json"])
        #expect(score.stdout.contains("\"id\": \"cs-assisted-routes\""))
        #expect(!score.stdout.contains("\"status\": \"error\""))
    }

    @Test func initWritesAnUnansweredStarterThatFillingRaisesCoverage() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("anytown.yaml")
        let created = try CLI.run(["init", "--name", "Anytown Borough Council", "--code", "E07000123", "--type", "district",
                                   "--period", "2025-26", "--output", file.path])
        #expect(created.status == 0, "\(created.stderr)")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("  channel.assisted-routes: ~\n"))
        #expect(text.contains("phone-number-visible"), "allowed values are written as comments")

        let validate = try CLI.run(["validate", file.path])
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stderr.isEmpty)
        let empty = try CLI.run(["score", file.path, "--format", "json"])
        #expect(empty.status == 0)
        #expect(!empty.stdout.contains("\"status\": \"assessed\""), "no criterion is scored from an unanswered fact")
        #expect(empty.stdout.contains("\"coverage\": 0"))

        // Answer one fact (the explain example's value) and coverage rises.
        let filled = text.replacingOccurrences(of: "  inclusion.staff-confidence: ~\n", with: "  inclusion.staff-confidence: 5\n")
        #expect(filled != text)
        try filled.write(to: file, atomically: true, encoding: .utf8)
        let one = try CLI.run(["score", file.path, "--format", "json"])
        #expect(one.stdout.components(separatedBy: "\"status\": \"assessed\"").count == 2)

        // An existing file is kept unless --force.
        let again = try CLI.run(["init", "--output", file.path])
        #expect(again.status == 73)
        #expect(try String(contentsOf: file, encoding: .utf8) == filled)
        let forced = try CLI.run(["init", "--output", file.path, "--force"])
        #expect(forced.status == 0)
        #expect(try String(contentsOf: file, encoding: .utf8).contains("name: Your organisation"))
    }

    @Test func schemaIsDeterministicAndValidatesTheExamples() throws {
        let first = try CLI.run(["schema"])
        #expect(first.status == 0)
        #expect(try CLI.run(["schema"]).stdout == first.stdout)
        // jsonschema (as CI installs for schemas/check.py) checks it when python3 has it.
        let python = URL(fileURLWithPath: "/usr/bin/env")
        let probe = try CLI.execute(python, ["python3", "-c", "import jsonschema, yaml"])
        guard probe.status == 0 else { return }
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let schema = folder.appendingPathComponent("schema.json")
        try first.stdout.write(to: schema, atomically: true, encoding: .utf8)
        let broken = folder.appendingPathComponent("broken.yaml")
        try Self.broken.write(to: broken, atomically: true, encoding: .utf8)
        let script = """
            import json, sys, yaml, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            check = jsonschema.Draft202012Validator(schema)
            load = lambda p: json.loads(json.dumps(yaml.safe_load(open(p)), default=str))
            for path in sys.argv[3:]:
                errors = list(check.iter_errors(load(path)))
                print(path, len(errors))
                if errors: sys.exit(1)
            paths = sorted(str(p) for p in check.iter_errors(load(sys.argv[2])) for p in [list(p.absolute_path)])
            print("broken", paths)
            """
        let run = try CLI.execute(python, ["python3", "-c", script, schema.path, broken.path,
                                           "examples/ashdown.yaml", "examples/brackenford.yaml", "examples/calderbrook.yaml",
                                           "examples/harrowmere.yaml", "examples/cwm-taran.yaml",
                                           "examples/highland-council.yaml"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        // The editor flags 38%, the misspelt item, the wrong option and "lots".
        for key in ["content.wcag-automated-pass", "channel.assisted-routes", "channel.user-research",
                    "inclusion.staff-confidence"] {
            #expect(run.stdout.contains("'\(key)'"), "\(key): \(run.stdout)")
        }
    }
}
