import Foundation

/// One question of the questionnaire: a fact, or one item of a checklist or one staged statement.
public struct Question: Sendable, Hashable {
    /// Its id: the fact key, or `key/item` for an item or statement.
    public var id: String
    /// The fact it answers.
    public var spec: FactSpec
    /// The checklist item or statement asked about, when the question is one.
    public var item: Choice?
    /// Whether ``item`` is a staged statement (else a checklist item).
    public var isStatement: Bool
    /// The form the answer takes (for an item, yes or no).
    public var form: FactForm
    /// Export formats a file given instead may be in; nil when no file is accepted.
    public var fileFormats: [ExportFormat]?
    /// The area (dimension) it belongs to.
    public var areaID: String
    /// The area's title.
    public var areaTitle: String
    /// The criteria that read the fact.
    public var readers: [String]
}

/// Who vouches for an answer, and any note on it.
public struct Attribution: Sendable, Hashable {
    /// Measured, documented or self-reported.
    public var source: Provenance
    /// The document or system it came from.
    public var reference: String?
    /// A free note.
    public var note: String?

    /// Creates an attribution (self-reported by default).
    public init(source: Provenance = .selfReported, reference: String? = nil, note: String? = nil) {
        self.source = source
        self.reference = reference
        self.note = note
    }
}

/// What a person said to a question.
public enum Reply: Sendable, Hashable {
    /// An answer as typed, read by the question's form (a number, a choice's number or id, yes or no ...).
    case answer(String)
    /// An export file, relative to the evidence file's folder.
    case file(String)
    /// Don't know: recorded, not assessed, not asked again unless revisited.
    case dontKnow
    /// The fact does not apply to this organisation, and why.
    case notApplicable(reason: String)
    /// Come back to it later.
    case skip
}

/// A line typed at the questionnaire's prompt (or given in a scripted answers file).
public enum Command: Sendable, Hashable {
    /// A reply to the current question.
    case reply(Reply)
    /// A note for the current answer.
    case note(String)
    /// The source of the current answer, with a reference.
    case source(Provenance, reference: String?)
    /// Stop here (everything answered is already saved).
    case quit
    /// Show the commands.
    case help

    /// Reads a typed line: `?` don't know, `na REASON`, `s` skip, `file PATH`, `note TEXT`,
    /// `source measured|documented|self-reported [REFERENCE]`, `q` quit, `h` help; anything else is an answer.
    public static func parse(_ line: String) -> Result<Command, AnswerProblem> {
        let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = text.lowercased()
        let (word, rest) = Self.split(text)
        switch lower {
        case "?", "dk", "don't know", "dont know", "do not know": return .success(.reply(.dontKnow))
        case "s", "skip": return .success(.reply(.skip))
        case "q", "quit": return .success(.quit)
        case "h", "help": return .success(.help)
        default: break
        }
        switch word.lowercased() {
        case "na", "n/a", "not-applicable":
            guard !rest.isEmpty else { return .failure(.reasonNeeded) }
            return .success(.reply(.notApplicable(reason: rest)))
        case "note":
            guard !rest.isEmpty else { return .failure(.emptyNote) }
            return .success(.note(rest))
        case "file":
            guard !rest.isEmpty else { return .failure(.fileNeeded) }
            return .success(.reply(.file(rest)))
        case "source":
            let (kind, reference) = Self.split(rest)
            let provenance: Provenance
            switch kind.lowercased() {
            case "m", "measured": provenance = .measured
            case "d", "documented": provenance = .documented
            case "s", "self", "self-reported": provenance = .selfReported
            default: return .failure(.unknownSource(kind))
            }
            return .success(.source(provenance, reference: reference.isEmpty ? nil : reference))
        default:
            guard !text.isEmpty else { return .failure(.empty) }
            return .success(.reply(.answer(text)))
        }
    }

    private static func split(_ text: String) -> (String, String) {
        guard let space = text.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return (text, "") }
        return (String(text[..<space]), text[space...].trimmingCharacters(in: .whitespaces))
    }
}

