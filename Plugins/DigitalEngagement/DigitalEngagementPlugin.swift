import AssessCore

/// Digital engagement: social media used for two-way conversation, backed by policy and training.
///
/// The area's domain assessors (reading real export formats) arrive with the plugins issue; until then the
/// rubric scores this area with the engine's generic assessors, and this plugin registers nothing.
public enum DigitalEngagementPlugin: AssessorPlugin {
    public static let name = "digital-engagement"
    public static let assessors: [any Assessor.Type] = []
}
