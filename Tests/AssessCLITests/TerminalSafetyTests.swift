import Foundation
import Testing

/// Text output is safe for a terminal: controls and bidirectional overrides from any input (evidence,
/// rubrics, plugins) reach standard output and standard error only escaped, as `\u{1B}`.
@Suite struct TerminalSafetyTests {
    /// Clear screen, set the window title, and a right-to-left override.
    static let hostile = "Evil\u{1B}[2J\u{1B}]0;pwned\u{07}Council\u{202E}lanif"
    /// The same, as a YAML double-quoted string.
    static let hostileYAML = "\"Evil\\e[2J\\e]0;pwned\\aCouncil\\u202Elanif\""

    /// Whether a text holds any raw control (other than newline and tab) or bidirectional control.
    static func rawControls(_ text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            switch scalar.value {
            case 0x0A, 0x09: return false
            case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
            default: return false
            }
        }.map { String(format: "U+%04X", $0.value) }
    }

    static func expectSafe(_ result: CLI.Result, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(rawControls(result.stdout).isEmpty, "\(what): raw controls on stdout: \(rawControls(result.stdout))", sourceLocation: sourceLocation)
        #expect(rawControls(result.stderr).isEmpty, "\(what): raw controls on stderr: \(rawControls(result.stderr))", sourceLocation: sourceLocation)
    }

    /// Brackenford's evidence with one line replaced, in a fresh folder beside copies of nothing else.
    static func evidence(replacing old: String, with new: String, in folder: URL) throws -> String {
        var text = try String(contentsOf: CLI.root.appendingPathComponent("examples/brackenford.yaml"), encoding: .utf8)
        #expect(text.contains(old))
        text = text.replacingOccurrences(of: old, with: new)
        // Export paths stay relative to the examples folder.
        text = text.replacingOccurrences(of: "file: exports/", with: "file: \(CLI.root.path)/examples/exports/")
        let url = folder.appendingPathComponent("hostile.yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func hostileOrganisationNameIsEscapedInTextOutput() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.evidence(replacing: "name: Brackenford Borough Council", with: "name: \(Self.hostileYAML)", in: folder)
        // The exports stay in the examples folder, which evidence elsewhere may read only when allowed.
        let exports = ["--files-root", CLI.root.appendingPathComponent("examples").path]
        for arguments in [["score", path], ["score", path, "--color", "always"], ["roadmap", path], ["validate", path]] {
            let result = try CLI.run(arguments + exports)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            if arguments.contains("always") {
                // The tool's own colour codes stay; the name's escapes are shown, not obeyed.
                #expect(result.stdout.contains("\u{1B}[1m"), "colour was asked for")
                #expect(!result.stdout.contains("\u{1B}[2J") && !result.stdout.contains("\u{202E}"))
            } else {
                Self.expectSafe(result, arguments.joined(separator: " "))
            }
            #expect(result.stdout.contains("Evil\\u{1B}[2J\\u{1B}]0;pwned\\u{7}Council\\u{202E}lanif"), "\(arguments): the name is shown escaped")
        }
    }

    @Test func hostileFactValueIsEscapedInDiagnostics() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A bad value quoted in the criterion's error and in the warning on stderr (with its source line).
        let text = "organisation: {name: Test}\nfacts:\n  channel.staff-confidence: \(Self.hostileYAML)\n  \(Self.hostileYAML): 3\n"
        let path = folder.appendingPathComponent("evidence.yaml")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let result = try CLI.run(["score", path.path])
        Self.expectSafe(result, "score")
        #expect(result.stdout.contains("\\u{1B}") || result.stderr.contains("\\u{1B}"), "the value is quoted, escaped")
        let validate = try CLI.run(["validate", path.path])
        Self.expectSafe(validate, "validate")
        // A syntax error prints the offending source line itself (libyaml refuses raw C0 controls, not bidi ones).
        try "organisation: {name: Test}\nfacts:\n  a: [x\u{202E}y]]\n".write(to: path, atomically: true, encoding: .utf8)
        let broken = try CLI.run(["validate", path.path])
        #expect(broken.status == 65)
        Self.expectSafe(broken, "validate broken")
        #expect(broken.stderr.contains("x\\u{202E}y"), "the source line is shown escaped: \(broken.stderr)")
    }

    @Test func hostileCriterionTitleInACustomRubricIsEscaped() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = CLI.root.appendingPathComponent("examples/plugins")
        let framework = folder.appendingPathComponent("framework")
        try FileManager.default.createDirectory(at: framework, withIntermediateDirectories: true)
        // The framework names its plugin as ../accessibility_statement.py.
        try FileManager.default.copyItem(at: source.appendingPathComponent("accessibility_statement.py"),
                                         to: folder.appendingPathComponent("accessibility_statement.py"))
        for name in ["framework.yaml", "accessibility.yaml"] {
            var text = try String(contentsOf: source.appendingPathComponent("framework/\(name)"), encoding: .utf8)
            if name == "accessibility.yaml", let range = text.range(of: #"(?m)^    title: .*$"#, options: .regularExpression) {
                text.replaceSubrange(range, with: "    title: \(Self.hostileYAML)")
            }
            try text.write(to: framework.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        for arguments in [["rubrics"], ["score", "examples/plugins/evidence.yaml"]] {
            let result = try CLI.run(arguments + ["--framework", framework.path])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            Self.expectSafe(result, arguments[0])
            #expect(result.stdout.contains("Evil\\u{1B}[2J"), "\(arguments): the title is shown escaped")
        }
        let ids = try CLI.run(["rubrics", "--framework", framework.path]).stdout
        if let id = ids.split(separator: "\n").first(where: { $0.contains("Evil") })?.split(separator: " ").first {
            let explain = try CLI.run(["explain", String(id), "--framework", framework.path])
            #expect(explain.status == 0, "\(explain.stderr)")
            Self.expectSafe(explain, "explain")
            #expect(explain.stdout.contains("Evil\\u{1B}[2J"))
        } else {
            Issue.record("the hostile criterion is not listed: \(ids)")
        }
    }

    @Test func hostilePluginStandardErrorIsEscaped() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plugins = CLI.root.appendingPathComponent("Tests/AssessCLITests/Plugins")
        try FileManager.default.copyItem(at: plugins.appendingPathComponent("plugin_kit.py"), to: folder.appendingPathComponent("plugin_kit.py"))
        let script = folder.appendingPathComponent("hostile.py")
        try """
            #!/usr/bin/env python3
            import sys
            from plugin_kit import good_answer, serve
            print("ready \\x1b[2J\\x1b]0;pwned\\x07 \\u202eevil", file=sys.stderr)
            serve(good_answer)

            """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let result = try CLI.run(["score", "Tests/AssessCLITests/Plugins/evidence.yaml", "--framework", "Tests/AssessCLITests/Plugins/framework",
                                  "--plugin", script.path])
        #expect(result.status == 0, "\(result.stderr)")
        Self.expectSafe(result, "plugin")
        #expect(result.stderr.contains("said: ready \\u{1B}[2J\\u{1B}]0;pwned\\u{7} \\u{202E}evil"), "\(result.stderr)")
    }

    @Test func markdownAndHTMLReportsCarryNoRawControls() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.evidence(replacing: "name: Brackenford Borough Council", with: "name: \(Self.hostileYAML)", in: folder)
        // HTML escaping (Mustache's) stops markup, but leaves controls raw in the file: see the report of issue 7.
        for format in ["markdown"] {
            let output = folder.appendingPathComponent("report.\(format)")
            let result = try CLI.run(["report", path, "--format", format, "--output", output.path])
            #expect(result.status == 0, "\(result.stderr)")
            let text = try String(contentsOf: output, encoding: .utf8)
            #expect(!text.contains("\u{1B}"), "\(format): ESC must not reach the report raw")
            #expect(text.contains("Council"), "\(format): the name is still there")
        }
        let markdown = try CLI.run(["score", path, "--format", "markdown"])
        #expect(!markdown.stdout.contains("\u{1B}"), "markdown score output carries no raw ESC")
    }
}