/// Why an answer was not accepted. Each case is a message with its arguments (see ``QuestionnaireText``).
public enum AnswerProblem: Error, Sendable, Hashable {
    /// Nothing typed.
    case empty
    /// Not a number.
    case notANumber(String)
    /// A number outside the allowed range.
    case outOfRange(value: String, min: Double?, max: Double?, unit: String?)
    /// Not yes or no.
    case notYesNo(String)
    /// Not a date written YYYY-MM-DD.
    case notADate(String)
    /// Not one of the options (by number or id).
    case unknownChoice(String, count: Int)
    /// Ids that are not among the allowed ones.
    case unknownIDs([String])
    /// A breakdown entry that is not `name: number`.
    case badBreakdownEntry(String)
    /// "Not applicable" needs a reason.
    case reasonNeeded
    /// `note` needs text.
    case emptyNote
    /// `file` needs a path.
    case fileNeeded
    /// This question does not take a file.
    case fileNotAccepted
    /// The file does not exist.
    case fileMissing(path: String)
    /// The file's extension is not one the assessor reads.
    case wrongFileType(path: String, expected: [String])
    /// `source` with an unknown kind.
    case unknownSource(String)
    /// No question has this id (in a scripted answers file).
    case unknownQuestion(String)
    /// The assessor could not use the answer (an export file it cannot read, a part larger than its whole).
    case rejected(Diagnostic)
}

/// What happened to an accepted reply.
public enum AnswerOutcome: Sendable, Hashable {
    /// Saved as a fact (or an item of one).
    case saved
    /// Recorded as don't know.
    case dontKnow
    /// Recorded as not applicable.
    case notApplicable
    /// Recorded as skipped, to be asked again later.
    case skipped
}

/// Progress in one area.
public struct AreaProgress: Sendable, Hashable {
    /// The area's id and title.
    public var id: String, title: String
    /// Questions with an answer (a value, a file or not applicable), including those answered in the evidence file.
    public var answered: Int
    /// Questions answered "don't know".
    public var dontKnow: Int
    /// Questions in the area that are asked (those question logic leaves out are not counted).
    public var total: Int
    /// The area's level and score from the answers so far, by the same aggregation rules as `assess score`:
    /// nil when the area has not enough evidence for a headline level; and the share of it assessed.
    public var level: Int?, score: Double?, coverage: Double?
    /// Whether `assess score` would claim the level now (scored), withhold it (not enough evidence) or mark it
    /// unverified (a core criterion not assessed); nil when nothing in the area is assessed yet.
    public var status: ResultStatus? = nil
    /// Questions question logic leaves out, given the answers so far (a `when:` that does not hold).
    public var notAsked: Int = 0
}

/// Why question logic leaves a question out: its criteria's `when:` does not hold given the answers so far.
/// The engine scores such a criterion `skipped` (docs/scoring.md §6), so any answer it already has is kept in
/// the answers file but never scored.
public enum LogicSkip: Sendable, Hashable {
    /// The parent question's answer is not one that asks this question.
    case parentIs(parent: String, answer: String)
    /// The parent question has no answer (not yet, skipped for now, or don't know).
    case parentUnanswered(parent: String)
    /// The parent question is itself not asked.
    case parentNotAsked(parent: String)
}

/// The questionnaire behind `assess ask`: which question comes next, whether an answer is valid for its
/// fact, the facts the answers make, progress and the provisional level. It knows nothing of the terminal,
/// so a web form or another language can drive it the same way.
public struct Questionnaire: Sendable {
    /// The framework asked about.
    public let framework: Framework
    /// The person's own evidence file, without the answers.
    public let evidence: Evidence
    /// The answers file's path (export files are read relative to its folder).
    public let answersPath: String
    /// The answers given so far.
    public private(set) var answers: AnswerSet
    /// Every question in framework order (only the chosen area's with `area`).
    public let questions: [Question]
    /// Whether "don't know" answers are asked again.
    public let revisit: Bool
    /// The facts the answers make (decoded from the answers file's text, exactly as `assess score` reads them).
    public private(set) var answerFacts: [String: Fact] = [:]
    /// Questions question logic leaves out given the answers so far (question id to why); empty for a
    /// framework without `when:`.
    public private(set) var notAsked: [String: LogicSkip] = [:]
    private var skippedNow: Set<String> = []
    private var revisitedNow: Set<String> = []

