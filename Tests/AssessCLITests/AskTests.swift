import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `assess ask` end to end: through a real pseudo-terminal (tmux), with scripted answers, and refusing a
/// standard input that is not a terminal.
@Suite struct AskTests {
    /// tmux, when installed (the pseudo-terminal tests are skipped, saying so, without it).
    static let tmux: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// A starter evidence file made by `assess init`, in a fresh folder.
    static func initialised() throws -> (folder: URL, evidence: String) {
        let folder = try CLI.temporaryFolder()
        let evidence = folder.appendingPathComponent("council.yaml").path
        let made = try CLI.run(["init", "--name", "Tmux Borough Council", "--output", evidence])
        #expect(made.status == 0, "\(made.stderr)")
        return (folder, evidence)
    }

    /// One tmux server of its own (its socket in the test's folder, no user configuration) running one pane.
    struct Pane {
        let tmux: String
        let socket: String

        init(tmux: String, folder: URL) {
            self.tmux = tmux
            self.socket = folder.appendingPathComponent("tmux.sock").path
        }

        @discardableResult
        func command(_ arguments: [String]) throws -> CLI.Result {
            try CLI.execute(URL(fileURLWithPath: tmux), ["-S", socket, "-f", "/dev/null"] + arguments)
        }

        /// Starts a program in a new 100x50 window; the pane stays after it ends, showing its exit status.
        /// The tmux server this starts lives on, so it must not inherit any descriptor of the test process
        /// (Foundation's `Process` waits for a descriptor of its child to close): it is spawned with every
        /// descriptor above standard error closed.
        func start(_ shellCommand: String) throws {
            let arguments = [tmux, "-S", socket, "-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "50", "-s", "ask",
                             shellCommand + "; echo EXITED=$?; sleep 600"]
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            // Signals as a terminal would have them: none blocked, default actions (the test process may differ).
            var signals = sigset_t()
            sigemptyset(&signals)
            posix_spawnattr_setsigmask(&attributes, &signals)
            var defaults = sigset_t()
            sigemptyset(&defaults)
            for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
            posix_spawnattr_setsigdefault(&attributes, &defaults)
            var flags = Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
            #if canImport(Glibc)
            // glibc 2.34+ has posix_spawn_file_actions_addclosefrom_np; Swift's Glibc module does not declare it.
            typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
            let symbol = try #require(dlsym(nil, "posix_spawn_file_actions_addclosefrom_np"),
                                      "this C library cannot close descriptors on spawn (glibc 2.34 or later is needed)")
            #expect(unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3) == 0)
            #else
            flags |= Int16(POSIX_SPAWN_CLOEXEC_DEFAULT)
            #endif
            posix_spawnattr_setflags(&attributes, flags)
            var argv = arguments.map { strdup($0) } + [nil]
            defer { for pointer in argv { free(pointer) } }
            var pid: pid_t = 0
            let spawned = posix_spawn(&pid, tmux, &actions, &attributes, &argv, environ)
            #expect(spawned == 0, "tmux could not be started: \(String(cString: strerror(spawned)))")
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            #expect(status == 0, "tmux new-session ended with status \(status)")
        }

        func send(_ keys: String...) throws { try command(["send-keys", "-t", "ask"] + keys) }

        /// Types a line and presses Enter.
        func type(_ line: String) throws {
            try command(["send-keys", "-t", "ask", "-l", line])
            try send("Enter")
        }

        /// Everything the pane has shown (wrapped lines joined), with escape sequences when `escapes`.
        func text(escapes: Bool = false) throws -> String {
            try command(["capture-pane", "-p", "-J", "-S", "-5000", "-t", "ask"] + (escapes ? ["-e"] : [])).stdout
        }

        /// Waits until the pane shows `expected` `times` times, polling with a generous bound so a busy
        /// machine slows the test down but cannot fail it.
        func waitFor(_ expected: String, times: Int = 1, seconds: Double = 60) throws {
            let deadline = Date().addingTimeInterval(seconds)
            var shown = ""
            while Date() < deadline {
                shown = try text()
                if shown.components(separatedBy: expected).count - 1 >= times { return }
                Thread.sleep(forTimeInterval: 0.2)
            }
            Issue.record("the pane never showed \(expected.debugDescription) \(times) time(s) in \(Int(seconds)) s; it shows:\n\(shown)")
            throw PaneTimeout()
        }

