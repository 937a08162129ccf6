import Foundation
import Testing

/// `assess ask` on a pack with question logic (the ODI Open Data Pathway: an activity stops at the first
/// negative answer), through a real pseudo-terminal.
@Suite struct AskLogicTests {
    @Test("through a terminal: a negative answer ends the activity, the questions after it are not asked, and --list says why",
          .enabled(if: AskTests.tmux != nil, "tmux is not installed: the pseudo-terminal test of 'assess ask' is skipped (apt-get install tmux)"))
    func pathwayStopsAtNegativeAnswer() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let evidence = folder.appendingPathComponent("council.yaml").path
        let made = try CLI.run(["init", "--framework", "odi-pathway", "--name", "Pathway District Council", "--output", evidence])
        #expect(made.status == 0, "\(made.stderr)")
        let pane = AskTests.Pane(tmux: try #require(AskTests.tmux), folder: folder)
        defer { pane.kill() }
        let command = "cd '\(folder.path)' && TERM=dumb '\(CLI.binary.path)' ask council.yaml --framework odi-pathway --area data-management-processes"
        try pane.start(command)
        // The first activity's opening question; only the four activities' opening questions count so far.
        try pane.waitFor("question 1 of 4")
        try pane.waitFor("Fact answers.q1, read by q1.")
        try pane.type("Q1.1")
        // Positive: the activity goes on with q2, which its answer opened.
        try pane.waitFor("1 question now asked (question logic).")
        try pane.waitFor("Fact answers.q2, read by q2.")
        try pane.type("2")
        // Negative (Q2.2 ends the activity): q3 onwards are not asked; the next activity's first question is.
        try pane.waitFor("Fact answers.q6, read by q6.")
        let shown = try pane.text()
        #expect(!shown.contains("Fact answers.q3"), "\(shown)")
        try pane.type("q")
        try pane.waitFor("EXITED=0")

        let states = try AskTests.questionStates(evidence, framework: "odi-pathway")
        #expect(states["answers.q2"] == "answered")
        #expect(states["answers.q3"] == "not asked: q2 is Q2.2")
        #expect(states["answers.q4"] == "not asked: q3 is not asked")
        #expect(states["answers.q6"] == "to ask")
        #expect(states["answers.q7"] == "not asked: q6 is not answered")

        // The score agrees: q3 is skipped and counts 0 of its maximum, as the pack's method says.
        let score = try CLI.run(["score", evidence, "--framework", "odi-pathway", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [String: Any])
        let criteria = (json["dimensions"] as? [[String: Any]])?.flatMap { ($0["criteria"] as? [[String: Any]]) ?? [] } ?? []
        let q3 = try #require(criteria.first { $0["id"] as? String == "q3" })
        #expect(q3["answer"] as? String == "skipped" && q3["counted"] as? String == "zero", "\(q3)")
        // Every place a person reads the working says it in plain words: text --detail, Markdown, and the
        // executive report's appendix (HTML and Markdown).
        let plain = "Not asked: counts 0 of 1 point under this method's rules."
        let detail = try CLI.run(["score", evidence, "--framework", "odi-pathway", "--detail"])
        let joined = detail.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(joined.contains(plain) && joined.contains("q3  not asked, counts 0 / 1 pts"), "\(detail.stdout)")
        let markdown = try CLI.run(["score", evidence, "--framework", "odi-pathway", "--format", "markdown"])
        #expect(markdown.stdout.contains("Not applicable: skipped: q2 is Q2.2. " + plain), "\(markdown.stdout)")
        for format in ["html", "markdown"] {
            let out = folder.appendingPathComponent("report.\(format)").path
            let report = try CLI.run(["report", evidence, "--framework", "odi-pathway", "--format", format, "--output", out])
            #expect(report.status == 0, "\(report.stderr)")
            let text = try String(contentsOfFile: out, encoding: .utf8)
            #expect(text.contains(format == "html" ? plain.replacingOccurrences(of: "'", with: "&#39;") : plain), "\(format) report")
        }

        // A later session changes the parent's answer (negative now): q2's answer is kept, no longer asked or scored.
        let change = folder.appendingPathComponent("change.yaml").path
        try "answers.q1: Q1.2\n".write(toFile: change, atomically: true, encoding: .utf8)
        let changed = try CLI.run(["ask", evidence, "--framework", "odi-pathway", "--answers", change])
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stdout.contains("1 answer is kept for a question not asked given an earlier answer"), "\(changed.stdout)")
        let after = try AskTests.questionStates(evidence, framework: "odi-pathway")
        #expect(after["answers.q2"] == "answered, not asked: q1 is Q1.2; not scored", "\(after["answers.q2"] ?? "")")
        let kept = try String(contentsOfFile: folder.appendingPathComponent("council.answers.yaml").path, encoding: .utf8)
        #expect(kept.contains("answers.q2:\n    value: Q2.2"), "\(kept)")
        let rescored = try CLI.run(["score", evidence, "--framework", "odi-pathway", "--format", "json"])
        let again = try #require(try JSONSerialization.jsonObject(with: Data(rescored.stdout.utf8)) as? [String: Any])
        let q2 = ((again["dimensions"] as? [[String: Any]])?.flatMap { ($0["criteria"] as? [[String: Any]]) ?? [] } ?? [])
            .first { $0["id"] as? String == "q2" }
        #expect(q2?["answer"] as? String == "skipped" && q2?["points"] is NSNull, "\(q2 ?? [:])")
    }