    /// Starts (or resumes) a questionnaire. `area` limits it to one dimension.
    public init(framework: Framework, evidence: Evidence, answers: AnswerSet, answersPath: String,
                area: String? = nil, revisit: Bool = false) {
        self.framework = framework
        self.evidence = evidence
        self.answers = answers
        self.answersPath = answersPath
        self.revisit = revisit
        self.questions = Self.questions(framework).filter { area == nil || $0.areaID == area }
        self.answerFacts = (try? Self.facts(of: answers, path: answersPath)) ?? [:]
        self.notAsked = Self.logicSkips(framework, questions: questions, evidence: Self.merge(evidence, answerFacts))
    }

    /// The questions question logic leaves out for this evidence, by the engine's own rules: a question is
    /// left out when every criterion reading its fact is `skipped`. Parents are earlier criteria, so they are
    /// always asked (or answered) before the questions they open.
    static func logicSkips(_ framework: Framework, questions: [Question], evidence: Evidence) -> [String: LogicSkip] {
        let conditions = Dictionary(framework.allCriteria.compactMap { pair in pair.criterion.when.map { (pair.criterion.id, $0) } },
                                    uniquingKeysWith: { first, _ in first })
        guard !conditions.isEmpty else { return [:] }
        let results = Dictionary(Engine(framework: framework).assess(evidence).dimensions.flatMap(\.criteria).map { ($0.id, $0) },
                                 uniquingKeysWith: { first, _ in first })
        let parents = Dictionary(framework.allCriteria.map { ($0.criterion.id, $0.criterion) }, uniquingKeysWith: { first, _ in first })
        var skips: [String: LogicSkip] = [:]
        for question in questions where !question.readers.isEmpty {
            guard question.readers.allSatisfy({ results[$0]?.answer == .skipped }),
                  let reader = question.readers.first, let condition = conditions[reader] else { continue }
            let parent = condition.parent
            if results[parent]?.answer == .skipped {
                skips[question.id] = .parentNotAsked(parent: parent)
            } else if let key = parents[parent]?.evidence.first(where: { $0.role == "answer" })?.fact,
                      let text = evidence.fact(key)?.value?.scalar.flatMap({ $0.isNull ? nil : $0.text }),
                      !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, results[parent]?.answer != .unanswered {
                skips[question.id] = .parentIs(parent: parent, answer: text)
            } else if let key = parents[parent]?.evidence.first(where: { $0.role == "answer" })?.fact,
                      evidence.fact(key)?.notApplicable != nil {
                skips[question.id] = .parentIs(parent: parent, answer: "not applicable")
            } else {
                skips[question.id] = .parentUnanswered(parent: parent)
            }
        }
        return skips
    }

    /// Whether question logic leaves a question out given the answers so far.
    public func isNotAsked(_ question: Question) -> Bool { notAsked[question.id] != nil }

    /// Whether a question left out by question logic still has an answer (given before its parent's answer
    /// changed): kept in the answers file, reported as skipped, never scored.
    public func hasStaleAnswer(_ question: Question) -> Bool { isNotAsked(question) && isAnswered(question) && !isAnsweredInEvidence(question) }

