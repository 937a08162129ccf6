/// Every English phrase of the questionnaire (`assess ask`), built from ids and arguments in this one place so
/// a web form or a Welsh translation can replace it. Rubric and evidence text is third parties' text: control
/// characters in it are turned into spaces (``clean(_:)``) before it reaches a terminal.
public enum QuestionnaireText {
    /// The widest line written.
    public static let width = EvidenceTemplate.width

    /// Text with control characters (escape sequences, carriage returns), line separators and bidirectional
    /// controls replaced by spaces, so rubric or evidence text cannot drive the terminal or reorder a line.
    public static func clean(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { isUnsafe($0) ? " " : $0 }))
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    // MARK: - A question

    /// The lines shown before a question: where it is, the criterion's question and guidance, what each
    /// level looks like (the first time a criterion is met), and the answers allowed.
    public static func question(_ question: Question, in questionnaire: Questionnaire, showCriterion: Bool,
                                catalog: MessageCatalog = .english) -> [String] {
        func say(_ id: MessageID, _ arguments: [(String, MessageArgument)] = []) -> String { catalog.render(Message(id, arguments)) }
        var lines: [String] = []
        let inArea = questionnaire.questions.filter { $0.areaID == question.areaID && !questionnaire.isNotAsked($0) }
        let answered = inArea.filter(questionnaire.isSettled).count
        lines.append("")
        lines += EvidenceTemplate.wrap(say(.askQuestionPosition, [("area", .text(clean(question.areaTitle))), ("number", .count(answered + 1)),
                                                                  ("total", .count(inArea.count))]), indent: "── ")
        let criterion = questionnaire.framework.allCriteria.first { $0.criterion.id == question.spec.criterionID }?.criterion
        if showCriterion, let criterion {
            lines += EvidenceTemplate.wrap(say(.askQuestionCriterion, [("title", .text(clean(criterion.title))), ("id", .text(clean(criterion.id)))]), indent: "")
            if !criterion.question.isEmpty { lines += EvidenceTemplate.wrap(clean(criterion.question), indent: "  ") }
            if !criterion.guidance.isEmpty {
                lines += EvidenceTemplate.wrap(say(.askQuestionGuidance, [("text", .text(clean(criterion.guidance)))]), indent: "  ")
            }
            let names = Dictionary(questionnaire.framework.scale.levels.map { ($0.level, $0.name) }, uniquingKeysWith: { a, _ in a })
            for level in criterion.levels.keys.sorted() {
                let text: MessageArgument = .text(clean(criterion.levels[level] ?? ""))
                let line = names[level].map { say(.askQuestionLevel, [("level", .count(level)), ("name", .text(clean($0))), ("text", text)]) }
                    ?? say(.askQuestionLevelUnnamed, [("level", .count(level)), ("text", text)])
                lines += EvidenceTemplate.wrap(line, indent: "  ", then: "    ")
            }
        }
        if let item = question.item {
            var arguments: [(String, MessageArgument)] = [("id", .text(clean(item.id))), ("label", .text(clean(item.label)))]
            let id: MessageID
            if let level = item.level {
                arguments.append(("level", .number(level, decimals: 2)))
                id = question.isStatement ? .askQuestionStatementLevel : .askQuestionItemLevel
            } else {
                id = question.isStatement ? .askQuestionStatement : .askQuestionItem
            }
            lines += EvidenceTemplate.wrap(say(id, arguments), indent: "")
            lines += EvidenceTemplate.wrap(say(question.isStatement ? .askQuestionStatementPrompt : .askQuestionItemPrompt), indent: "  ")
        } else {
            let asked = question.spec.question.isEmpty ? question.spec.help : question.spec.question
            if asked != criterion?.question || !showCriterion { lines += EvidenceTemplate.wrap(clean(asked), indent: "") }
            if question.spec.help != asked {
                lines += EvidenceTemplate.wrap(say(.askQuestionWhatToGive, [("text", .text(clean(question.spec.help)))]), indent: "  ")
            }
            lines += answerLines(question, guidance: criterion?.guidance ?? "", catalog: catalog)
            if let fallback = questionnaire.fallbackOption(question) {
                let label: (String, MessageArgument) = ("label", .text(clean(fallback.label)))
                let line = fallback.points.map { say(.askQuestionFallbackPoints, [label, ("points", .number($0, decimals: 2))]) }
                    ?? fallback.level.map { say(.askQuestionFallbackLevel, [label, ("level", .number($0, decimals: 2))]) }
                    ?? say(.askQuestionFallback, [label])
                lines += EvidenceTemplate.wrap(line, indent: "  ")
            }
            if let value = questionnaire.dontKnowOption(question) {
                lines += EvidenceTemplate.wrap(say(.askQuestionDontKnowOption, [("value", .text(clean(value)))]), indent: "  ")
            }
        }
        lines += EvidenceTemplate.wrap(say(.askQuestionFact, [("key", .text(clean(question.spec.key))),
                                                              ("readers", .text(question.readers.map(clean).joined(separator: ", ")))]), indent: "  ")
        return lines
    }

    /// The answers a question takes, numbered where there is a list to choose from.
    static func answerLines(_ question: Question, guidance: String, catalog: MessageCatalog = .english) -> [String] {
        func say(_ id: MessageID, _ arguments: [(String, MessageArgument)] = []) -> String { catalog.render(Message(id, arguments)) }
        var lines: [String] = []
        switch question.form {
        case .number, .text, .date, .yesNo:
            lines += EvidenceTemplate.wrap(say(.askAnswerForm, [("form", .text(EvidenceTemplate.summary(question.form)))]), indent: "  ")
        case .options(let choices):
            lines += EvidenceTemplate.wrap(say(.askAnswerOneOf), indent: "  ")
            lines += numbered(choices, catalog: catalog)
        case .list(let choices), .checklist(let choices), .statements(let choices):
            lines += EvidenceTemplate.wrap(say(choices.isEmpty ? .askAnswerIDs : .askAnswerIDsListed), indent: "  ")
            lines += numbered(choices, catalog: catalog)
        case .breakdown(let of, let unit, let keys):
            let example: MessageArgument = .text(keys.isEmpty ? "web: 1200, phone: 3400" : keys.map { "\($0.id): N" }.joined(separator: ", "))
            let line = unit.map { say(.askAnswerBreakdownUnit, [("unit", .text($0)), ("of", .text(of)), ("example", example)]) }
                ?? say(.askAnswerBreakdown, [("of", .text(of)), ("example", example)])
            lines += EvidenceTemplate.wrap(line, indent: "  ")
        case .exportFile(let formats):
            lines += EvidenceTemplate.wrap(fileLine(formats, plain: .askAnswerFile, withKinds: .askAnswerFileKinds, catalog: catalog), indent: "  ")
        }
        if let formats = question.fileFormats, question.item == nil, question.form.name != "export-file" {
            lines += EvidenceTemplate.wrap(fileLine(formats, plain: .askAnswerOrFile, withKinds: .askAnswerOrFileKinds, catalog: catalog), indent: "  ")
        }
        if let formats = question.fileFormats {
            for format in formats where !format.sample.isEmpty {
                lines += EvidenceTemplate.wrap(say(.askAnswerSample, [("format", .text(format.name))]), indent: "    ")
                for sample in format.sample.split(separator: "\n").prefix(3) { lines.append(EvidenceTemplate.clip("      " + clean(String(sample)))) }
            }
        }
        // The source is worth showing unless it is only the guidance's first sentence, shown above.
        if let source = question.spec.source, source != Criterion.firstSentence(guidance) {
            lines += EvidenceTemplate.wrap(say(.askAnswerWhere, [("text", .text(clean(source)))]), indent: "  ")
        }
        return lines
    }

    /// "Answer: the path of an export file (CSV, JSON), relative to the evidence file", or without kinds.
    private static func fileLine(_ formats: [ExportFormat], plain: MessageID, withKinds: MessageID, catalog: MessageCatalog) -> String {
        let names = formats.map(\.name)
        return names.isEmpty ? catalog.render(Message(plain))
            : catalog.render(Message(withKinds, [("kinds", .text(names.joined(separator: ", ")))]))
    }

    private static func numbered(_ choices: [Choice], catalog: MessageCatalog) -> [String] {
        choices.enumerated().flatMap { index, choice in
            var arguments: [(String, MessageArgument)] = [("number", .count(index + 1)), ("id", .text(clean(choice.id)))]
            // A label that only repeats the value ("Yes: Yes") is not shown twice.
            let labelled = choice.label != choice.id
            if labelled { arguments.append(("label", .text(clean(choice.label)))) }
            let id: MessageID
            if let points = choice.points {
                arguments.append(("points", .number(points, decimals: 2)))
                id = labelled ? .askChoicePointsLabel : .askChoicePoints
            } else if let level = choice.level {
                arguments.append(("level", .number(level, decimals: 2)))
                id = labelled ? .askChoiceLevelLabel : .askChoiceLevel
            } else {
                id = labelled ? .askChoiceLabel : .askChoice
            }
            return EvidenceTemplate.wrap(catalog.render(Message(id, arguments)), indent: "    ", then: "       ")
        }
    }

    /// Why question logic leaves a question out, in words: "q74 is Q74.1".
    public static func notAsked(_ skip: LogicSkip, catalog: MessageCatalog = .english) -> String {
        switch skip {
        case .parentIs(let parent, let answer):
            return catalog.render(Message(.askNotAskedParentIs, [("parent", .text(clean(parent))), ("answer", .text(clean(answer)))]))
        case .parentUnanswered(let parent): return catalog.render(Message(.askNotAskedParentUnanswered, [("parent", .text(clean(parent)))]))
        case .parentNotAsked(let parent): return catalog.render(Message(.askNotAskedParentNotAsked, [("parent", .text(clean(parent)))]))
        }
    }

    /// Where a question stands, as `assess ask --list` shows it: in evidence, answered, not asked and why,
    /// don't know, skipped, or to ask.
    public static func listState(_ question: Question, in questionnaire: Questionnaire, catalog: MessageCatalog = .english) -> String {
        func say(_ id: MessageID, _ arguments: [(String, MessageArgument)] = []) -> String { catalog.render(Message(id, arguments)) }
        let skip = questionnaire.notAsked[question.id].map { notAsked($0, catalog: catalog) }
        let reason: [(String, MessageArgument)] = [("reason", .text(skip ?? ""))]
        let dontKnow = questionnaire.answers.dontKnow.contains(question.id)
        if questionnaire.isAnsweredInEvidence(question) { return say(skip != nil ? .askListInEvidenceNotAsked : .askListInEvidence, reason) }
        if questionnaire.hasStaleAnswer(question) { return say(.askListAnsweredNotAsked, reason) }
        if skip != nil { return say(.askListNotAsked, reason) }
        if dontKnow && questionnaire.dontKnowOption(question) != nil { return say(.askListDontKnow) }
        if questionnaire.isAnswered(question) { return say(.askListAnswered) }
        if dontKnow { return say(.askListDontKnow) }
        return say(questionnaire.answers.skipped.contains(question.id) ? .askListSkipped : .askListToAsk)
    }

    /// The first line of a session.
    public static func opening(_ questionnaire: Questionnaire, answersPath: String, catalog: MessageCatalog = .english) -> String {
        catalog.render(Message(.askOpening, [("organisation", .text(clean(questionnaire.evidence.organisation.name))),
                                             ("path", .text(clean(answersPath)))]))
    }

    /// What an answer changed in the questions still to ask: how many question logic now leaves out, or
    /// opens again; nil when none.
    public static func logicChange(leftOut: Int, opened: Int, catalog: MessageCatalog = .english) -> String? {
        switch (leftOut > 0, opened > 0) {
        case (true, true): return catalog.render(Message(.askLogicBoth, [("leftOut", .count(leftOut)), ("opened", .count(opened))]))
        case (true, false): return catalog.render(Message(.askLogicLeftOut, [("count", .count(leftOut))]))
        case (false, true): return catalog.render(Message(.askLogicOpened, [("count", .count(opened))]))
        case (false, false): return nil
        }
    }

    /// The prompt's reminder of the commands.
    public static var commands: String { commands() }

    /// The prompt's reminder of the commands, in a catalogue's language.
    public static func commands(catalog: MessageCatalog = .english) -> String { catalog.render(Message(.askCommands)) }

    /// The help shown for `h`.
    public static var help: [String] { help() }

    /// The help shown for `h`, a line each, in a catalogue's language.
    public static func help(catalog: MessageCatalog = .english) -> [String] {
        catalog.render(Message(.askHelp)).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    // MARK: - Replies

    /// Why an answer was refused, and what to type instead.
    public static func problem(_ problem: AnswerProblem, catalog: MessageCatalog = .english) -> String {
        func say(_ id: MessageID, _ arguments: [(String, MessageArgument)] = []) -> String { catalog.render(Message(id, arguments)) }
        switch problem {
        case .empty: return say(.askProblemEmpty)
        case .notANumber(let text):
            if text.hasSuffix("%") {
                return say(.askProblemPercent, [("text", .text(clean(text))),
                                                ("number", .text(clean(String(text.dropLast()).trimmingCharacters(in: .whitespaces))))])
            }
            return say(.askProblemNotANumber, [("text", .text(clean(text)))])
        case .outOfRange(let text, let min, let max, let unit):
            let unitText: MessageArgument = .text(unit.map { $0 == "%" ? "%" : " " + $0 } ?? "")
            let value: MessageArgument = .text(clean(text))
            switch (min, max) {
            case (let low?, let high?):
                return say(.askProblemBetween, [("text", value), ("low", .text(Format.number(low))), ("high", .text(Format.number(high))), ("unit", unitText)])
            case (let low?, nil): return say(.askProblemBelow, [("text", value), ("low", .text(Format.number(low))), ("unit", unitText)])
            case (nil, let high?): return say(.askProblemAbove, [("text", value), ("high", .text(Format.number(high))), ("unit", unitText)])
            case (nil, nil): return say(.askProblemOutOfRange, [("text", value)])
            }
        case .notYesNo(let text): return say(.askProblemNotYesNo, [("text", .text(clean(text)))])
        case .notADate(let text): return say(.askProblemNotADate, [("text", .text(clean(text)))])
        case .unknownChoice(let text, let count): return say(.askProblemUnknownChoice, [("text", .text(clean(text))), ("count", .count(count))])
        case .unknownIDs(let ids): return say(.askProblemUnknownIDs, [("ids", .text(ids.map(clean).joined(separator: ", ")))])
        case .badBreakdownEntry(let entry): return say(.askProblemBreakdownEntry, [("entry", .text(clean(entry)))])
        case .reasonNeeded: return say(.askProblemReasonNeeded)
        case .emptyNote: return say(.askProblemEmptyNote)
        case .fileNeeded: return say(.askProblemFileNeeded)
        case .fileNotAccepted: return say(.askProblemFileNotAccepted)
        case .fileMissing(let path): return say(.askProblemFileMissing, [("path", .text(clean(path)))])
        case .wrongFileType(let path, let expected):
            return say(.askProblemWrongFileType, [("path", .text(clean(path))), ("extensions", .text(expected.joined(separator: ", .")))])
        case .unknownSource(let kind): return say(.askProblemUnknownSource, [("kind", .text(clean(kind)))])
        case .unknownQuestion(let id): return say(.askProblemUnknownQuestion, [("id", .text(clean(id)))])
        case .rejected(let diagnostic):
            if let hint = diagnostic.hint {
                return say(.askProblemRejectedHint, [("message", .text(clean(diagnostic.message))), ("hint", .text(clean(hint)))])
            }
            return say(.askProblemRejected, [("message", .text(clean(diagnostic.message)))])
        }
    }

    /// What was recorded.
    public static func outcome(_ outcome: AnswerOutcome, catalog: MessageCatalog = .english) -> String {
        switch outcome {
        case .saved: return catalog.render(Message(.askOutcomeSaved))
        case .dontKnow: return catalog.render(Message(.askOutcomeDontKnow))
        case .notApplicable: return catalog.render(Message(.askOutcomeNotApplicable))
        case .skipped: return catalog.render(Message(.askOutcomeSkipped))
        }
    }

    /// A note or source noted for the answer about to be given.
    public static func noted(_ attribution: Attribution, catalog: MessageCatalog = .english) -> String {
        var arguments: [(String, MessageArgument)] = [("source", .text(attribution.source.rawValue))]
        if let reference = attribution.reference { arguments.append(("reference", .text(clean(reference)))) }
        if let note = attribution.note { arguments.append(("note", .text(clean(note)))) }
        let id: MessageID = switch (attribution.reference != nil, attribution.note != nil) {
        case (true, true): .askNotedReferenceNote
        case (true, false): .askNotedReference
        case (false, true): .askNotedNote
        case (false, false): .askNoted
        }
        return catalog.render(Message(id, arguments))
    }

    // MARK: - Progress and summary

    /// One area's progress and its level so far, in the words `assess score` would use: a level, a level
    /// marked unverified, or not enough evidence yet (docs/scoring.md). Its clauses are messages; only the
    /// separators (", " and " · ") are joined here.
    public static func progress(_ area: AreaProgress, scale: Scale, catalog: MessageCatalog = .english) -> String {
        func say(_ id: MessageID, _ arguments: [(String, MessageArgument)] = []) -> String { catalog.render(Message(id, arguments)) }
        var counts = [say(.askProgressAnswered, [("area", .text(clean(area.title))), ("answered", .count(area.answered)), ("total", .count(area.total))])]
        if area.dontKnow > 0 { counts.append(say(.askProgressDontKnow, [("count", .count(area.dontKnow))])) }
        if area.notAsked > 0 { counts.append(say(.askProgressNotAsked, [("count", .count(area.notAsked))])) }
        let assessed = area.coverage.map { " " + say(.askProgressCoverage, [("percent", .percent($0))]) } ?? ""
        let state: String
        switch (area.status, area.level) {
        case (nil, _):
            state = say(.askProgressNotAssessed)
        case (.notEnoughEvidence?, _), (_, nil):
            state = say(.askProgressNotEnough) + assessed
        case (let status?, let level?):
            let name = scale.levels.first { $0.level == level }.map { clean($0.name) } ?? ""
            let arguments: [(String, MessageArgument)] = [("level", .count(level)), ("name", .text(name))]
            state = say(status == .unverified ? .askProgressLevelUnverified : .askProgressLevel, arguments)
                .replacingOccurrences(of: "  ", with: " ") + assessed
        }
        return counts.joined(separator: ", ") + " · " + state
    }

    /// How a questionnaire session ended.
    public enum Ending: Sendable, Hashable {
        /// Every question in scope is settled (or skipped twice).
        case finished
        /// The person stopped (q, end of input).
        case stopped
        /// Answers were taken from a file: how many.
        case scripted(Int)
    }

    /// The summary at the end, with the next command to run.
    /// `framework` is the `--framework` the questions came from, repeated in the next command (nil: built in).
    public static func summary(_ questionnaire: Questionnaire, evidencePath: String, answersPath: String, ending: Ending,
                               framework: String? = nil, catalog: MessageCatalog = .english) -> [String] {
        func say(_ id: MessageID, _ arguments: [(String, MessageArgument)] = []) -> String { catalog.render(Message(id, arguments)) }
        var lines = [""]
        switch ending {
        case .finished: lines.append(say(.askSummaryFinished))
        case .stopped: lines.append(say(.askSummaryStopped))
        case .scripted(let count): lines.append(say(.askSummaryScripted, [("count", .count(count))]))
        }
        for area in questionnaire.progress() {
            lines += EvidenceTemplate.wrap(progress(area, scale: questionnaire.framework.scale, catalog: catalog), indent: "  ")
        }
        let skipped = questionnaire.questions.filter { questionnaire.answers.skipped.contains($0.id) && !questionnaire.isSettled($0) }.count
        if skipped > 0 { lines.append("  " + say(.askSummarySkipped, [("count", .count(skipped))])) }
        let stale = questionnaire.questions.filter(questionnaire.hasStaleAnswer).count
        if stale > 0 { lines += EvidenceTemplate.wrap("  " + say(.askSummaryStale, [("count", .count(stale))]), indent: "", then: "    ") }
        let unknown = questionnaire.answers.dontKnow.count
        if unknown > 0 { lines.append("  " + say(.askSummaryDontKnow, [("count", .count(unknown))])) }
        lines += EvidenceTemplate.wrap(say(.askSummaryAnswersIn, [("path", .text(clean(answersPath)))]), indent: "")
        let next = framework.map { say(.askSummaryNextFramework, [("path", .text(clean(evidencePath))), ("framework", .text(clean($0)))]) }
            ?? say(.askSummaryNext, [("path", .text(clean(evidencePath)))])
        lines += EvidenceTemplate.wrap(next, indent: "")
        return lines
    }
}
