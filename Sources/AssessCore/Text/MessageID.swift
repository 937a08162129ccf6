/// Every message the engine writes for people, with its English template.
///
/// Adding a message means adding a case here and its English template below; a Welsh template goes in the
/// Welsh catalogue when it is translated. Placeholders are documented in `docs/messages.md`.
public enum MessageID: String, Sendable, Hashable, CaseIterable, Codable {
    /// A criterion whose fact is missing.
    case criterionMissingFact = "criterion.not-assessed.missing-fact"
    /// A criterion an assessor could not assess, with its reason.
    case criterionUnassessable = "criterion.not-assessed.reason"
    /// A criterion that does not apply, with the reason.
    case criterionNotApplicable = "criterion.not-applicable"
    /// A criterion answered "don't know", with the reason.
    case criterionDontKnow = "criterion.not-assessed.dont-know"
    /// A criterion question logic skips: its parent's answer.
    case criterionSkipped = "criterion.skipped"
    /// A criterion question logic skips because its parent was not answered.
    case criterionSkippedParentUnanswered = "criterion.skipped.parent-unanswered"
    /// A criterion question logic skips because its parent was itself skipped.
    case criterionSkippedParentSkipped = "criterion.skipped.parent-skipped"
    /// The answer class of a criterion that was not answered, in plain words (``AnswerClass/unanswered``).
    case answerUnanswered = "answer.unanswered"
    /// A criterion answered "not applicable" or left out by its `applies-to:`.
    case answerNotApplicable = "answer.not-applicable"
    /// A criterion answered "don't know".
    case answerDontKnow = "answer.dont-know"
    /// A criterion question logic did not ask.
    case answerSkipped = "answer.skipped"
    /// A criterion whose answer could not be scored.
    case answerUnscorable = "answer.unscorable"
    /// A criterion counted as nothing earned out of its maximum points, by the method's `answers:` rules.
    case countedZeroPoints = "counted.zero.points"
    /// A criterion counted as full marks, by the method's `answers:` rules.
    case countedFullPoints = "counted.full.points"
    /// A criterion counted at a level (levels scoring: level 1 for zero, the top level for full marks).
    case countedLevel = "counted.level"
    /// A criterion not answered that is left out of the maximum, by the method's `answers:` rules.
    case countedExcluded = "counted.excluded"
    /// When question logic asks a question: its parent's answer is one of the listed ones.
    case questionAskedWhen = "question.asked-when"
    /// When question logic asks a question: its parent's answer is none of the listed ones.
    case questionAskedUnless = "question.asked-unless"
    /// A criterion whose evidence is unusable.
    case criterionError = "criterion.error"
    /// A criterion whose evidence is unusable, with a hint.
    case criterionErrorWithHint = "criterion.error.hint"
    /// A count of facts: "1 fact", "3 facts".
    case countFacts = "count.facts"
    /// A count of warnings.
    case countWarnings = "count.warnings"
    /// A count of criteria: "1 criterion", "3 criteria".
    case countCriteria = "count.criteria"
    /// A count of dimensions.
    case countDimensions = "count.dimensions"
    /// A count of organisations.
    case countOrganisations = "count.organisations"
    /// A count of actions: "1 action", "3 actions".
    case countActions = "count.actions"
    /// What `assess init` wrote, and the next command.
    case initWrote = "init.wrote"
    /// What `assess init --framework` wrote, and the next command with the same framework.
    case initWroteFramework = "init.wrote.framework"
    /// How a criterion's maximum is counted (points scoring): fixed.
    case rulesMaximumFixedPoints = "rules.maximum.fixed.points"
    /// How a criterion's maximum is counted (points scoring): only when assessed.
    case rulesMaximumAssessedPoints = "rules.maximum.assessed.points"
    /// How a criterion counts in its area's score (levels scoring): fixed.
    case rulesMaximumFixedLevels = "rules.maximum.fixed.levels"
    /// How a criterion counts in its area's score (levels scoring): only when assessed.
    case rulesMaximumAssessedLevels = "rules.maximum.assessed.levels"
    /// One answer rule: a kind of answer ({answer}, an ``answerUnanswered``-style text) and what it is worth.
    case rulesAnswer = "rules.answer"
    /// The kind of answer question logic leaves out, in a rule line.
    case rulesAnswerSkipped = "rules.answer.skipped"
    /// The kind of answer that is none of the options, in a rule line.
    case rulesAnswerNotAnOption = "rules.answer.not-an-option"
    /// The kind of answer that is none of the options, when a fallback option takes every other answer.
    case rulesAnswerNotAnOptionFallback = "rules.answer.not-an-option.fallback"
    /// Worth of an answer under points scoring: nothing.
    case rulesWorthZeroPoints = "rules.worth.zero.points"
    /// Worth of an answer under points scoring: full marks.
    case rulesWorthFullPoints = "rules.worth.full.points"
    /// Worth of an answer under points scoring: left out of the maximum.
    case rulesWorthExcludedPoints = "rules.worth.excluded.points"
    /// Worth of an answer under levels scoring: level 1.
    case rulesWorthZeroLevels = "rules.worth.zero.levels"
    /// Worth of an answer under levels scoring: the top level.
    case rulesWorthFullLevels = "rules.worth.full.levels"
    /// Worth of an answer under levels scoring: left out of the score.
    case rulesWorthExcludedLevels = "rules.worth.excluded.levels"
    /// How answers meet options: trimmed, case ignored.
    case rulesMatchTrimIgnoreCase = "rules.match.trim.ignore-case"
    /// How answers meet options: trimmed, case as written.
    case rulesMatchTrimCase = "rules.match.trim.case"
    /// How answers meet options: spaces counted, case ignored.
    case rulesMatchExactIgnoreCase = "rules.match.exact.ignore-case"
    /// How answers meet options: spaces counted, case as written.
    case rulesMatchExactCase = "rules.match.exact.case"
    /// An empty answer.
    case askProblemEmpty = "ask.problem.empty"
    /// A number typed with a % sign where the unit is not a percentage; {number} is it without the sign.
    case askProblemPercent = "ask.problem.not-a-number.percent"
    /// An answer that is not a number.
    case askProblemNotANumber = "ask.problem.not-a-number"
    /// A number outside a range with both ends; {unit} is empty, '%' or a space and the unit.
    case askProblemBetween = "ask.problem.out-of-range.between"
    /// A number below the smallest allowed.
    case askProblemBelow = "ask.problem.out-of-range.below"
    /// A number above the largest allowed.
    case askProblemAbove = "ask.problem.out-of-range.above"
    /// A number out of range, with no bounds to state.
    case askProblemOutOfRange = "ask.problem.out-of-range"
    /// An answer that is not yes or no.
    case askProblemNotYesNo = "ask.problem.not-yes-no"
    /// An answer that is not a date.
    case askProblemNotADate = "ask.problem.not-a-date"
    /// An answer that is none of the options.
    case askProblemUnknownChoice = "ask.problem.unknown-choice"
    /// Ids that are not among those shown ({ids} joined by commas).
    case askProblemUnknownIDs = "ask.problem.unknown-ids"
    /// A breakdown entry that is not 'name: number'.
    case askProblemBreakdownEntry = "ask.problem.bad-breakdown-entry"
    /// 'na' without a reason.
    case askProblemReasonNeeded = "ask.problem.reason-needed"
    /// 'note' without text.
    case askProblemEmptyNote = "ask.problem.empty-note"
    /// 'file' without a path.
    case askProblemFileNeeded = "ask.problem.file-needed"
    /// A file given to a question that takes none.
    case askProblemFileNotAccepted = "ask.problem.file-not-accepted"
    /// A file path with no file.
    case askProblemFileMissing = "ask.problem.file-missing"
    /// A file of a type the question does not read ({extensions}: 'csv, .json').
    case askProblemWrongFileType = "ask.problem.wrong-file-type"
    /// A source that is not measured, documented or self-reported.
    case askProblemUnknownSource = "ask.problem.unknown-source"
    /// A question id that does not exist.
    case askProblemUnknownQuestion = "ask.problem.unknown-question"
    /// An answer the assessor refused, with its message.
    case askProblemRejected = "ask.problem.rejected"
    /// An answer the assessor refused, with its message and hint.
    case askProblemRejectedHint = "ask.problem.rejected.hint"
    /// An answer saved.
    case askOutcomeSaved = "ask.outcome.saved"
    /// An answer recorded as don't know.
    case askOutcomeDontKnow = "ask.outcome.dont-know"
    /// An answer recorded as not applicable.
    case askOutcomeNotApplicable = "ask.outcome.not-applicable"
    /// A question skipped.
    case askOutcomeSkipped = "ask.outcome.skipped"
    /// The source noted for the next answer.
    case askNoted = "ask.noted"
    /// The source and reference noted for the next answer.
    case askNotedReference = "ask.noted.reference"
    /// The source and note noted for the next answer.
    case askNotedNote = "ask.noted.note"
    /// The source, reference and note noted for the next answer.
    case askNotedReferenceNote = "ask.noted.reference-note"
    /// Why question logic leaves a question out: its parent's answer.
    case askNotAskedParentIs = "ask.not-asked.parent-is"
    /// Why question logic leaves a question out: its parent is not answered.
    case askNotAskedParentUnanswered = "ask.not-asked.parent-unanswered"
    /// Why question logic leaves a question out: its parent is not asked.
    case askNotAskedParentNotAsked = "ask.not-asked.parent-not-asked"
    /// Questions an answer left out.
    case askLogicLeftOut = "ask.logic.left-out"
    /// Questions an answer opened.
    case askLogicOpened = "ask.logic.opened"
    /// Questions an answer left out and opened.
    case askLogicBoth = "ask.logic.both"
    /// The prompt's reminder of the commands.
    case askCommands = "ask.commands"
    /// The help shown for 'h', one line per line of the template.
    case askHelp = "ask.help"
    /// An area's progress: answered so far.
    case askProgressAnswered = "ask.progress.answered"
    /// An area's progress: don't know answers (a clause after the count).
    case askProgressDontKnow = "ask.progress.dont-know"
    /// An area's progress: questions logic leaves out (a clause after the count).
    case askProgressNotAsked = "ask.progress.not-asked"
    /// An area with nothing assessed yet.
    case askProgressNotAssessed = "ask.progress.not-assessed"
    /// An area without enough evidence for a level yet.
    case askProgressNotEnough = "ask.progress.not-enough"
    /// An area's level so far.
    case askProgressLevel = "ask.progress.level"
    /// An area's level so far, unverified (a core criterion has no evidence).
    case askProgressLevelUnverified = "ask.progress.level.unverified"
    /// How much of an area is assessed, after its state.
    case askProgressCoverage = "ask.progress.coverage"
    /// The end: every question settled.
    case askSummaryFinished = "ask.summary.finished"
    /// The end: the person stopped.
    case askSummaryStopped = "ask.summary.stopped"
    /// The end of scripted answers.
    case askSummaryScripted = "ask.summary.scripted"
    /// Skipped questions still to ask.
    case askSummarySkipped = "ask.summary.skipped"
    /// Answers kept for questions logic now leaves out.
    case askSummaryStale = "ask.summary.stale"
    /// Don't know answers, and how to revisit them.
    case askSummaryDontKnow = "ask.summary.dont-know"
    /// Where the answers are saved.
    case askSummaryAnswersIn = "ask.summary.answers-in"
    /// The next command.
    case askSummaryNext = "ask.summary.next"
    /// The next command, with the framework the questions came from.
    case askSummaryNextFramework = "ask.summary.next.framework"
    /// A question answered in the evidence file ('assess ask --list').
    case askListInEvidence = "ask.list.in-evidence"
    /// A question answered in the evidence file that question logic leaves out.
    case askListInEvidenceNotAsked = "ask.list.in-evidence.not-asked"
    /// A question answered before question logic left it out.
    case askListAnsweredNotAsked = "ask.list.answered.not-asked"
    /// A question question logic leaves out.
    case askListNotAsked = "ask.list.not-asked"
    /// A question answered don't know.
    case askListDontKnow = "ask.list.dont-know"
    /// A question answered.
    case askListAnswered = "ask.list.answered"
    /// A question skipped for now.
    case askListSkipped = "ask.list.skipped"
    /// A question still to ask.
    case askListToAsk = "ask.list.to-ask"
    /// The first line of an 'assess ask' session.
    case askOpening = "ask.opening"
    /// Where a question is: its area and its number in the area.
    case askQuestionPosition = "ask.question.position"
    /// The criterion a question belongs to, with its id.
    case askQuestionCriterion = "ask.question.criterion"
    /// The criterion's guidance.
    case askQuestionGuidance = "ask.question.guidance"
    /// What a level of the criterion looks like, with the level's name.
    case askQuestionLevel = "ask.question.level"
    /// What a level of the criterion looks like (a scale without names).
    case askQuestionLevelUnnamed = "ask.question.level.unnamed"
    /// A statement to answer yes or no.
    case askQuestionStatement = "ask.question.statement"
    /// A statement to answer yes or no, with the level it belongs to.
    case askQuestionStatementLevel = "ask.question.statement.level"
    /// A checklist item to answer yes or no.
    case askQuestionItem = "ask.question.item"
    /// A checklist item to answer yes or no, with the level it is required for.
    case askQuestionItemLevel = "ask.question.item.level"
    /// What to answer for a statement.
    case askQuestionStatementPrompt = "ask.question.statement.prompt"
    /// What to answer for a checklist item.
    case askQuestionItemPrompt = "ask.question.item.prompt"
    /// The fact's own help, when it differs from the question.
    case askQuestionWhatToGive = "ask.question.what-to-give"
    /// An options question's fallback for any other answer.
    case askQuestionFallback = "ask.question.fallback"
    /// An options question's fallback, with its points.
    case askQuestionFallbackPoints = "ask.question.fallback.points"
    /// An options question's fallback, with its level.
    case askQuestionFallbackLevel = "ask.question.fallback.level"
    /// What '?' saves when the method has a don't know option.
    case askQuestionDontKnowOption = "ask.question.dont-know-option"
    /// The fact a question fills, and the criteria that read it.
    case askQuestionFact = "ask.question.fact"
    /// The kind of answer a question takes ({form} from the fact's description).
    case askAnswerForm = "ask.answer.form"
    /// An options question.
    case askAnswerOneOf = "ask.answer.one-of"
    /// A list question without a fixed list.
    case askAnswerIDs = "ask.answer.ids"
    /// A list, checklist or statements question.
    case askAnswerIDsListed = "ask.answer.ids-listed"
    /// A breakdown question (a number for each channel, say).
    case askAnswerBreakdown = "ask.answer.breakdown"
    /// A breakdown question, with the unit.
    case askAnswerBreakdownUnit = "ask.answer.breakdown.unit"
    /// A question answered by an export file.
    case askAnswerFile = "ask.answer.file"
    /// A question answered by an export file of named kinds.
    case askAnswerFileKinds = "ask.answer.file.kinds"
    /// A question that also takes an export file.
    case askAnswerOrFile = "ask.answer.or-file"
    /// A question that also takes an export file of named kinds.
    case askAnswerOrFileKinds = "ask.answer.or-file.kinds"
    /// The start of a sample export file.
    case askAnswerSample = "ask.answer.sample"
    /// Where to find the answer.
    case askAnswerWhere = "ask.answer.where"
    /// An option, numbered.
    case askChoice = "ask.choice"
    /// An option, numbered, with its label.
    case askChoiceLabel = "ask.choice.label"
    /// An option, numbered, with its points.
    case askChoicePoints = "ask.choice.points"
    /// An option, numbered, with its points and label.
    case askChoicePointsLabel = "ask.choice.points.label"
    /// An option, numbered, with its level.
    case askChoiceLevel = "ask.choice.level"
    /// An option, numbered, with its level and label.
    case askChoiceLevelLabel = "ask.choice.level.label"
    /// Why an action was chosen: its value, effort, value per 10 days and the rise in the overall score.
    case planValueRises = "plan.reason.value.rises"
    /// Why an action was chosen, when the overall score barely moves.
    case planValueFlat = "plan.reason.value.flat"
    /// Why an action was chosen with the actions it depends on.
    case planValueWithRises = "plan.reason.value.with.rises"
    /// Why an action was chosen with the actions it depends on, when the overall score barely moves.
    case planValueWithFlat = "plan.reason.value.with.flat"
    /// An action that lifts a core criterion holding its area's level down.
    case planUnblocks = "plan.reason.unblocks"
    /// An action chosen first for the statutory duties it discharges ({duties}: each title with its legal reference).
    case planDuty = "plan.reason.duty"
    /// An action other chosen actions need first.
    case planNeededBy = "plan.reason.needed-by"
    /// An action brought forward as the first step in an area below its target.
    case planFirstStep = "plan.reason.first-step"
    /// An action spread over several quarters.
    case planSpread = "plan.reason.spread"
    /// Why an action is not scheduled: it needs one that is not.
    case planNeedsUnscheduled = "plan.unscheduled.needs"
    /// Why an action is not scheduled: it does not fit within the horizon.
    case planTooBig = "plan.unscheduled.too-big"
    /// Why an action is not scheduled: it does not fit within the horizon at its owner's capacity.
    case planTooBigOwner = "plan.unscheduled.too-big.owner"

