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
    public static func question(_ question: Question, in questionnaire: Questionnaire, showCriterion: Bool) -> [String] {
        var lines: [String] = []
        let inArea = questionnaire.questions.filter { $0.areaID == question.areaID && !questionnaire.isNotAsked($0) }
        let answered = inArea.filter(questionnaire.isSettled).count
        lines.append("")
        lines += EvidenceTemplate.wrap("\(clean(question.areaTitle)) · question \(answered + 1) of \(inArea.count)", indent: "── ")
        let criterion = questionnaire.framework.allCriteria.first { $0.criterion.id == question.spec.criterionID }?.criterion
        if showCriterion, let criterion {
            lines += EvidenceTemplate.wrap(clean(criterion.title) + " [\(clean(criterion.id))]", indent: "")
            if !criterion.question.isEmpty { lines += EvidenceTemplate.wrap(clean(criterion.question), indent: "  ") }
            if !criterion.guidance.isEmpty { lines += EvidenceTemplate.wrap("Guidance: " + clean(criterion.guidance), indent: "  ") }
            let names = Dictionary(questionnaire.framework.scale.levels.map { ($0.level, $0.name) }, uniquingKeysWith: { a, _ in a })
            for level in criterion.levels.keys.sorted() {
                let name = names[level].map { " " + clean($0) } ?? ""
                lines += EvidenceTemplate.wrap("Level \(level)\(name): " + clean(criterion.levels[level] ?? ""), indent: "  ", then: "    ")
            }
        }
        if let item = question.item {
            let kind = question.isStatement ? "Statement" : "Item"
            let worth = item.level.map { " (level \(Format.number($0)))" } ?? ""
            lines += EvidenceTemplate.wrap("\(kind) \(clean(item.id))\(worth): \(clean(item.label))", indent: "")
            lines += EvidenceTemplate.wrap(question.isStatement ? "Is this true of your organisation? yes or no"
                                                                : "Is this in place? yes or no", indent: "  ")
        } else {
            let asked = question.spec.question.isEmpty ? question.spec.help : question.spec.question
            if asked != criterion?.question || !showCriterion { lines += EvidenceTemplate.wrap(clean(asked), indent: "") }
            if question.spec.help != asked { lines += EvidenceTemplate.wrap("What to give: " + clean(question.spec.help), indent: "  ") }
            lines += answerLines(question, guidance: criterion?.guidance ?? "")
            if let fallback = questionnaire.fallbackOption(question) {
                let worth = fallback.points.map { " (\(Format.number($0)) point\($0 == 1 ? "" : "s"))" } ?? fallback.level.map { " (level \(Format.number($0)))" } ?? ""
                lines += EvidenceTemplate.wrap("Or any other answer, typed as it is: it counts as \"\(clean(fallback.label))\"\(worth).", indent: "  ")
            }
            if let value = questionnaire.dontKnowOption(question) {
                lines += EvidenceTemplate.wrap("? saves the answer \"\(clean(value))\", which this method counts as don't know.", indent: "  ")
            }
        }
        lines += EvidenceTemplate.wrap("Fact \(clean(question.spec.key)), read by \(question.readers.map(clean).joined(separator: ", ")).", indent: "  ")
        return lines
    }

    /// The answers a question takes, numbered where there is a list to choose from.
    static func answerLines(_ question: Question, guidance: String) -> [String] {
        var lines: [String] = []
        switch question.form {
        case .number, .text, .date, .yesNo:
            lines += EvidenceTemplate.wrap("Answer: " + EvidenceTemplate.summary(question.form), indent: "  ")
        case .options(let choices):
            lines += EvidenceTemplate.wrap("Answer: the number or id of one of these:", indent: "  ")
            lines += numbered(choices)
        case .list(let choices), .checklist(let choices), .statements(let choices):
            lines += EvidenceTemplate.wrap(choices.isEmpty ? "Answer: ids separated by commas, or 'none'"
                                                           : "Answer: the numbers or ids that apply, separated by commas, or 'none':", indent: "  ")
            lines += numbered(choices)
        case .breakdown(let of, let unit, let keys):
            let names = keys.isEmpty ? "web: 1200, phone: 3400" : keys.map { "\($0.id): N" }.joined(separator: ", ")
            lines += EvidenceTemplate.wrap("Answer: a number\(unit.map { " (\($0))" } ?? "") for each \(of), such as \(names)", indent: "  ")
        case .exportFile(let formats):
            lines += EvidenceTemplate.wrap("Answer: the path of an export file" + fileKinds(formats), indent: "  ")
        }
        if let formats = question.fileFormats, question.item == nil, question.form.name != "export-file" {
            lines += EvidenceTemplate.wrap("Or: 'file PATH' for an export file" + fileKinds(formats), indent: "  ")
        }
        if let formats = question.fileFormats {
            for format in formats where !format.sample.isEmpty {
                lines += EvidenceTemplate.wrap("\(format.name) starts like:", indent: "    ")
                for sample in format.sample.split(separator: "\n").prefix(3) { lines.append(EvidenceTemplate.clip("      " + clean(String(sample)))) }
            }
        }
        // The source is worth showing unless it is only the guidance's first sentence, shown above.
        if let source = question.spec.source, source != Criterion.firstSentence(guidance) { lines += EvidenceTemplate.wrap("Where to find it: " + clean(source), indent: "  ") }
        return lines
    }

    private static func fileKinds(_ formats: [ExportFormat]) -> String {
        let names = formats.map(\.name)
        return (names.isEmpty ? "" : " (\(names.joined(separator: ", ")))") + ", relative to the evidence file"
    }

    private static func numbered(_ choices: [Choice]) -> [String] {
        choices.enumerated().flatMap { index, choice in
            let worth = choice.points.map { " (\(Format.number($0)) point\($0 == 1 ? "" : "s"))" } ?? choice.level.map { " (level \(Format.number($0)))" } ?? ""
            // A label that only repeats the value ("Yes: Yes") is not shown twice.
            let label = choice.label == choice.id ? "" : ": " + clean(choice.label)
            return EvidenceTemplate.wrap("\(index + 1). \(clean(choice.id))\(worth)\(label)", indent: "    ", then: "       ")
        }
    }

    /// Why question logic leaves a question out, in words: "q74 is Q74.1".
    public static func notAsked(_ skip: LogicSkip) -> String {
        switch skip {
        case .parentIs(let parent, let answer): return "\(clean(parent)) is \(clean(answer))"
        case .parentUnanswered(let parent): return "\(clean(parent)) is not answered"
        case .parentNotAsked(let parent): return "\(clean(parent)) is not asked"
        }
    }

    /// What an answer changed in the questions still to ask: how many question logic now leaves out, or
    /// opens again; nil when none.
    public static func logicChange(leftOut: Int, opened: Int) -> String? {
        var parts: [String] = []
        if leftOut > 0 { parts.append("\(leftOut) question\(leftOut == 1 ? "" : "s") no longer asked after this answer") }
        if opened > 0 { parts.append("\(opened) question\(opened == 1 ? "" : "s") now asked") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ") + " (question logic)."
    }

    /// The prompt's reminder of the commands.
    public static let commands = "? don't know · na REASON · s skip · note TEXT · source measured|documented REF · q stop · h help"

    /// The help shown for `h`.
    public static let help: [String] = [
        "Type the answer and press Enter. Also:",
        "  ?                 don't know (recorded, not assessed, not asked again unless --revisit)",
        "  na REASON         not applicable to your organisation, and why",
        "  s                 skip for now; it is asked again at the end and next time",
        "  file PATH         give an export file instead (checked now)",
        "  note TEXT         add a note to this answer",
        "  source KIND REF   where it came from: measured, documented or self-reported, with a reference",
        "  q                 stop; every answer given is already saved, and the next run resumes here",
    ]

    // MARK: - Replies

    /// Why an answer was refused, and what to type instead.
    public static func problem(_ problem: AnswerProblem) -> String {
        switch problem {
        case .empty: return "Type an answer, or ? if you don't know, s to skip, h for help."
        case .notANumber(let text):
            if text.hasSuffix("%") {
                return "'\(clean(text))' is not a number in this question's unit: give the number without the % sign, such as \(clean(String(text.dropLast()).trimmingCharacters(in: .whitespaces)))."
            }
            return "'\(clean(text))' is not a number. Type digits only, such as 1200 or 38.5."
        case .outOfRange(let text, let min, let max, let unit):
            let unitText = unit.map { $0 == "%" ? "%" : " " + $0 } ?? ""
            switch (min, max) {
            case (let low?, let high?): return "\(clean(text)) is outside the range: give a number from \(Format.number(low)) to \(Format.number(high))\(unitText)."
            case (let low?, nil): return "\(clean(text)) is too small: give \(Format.number(low))\(unitText) or more."
            case (nil, let high?): return "\(clean(text)) is too large: give at most \(Format.number(high))\(unitText)."
            case (nil, nil): return "\(clean(text)) is out of range."
            }
        case .notYesNo(let text): return "'\(clean(text))' is not yes or no: type y or n (or ? if you don't know)."
        case .notADate(let text): return "'\(clean(text))' is not a date: write it YYYY-MM-DD, such as 2026-03-31."
        case .unknownChoice(let text, let count): return "'\(clean(text))' is not one of the options: type a number from 1 to \(count) or an id shown."
        case .unknownIDs(let ids): return "Not among the ids shown: \(ids.map(clean).joined(separator: ", ")). Use the numbers or ids listed."
        case .badBreakdownEntry(let entry): return "'\(clean(entry))' is not 'name: number'. Write entries such as web: 1200, phone: 3400."
        case .reasonNeeded: return "Say why it does not apply: na REASON, such as 'na we have no contact centre'."
        case .emptyNote: return "Type the note after the word note."
        case .fileNeeded: return "Give the path of the export file."
        case .fileNotAccepted: return "This question does not take a file; type the answer."
        case .fileMissing(let path): return "There is no file at \(clean(path)). Give a path relative to the evidence file."
        case .wrongFileType(let path, let expected): return "\(clean(path)) is not a file this question reads: give a .\(expected.joined(separator: ", ."))."
        case .unknownSource(let kind): return "'\(clean(kind))' is not a source: use measured, documented or self-reported."
        case .unknownQuestion(let id): return "No question has the id '\(clean(id))'; 'assess ask --list' shows them."
        case .rejected(let diagnostic):
            return "The assessor cannot use this answer: \(clean(diagnostic.message))" + (diagnostic.hint.map { "; \(clean($0))" } ?? "") + "."
        }
    }

    /// What was recorded.
    public static func outcome(_ outcome: AnswerOutcome) -> String {
        switch outcome {
        case .saved: return "Saved."
        case .dontKnow: return "Recorded as don't know."
        case .notApplicable: return "Recorded as not applicable."
        case .skipped: return "Skipped; it comes back at the end."
        }
    }

    /// A note or source noted for the answer about to be given.
    public static func noted(_ attribution: Attribution) -> String {
        var text = "Noted for this answer: source \(attribution.source.rawValue)"
        if let reference = attribution.reference { text += ", reference \(clean(reference))" }
        if let note = attribution.note { text += ", note \(clean(note))" }
        return text + "."
    }

    // MARK: - Progress and summary

    /// One area's progress and its level so far, in the words `assess score` would use: a level, a level
    /// marked unverified, or not enough evidence yet (docs/scoring.md).
    public static func progress(_ area: AreaProgress, scale: Scale) -> String {
        var text = "\(clean(area.title)): \(area.answered) of \(area.total) answered"
        if area.dontKnow > 0 { text += ", \(area.dontKnow) don't know" }
        if area.notAsked > 0 { text += ", \(area.notAsked) not asked" }
        let assessed = area.coverage.map { " (\(Format.number($0 * 100, decimals: 0))% assessed)" } ?? ""
        switch (area.status, area.level) {
        case (nil, _):
            text += " · not assessed yet"
        case (.notEnoughEvidence?, _), (_, nil):
            text += " · not enough evidence yet for a level" + assessed
        case (let status?, let level?):
            let name = scale.levels.first { $0.level == level }.map { " " + clean($0.name) } ?? ""
            text += " · level \(level)\(name) so far" + (status == .unverified ? ", unverified" : "") + assessed
        }
        return text
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
    public static func summary(_ questionnaire: Questionnaire, evidencePath: String, answersPath: String, ending: Ending) -> [String] {
        var lines = [""]
        switch ending {
        case .finished: lines.append("No more questions to ask.")
        case .stopped: lines.append("Stopped. Every answer given is saved; run the same command again to carry on.")
        case .scripted(let count): lines.append("Saved \(count) answer\(count == 1 ? "" : "s") from the file.")
        }
        for area in questionnaire.progress() { lines += EvidenceTemplate.wrap(progress(area, scale: questionnaire.framework.scale), indent: "  ") }
        let skipped = questionnaire.questions.filter { questionnaire.answers.skipped.contains($0.id) && !questionnaire.isSettled($0) }.count
        if skipped > 0 { lines.append("  \(skipped) skipped question\(skipped == 1 ? "" : "s") will be asked again next time.") }
        let stale = questionnaire.questions.filter(questionnaire.hasStaleAnswer).count
        if stale > 0 {
            lines += EvidenceTemplate.wrap("  \(stale) answer\(stale == 1 ? " is" : "s are") kept for \(stale == 1 ? "a question" : "questions") not asked given an earlier answer: \(stale == 1 ? "it is" : "they are") reported as skipped and not scored; 'assess ask --list' shows which.", indent: "", then: "    ")
        }
        let unknown = questionnaire.answers.dontKnow.count
        if unknown > 0 { lines.append("  \(unknown) don't know answer\(unknown == 1 ? "" : "s"): 'assess ask --revisit' asks them again.") }
        lines += EvidenceTemplate.wrap("Answers are in \(clean(answersPath)).", indent: "")
        lines += EvidenceTemplate.wrap("Next: assess score \(clean(evidencePath))", indent: "")
        return lines
    }
}
