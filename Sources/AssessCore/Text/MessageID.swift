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
        }
    }
}
