import Foundation
import Testing

/// External plugins end to end: a good one, and each way a plugin can fail, through the built binary.
@Suite("External plugins")
struct PluginProtocolTests {
    static let folder = "Tests/AssessCLITests/Plugins"

    struct Criterion {
        var status: String
        var score: Double?
        var rationale: String
        var findings: [String: Any]
    }

    /// Scores the test framework with one plugin and returns the criteria by id.
    func score(_ plugin: String, extra: [String] = []) throws -> (CLI.Result, [String: Criterion]) {
        let result = try CLI.run(["score", "\(Self.folder)/evidence.yaml", "--framework", "\(Self.folder)/framework",
                                  "--plugin", "\(Self.folder)/\(plugin)", "--plugin-timeout", "1", "--format", "json"] + extra)
        guard result.status == 0,
              let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
              let dimensions = object["dimensions"] as? [[String: Any]] else { return (result, [:]) }
        var criteria: [String: Criterion] = [:]
        for criterion in dimensions.flatMap({ $0["criteria"] as? [[String: Any]] ?? [] }) {
            var findings: [String: Any] = [:]
            for finding in criterion["findings"] as? [[String: Any]] ?? [] { findings[finding["id"] as? String ?? ""] = finding["value"] }
            criteria[criterion["id"] as? String ?? ""] = Criterion(
                status: criterion["status"] as? String ?? "", score: criterion["score"] as? Double,
                rationale: criterion["rationale"] as? String ?? "", findings: findings)
        }
        return (result, criteria)
    }

    @Test func aGoodPluginScoresCriteriaWithOneProcessForTheRun() throws {
        let (result, criteria) = try score("good.py")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(criteria["demo-plugin"]?.status == "assessed")
        #expect(criteria["demo-plugin"]?.score == 3.5)
        #expect(criteria["demo-plugin-again"]?.score == 4)
        #expect(criteria["demo-plugin"]?.findings["criterion"] as? String == "demo-plugin")
        let first = criteria["demo-plugin"]?.findings["pid"] as? Double
        let second = criteria["demo-plugin-again"]?.findings["pid"] as? Double
        #expect(first != nil && first == second, "both criteria are served by the same process")
        #expect(criteria["demo-plugin-again"]?.findings["request"] as? Double == 2)
        // A missing fact is handled by assess without asking the plugin.
        #expect(criteria["demo-plugin-missing"]?.status == "not-assessed")
        #expect(criteria["demo-builtin"]?.status == "assessed")
        // The plugin's standard error is captured and shown as a note.
        #expect(result.stderr.contains("note: plugin 'test-plugin' said: good plugin ready"))
    }

    @Test("each kind of failure makes the plugin's criteria errors and leaves the rest intact", arguments: [
        ("slow.py", "did not answer within 1 s"),
        ("crash.py", "stopped unexpectedly (exit status 1): RuntimeError: the model file is missing"),
        ("garbage.py", "answered with something that is not a JSON object: this is not json at all"),
        ("oversized.py", "sent a response over the 1048576-byte limit"),
        ("off_scale.py", "answered level 9, outside the scale 1 to 5"),
        ("huge_number.py", "answered finding 'visits' is 1e+19, outside the usable range"),
        ("wrong_version.py", "speaks protocol version 2, but this assess speaks version 1"),
        ("exits_at_start.py", "stopped unexpectedly (exit status 3): cannot find my configuration"),
    ])
    func failures(plugin: String, message: String) throws {
        let started = Date()
        let (result, criteria) = try score(plugin)
        #expect(result.status == 0, "\(result.stderr)")
        let failed = try #require(criteria["demo-plugin"])
        #expect(failed.status == "error")
        #expect(failed.rationale.contains(message), "\(failed.rationale)")
        #expect(criteria["demo-plugin-again"]?.status == "error")
        #expect(criteria["demo-builtin"]?.status == "assessed", "the rest of the assessment goes on")
        #expect(criteria["demo-builtin"]?.score == 3)
        #expect(result.stderr.contains("warning:") && result.stderr.contains(message))
        #expect(Date().timeIntervalSince(started) < 8, "a stuck plugin is stopped, not waited for")
    }

    @Test func strictMakesPluginErrorsFatal() throws {
        let result = try CLI.run(["score", "\(Self.folder)/evidence.yaml", "--framework", "\(Self.folder)/framework",
                                  "--plugin", "\(Self.folder)/crash.py", "--strict"])
        #expect(result.status == 70)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("error: criterion demo-plugin: plugin 'test-plugin' stopped unexpectedly"))
    }

    @Test func pluginsListsExternalAssessors() throws {
        let result = try CLI.run(["plugins", "--plugin", "\(Self.folder)/good.py", "--verbose"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("demo.level") && result.stdout.contains("[plugin test-plugin]"))
        #expect(result.stdout.contains("parameter offset: number = 0"))
        #expect(result.stdout.contains("threshold"), "built-in assessors are listed too")
    }

    @Test func unknownParametersOfAPluginAssessorAreRejectedWhenTheRubricLoads() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = CLI.root.appendingPathComponent("\(Self.folder)/framework")
        for name in ["framework.yaml", "demo.yaml"] {
            var text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
            text = text.replacingOccurrences(of: "parameters: {offset: 0.5}", with: "parameters: {ofset: 0.5}")
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let result = try CLI.run(["score", "\(Self.folder)/evidence.yaml", "--framework", folder.path, "--plugin", "\(Self.folder)/good.py"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("unknown key 'ofset'") && result.stderr.contains("did you mean 'offset'?"))
    }

    @Test func theExamplePythonPluginWrittenFromTheDocsWorks() throws {
        let result = try CLI.run(["score", "examples/plugins/evidence.yaml", "--framework", "examples/plugins/framework", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let criteria = (object["dimensions"] as? [[String: Any]] ?? []).flatMap { $0["criteria"] as? [[String: Any]] ?? [] }
        let statement = try #require(criteria.first { $0["id"] as? String == "a11y-statement" })
        #expect(statement["status"] as? String == "assessed")
        #expect(statement["score"] as? Double == 4.2, "4 of the 5 required sections are in the example statement")
        #expect((statement["rationale"] as? String ?? "").contains("partially compliant"))
        let validate = try CLI.run(["validate", "examples/plugins/framework/accessibility.yaml", "examples/plugins/framework/framework.yaml"])
        #expect(validate.status == 0, "\(validate.stderr)")
    }

    @Test func aMissingPluginIsInputNotFound() throws {
        let result = try CLI.run(["score", "examples/ashdown.yaml", "--plugin", "no/such/plugin"])
        #expect(result.status == 66)
    }
}