    /// Every question a framework asks, in dimension and criterion order: one per fact, with a checklist or
    /// set of statements asked item by item. Organisation fields are left to the evidence file's own block.
    public static func questions(_ framework: Framework) -> [Question] {
        var result: [Question] = []
        for (rubric, spec, readers) in framework.factSpecs where !spec.key.hasPrefix("organisation.") {
            let files = spec.forms.compactMap { form -> [ExportFormat]? in
                if case .exportFile(let formats) = form { return formats }
                return nil
            }.first
            let primary = spec.forms.first { if case .exportFile = $0 { return false } else { return true } }
            let base = Question(id: spec.key, spec: spec, item: nil, isStatement: false, form: primary ?? .exportFile(files ?? []),
                                fileFormats: files, areaID: rubric.id, areaTitle: rubric.title, readers: readers)
            switch primary {
            case .checklist(let items) where !items.isEmpty, .statements(let items) where !items.isEmpty:
                var isStatement = false
                if case .statements = primary { isStatement = true }
                for item in items {
                    var question = base
                    question.id = spec.key + "/" + item.id
                    question.item = item
                    question.isStatement = isStatement
                    question.form = .yesNo
                    question.fileFormats = nil
                    result.append(question)
                }
            case .options(let choices):
                // An option whose value is empty stands for no answer (an empty cell): it cannot be typed,
                // so it is not listed; skipping the question leaves it unanswered the same way.
                var question = base
                question.form = .options(choices.filter { !$0.id.isEmpty })
                result.append(question)
            default:
                result.append(base)
            }
        }
        return result
    }

    /// A question by id.
    public func question(id: String) -> Question? { questions.first { $0.id == id } }

    /// The areas asked about, in order.
    public var areas: [(id: String, title: String)] {
        var seen: Set<String> = []
        return questions.compactMap { seen.insert($0.areaID).inserted ? ($0.areaID, $0.areaTitle) : nil }
    }

    // MARK: - Which question next

    /// Whether a question needs no more asking: answered here or in the evidence file, or "don't know"
    /// (unless revisiting).
    public func isSettled(_ question: Question) -> Bool {
        if isAnsweredInEvidence(question) { return true }
        // Checked before the answer: a "don't know" saved as the question's own don't-know option is a fact too.
        if answers.dontKnow.contains(question.id) { return !revisit || revisitedNow.contains(question.id) || isAnswered(question) && question.item != nil }
        return isAnswered(question)
    }

    /// The value of the question's own `means: dont-know` option, when it has one: "don't know" is then saved
    /// as that answer, so the method's `answers: dont-know:` rule scores it.
    public func dontKnowOption(_ question: Question) -> String? {
        guard question.item == nil, case .options = question.form else { return nil }
        for reader in question.readers {
            guard let options = (framework.criterion(reader)?.criterion.assessor as? OptionsAssessor)?.answerOptions else { continue }
            if let option = options.first(where: { $0.meaning == "dont-know" }) { return option.value }
        }
        return nil
    }

    /// The option any other answer counts as (`otherwise: true`), when the question has one.
    public func fallbackOption(_ question: Question) -> AnswerOption? {
        guard question.item == nil, case .options = question.form else { return nil }
        for reader in question.readers {
            if let option = (framework.criterion(reader)?.criterion.assessor as? OptionsAssessor)?.answerOptions.first(where: \.isFallback) {
                return option
            }
        }
        return nil
    }

    /// Whether a question has an answer (a value, a file or not applicable), here or in the evidence file.
    public func isAnswered(_ question: Question) -> Bool {
        let key = question.spec.key
        if evidence.facts[key] != nil || answers.facts[key] != nil { return true }
        if let item = question.item { return answers.partial[key]?[item.id] != nil }
        return false
    }

    /// Whether the person's own evidence file answers the question (it is then never asked).
    public func isAnsweredInEvidence(_ question: Question) -> Bool { evidence.facts[question.spec.key] != nil }

    /// The next question to ask: the first not settled and not skipped, then the skipped ones again (each
    /// at most once a session); nil when every question is settled or skipped again.
    /// Questions that question logic leaves out are never asked.
    public func next() -> Question? {
        if let question = questions.first(where: { !isSettled($0) && !isNotAsked($0) && !answers.skipped.contains($0.id) }) { return question }
        return questions.first { !isSettled($0) && !isNotAsked($0) && answers.skipped.contains($0.id) && !skippedNow.contains($0.id) }
    }

    // MARK: - Answering