        /// Stops the server and waits (bounded) until its socket is gone, so the next `start` gets a new
        /// server rather than racing the old one's exit on a busy machine.
        func kill() {
            _ = try? command(["kill-server"])
            let deadline = Date().addingTimeInterval(30)
            while FileManager.default.fileExists(atPath: socket), Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
            try? FileManager.default.removeItem(atPath: socket)
        }
    }

    struct PaneTimeout: Error {}

    static func questionStates(_ evidence: String, framework: String? = nil) throws -> [String: String] {
        let listed = try CLI.run(["ask", evidence, "--list"] + (framework.map { ["--framework", $0] } ?? []))
        #expect(listed.status == 0, "\(listed.stderr)")
        var states: [String: String] = [:]
        for line in listed.stdout.split(separator: "\n") {
            let fields = line.split(separator: "\t").map(String.init)
            if fields.count == 3 { states[fields[0]] = fields[2] }
        }
        return states
    }

    @Test("through a terminal: answer, Ctrl-C half way, nothing lost; resume at the next question; finish an area and score it",
          .enabled(if: tmux != nil, "tmux is not installed: the pseudo-terminal test of 'assess ask' is skipped (apt-get install tmux)"))
    func interruptedAndResumed() throws {
        let (folder, evidence) = try Self.initialised()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try String(contentsOfFile: evidence, encoding: .utf8)
        let pane = Pane(tmux: try #require(Self.tmux), folder: folder)
        defer { pane.kill() }
        let binary = CLI.binary.path
        let command = "cd '\(folder.path)' && '\(binary)' ask council.yaml --area channel-shift"

        try pane.start("TERM=xterm " + command)
        try pane.waitFor("Statement volumes-counted")
        try pane.waitFor("Level 5 Leading:")
        try pane.type("y")
        try pane.waitFor("Statement reasons-known")
        try pane.type("maybe")
        try pane.waitFor("'maybe' is not yes or no")
        try pane.type("n")
        try pane.waitFor("Statement demand-analysis")
        try pane.type("?")
        try pane.waitFor("Recorded as don't know.")
        try pane.waitFor("Statement customer-insight")
        // Half way: Ctrl-C at the prompt.
        try pane.send("C-c")
        try pane.waitFor("EXITED=130")
        #expect(try pane.text().contains("Every answer given is saved"))

        // The answers file is whole and loads; the evidence file gained one line and lost nothing.
        let answers = try String(contentsOfFile: folder.appendingPathComponent("council.answers.yaml").path, encoding: .utf8)
        #expect(answers.contains("volumes-counted: yes") && answers.contains("reasons-known: no"), "\(answers)")
        #expect(answers.contains("dont-know:\n  - 'channel.demand-analysis/demand-analysis'"), "\(answers)")
        let after = try String(contentsOfFile: evidence, encoding: .utf8)
        #expect(after.hasPrefix(before))
        #expect(after.dropFirst(before.count).contains("\nanswers: council.answers.yaml\n"))
        let validated = try CLI.run(["validate", evidence])
        #expect(validated.status == 0, "\(validated.stdout)\(validated.stderr)")
        let states = try Self.questionStates(evidence)
        #expect(states["channel.demand-analysis/volumes-counted"] == "answered")
        #expect(states["channel.demand-analysis/demand-analysis"] == "don't know")
        #expect(states["channel.demand-analysis/customer-insight"] == "to ask")

        // Again, in a limited terminal: it resumes at the next unanswered question, with no escape codes.
        pane.kill()
        try pane.start("TERM=dumb " + command)
        try pane.waitFor("Statement customer-insight")
        #expect(try !pane.text().contains("Statement volumes-counted"))
        #expect(try !pane.text(escapes: true).contains("\u{1B}[1m"))
        for _ in 0..<5 { try pane.type("n") }
        try pane.waitFor("Fact channel.volumes")
        try pane.type("source measured Contact centre report 2025-26")
        try pane.waitFor("Noted for this answer: source measured")
        try pane.type("web: 52000, phone: 41000, face-to-face: 7000")
        // The area's standing in the words `assess score` uses: too little of it is answered for a level.
        try pane.waitFor("not enough evidence yet for a level")
        #expect(try !pane.text().contains("provisional level"))
        // Every line fits the 100-column pane (capture-pane -J joins lines the terminal had to wrap).
        for line in try pane.text().split(separator: "\n") { #expect(line.count <= 100, "wider than the terminal: \(line)") }
        // Everything else in the area: don't know, typed ahead (the terminal queues the lines).
        let remaining = try Self.questionStates(evidence).filter { $0.value == "to ask" && $0.key.hasPrefix("channel.") }.count
        #expect(remaining > 5)
        for _ in 0..<remaining { try pane.type("?") }
        try pane.waitFor("No more questions to ask.")
        try pane.waitFor("Next: assess score council.yaml")
        try pane.waitFor("EXITED=0")

        let score = try CLI.run(["score", evidence, "--format", "json"])
        #expect(score.status == 0, "\(score.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [String: Any])
        let dimensions = try #require(json["dimensions"] as? [[String: Any]])
        let channel = try #require(dimensions.first { $0["id"] as? String == "channel-shift" })
        #expect(((channel["coverage"] as? Double) ?? 0) > 0, "\(channel)")
        // Two criteria answered and the rest "don't know": too little of the area for a headline level
        // (docs/scoring.md §4), but the answers are scored and give a provisional one.
        #expect(channel["provisionalLevel"] is Int, "\(channel)")
        #expect(channel["status"] as? String == "not-enough-evidence", "\(channel)")
        let volumes = try String(contentsOfFile: folder.appendingPathComponent("council.answers.yaml").path, encoding: .utf8)
        #expect(volumes.contains("source: measured\n    reference: Contact centre report 2025-26"), "\(volumes)")
    }

    @Test("standard input that is not a terminal is refused with exit 64 and the scripted alternative")
    func refusesWithoutTerminal() throws {
        let (folder, evidence) = try Self.initialised()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["ask", evidence])
        #expect(result.status == 64)
        #expect(result.stderr.contains("standard input is not a terminal") && result.stderr.contains("--answers FILE"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("council.answers.yaml").path))
        let missing = try CLI.run(["ask", folder.appendingPathComponent("none.yaml").path])
        #expect(missing.status == 66 && missing.stderr.contains("assess init --output"))
        let area = try CLI.run(["ask", evidence, "--area", "nowhere"])
        #expect(area.status == 64 && area.stderr.contains("channel-shift"))
    }

    @Test("scripted answers: all saved, in every area, and scored; or none, with each problem's line")
    func scripted() throws {
        let (folder, evidence) = try Self.initialised()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try String(contentsOfFile: evidence, encoding: .utf8)
        let bad = folder.appendingPathComponent("bad.yaml").path
        try """
            engagement.resourcing-rating: 11
            channel.no-such-fact: 3
            channel.assisted-routes/phone-number-visible: perhaps
            content.style-guide: {answer: 1, source: guessed}
            """.write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["ask", evidence, "--answers", bad])
        #expect(refused.status == 65)
        for expected in ["bad.yaml:1:31: error: engagement.resourcing-rating: 11 is outside the range: give a number from 1 to 5",
                         "bad.yaml:2:1: error: No question has the id 'channel.no-such-fact'",
                         "bad.yaml:3:47: error: channel.assisted-routes/phone-number-visible: 'perhaps' is not yes or no",
                         "bad.yaml:4:42: error: content.style-guide: 'guessed' is not a source",
                         "nothing was saved"] {
            #expect(refused.stderr.contains(expected), "missing \(expected.debugDescription) in:\n\(refused.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("council.answers.yaml").path))
        #expect(try String(contentsOfFile: evidence, encoding: .utf8) == before)

        let good = folder.appendingPathComponent("good.yaml").path
        try """
            channel.user-research: {answer: supplier-forms, source: measured, reference: Staff survey 2025}
            engagement.resourcing-rating: 3
            mobile.device-testing: 2
            content.style-guide: 1
            inclusion.staff-confidence: "7"
            opendata.pathway-rating: "na we publish through the county's portal"
            opendata.identifiers: "?"
            """.write(toFile: good, atomically: true, encoding: .utf8)
        let saved = try CLI.run(["ask", evidence, "--answers", good])
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stdout.contains("Next: assess score"))
        let after = try String(contentsOfFile: evidence, encoding: .utf8)
        #expect(after.hasPrefix(before), "the person's file must keep every byte it had")
        let score = try CLI.run(["score", evidence, "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [String: Any])
        let dimensions = try #require(json["dimensions"] as? [[String: Any]])
        for id in ["channel-shift", "digital-engagement", "mobile", "content", "digital-inclusion"] {
            let coverage = dimensions.first { $0["id"] as? String == id }?["coverage"] as? Double
            #expect((coverage ?? 0) > 0, "\(id) has no coverage: \(score.stdout.prefix(400))")
        }
        // A second scripted run adds to the answers; the person's own value wins over the answers file.
        try after.replacingOccurrences(of: "  channel.user-research: ~", with: "  channel.user-research: feedback-only")
            .write(toFile: evidence, atomically: true, encoding: .utf8)
        let text = try CLI.run(["score", evidence, "--format", "json"]).stdout
        #expect(text.contains("\"fact\" : \"channel.user-research\"") || text.contains("\"fact\": \"channel.user-research\""))
        let states = try Self.questionStates(evidence)
        #expect(states["channel.user-research"] == "in evidence")
        #expect(states["opendata.identifiers"] == "don't know")
        #expect(states["opendata.pathway-rating"] == "answered")
    }
}
