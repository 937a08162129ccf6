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
        }
    }
}