    @Test("an answer question logic leaves out is reported, from the evidence file and from scripted answers")
    func answersLeftOutByLogicAreReported() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let evidence = folder.appendingPathComponent("council.yaml").path
        // q1 negative ends the activity, so q2 is not asked; the evidence file answers it anyway.
        try """
            organisation: {name: Logic District Council}
            facts:
              answers.q1: Q1.2
              answers.q2: Q2.1
            """.write(toFile: evidence, atomically: true, encoding: .utf8)
        let states = try AskTests.questionStates(evidence, framework: "odi-pathway")
        #expect(states["answers.q1"] == "in evidence")
        #expect(states["answers.q2"] == "in evidence, not asked: q1 is Q1.2; not scored", "\(states["answers.q2"] ?? "")")

        // Scripted answers: q6 negative, then an answer to q7, which that leaves out. It is saved (q6 may
        // change back) and the warning names its line.
        let script = folder.appendingPathComponent("script.yaml").path
        try "answers.q6: Q6.2\nanswers.q7: Q7.1\n".write(toFile: script, atomically: true, encoding: .utf8)
        let scripted = try CLI.run(["ask", evidence, "--framework", "odi-pathway", "--answers", script])
        #expect(scripted.status == 0, "\(scripted.stderr)")
        #expect(scripted.stderr.contains("script.yaml:2:1: warning: answers.q7: saved, but not asked: q6 is Q6.2; it is not scored while that holds"),
                "\(scripted.stderr)")
        #expect(!scripted.stderr.contains("answers.q6: saved"), "the answer that is asked gets no warning")
        // The next command keeps the framework the questions came from; without it the file would be scored
        // against the built-in framework.
        let flowing = scripted.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")  // long paths wrap
        #expect(flowing.contains("Next: assess score \(evidence) --framework odi-pathway"), "\(scripted.stdout)")
        let after = try AskTests.questionStates(evidence, framework: "odi-pathway")
        #expect(after["answers.q7"] == "answered, not asked: q6 is Q6.2; not scored", "\(after["answers.q7"] ?? "")")
    }

    @Test("an evidence file names the pack it is written for; ask, score, validate and roadmap use it without --framework")
    func evidenceNamesItsPack() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("new.yaml").path
        let made = try CLI.run(["init", "--framework", "odi-pathway", "--output", file])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("\nframework: odi-pathway\n"))
        // The file says which pack, so the next commands need no --framework.
        #expect(made.stderr.contains("'assess ask \(file)' asks them"), "\(made.stderr)")
        let score = try CLI.run(["score", file])
        #expect(score.status == 0, "\(score.stderr)")
        #expect(score.stdout.contains("ODI Open Data Pathway"), "\(score.stdout)")
        #expect(!score.stderr.contains("reads the fact"), "no unread-fact warnings: \(score.stderr)")
        let list = try CLI.run(["ask", file, "--list"])
        #expect(list.stdout.hasPrefix("answers.q1\tdata-management-processes\tto ask"), "\(list.stdout)")
        #expect(try CLI.run(["validate", file]).status == 0)
        #expect(try CLI.run(["roadmap", file]).status == 0)
        // --framework still wins, with a warning.
        let other = try CLI.run(["score", file, "--framework", "dma-government"])
        #expect(other.stderr.contains("warning: the evidence is written for the framework 'odi-pathway', but --framework dma-government is used"),
                "\(other.stderr)")
        // Third parties' evidence names a pack by id only, never a path for the tool to read.
        let path = folder.appendingPathComponent("path.yaml").path
        try "framework: ../../etc/passwd\norganisation: {name: X}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["score", path])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("path.yaml:1:12: error: '../../etc/passwd' is not a pack id"), "\(refused.stderr)")
        let unknown = folder.appendingPathComponent("unknown.yaml").path
        try "framework: odi-pathwai\norganisation: {name: X}\n".write(toFile: unknown, atomically: true, encoding: .utf8)
        let missing = try CLI.run(["score", unknown])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("unknown.yaml:1:12: error: no pack has the id 'odi-pathwai' that 'framework:' names"), "\(missing.stderr)")
        #expect(missing.stderr.contains("did you mean 'odi-pathway'?"), "\(missing.stderr)")
    }
}
