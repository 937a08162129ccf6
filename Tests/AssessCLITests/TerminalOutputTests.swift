import Foundation
import Testing

/// Every text output fits the terminal: 80 columns when stdout is not a terminal, `COLUMNS` when set, never
/// below 40; and `score` leads with the summary.
@Suite("Terminal output width and summary")
struct TerminalOutputTests {
    /// Display columns, measured independently of the code under test: one a character, two for East Asian
    /// wide ones (the examples have none, but a rubric could).
    static func columns(_ line: Substring) -> Int {
        line.reduce(0) { total, character in
            let value = character.unicodeScalars.first?.value ?? 0
            let wide = (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
                || (0xF900...0xFAFF).contains(value) || (0xFF00...0xFF60).contains(value) || (0xFFE0...0xFFE6).contains(value)
            return total + (wide ? 2 : 1)
        }
    }

    /// The lines wider than `width`.
    static func over(_ text: String, _ width: Int) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { columns($0) > width }
    }

    static func widest(_ text: String) -> Int {
        text.split(separator: "\n").map { columns($0) }.max() ?? 0
    }

    static let examples: [[String]] = [
        ["examples/ashdown.yaml"], ["examples/brackenford.yaml"], ["examples/calderbrook.yaml"], ["examples/highland-council.yaml"],
        ["examples/plugins/evidence.yaml", "--framework", "examples/plugins/framework"],
    ]

    /// Runs and checks the exit status and that nothing is wider than `width`.
    func fits(_ arguments: [String], _ width: Int = 80, columns: String? = nil) throws -> String {
        let result = try CLI.run(arguments, environment: columns.map { ["COLUMNS": $0] } ?? [:])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        #expect(!result.stdout.isEmpty, "\(arguments) printed nothing")
        let wide = Self.over(result.stdout, width)
        #expect(wide.isEmpty, "\(arguments) COLUMNS=\(columns ?? "unset"): \(wide.count) lines wider than \(width), such as:\n\(wide.prefix(3).joined(separator: "\n"))")
        return result.stdout
    }

    @Test(arguments: examples)
    func scoreFitsEightyColumnsWithAndWithoutDetail(example: [String]) throws {
        let summary = try fits(["score"] + example)
        let detail = try fits(["score"] + example + ["--detail"])
        #expect(detail.hasPrefix(summary.components(separatedBy: "\nNext\n")[0]), "the detail follows the same summary")
        #expect(summary.split(separator: "\n").count < detail.split(separator: "\n").count)
        _ = try fits(["score"] + example + ["--detail"], 40, columns: "40")
    }

    @Test(arguments: examples)
    func theSummaryComesFirstWithoutTwoDecimalNumbers(example: [String]) throws {
        let summary = try fits(["score"] + example)
        let found = summary.firstMatch(of: /\d\.\d\d/).map { String(summary[$0.range]) }
        #expect(found == nil, "\(example): a two-decimal number in the summary: \(found ?? "")")
        var previous = summary.startIndex
        for heading in ["Overall: ", "\nArea ", "\nBiggest gaps\n", "\nNext\n", "  assess "] {
            let range = try #require(summary.range(of: heading, range: previous..<summary.endIndex), "\(example): no '\(heading)' after the one before")
            previous = range.upperBound
        }
        #expect(summary.contains(" --detail\n"), "the summary says how to see the working")
        #expect(!summary.contains("✔"), "no per-criterion lines without --detail")
        let detail = try fits(["score"] + example + ["--detail"])
        let next = try #require(detail.range(of: "\nNext\n"))
        let firstCriterion = try #require(detail.range(of: "✔"))
        #expect(next.lowerBound < firstCriterion.lowerBound, "the working comes after the summary")
    }