    /// The English template.
    public var englishTemplate: String {
        switch self {
        case .criterionMissingFact: return "Not assessed: the evidence has no '{fact}' ({role})."
        case .criterionUnassessable: return "Not assessed: {reason}"
        case .criterionNotApplicable: return "Not applicable: {reason}"
        case .criterionDontKnow: return "Not assessed: don't know ({reason})"
        case .criterionSkipped: return "Not applicable: skipped: {parent} is {answer}."
        case .criterionSkippedParentUnanswered: return "Not applicable: skipped: {parent} was not answered."
        case .criterionSkippedParentSkipped: return "Not applicable: skipped: {parent} was skipped."
        case .answerUnanswered: return "Not answered"
        case .answerNotApplicable: return "Not applicable"
        case .answerDontKnow: return "Don't know"
        case .answerSkipped: return "Not asked"
        case .answerUnscorable: return "An answer that cannot be scored"
        case .countedZeroPoints:
            return "{answer}: counts 0 of {maximum} {maximum, plural, one {point} other {points}} under this method's rules."
        case .countedFullPoints:
            return "{answer}: counts full marks, {maximum} of {maximum} {maximum, plural, one {point} other {points}}, under this method's rules."
        case .countedLevel: return "{answer}: counts as level {level} under this method's rules."
        case .countedExcluded: return "{answer}: left out of the maximum under this method's rules."
        case .questionAskedWhen:
            return "Asked only when {parent} is {count, plural, one {} other {one of }}{answers}; otherwise it is not asked (skipped)"
        case .questionAskedUnless:
            return "Asked only when {parent} is not {count, plural, one {} other {one of }}{answers}; otherwise it is not asked (skipped)"
        case .criterionError: return "Error: {message}"
        case .criterionErrorWithHint: return "Error: {message}; {hint}"
        case .countFacts: return "{count, plural, one {# fact} other {# facts}}"
        case .countWarnings: return "{count, plural, one {# warning} other {# warnings}}"
        case .countCriteria: return "{count, plural, one {# criterion} other {# criteria}}"
        case .countDimensions: return "{count, plural, one {# dimension} other {# dimensions}}"
        case .countOrganisations: return "{count, plural, one {# organisation} other {# organisations}}"
        case .countActions: return "{count, plural, one {# action} other {# actions}}"
        case .initWrote:
            return "Wrote {file}: {open, plural, one {# fact} other {# facts}} to answer. Next: 'assess ask {file}' asks "
                + "{open, plural, one {it} other {them}} one at a time (or edit the file), then 'assess score {file}'."
        case .initWroteFramework:
            return "Wrote {file}: {open, plural, one {# fact} other {# facts}} to answer. Next: 'assess ask {file} --framework {framework}' asks "
                + "{open, plural, one {it} other {them}} one at a time (or edit the file), then 'assess score {file} --framework {framework}'."
        case .rulesMaximumFixedPoints:
            return "Maximum: fixed. The maximum of {rubric} includes its {maximum} {maximum, plural, one {point} other {points}} whatever is answered, unless a rule below leaves it out."
        case .rulesMaximumAssessedPoints:
            return "Maximum: assessed. The maximum of {rubric} includes its {maximum} {maximum, plural, one {point} other {points}} only when it is assessed, unless a rule below counts it."
        case .rulesMaximumFixedLevels:
            return "Score: fixed. The score of {rubric} includes it whatever is answered, unless a rule below leaves it out."
        case .rulesMaximumAssessedLevels:
            return "Score: assessed. The score of {rubric} includes it only when it is assessed, unless a rule below counts it."
        case .rulesAnswer: return "{answer}: {worth}."
        case .rulesAnswerSkipped: return "Not asked (question logic)"
        case .rulesAnswerNotAnOption: return "An answer that is not one of the options"
        case .rulesAnswerNotAnOptionFallback: return "An answer that is not one of the options (none: any other answer takes the fallback)"
        case .rulesWorthZeroPoints: return "counts 0 of {maximum} {maximum, plural, one {point} other {points}}"
        case .rulesWorthFullPoints: return "counts full marks, {maximum} {maximum, plural, one {point} other {points}}"
        case .rulesWorthExcludedPoints: return "is left out of the maximum"
        case .rulesWorthZeroLevels: return "counts as level 1"
        case .rulesWorthFullLevels: return "counts as the top level"
        case .rulesWorthExcludedLevels: return "is left out of the score"
        case .rulesMatchTrimIgnoreCase: return "Answers meet options ignoring spaces at either end and ignoring case."
        case .rulesMatchTrimCase: return "Answers meet options ignoring spaces at either end, case as written."
        case .rulesMatchExactIgnoreCase: return "Answers meet options with spaces counted and ignoring case."
        case .rulesMatchExactCase: return "Answers meet options with spaces counted, case as written."
        case .askProblemEmpty: return "Type an answer, or ? if you don't know, s to skip, h for help."
        case .askProblemPercent: return "'{text}' is not a number in this question's unit: give the number without the % sign, such as {number}."
        case .askProblemNotANumber: return "'{text}' is not a number. Type digits only, such as 1200 or 38.5."
        case .askProblemBetween: return "{text} is outside the range: give a number from {low} to {high}{unit}."
        case .askProblemBelow: return "{text} is too small: give {low}{unit} or more."
        case .askProblemAbove: return "{text} is too large: give at most {high}{unit}."
        case .askProblemOutOfRange: return "{text} is out of range."
        case .askProblemNotYesNo: return "'{text}' is not yes or no: type y or n (or ? if you don't know)."
        case .askProblemNotADate: return "'{text}' is not a date: write it YYYY-MM-DD, such as 2026-03-31."
        case .askProblemUnknownChoice: return "'{text}' is not one of the options: type a number from 1 to {count} or an id shown."
        case .askProblemUnknownIDs: return "Not among the ids shown: {ids}. Use the numbers or ids listed."
        case .askProblemBreakdownEntry: return "'{entry}' is not 'name: number'. Write entries such as web: 1200, phone: 3400."
        case .askProblemReasonNeeded: return "Say why it does not apply: na REASON, such as 'na we have no contact centre'."
        case .askProblemEmptyNote: return "Type the note after the word note."
        case .askProblemFileNeeded: return "Give the path of the export file."
        case .askProblemFileNotAccepted: return "This question does not take a file; type the answer."
        case .askProblemFileMissing: return "There is no file at {path}. Give a path relative to the evidence file."
        case .askProblemWrongFileType: return "{path} is not a file this question reads: give a .{extensions}."
        case .askProblemUnknownSource: return "'{kind}' is not a source: use measured, documented or self-reported."
        case .askProblemUnknownQuestion: return "No question has the id '{id}'; 'assess ask --list' shows them."
        case .askProblemRejected: return "The assessor cannot use this answer: {message}."
        case .askProblemRejectedHint: return "The assessor cannot use this answer: {message}; {hint}."
        case .askOutcomeSaved: return "Saved."
        case .askOutcomeDontKnow: return "Recorded as don't know."
        case .askOutcomeNotApplicable: return "Recorded as not applicable."
        case .askOutcomeSkipped: return "Skipped; it comes back at the end."
        case .askNoted: return "Noted for this answer: source {source}."
        case .askNotedReference: return "Noted for this answer: source {source}, reference {reference}."
        case .askNotedNote: return "Noted for this answer: source {source}, note {note}."
        case .askNotedReferenceNote: return "Noted for this answer: source {source}, reference {reference}, note {note}."
        case .askNotAskedParentIs: return "{parent} is {answer}"
        case .askNotAskedParentUnanswered: return "{parent} is not answered"
        case .askNotAskedParentNotAsked: return "{parent} is not asked"
        case .askLogicLeftOut: return "{count, plural, one {# question} other {# questions}} no longer asked after this answer (question logic)."
        case .askLogicOpened: return "{count, plural, one {# question} other {# questions}} now asked (question logic)."
        case .askLogicBoth: return "{leftOut, plural, one {# question} other {# questions}} no longer asked after this answer, {opened, plural, one {# question} other {# questions}} now asked (question logic)."
        case .askCommands: return "? don't know · na REASON · s skip · note TEXT · source measured|documented REF · q stop · h help"
        case .askHelp: return "Type the answer and press Enter. Also:\n  ?                 don't know (recorded, not assessed, not asked again unless --revisit)\n  na REASON         not applicable to your organisation, and why\n  s                 skip for now; it is asked again at the end and next time\n  file PATH         give an export file instead (checked now)\n  note TEXT         add a note to this answer\n  source KIND REF   where it came from: measured, documented or self-reported, with a reference\n  q                 stop; every answer given is already saved, and the next run resumes here"
        case .askProgressAnswered: return "{area}: {answered} of {total} answered"
        case .askProgressDontKnow: return "{count} don't know"
        case .askProgressNotAsked: return "{count} not asked"
        case .askProgressNotAssessed: return "not assessed yet"
        case .askProgressNotEnough: return "not enough evidence yet for a level"
        case .askProgressLevel: return "level {level} {name} so far"
        case .askProgressLevelUnverified: return "level {level} {name} so far, unverified"
        case .askProgressCoverage: return "({percent} assessed)"
        case .askSummaryFinished: return "No more questions to ask."
        case .askSummaryStopped: return "Stopped. Every answer given is saved; run the same command again to carry on."
        case .askSummaryScripted: return "Saved {count, plural, one {# answer} other {# answers}} from the file."
        case .askSummarySkipped: return "{count, plural, one {# skipped question} other {# skipped questions}} will be asked again next time."
        case .askSummaryStale: return "{count, plural, one {# answer is kept for a question not asked given an earlier answer: it is reported as skipped and not scored} other {# answers are kept for questions not asked given an earlier answer: they are reported as skipped and not scored}}; 'assess ask --list' shows which."
        case .askSummaryDontKnow: return "{count, plural, one {# don't know answer} other {# don't know answers}}: 'assess ask --revisit' asks them again."
        case .askSummaryAnswersIn: return "Answers are in {path}."
        case .askSummaryNext: return "Next: assess score {path}"
        case .askSummaryNextFramework: return "Next: assess score {path} --framework {framework}"
        case .askListInEvidence: return "in evidence"
        case .askListInEvidenceNotAsked: return "in evidence, not asked: {reason}; not scored"
        case .askListAnsweredNotAsked: return "answered, not asked: {reason}; not scored"
        case .askListNotAsked: return "not asked: {reason}"
        case .askListDontKnow: return "don't know"
        case .askListAnswered: return "answered"
        case .askListSkipped: return "skipped"
        case .askListToAsk: return "to ask"
        case .askOpening: return "Questions for {organisation}. Answers are saved as you go in {path}."
        case .askQuestionPosition: return "{area} · question {number} of {total}"
        case .askQuestionCriterion: return "{title} [{id}]"
        case .askQuestionGuidance: return "Guidance: {text}"
        case .askQuestionLevel: return "Level {level} {name}: {text}"
        case .askQuestionLevelUnnamed: return "Level {level}: {text}"
        case .askQuestionStatement: return "Statement {id}: {label}"
        case .askQuestionStatementLevel: return "Statement {id} (level {level}): {label}"
        case .askQuestionItem: return "Item {id}: {label}"
        case .askQuestionItemLevel: return "Item {id} (level {level}): {label}"
        case .askQuestionStatementPrompt: return "Is this true of your organisation? yes or no"
        case .askQuestionItemPrompt: return "Is this in place? yes or no"
        case .askQuestionWhatToGive: return "What to give: {text}"
        case .askQuestionFallback: return "Or any other answer, typed as it is: it counts as \"{label}\"."
        case .askQuestionFallbackPoints: return "Or any other answer, typed as it is: it counts as \"{label}\" ({points} {points, plural, one {point} other {points}})."
        case .askQuestionFallbackLevel: return "Or any other answer, typed as it is: it counts as \"{label}\" (level {level})."
        case .askQuestionDontKnowOption: return "? saves the answer \"{value}\", which this method counts as don't know."
        case .askQuestionFact: return "Fact {key}, read by {readers}."
        case .askAnswerForm: return "Answer: {form}"
        case .askAnswerOneOf: return "Answer: the number or id of one of these:"
        case .askAnswerIDs: return "Answer: ids separated by commas, or 'none'"
        case .askAnswerIDsListed: return "Answer: the numbers or ids that apply, separated by commas, or 'none':"
        case .askAnswerBreakdown: return "Answer: a number for each {of}, such as {example}"
        case .askAnswerBreakdownUnit: return "Answer: a number ({unit}) for each {of}, such as {example}"
        case .askAnswerFile: return "Answer: the path of an export file, relative to the evidence file"
        case .askAnswerFileKinds: return "Answer: the path of an export file ({kinds}), relative to the evidence file"
        case .askAnswerOrFile: return "Or: 'file PATH' for an export file, relative to the evidence file"
        case .askAnswerOrFileKinds: return "Or: 'file PATH' for an export file ({kinds}), relative to the evidence file"
        case .askAnswerSample: return "{format} starts like:"
        case .askAnswerWhere: return "Where to find it: {text}"
        case .askChoice: return "{number}. {id}"
        case .askChoiceLabel: return "{number}. {id}: {label}"
        case .askChoicePoints: return "{number}. {id} ({points} {points, plural, one {point} other {points}})"
        case .askChoicePointsLabel: return "{number}. {id} ({points} {points, plural, one {point} other {points}}): {label}"
        case .askChoiceLevel: return "{number}. {id} (level {level})"
        case .askChoiceLevelLabel: return "{number}. {id} (level {level}): {label}"
        case .planValueRises: return "Value {value} for {days} person-days: {perTen} per 10 days; raises the overall score by about {gain}."
        case .planValueFlat: return "Value {value} for {days} person-days: {perTen} per 10 days; the overall score moves by less than 0.1."
        case .planValueWithRises: return "Value {value} for {days} person-days (with the {count, plural, one {# action} other {# actions}} it depends on): {perTen} per 10 days; raises the overall score by about {gain}."
        case .planValueWithFlat: return "Value {value} for {days} person-days (with the {count, plural, one {# action} other {# actions}} it depends on): {perTen} per 10 days; the overall score moves by less than 0.1."
        case .planUnblocks: return "Lifts a core criterion that holds its dimension's level down."
        case .planDuty: return "Statutory duty not met today: {duties}."
        case .planNeededBy: return "Needed first by {actions}."
        case .planFirstStep: return "Scheduled early as the first step in its area."
        case .planSpread: return "Spread from {from} to {to} to stay within the capacity."
        case .planNeedsUnscheduled: return "It needs {action}, which is not scheduled."
        case .planTooBig: return "Its {days} person-days do not fit within the {quarters}-quarter horizon at {capacity} person-days a quarter."
        case .planTooBigOwner: return "Its {days} person-days do not fit within the {quarters}-quarter horizon at {capacity} person-days a quarter and {ownerCapacity} for {owner}."
        }
    }
}