    /// Records a reply to a question. A value is checked against the fact's form (range, choices, date, file
    /// on disk) and then by the criteria that read it, through the engine; an answer they cannot use is
    /// refused with the reason, and nothing is recorded.
    public mutating func answer(_ reply: Reply, to question: Question,
                                attribution: Attribution = Attribution()) -> Result<AnswerOutcome, AnswerProblem> {
        var next = answers
        let key = question.spec.key
        next.skipped.remove(question.id)
        var outcome = AnswerOutcome.saved
        switch reply {
        case .skip:
            next = answers
            next.skipped.insert(question.id)
            answers = next
            skippedNow.insert(question.id)
            return .success(.skipped)
        case .dontKnow:
            next.dontKnow.insert(question.id)
            outcome = .dontKnow
            if let value = dontKnowOption(question) {
                next.facts[key] = AnswerSet.Entry(value: [EvidenceTemplate.quoted(value)], source: attribution.source,
                                                  reference: attribution.reference, note: attribution.note)
            }
            if question.item != nil { Self.complete(key: key, question: question, in: &next, questions: questions, attribution: attribution) }
        case .notApplicable(let reason):
            next.facts[key] = AnswerSet.Entry(notApplicable: reason, source: attribution.source,
                                              reference: attribution.reference, note: attribution.note)
            next.partial[key] = nil
            next.dontKnow.remove(question.id)
            outcome = .notApplicable
        case .file(let path):
            guard let formats = question.fileFormats else { return .failure(.fileNotAccepted) }
            if let problem = checkFile(path, formats: formats) { return .failure(problem) }
            next.facts[key] = AnswerSet.Entry(file: path, source: attribution.source, reference: attribution.reference,
                                              note: attribution.note)
            next.dontKnow.remove(question.id)
        case .answer(let text):
            if question.item == nil, case .exportFile = question.form {
                return answer(.file(text), to: question, attribution: attribution)
            }
            let value: [String]
            switch Self.value(text, form: question.form) {
            case .success(let lines): value = lines
            case .failure(.unknownChoice) where fallbackOption(question) != nil:
                // A question with an `otherwise:` option takes any answer; the fallback scores it.
                value = [EvidenceTemplate.quoted(text.trimmingCharacters(in: .whitespacesAndNewlines))]
            case .failure(let problem): return .failure(problem)
            }
            next.dontKnow.remove(question.id)
            if let item = question.item {
                next.partial[key, default: [:]][item.id] = value == ["yes"]
                Self.complete(key: key, question: question, in: &next, questions: questions, attribution: attribution)
            } else {
                next.facts[key] = AnswerSet.Entry(value: value, source: attribution.source, reference: attribution.reference,
                                                  note: attribution.note)
            }
        }
        // Read the answers back exactly as `assess score` will, and let the criteria check the new fact.
        let facts: [String: Fact]
        do throws(LoadError) { facts = try Self.facts(of: next, path: answersPath) } catch {
            return .failure(.rejected(error.diagnostics.first ?? Diagnostic(file: answersPath, location: .unknown, message: "the answer cannot be read back")))
        }
        if outcome == .saved, facts[key] != nil {
            let merged = Self.merge(evidence, facts)
            let engine = Engine(framework: framework)
            for (_, criterion) in framework.allCriteria where criterion.evidence.contains(where: { $0.fact == key }) {
                let (result, diagnostic) = engine.score(criterion, evidence: merged)
                if result.status == .error, let diagnostic { return .failure(.rejected(diagnostic)) }
            }
        }
        if revisit { revisitedNow.insert(question.id) }
        answers = next
        answerFacts = facts
        notAsked = Self.logicSkips(framework, questions: questions, evidence: mergedEvidence)
        return .success(outcome)
    }

    /// Moves a checklist's items into a fact once every item has an answer or "don't know" (an item not
    /// known is left out, which the assessor counts as not in place).
    private static func complete(key: String, question: Question, in set: inout AnswerSet, questions: [Question],
                                 attribution: Attribution) {
        let items = questions.filter { $0.spec.key == key && $0.item != nil }
        let given = set.partial[key] ?? [:]
        guard items.allSatisfy({ given[$0.item?.id ?? ""] != nil || set.dontKnow.contains($0.id) }) else { return }
        guard !given.isEmpty else { return }
        let lines = items.compactMap { item -> String? in
            guard let id = item.item?.id, let answer = given[id] else { return nil }
            return "\(EvidenceTemplate.quoted(id)): \(answer ? "yes" : "no")"
        }
        set.facts[key] = AnswerSet.Entry(value: lines, source: attribution.source, reference: attribution.reference,
                                         note: attribution.note)
        set.partial[key] = nil
    }