    @Test func scoreSuggestsCommandsThatRun() throws {
        let summary = try fits(["score", "examples/brackenford.yaml"])
        let commands = Self.commands(summary)
        #expect(commands.count >= 2)
        for command in commands {
            let result = try CLI.run(Array(command.dropFirst()))
            #expect(result.status == 0, "\(command.joined(separator: " ")): \(result.stderr)")
        }
        let highland = try fits(["score", "examples/highland-council.yaml"])
        #expect(highland.contains("  assess ask examples/highland-council.yaml --area channel-shift\n"), "missing evidence: ask for it first")
        let ask = try CLI.run(["ask", "examples/highland-council.yaml", "--area", "channel-shift", "--list"])
        #expect(ask.status == 0, "the suggested questionnaire exists: \(ask.stderr)")
        let plugins = try fits(["score", "examples/plugins/evidence.yaml", "--framework", "examples/plugins/framework"])
        let suggested = Self.commands(plugins)
        #expect(suggested.contains(["assess", "roadmap", "examples/plugins/evidence.yaml", "--framework", "examples/plugins/framework", "--target", "4"]),
                "the framework option is repeated: \(suggested)")
        #expect(plugins.contains(" \\\n"), "a command too long for 80 columns goes on after a backslash")
        for command in suggested {
            let result = try CLI.run(Array(command.dropFirst()))
            #expect(result.status == 0, "\(command.joined(separator: " ")): \(result.stderr)")
        }
    }

    /// The suggested commands as words, lines ending in a backslash joined to the next.
    static func commands(_ summary: String) -> [[String]] {
        var commands: [[String]] = []
        var current: [String]?
        for line in summary.split(separator: "\n") {
            if current == nil, line.hasPrefix("  assess ") { current = [] }
            guard var words = current else { continue }
            let continues = line.hasSuffix(" \\")
            words += (continues ? line.dropLast(2) : line).split(separator: " ").map(String.init)
            if continues { current = words } else {
                commands.append(words)
                current = nil
            }
        }
        return commands
    }

    @Test func columnsIsHonouredAndBounded() throws {
        let wide = try fits(["score", "examples/brackenford.yaml", "--detail"], 120, columns: "120")
        #expect(Self.widest(wide) > 80, "a wider terminal is used")
        #expect(wide.contains("█"), "with room, the table shows the bars")
        _ = try fits(["score", "examples/brackenford.yaml", "--detail"], 40, columns: "12")
        let fallback = try fits(["score", "examples/brackenford.yaml", "--detail"], 80, columns: "wide")
        let plain = try fits(["score", "examples/brackenford.yaml", "--detail"])
        #expect(fallback == plain, "a COLUMNS that is not a number is ignored")
        // A file is not the terminal: it always gets 80 columns.
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("score.txt")
        let written = try CLI.run(["score", "examples/brackenford.yaml", "--output", file.path], environment: ["COLUMNS": "150"])
        #expect(written.status == 0, "\(written.stderr)")
        let summary = try fits(["score", "examples/brackenford.yaml"])
        #expect(try String(contentsOf: file, encoding: .utf8) == summary)
    }

    @Test(arguments: examples)
    func roadmapFits(example: [String]) throws {
        let text = try fits(["roadmap"] + example)
        #expect(text.contains("Levels: L1"))
        #expect(text.firstMatch(of: /\d\.\d\d \(L/) == nil, "the projection table shows one decimal")
        _ = try fits(["roadmap"] + example + ["--target", "4"], 40, columns: "40")
        let wide = try fits(["roadmap"] + example, 140, columns: "140")
        if example == ["examples/brackenford.yaml"] { #expect(Self.widest(wide) > 80) }
    }

    @Test func listingsAndValidateFit() throws {
        for arguments in [["rubrics"], ["plugins"], ["plugins", "--verbose"],
                          ["validate", "examples/ashdown.yaml", "examples/brackenford.yaml", "examples/calderbrook.yaml", "examples/highland-council.yaml",
                           "rubrics/framework.yaml", "rubrics/channel-shift.yaml"],
                          ["rubrics", "--framework", "examples/plugins/framework"]] {
            _ = try fits(arguments)
            _ = try fits(arguments, 40, columns: "40")
        }
        let rubrics = try fits(["rubrics"], 200, columns: "200")
        #expect(rubrics.contains("channel-shift.channel-mix"), "with room, the assessor column is shown")
        let plugins = try fits(["plugins"])
        #expect(plugins.contains("[built-in]\n  threshold "))
    }

    @Test func explainFitsForEveryCriterionAndIndicator() throws {
        // The ids, from the listing at a width where each is on its own line.
        let listing = try fits(["rubrics"], 250, columns: "250")
        let ids = listing.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }.compactMap { $0.split(separator: " ").first.map(String.init) }
        // Every criterion and context indicator, as the JSON output lists them.
        let json = try CLI.run(["score", "examples/brackenford.yaml", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let dimensions = try #require(object["dimensions"] as? [[String: Any]])
        let expected = dimensions.flatMap { d in ((d["criteria"] as? [[String: Any]] ?? []) + (d["context"] as? [[String: Any]] ?? [])).compactMap { $0["id"] as? String } }
        #expect(expected.count > 50)
        #expect(Set(ids) == Set(expected), "the listing names every criterion and context indicator")
        for id in ids {
            let text = try fits(["explain", id])
            #expect(text.contains("[\(id)]"))
        }
        let wide = try fits(["explain", "cs-digital-share"], 120, columns: "120")
        #expect(Self.widest(wide) > 80)
    }
}
