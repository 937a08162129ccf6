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
    /// A criterion whose evidence is unusable.
    case criterionError = "criterion.error"
    /// A criterion whose evidence is unusable, with a hint.
    case criterionErrorWithHint = "criterion.error.hint"

    /// The English template.
    public var englishTemplate: String {
        switch self {
        case .criterionMissingFact: return "Not assessed: the evidence has no '{fact}' ({role})."
        case .criterionUnassessable: return "Not assessed: {reason}"
        case .criterionNotApplicable: return "Not applicable: {reason}"
        case .criterionError: return "Error: {message}"
        case .criterionErrorWithHint: return "Error: {message}; {hint}"
        }
    }
}