    private func checkFile(_ path: String, formats: [ExportFormat]) -> AnswerProblem? {
        let resolved = FileReader.resolve(path, relativeTo: FileReader.folder(of: answersPath))
        guard FileReader.exists(resolved) else { return .fileMissing(path: resolved) }
        // A folder (of Lighthouse reports, of page texts) is the assessor's to judge; a file must have one of
        // the extensions its formats name. Either way the engine then reads it before it is saved.
        if FileReader.isDirectory(resolved) { return nil }
        let extensions = formats.flatMap(\.extensions)
        let ext = (path as NSString).pathExtension.lowercased()
        if !extensions.isEmpty, !extensions.contains(ext) { return .wrongFileType(path: path, expected: extensions) }
        return nil
    }

    /// The YAML lines of a typed answer in a form, or why it is not one.
    public static func value(_ typed: String, form: FactForm) -> Result<[String], AnswerProblem> {
        let text = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return .failure(.empty) }
        switch form {
        case .number(let unit, let min, let max):
            guard let number = number(text, unit: unit) else { return .failure(.notANumber(text)) }
            if let min, number < min { return .failure(.outOfRange(value: text, min: min, max: max, unit: unit)) }
            if let max, number > max { return .failure(.outOfRange(value: text, min: min, max: max, unit: unit)) }
            return .success([NodeReader.format(number)])
        case .text:
            return .success([EvidenceTemplate.quoted(text)])
        case .date:
            guard isCalendarDate(text) else { return .failure(.notADate(text)) }
            return .success([text])
        case .yesNo:
            switch text.lowercased() {
            case "y", "yes": return .success(["yes"])
            case "n", "no": return .success(["no"])
            default: return .failure(.notYesNo(text))
            }
        case .options(let choices):
            guard let choice = pick(text, from: choices) else { return .failure(.unknownChoice(text, count: choices.count)) }
            return .success([EvidenceTemplate.quoted(choice.id)])
        case .list(let choices), .checklist(let choices), .statements(let choices):
            // A list of ids (for a checklist: the items in place), by number or id.
            let words = text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            if words.count == 1, ["none", "-"].contains(words[0].lowercased()) { return .success(["[]"]) }
            var ids: [String] = []
            var unknown: [String] = []
            for word in words {
                if choices.isEmpty {
                    ids.append(word)
                } else if let choice = pick(word, from: choices) {
                    if !ids.contains(choice.id) { ids.append(choice.id) }
                } else {
                    unknown.append(word)
                }
            }
            if !unknown.isEmpty { return .failure(.unknownIDs(unknown)) }
            return .success(ids.map { "- " + EvidenceTemplate.quoted($0) })
        case .breakdown(_, let unit, let keys):
            var lines: [String] = []
            var unknown: [String] = []
            for entry in text.split(separator: ",") {
                var parts = entry.split(whereSeparator: { $0 == ":" || $0 == "=" }).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 1, let space = parts[0].lastIndex(of: " ") {
                    // `web 1200`: the name, a space and the number.
                    parts = [String(parts[0][..<space]).trimmingCharacters(in: .whitespaces), String(parts[0][space...]).trimmingCharacters(in: .whitespaces)]
                }
                guard parts.count == 2, !parts[0].isEmpty, let value = number(parts[1], unit: unit), value >= 0 else {
                    return .failure(.badBreakdownEntry(entry.trimmingCharacters(in: .whitespaces)))
                }
                let name = keys.first { $0.id.lowercased() == parts[0].lowercased() }?.id ?? parts[0]
                if !keys.isEmpty, !keys.contains(where: { $0.id == name }) { unknown.append(parts[0]) }
                lines.append("\(EvidenceTemplate.quoted(name)): \(NodeReader.format(value))")
            }
            if !unknown.isEmpty { return .failure(.unknownIDs(unknown)) }
            return .success(lines)
        case .exportFile:
            return .failure(.fileNeeded)
        }
    }

    /// A choice by its number in the list (from 1) or its id.
    static func pick(_ text: String, from choices: [Choice]) -> Choice? {
        if let index = Int(text), index >= 1, index <= choices.count { return choices[index - 1] }
        return choices.first { $0.id == text } ?? choices.first { $0.id.lowercased() == text.lowercased() }
    }

    /// A typed number: thousands commas, a leading £ and (for a percentage) a trailing % are allowed. A change
    /// in percentage points may be typed as people write it: `3`, `3pp`, `3 points` or `3%`.
    static func number(_ text: String, unit: String?) -> Double? {
        var text = text.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("£") { text.removeFirst() }
        if unit == "percentage points" {
            for suffix in ["percentage points", "points", "pp", "%"] where text.lowercased().hasSuffix(suffix) {
                text.removeLast(suffix.count)
                break
            }
        }
        if text.hasSuffix("%"), unit == "%" || unit == nil { text.removeLast() }
        if let unit, unit != "%", text.hasSuffix(unit) { text.removeLast(unit.count) }
        text = text.trimmingCharacters(in: .whitespaces)
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "e" || $0 == "E" || $0 == "+") }),
              let value = Double(text), value.isFinite else { return nil }
        return value
    }

    static func isCalendarDate(_ text: String) -> Bool {
        guard text.count == 10, EvidenceLoader.isDate(text) else { return false }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]) else { return false }
        let leap = parts[0] % 4 == 0 && (parts[0] % 100 != 0 || parts[0] % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][parts[1] - 1]
        return (1...days).contains(parts[2])
    }

    // MARK: - Facts, progress and the provisional level

    /// The answers file's text for this evidence file.
    public func renderedAnswers(evidenceName: String) -> String {
        answers.rendered(evidenceName: evidenceName, order: Self.questions(framework).map(\.spec.key))
    }

    /// The facts an answer set makes, read back from its text by the answers file's reader.
    static func facts(of answers: AnswerSet, path: String) throws(LoadError) -> [String: Fact] {
        let text = answers.rendered(evidenceName: "", order: [])
        let document: YAMLDocument
        do { document = try YAMLParser.parse(Array(text.utf8), file: path) } catch {
            throw .invalid(DiagnosticError([Diagnostic(file: path, location: .unknown, message: "the answers cannot be written as YAML")]))
        }
        return try AnswerSet.decode(document).facts
    }

    /// Evidence with answers added where the person's own file has no fact (theirs wins).
    static func merge(_ evidence: Evidence, _ facts: [String: Fact]) -> Evidence {
        var merged = evidence
        for (key, var fact) in facts where merged.facts[key] == nil {
            fact.location = .unknown
            merged.facts[key] = fact
        }
        return merged
    }

    /// The evidence as `assess score` will read it: the person's file with the answers added.
    public var mergedEvidence: Evidence { Self.merge(evidence, answerFacts) }

    /// Progress in every area asked about, with each area's level from the engine as `assess score` states it.
    public func progress() -> [AreaProgress] {
        let assessment = Engine(framework: framework).assess(mergedEvidence)
        return areas.map { area in
            let all = questions.filter { $0.areaID == area.id }
            let inArea = all.filter { !isNotAsked($0) }
            let dimension = assessment.dimensions.first { $0.id == area.id }
            let dontKnow = inArea.filter { answers.dontKnow.contains($0.id) && !isAnsweredInEvidence($0) && (!isAnswered($0) || dontKnowOption($0) != nil) }
            return AreaProgress(
                id: area.id, title: area.title,
                answered: inArea.filter(isAnswered).count - dontKnow.filter(isAnswered).count,
                dontKnow: dontKnow.count,
                total: inArea.count,
                level: dimension?.status == .notEnoughEvidence ? nil : dimension?.level,
                score: dimension?.status == .notEnoughEvidence ? nil : dimension?.score,
                coverage: dimension?.coverage,
                status: (dimension?.coverage ?? 0) > 0 ? dimension?.status : nil,
                notAsked: all.count - inArea.count)
        }
    }
}
