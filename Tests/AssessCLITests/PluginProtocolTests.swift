import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

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

    /// Scores the test framework with one plugin and returns the criteria by id. The plugin timeout is generous
    /// unless a test is about timeouts: no outcome may depend on a busy machine answering within a second.
    func score(_ plugin: String, timeout: Double = 60, extra: [String] = []) throws -> (CLI.Result, [String: Criterion]) {
        let result = try CLI.run(["score", "\(Self.folder)/evidence.yaml", "--framework", "\(Self.folder)/framework",
                                  "--plugin", "\(Self.folder)/\(plugin)", "--plugin-timeout", String(Int(timeout)),
                                  "--format", "json"] + extra, limit: 300)
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

    /// True once the process the plugin reported as its child (`child PID` on its standard error) is gone or
    /// a zombie: stopped with the plugin's process group. Waits up to 60 s for the kill to land.
    func childIsStopped(_ stderr: String) throws -> Bool {
        let line = try #require(stderr.split(separator: "\n").first { $0.contains("said: child ") })
        let pid = try #require(Int32(line.split(separator: " ").last ?? ""))
        for _ in 0..<1200 {
            #if os(Linux)
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            if stat.split(separator: ")").last?.split(separator: " ").first == "Z" { return true }
            #else
            if kill(pid, 0) != 0 { return true }
            #endif
            usleep(50_000)
        }
        return false
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
        // Timeouts are tested with plugins that sleep 600 s against a 1 s limit: the outcome, never the duration.
        ("slow.py", 1, "did not answer within 1 s and was stopped"),
        ("forks_and_hangs.py", 1, "did not answer within 1 s and was stopped"),
        // Everything else gets a generous limit, so only the failure under test can trigger.
        ("crash.py", 60, "exited with status 1 before answering: RuntimeError: the model file is missing"),
        ("forks_and_exits.py", 60, "exited with status 4 before answering: giving up"),
        ("garbage.py", 60, "answered with something that is not a JSON object: this is not json at all"),
        ("oversized.py", 60, "sent a response over the 1048576-byte limit"),
        ("off_scale.py", 60, "answered level 9, outside the scale 1 to 5"),
        ("wrong_version.py", 60, "speaks protocol version 2, but this assess speaks version 1"),
        ("exits_at_start.py", 60, "exited with status 3 before answering: cannot find my configuration"),
        ("wrong_id.py", 60, "answered request 1 with id 2; each answer must carry its request's id"),
        ("huge_number.py", 60, "answered finding 'visits' is 1e+19, outside the usable range"),
    ] as [(String, Double, String)])
    func failures(plugin: String, timeout: Double, message: String) throws {
        let (result, criteria) = try score(plugin, timeout: timeout)
        #expect(!result.timedOut, "the run ends whatever the plugin does")
        #expect(result.status == 0, "\(result.stderr)")
        let failed = try #require(criteria["demo-plugin"])
        #expect(failed.status == "error")
        #expect(failed.rationale.contains(message), "\(failed.rationale)")
        #expect(criteria["demo-plugin-again"]?.status == "error")
        #expect(criteria["demo-builtin"]?.status == "assessed", "the rest of the assessment goes on")
        #expect(criteria["demo-builtin"]?.score == 3)
        #expect(result.stderr.contains("warning:") && result.stderr.contains(message))
    }

    // Not with forks_and_hangs.py: under its 1 s limit a busy machine may stop it before it starts its child.
    // The same stop runs for it as for these; that its run ends is checked in `failures`.
    @Test("a child the plugin started that holds its output open is stopped with it", arguments: [
        ("forks_and_exits.py", 60.0), ("forks_and_answers.py", 60),
    ])
    func childrenAreStopped(plugin: String, timeout: Double) throws {
        // The children sleep 600 s; the run must end long before, within the (generous) bound of 60 s.
        let result = try CLI.run(["score", "\(Self.folder)/evidence.yaml", "--framework", "\(Self.folder)/framework",
                                  "--plugin", "\(Self.folder)/\(plugin)", "--plugin-timeout", String(Int(timeout))], limit: 60)
        #expect(!result.timedOut, "the run waited for the plugin's child")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try childIsStopped(result.stderr), "the plugin's child was left running")
    }

    @Test func interruptingAssessStopsItsPluginsAndTheirChildren() throws {
        // Plugins run in process groups of their own, so the terminal's Ctrl-C no longer reaches them:
        // assess, interrupted, must stop them itself.
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let childFile = folder.appendingPathComponent("child")
        let process = Process()
        // The test runner's threads block SIGTERM and a started program inherits that; a shell does not, so
        // start assess as a shell would, with no signals blocked.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execv(sys.argv[1], sys.argv[1:])",
                             CLI.binary.path, "score", "\(Self.folder)/evidence.yaml", "--framework", "\(Self.folder)/framework",
                             "--plugin", "\(Self.folder)/forks_and_hangs.py", "--plugin-timeout", "600"]
        process.currentDirectoryURL = CLI.root
        process.environment = ProcessInfo.processInfo.environment.merging(["PLUGIN_CHILD_FILE": childFile.path]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        try process.run()
        var child: Int32?
        for _ in 0..<1200 where child == nil {
            child = (try? String(contentsOf: childFile, encoding: .utf8)).flatMap { Int32($0) }
            if child == nil { usleep(50_000) }
        }
        process.terminate()
        let timedOut = ended.wait(timeout: .now() + 60) == .timedOut
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        #expect(!timedOut, "assess did not end on SIGTERM")
        let pid = try #require(child, "the plugin never started its child")
        #expect(try childIsStopped("note: plugin 'test-plugin' said: child \(pid)"), "the plugin's child outlived assess")
    }

    @Test func aPluginWhoseChildKeepsItsOutputOpenStillScores() throws {
        let (result, criteria) = try score("forks_and_answers.py")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(criteria["demo-plugin"]?.score == 3.5)
        #expect(criteria["demo-plugin-again"]?.score == 4)
        #expect(!result.stderr.contains("warning:"), "\(result.stderr)")
    }

    @Test func anExtraLineIsDiscardedAndReportedNeverTakenAsTheNextAnswer() throws {
        // The plugin adds a forged answer (level 5) for the next request to each answer it writes.
        let (result, criteria) = try score("extra_line.py")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(criteria["demo-plugin"]?.score == 3.5)
        #expect(criteria["demo-plugin-again"]?.score == 4, "the second criterion gets its own answer, not the forged one")
        #expect(criteria["demo-plugin-again"]?.rationale.contains("forged") == false)
        #expect(result.stderr.contains("warning: plugin 'test-plugin' printed 2 lines that answered no request, which were ignored"),
                "\(result.stderr)")
    }

    @Test func strictMakesPluginErrorsFatal() throws {
        let result = try CLI.run(["score", "\(Self.folder)/evidence.yaml", "--framework", "\(Self.folder)/framework",
                                  "--plugin", "\(Self.folder)/crash.py", "--plugin-timeout", "60", "--strict"])
        #expect(result.status == 70)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("error: criterion demo-plugin: plugin 'test-plugin' exited with status 1 before answering"))
    }

    @Test func pluginsListsExternalAssessors() throws {
        let result = try CLI.run(["plugins", "--plugin", "\(Self.folder)/good.py", "--plugin-timeout", "60", "--verbose"])
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
        let result = try CLI.run(["score", "\(Self.folder)/evidence.yaml", "--framework", folder.path, "--plugin", "\(Self.folder)/good.py",
                                  "--plugin-timeout", "60"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("unknown key 'ofset'") && result.stderr.contains("did you mean 'offset'?"))
    }

    @Test func theExamplePythonPluginWrittenFromTheDocsWorks() throws {
        let result = try CLI.run(["score", "examples/plugins/evidence.yaml", "--framework", "examples/plugins/framework", "--format", "json",
                                  "--plugin-timeout", "60"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let criteria = (object["dimensions"] as? [[String: Any]] ?? []).flatMap { $0["criteria"] as? [[String: Any]] ?? [] }
        let statement = try #require(criteria.first { $0["id"] as? String == "a11y-statement" })
        #expect(statement["status"] as? String == "assessed")
        #expect(statement["score"] as? Double == 4.2, "4 of the 5 required sections are in the example statement")
        #expect((statement["rationale"] as? String ?? "").contains("partially compliant"))
        let validate = try CLI.run(["validate", "examples/plugins/framework/accessibility.yaml", "examples/plugins/framework/framework.yaml"])
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stderr.contains("note: plugin not started"), "\(validate.stderr)")
        let checked = try CLI.run(["validate", "examples/plugins/framework/accessibility.yaml", "examples/plugins/framework/framework.yaml",
                                   "--start-plugins", "--plugin-timeout", "60"])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(!checked.stderr.contains("not started"), "\(checked.stderr)")
    }

    @Test func theExamplePluginEchoesTheRequestIdAndWritesNothingElse() throws {
        let hello = #"{"type":"hello","protocol":1,"assess":"0.1.0"}"#
        let request = #"{"type":"assess","id":41,"assessor":"a11y.statement-sections","criterion":"x","parameters":{"as-of":"2026-03-31"},"scale":{"min":1,"max":5},"organisation":{"name":"B","period":"2025-26"},"evidence":{"statement":{"fact":"s","value":null,"file":"evidence/brackenford-statement.md"}}}"#
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("input")
        try (hello + "\n" + request + "\n").write(to: input, atomically: true, encoding: .utf8)
        let result = try CLI.execute(URL(fileURLWithPath: "/bin/sh"),
                                     ["-c", "cd examples/plugins && ./accessibility_statement.py < \"$0\"", input.path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2, "one answer per message, nothing else: \(result.stdout)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data((lines.last ?? "").utf8)) as? [String: Any])
        #expect(answer["id"] as? Int == 41)
        #expect(answer["status"] as? String == "assessed")
    }

    @Test func commandsThatReadAFrameworkRunItsPluginsOnlyWhenAsked() throws {
        // A framework listing a plugin that leaves a mark when it runs.
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = CLI.root.appendingPathComponent("\(Self.folder)/framework")
        let mark = folder.appendingPathComponent("ran")
        let plugin = folder.appendingPathComponent("marks.sh")
        try "#!/bin/sh\ntouch \"$1\"\nexec \"$2\"\n".write(to: plugin, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: plugin.path)
        var framework = try String(contentsOf: source.appendingPathComponent("framework.yaml"), encoding: .utf8)
        framework += "plugins:\n  - {path: marks.sh, arguments: [\(mark.path), \(CLI.root.path)/\(Self.folder)/good.py]}\n"
        try framework.write(to: folder.appendingPathComponent("framework.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: source.appendingPathComponent("demo.yaml"), to: folder.appendingPathComponent("demo.yaml"))

        for arguments in [["validate", folder.appendingPathComponent("framework.yaml").path],
                          ["validate", folder.appendingPathComponent("demo.yaml").path],
                          ["validate", "\(Self.folder)/evidence.yaml", "--framework", folder.path],
                          ["rubrics", "--framework", folder.path],
                          ["explain", "demo-plugin", "--framework", folder.path]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: mark.path), "\(arguments) ran the framework's plugin")
        }
        let validate = try CLI.run(["validate", folder.appendingPathComponent("framework.yaml").path])
        #expect(validate.stderr.contains("note: plugin not started") && validate.stderr.contains("--start-plugins"))

        let checked = try CLI.run(["validate", folder.appendingPathComponent("framework.yaml").path, "--start-plugins",
                                   "--plugin-timeout", "60"])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(FileManager.default.fileExists(atPath: mark.path), "--start-plugins runs it")
        try FileManager.default.removeItem(at: mark)
        let listed = try CLI.run(["plugins", "--framework", folder.path, "--plugin-timeout", "60"])
        #expect(listed.status == 0 && listed.stdout.contains("demo.level"), "\(listed.stderr)")
        #expect(FileManager.default.fileExists(atPath: mark.path), "'assess plugins' starts them, as its help says")
        for command in ["validate", "rubrics", "explain", "plugins"] {
            let help = try CLI.run(["help", command])
            #expect(help.stdout.contains("runs") && help.stdout.contains("plugin"), "\(command) --help says whether it runs plugins")
        }
    }

    @Test func aMissingPluginIsInputNotFound() throws {
        let result = try CLI.run(["score", "examples/ashdown.yaml", "--plugin", "no/such/plugin"])
        #expect(result.status == 66)
    }
}

extension CLI.Result {
    /// Whether the run was stopped for taking longer than its test-level bound.
    var timedOut: Bool { status == CLI.timedOutStatus }
}

extension CLI {
    /// The status `run(_:limit:)` gives a run it had to stop.
    static let timedOutStatus: Int32 = -999

    /// Runs `assess` like ``run(_:environment:)``, but stops it after `limit` seconds (a generous bound, so a
    /// hang fails the test instead of hanging the suite) and then reports ``timedOutStatus``.
    static func run(_ arguments: [String], limit: Double) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SOURCE_DATE_EPOCH")
        process.environment = environment
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("stdout"), errURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        try process.run()
        let timedOut = ended.wait(timeout: .now() + limit) == .timedOut
        if timedOut {
            process.terminate()
            ended.wait()
        }
        try out.close()
        try err.close()
        return Result(status: timedOut ? timedOutStatus : process.terminationStatus,
                      stdout: try String(contentsOf: outURL, encoding: .utf8),
                      stderr: try String(contentsOf: errURL, encoding: .utf8))
    }
}
