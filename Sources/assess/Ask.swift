import ArgumentParser
import AssessCore
import AssessKit
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Assess {
    /// `assess ask`: the questionnaire in the terminal. The questions, checks, facts and progress come from
    /// AssessCore's `Questionnaire`; this file only reads lines and prints.
    struct Ask: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Answer the framework's questions in the terminal; the answers are saved as you go.",
            discussion: """
                Answers go to NAME.answers.yaml beside the evidence file (written whole after every answer), and \
                the evidence file gets one 'answers:' line naming it; nothing else in it is changed. A fact \
                written in the evidence file wins over the same fact in the answers file. Stop at any time \
                (q, Ctrl-D or Ctrl-C): running the command again resumes at the next unanswered question. \
                Without a terminal, give the answers with --answers FILE (see docs/self-assessment.md).
                """)

        @Argument(help: ArgumentHelp("The evidence file (made with 'assess init --output FILE').", valueName: "evidence"))
        var evidence: String

        @Option(name: .long, help: ArgumentHelp("Answer only this area's questions (a dimension id, such as channel-shift).", valueName: "id"))
        var area: String?

        @Flag(name: .long, help: "Ask again the questions answered \"don't know\".")
        var revisit = false

        @Option(name: .long, help: ArgumentHelp("Take the answers from this YAML file (question id: answer, as typed) instead of the terminal.", valueName: "file"))
        var answers: String?

        @Flag(name: .long, help: "List the question ids and whether each is answered, then stop.")
        var list = false

        @Flag(name: .long, help: "Plain output: no bold or colour (also when TERM=dumb or NO_COLOR is set).")
        var plain = false

        @OptionGroup var frameworkOptions: FrameworkOptions

        func run() throws {
            try CLIFailure.run {
                let framework = try frameworkOptions.load(evidence: evidence)
                defer { FrameworkOptions.finish(framework) }
                if let area, !framework.dimensions.contains(where: { $0.rubric.id == area }) {
                    Output.error("error: no area '\(QuestionnaireText.clean(area))'; the areas are \(framework.dimensions.map(\.rubric.id).joined(separator: ", "))")
                    throw CLIFailure(code: ExitStatus.usage)
                }
                guard FileReader.exists(evidence) else {
                    Output.error("\(evidence): error: no such evidence file; create one with 'assess init --output \(evidence)'")
                    throw CLIFailure(code: ExitStatus.noInput)
                }
                let own: Evidence
                do throws(LoadError) { own = try EvidenceLoader(readsAnswers: false).load(path: evidence) } catch { throw CLIFailure(error) }
                let answersPath = own.answersFile ?? AnswerSet.defaultPath(forEvidence: evidence)
                var given = AnswerSet()
                if FileReader.exists(answersPath) {
                    do throws(LoadError) { given = try AnswerSet.load(path: answersPath).answers } catch { throw CLIFailure(error) }
                }
                var session = AskSession(
                    questionnaire: Questionnaire(framework: framework, evidence: own, answers: given, answersPath: answersPath,
                                                 area: area, revisit: revisit),
                    evidencePath: evidence, answersPath: answersPath, linked: own.answersFile != nil,
                    frameworkReference: frameworkOptions.framework)
                if list { return session.list() }
                if let answers { return try session.scripted(answers) }
                guard isatty(STDIN_FILENO) == 1 else {
                    Output.error("error: standard input is not a terminal, so 'assess ask' cannot ask its questions; run it in a terminal, or give the answers in a file with --answers FILE (see docs/self-assessment.md)")
                    throw CLIFailure(code: ExitStatus.usage)
                }
                let environment = ProcessInfo.processInfo.environment
                session.styled = !plain && environment["TERM"] != "dumb" && environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
                try session.interactive()
            }
        }
    }
}

/// One run of `assess ask`: the questionnaire, and where its answers are saved.
struct AskSession {
    var questionnaire: Questionnaire
    let evidencePath: String
    let answersPath: String
    /// Whether the evidence file already names the answers file.
    var linked: Bool
    /// The `--framework` the questions come from, repeated in the next command; nil for the built-in one.
    var frameworkReference: String?
    var styled = false

    // MARK: - Saving

    /// Writes the answers file whole (temporary file, then rename), then makes sure the evidence names it.
    mutating func save() throws {
        let name = (evidencePath as NSString).lastPathComponent
        try Output.writeAtomically(questionnaire.renderedAnswers(evidenceName: name), to: answersPath, inputs: [evidencePath])
        if !linked { try link() }
    }

