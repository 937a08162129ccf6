import Foundation
import Testing

/// `assess benchmark` and `assess compare` end to end through the built binary.
@Suite("Benchmark and compare commands")
struct BenchmarkCLITests {
    /// The three example councils scored to JSON, then copied under new identities (all English districts,
    /// so one peer group of nine ranked councils) plus Highland, which has too little evidence to rank.
    static func resultsFolder(hostile: Bool = false) throws -> URL {
        let folder = try CLI.temporaryFolder()
        let results = folder.appendingPathComponent("results/2026")
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
        for (index, example) in ["ashdown", "brackenford", "calderbrook"].enumerated() {
            let scored = try CLI.run(["score", "examples/\(example).yaml", "--format", "json", "--date", "2026-04-01"])
            #expect(scored.status == 0, "\(scored.stderr)")
            for copy in 0..<3 {
                let code = "E07000\(index)\(copy)0"
                var name = "Council \(code)"
                if hostile, index == 0, copy == 0 { name = #"<script>alert(1)</script> & \"Co\" =HYPERLINK()"# }
                if hostile, index == 0, copy == 1 { name = "=1+2" }
                let text = scored.stdout
                    .replacing(#/"name": "[^"]*Council",\n    "type": "[a-z-]+",\n    "code": "[A-Z-]+",\n    "population": [0-9]+/#,
                               with: "\"name\": \"\(name)\",\n    \"type\": \"district\",\n    \"code\": \"\(code)\",\n    \"population\": \(100_000 + index * 1000 + copy)")
                #expect(text.contains(code))
                try text.write(to: results.appendingPathComponent("\(code).json"), atomically: true, encoding: .utf8)
            }
        }
        let highland = try CLI.run(["score", "examples/highland-council.yaml", "--format", "json", "--date", "2026-04-01"])
        try highland.stdout.write(to: results.appendingPathComponent("S12000017.json"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test("CSV, JSON and HTML: ranked peers get statistics, Highland is listed apart, the same bytes every time")
    func benchmarkFormats() throws {
        let folder = try Self.resultsFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for format in ["csv", "json", "html"] {
            let first = folder.appendingPathComponent("peers.\(format)"), second = folder.appendingPathComponent("again.\(format)")
            let run = try CLI.run(["benchmark", folder.path, "--output", first.path, "--date", "2026-04-02"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try CLI.run(["benchmark", folder.appendingPathComponent("results").path, "--format", format, "--output", second.path,
                                 "--date", "2026-04-02"]).status == 0)
            #expect(try Data(contentsOf: first) == Data(contentsOf: second), "\(format) is byte-identical")
        }
        let csv = try String(contentsOf: folder.appendingPathComponent("peers.csv"), encoding: .utf8)
        // Nine ranked: Ashdown's, Brackenford's and Calderbrook's overall scores three times each. Type 7 on nine
        // sorted values puts the quartiles on the 3rd, 5th and 7th, so they are the three scores themselves;
        // a copy of the lowest has 0 below and 3 equal: 100 × 1.5 / 9 = 16.667, the middle 50, the highest 83.333.
        var scores: [String] = []
        for code in ["E07000000", "E07000100", "E07000200"] {
            let text = try String(contentsOf: folder.appendingPathComponent("results/2026/\(code).json"), encoding: .utf8)
            let overall = try #require(text.range(of: "\"overall\": {\n    \"score\": "))
            scores.append(String(text[overall.upperBound...].prefix { $0 != "," }))
        }
        let sorted = scores.sorted { Double($0) ?? 0 < Double($1) ?? 0 }
        let rank = sorted.firstIndex(of: scores[0]) ?? 0
        let percentile = ["16.667", "50", "83.333"][rank]
        #expect(Set(scores).count == 3, "three different councils: \(scores)")
        #expect(csv.contains(#"type+nation,"type district, nation England",overall,E07000000,Council E07000000,district,England,scored,"#
            + "\(scores[0]),9,9,\(sorted[1]),\(sorted[0]),\(sorted[2]),\(percentile),\n"), "\(scores)")
        #expect(csv.contains("S12000017,The Highland Council,scottish-unitary,Scotland,not-enough-evidence,,1,0,,,,,not ranked: not enough evidence"))
        #expect(csv.contains(",9,9,"), "nine ranked English districts")
        let json = try String(contentsOf: folder.appendingPathComponent("peers.json"), encoding: .utf8)
        #expect(json.contains(#""quartiles": "linear interpolation between order statistics (R type 7"#))
        #expect(json.contains(#""withheld": "group too small (0 \u003c 5)""#))
        let html = try String(contentsOf: folder.appendingPathComponent("peers.html"), encoding: .utf8)
        #expect(html.contains("<h1>Compared with similar councils</h1>"))
        #expect(html.contains("Listed apart: not ranked"))
        #expect(html.contains("The Highland Council <span class=\"code\">S12000017</span>: not ranked: not enough evidence"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<link"), "self-contained")
        #expect(html.contains("<svg role=\"img\" aria-labelledby="))
    }

    @Test("hostile organisation names are escaped in HTML and defused in CSV")
    func hostileNames() throws {
        let folder = try Self.resultsFolder(hostile: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = try CLI.run(["benchmark", folder.path, "--format", "html"])
        #expect(html.status == 0, "\(html.stderr)")
        #expect(!html.stdout.contains("<script>alert"))
        #expect(html.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;"))
        #expect(html.stdout.components(separatedBy: "<script>").count == 2, "only the page's own script")
        let csv = try CLI.run(["benchmark", folder.path, "--format", "csv"])
        #expect(csv.stdout.contains(#","<script>alert(1)</script> & ""Co"" =HYPERLINK()","#))
        #expect(csv.stdout.contains(",'=1+2,"), "a formula is defused")
        #expect(!csv.stdout.contains(",=1+2"))
    }

    @Test("bad configuration, missing input and a file that is not a result get clear errors and documented codes")
    func errors() throws {
        let folder = try Self.resultsFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("peers.yaml")
        try "groups:\n  - by: [type, county]\nminimum-group: 0\n".write(to: config, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("out.csv")
        let bad = try CLI.run(["benchmark", folder.path, "--config", config.path, "--output", output.path])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("peers.yaml:2:"))
        #expect(bad.stderr.contains("peers.yaml:3:"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
        let missing = try CLI.run(["benchmark", folder.appendingPathComponent("nowhere").path])
        #expect(missing.status == 66)
        let notResult = folder.appendingPathComponent("results/2026/zz.json")
        try "{\"hello\": 1}".write(to: notResult, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["benchmark", folder.path])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("zz.json: error:"))
        // A custom configuration is used: all in one group, minimum 3.
        try FileManager.default.removeItem(at: notResult)
        try "groups:\n  - by: []\nminimum-group: 3\n".write(to: config, atomically: true, encoding: .utf8)
        let custom = try CLI.run(["benchmark", folder.path, "--config", config.path])
        #expect(custom.status == 0, "\(custom.stderr)")
        #expect(custom.stdout.contains("all,all organisations,overall,S12000017,The Highland Council,scottish-unitary,Scotland,not-enough-evidence,,10,9,"))
    }

    @Test("the benchmark page works in a real browser: no console errors, sortable headers become buttons")
    func inChromium() throws {
        guard let chromium = ReportTests.chromium else { return }
        let folder = try Self.resultsFolder(hostile: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("peers.html")
        #expect(try CLI.run(["benchmark", folder.path, "--output", page.path]).status == 0)
        let dom = try ReportTests.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                                 "--enable-logging=stderr", "--v=0", "--user-data-dir=\(folder.path)/profile",
                                                 "--dump-dom", page.absoluteString])
        #expect(dom.status == 0)
        #expect(dom.stdout.contains("</main>"))
        #expect(!dom.stderr.contains("Uncaught") && !dom.stderr.contains(":CONSOLE("), "console errors: \(dom.stderr)")
        #expect(dom.stdout.contains("<th scope=\"col\" class=\"num\"><button type=\"button\">Overall</button></th>"), "the script turned headers into buttons")
        #expect(!dom.stdout.contains("alert(1)</script>"), "the hostile name stayed text")
    }

    // MARK: - compare

    @Test("compare: evidence or results, text, Markdown and JSON, and exit 3 on a regression when asked")
    func compare() throws {
        let forward = try CLI.run(["compare", "examples/ashdown.yaml", "examples/brackenford.yaml"])
        #expect(forward.status == 0, "\(forward.stderr)")
        #expect(forward.stdout.contains("cs-avoidable-contact"))
        #expect(forward.stdout.contains("newly assessed"))
        #expect(forward.stderr.contains("warning: OLD is Ashdown District Council"), "two different councils are flagged")
        // --fail-on-regression exits 3 exactly when the JSON lists a dimension that fell, in either direction.
        var fell: [[String]] = []
        for (old, new) in [("ashdown", "brackenford"), ("brackenford", "ashdown")] {
            let json = try CLI.run(["compare", "examples/\(old).yaml", "examples/\(new).yaml", "--format", "json"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let regressions = try #require(object["regressions"] as? [String])
            fell.append(regressions)
            let gated = try CLI.run(["compare", "examples/\(old).yaml", "examples/\(new).yaml", "--fail-on-regression"])
            #expect(gated.status == (regressions.isEmpty ? 0 : 3))
            #expect(gated.stdout.contains(regressions.isEmpty ? "No dimension fell." : "Fell: \(regressions.joined(separator: ", ")).\n"))
            #expect(gated.stderr.contains("regression:") == !regressions.isEmpty)
        }
        #expect(!(fell[0] + fell[1]).isEmpty, "two different councils differ somewhere")
        let same = try CLI.run(["compare", "examples/brackenford.yaml", "examples/brackenford.yaml", "--fail-on-regression"])
        #expect(same.status == 0)
        #expect(same.stdout.contains("No dimension fell."))
        #expect(!same.stdout.contains("Evidence facts that changed"))

        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for example in ["ashdown", "brackenford"] {
            let path = folder.appendingPathComponent("\(example).json").path
            #expect(try CLI.run(["score", "examples/\(example).yaml", "--format", "json", "--output", path]).status == 0)
        }
        let fromResults = try CLI.run(["compare", folder.appendingPathComponent("ashdown.json").path,
                                       folder.appendingPathComponent("brackenford.json").path])
        #expect(fromResults.stdout == forward.stdout, "a result read back compares as the evidence scored now")
        let markdown = try CLI.run(["compare", "examples/ashdown.yaml", "examples/brackenford.yaml", "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("# Brackenford Borough Council: since 2025-26 (framework 1.0.0)\n"))
        #expect(markdown.stdout.contains("| **Overall** |"))
        let json = try CLI.run(["compare", "examples/ashdown.yaml", "examples/brackenford.yaml", "--format", "json", "--date", "2026-04-01"])
        #expect(json.stdout.contains(#""regressions": ["#))
        let again = try CLI.run(["compare", "examples/ashdown.yaml", "examples/brackenford.yaml", "--format", "json", "--date", "2026-04-01"])
        #expect(json.stdout == again.stdout)
        let missing = try CLI.run(["compare", "examples/ashdown.yaml", "examples/nowhere.yaml"])
        #expect(missing.status == 66)
    }

    // MARK: - the report's sections

    @Test("report --previous adds 'Since last year' and --peers adds 'Compared with similar councils', escaped")
    func reportSections() throws {
        let folder = try Self.resultsFolder(hostile: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let markdown = folder.appendingPathComponent("r.md"), html = folder.appendingPathComponent("r.html")
        let plain = try CLI.run(["report", "examples/brackenford.yaml", "--format", "markdown", "--output", markdown.path, "--date", "2026-04-01"])
        #expect(plain.status == 0)
        #expect(!(try String(contentsOf: markdown, encoding: .utf8)).contains("Since last year"), "nothing unless asked")
        let run = try CLI.run(["report", "examples/brackenford.yaml", "--format", "markdown", "--output", markdown.path, "--date", "2026-04-01",
                               "--previous", "examples/ashdown.yaml", "--peers", folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: markdown, encoding: .utf8)
        #expect(text.contains("## Since last year"))
        #expect(text.contains("| Area | Before | Now | Change |\n|---|---|---|---|\n| Overall | "))
        #expect(text.contains("Evidence that changed:"))
        #expect(text.contains("- engagement.resourcing-rating: "), "Ashdown and Brackenford rate their resourcing differently")
        #expect(text.contains("## Compared with similar councils"))
        // Brackenford's example code is not a GSS code, so it has no nation: only its nearest neighbours compare.
        #expect(text.contains("Brackenford Borough Council (EX-BRACKENFORD) and its 10 nearest"))
        #expect(text.contains("| Area | Score | Peer median | Middle half | Percentile |\n|---|---|---|---|---|\n| Overall | "))
        let page = try CLI.run(["report", "examples/brackenford.yaml", "--output", html.path, "--date", "2026-04-01",
                                "--previous", "examples/ashdown.yaml", "--peers", folder.path])
        #expect(page.status == 0, "\(page.stderr)")
        let body = try String(contentsOf: html, encoding: .utf8)
        #expect(body.contains("<h2 id=\"previous-heading\">Since last year</h2>"))
        #expect(body.contains("<h2 id=\"peers-heading\">Compared with similar councils</h2>"))
        #expect(!body.contains("<script>alert"))
        let missing = try CLI.run(["report", "examples/brackenford.yaml", "--output", html.path, "--peers", "nowhere"])
        #expect(missing.status == 66)
    }
}