    /// Adds `answers: NAME.answers.yaml` at the end of the evidence file, leaving every other byte as it was
    /// (comments, key order, layout). The new text is read back first; if it would not load, the file is
    /// left alone and the user is told which line to add.
    mutating func link() throws {
        linked = true
        let relative = answersPath.hasPrefix(FileReader.folder(of: evidencePath) + "/") || FileReader.folder(of: evidencePath) == "."
            ? (answersPath as NSString).lastPathComponent : answersPath
        let line = "answers: \(relative)"
        guard let data = FileManager.default.contents(atPath: evidencePath), var text = String(data: data, encoding: .utf8) else {
            Output.error("\(evidencePath): warning: cannot read the evidence file to name the answers file; add the line '\(line)' to it")
            return
        }
        let body = text.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        text += "\n# The answers given with 'assess ask'. A fact written in this file wins over the same fact there.\n\(line)\n"
        let readsBack: Bool
        if body?.trimmingCharacters(in: .whitespaces).hasPrefix("{") ?? true {
            readsBack = false
        } else if let document = try? YAMLParser.parse(text, file: evidencePath), document.problems.isEmpty,
                  (try? EvidenceLoader(readsAnswers: false).decode(document))?.answersFile != nil {
            readsBack = true
        } else {
            readsBack = false
        }
        guard readsBack else {
            Output.error("\(evidencePath): warning: the answers are saved in \(answersPath), but 'assess score' reads them only when the evidence file names them; add \(body?.hasPrefix("{") ?? false ? "\"answers\": \"\(relative)\"" : "the line '\(line)'") to it")
            return
        }
        // The evidence file is rewritten on purpose here (one line added), so it is not an input to protect.
        try Output.writeAtomically(text, to: evidencePath, inputs: [])
    }

    // MARK: - Listing and scripted answers

    func list() {
        for question in questionnaire.questions {
            Output.out("\(question.id)\t\(question.areaID)\t\(QuestionnaireText.listState(question, in: questionnaire))\n")
        }
    }

    /// Applies every answer in a YAML file (`id: answer` as typed, or `id: {answer:, source:, reference:,
    /// note:}`), in order, all or nothing: any problem is reported with its line and nothing is saved.
    mutating func scripted(_ path: String) throws {
        let document: YAMLDocument
        do throws(LoadError) { document = try FileReader.parse(path) } catch { throw CLIFailure(error) }
        var problems: [Diagnostic] = document.problems
        var applied: [(id: String, location: SourceLocation)] = []
        guard let pairs = document.root?.pairs else {
            Output.error("\(path):1:1: error: the answers must be a mapping of question ids to answers; 'assess ask EVIDENCE --list' shows the ids")
            throw CLIFailure(code: ExitStatus.dataError)
        }
        for pair in pairs {
            let id = pair.key.scalar?.text ?? ""
            var attribution = Attribution()
            var typed: String?
            if let scalar = pair.value.scalar {
                typed = scalar.text
            } else if let fields = pair.value.pairs {
                for field in fields {
                    let text = field.value.scalar?.text ?? ""
                    switch field.key.scalar?.text {
                    case "answer": typed = text
                    case "reference": attribution.reference = text
                    case "note": attribution.note = text
                    case "source":
                        guard let source = Provenance(rawValue: text) else {
                            problems.append(document.diagnostic("\(id): " + QuestionnaireText.problem(.unknownSource(text)), at: field.value.location))
                            continue
                        }
                        attribution.source = source
                    default:
                        problems.append(document.diagnostic("\(id): unknown key '\(QuestionnaireText.clean(field.key.scalar?.text ?? ""))'", at: field.key.location,
                                                            hint: "use answer, source, reference and note"))
                    }
                }
            }
            guard let question = questionnaire.question(id: id) else {
                problems.append(document.diagnostic(QuestionnaireText.problem(.unknownQuestion(id)), at: pair.key.location))
                continue
            }
            guard let typed else {
                problems.append(document.diagnostic("\(id): no answer given", at: pair.value.location, hint: "write the answer as you would type it"))
                continue
            }
            switch Command.parse(typed) {
            case .success(.reply(let reply)):
                if case .failure(let problem) = questionnaire.answer(reply, to: question, attribution: attribution) {
                    problems.append(document.diagnostic("\(id): " + QuestionnaireText.problem(problem), at: pair.value.location))
                } else {
                    applied.append((id, pair.key.location))
                }
            case .success:
                problems.append(document.diagnostic("\(id): '\(QuestionnaireText.clean(typed))' is a command, not an answer", at: pair.value.location))
            case .failure(let problem):
                problems.append(document.diagnostic("\(id): " + QuestionnaireText.problem(problem), at: pair.value.location))
            }
        }
        if !problems.isEmpty {
            Output.diagnostics(problems)
            Output.error("\(path): error: nothing was saved; correct the answers above and run it again")
            throw CLIFailure(code: ExitStatus.dataError)
        }
        try save()
        // An answer to a question that question logic leaves out, once every answer is in, is kept (the parent's
        // answer may change back) but not scored: say so at its line rather than let it pass silently.
        let leftOut = applied.compactMap { answer in
            questionnaire.notAsked[answer.id].map { reason in
                document.diagnostic("\(answer.id): saved, but not asked: \(QuestionnaireText.notAsked(reason)); it is not scored while that holds",
                                    at: answer.location, severity: .warning)
            }
        }
        if !leftOut.isEmpty { Output.diagnostics(leftOut) }
        Output.out(QuestionnaireText.summary(questionnaire, evidencePath: evidencePath, answersPath: answersPath, ending: .scripted(pairs.count),
                                             framework: frameworkReference)
            .joined(separator: "\n") + "\n")
    }

    // MARK: - The terminal

    /// Asks question after question, a line at a time (the terminal's own line editing; works with
    /// TERM=dumb), saving after every accepted answer.
    mutating func interactive() throws {
        Terminal.stopCleanly(on: SIGINT, styled: styled)
        say(QuestionnaireText.opening(questionnaire, answersPath: answersPath))
        say(QuestionnaireText.commands)
        for area in questionnaire.progress() { say("  " + QuestionnaireText.progress(area, scale: questionnaire.framework.scale)) }
        var shownCriterion: String?
        var stopped = false
        ask: while let question = questionnaire.next() {
            let lines = QuestionnaireText.question(question, in: questionnaire, showCriterion: shownCriterion != question.spec.criterionID)
            shownCriterion = question.spec.criterionID
            for (index, line) in lines.enumerated() { say(index == 1 ? bold(line) : line) }
            var attribution = Attribution()
            while true {
                Output.out("> ")
                guard let line = readLine() else {
                    stopped = true
                    Output.out("\n")
                    break ask
                }
                switch Command.parse(line) {
                case .failure(let problem):
                    say(QuestionnaireText.problem(problem))
                case .success(.quit):
                    stopped = true
                    break ask
                case .success(.help):
                    QuestionnaireText.help.forEach { say($0) }
                case .success(.note(let note)):
                    attribution.note = note
                    say(QuestionnaireText.noted(attribution))
                case .success(.source(let source, let reference)):
                    attribution.source = source
                    if let reference { attribution.reference = reference }
                    say(QuestionnaireText.noted(attribution))
                case .success(.reply(let reply)):
                    let before = Set(questionnaire.notAsked.keys)
                    switch questionnaire.answer(reply, to: question, attribution: attribution) {
                    case .failure(let problem):
                        say(QuestionnaireText.problem(problem))
                        continue
                    case .success(let outcome):
                        let leftOut = Set(questionnaire.notAsked.keys).subtracting(before)
                        let opened = before.subtracting(questionnaire.notAsked.keys)
                        // Ctrl-C while saving waits until the files are in place, so no temporary file is left.
                        try Terminal.holdingInterrupts { try save() }
                        let area = questionnaire.progress().first { $0.id == question.areaID }
                        say(QuestionnaireText.outcome(outcome) + (area.map { " " + QuestionnaireText.progress($0, scale: questionnaire.framework.scale) } ?? ""))
                        if let change = QuestionnaireText.logicChange(leftOut: leftOut.count, opened: opened.count) { say(change) }
                        continue ask
                    }
                }
            }
        }
        QuestionnaireText.summary(questionnaire, evidencePath: evidencePath, answersPath: answersPath, ending: stopped ? .stopped : .finished,
                                  framework: frameworkReference).forEach { say($0) }
    }

    /// Prints a line wrapped to the terminal's width (continuation lines indented), so no line is wider.
    private func say(_ line: String) {
        let width = Output.width()
        for part in line.split(separator: "\n", omittingEmptySubsequences: false) {
            let text = String(part)
            let lines = TextLayout.columns(text) <= width ? [text] : TextLayout.wrap(text, width: width, then: "  ")
            Output.out(lines.joined(separator: "\n") + "\n")
        }
    }

    private func bold(_ line: String) -> String { styled ? "\u{1B}[1m" + line + "\u{1B}[0m" : line }
}

/// The little the questionnaire needs from the terminal: it reads whole lines in the terminal's normal
/// (canonical) mode, so the terminal's settings are never changed and need no restoring; Ctrl-C only has to
/// end the styling and say that nothing was lost.
enum Terminal {
    /// Runs `body` with SIGINT held back; one that arrives meanwhile is delivered when it ends.
    static func holdingInterrupts<T>(_ body: () throws -> T) rethrows -> T {
        var held = sigset_t(), previous = sigset_t()
        sigemptyset(&held)
        sigaddset(&held, SIGINT)
        sigprocmask(SIG_BLOCK, &held, &previous)
        defer { sigprocmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }

    static func stopCleanly(on signalNumber: Int32, styled: Bool) {
        // A parent may have blocked the signal; Ctrl-C must still stop the questionnaire.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, signalNumber)
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        // Only async-signal-safe calls in a handler: write(2) and _exit(2). Styled output first ends any bold.
        if styled {
            signal(signalNumber) { _ in
                let message: StaticString = "\u{1B}[0m\nStopped. Every answer given is saved; run the same command again to carry on.\n"
                message.withUTF8Buffer { buffer in _ = write(STDOUT_FILENO, buffer.baseAddress, buffer.count) }
                _exit(130)
            }
        } else {
            signal(signalNumber) { _ in
                let message: StaticString = "\nStopped. Every answer given is saved; run the same command again to carry on.\n"
                message.withUTF8Buffer { buffer in _ = write(STDOUT_FILENO, buffer.baseAddress, buffer.count) }
                _exit(130)
            }
        }
    }
}
