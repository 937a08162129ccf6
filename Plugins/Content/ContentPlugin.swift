import AssessCore

/// Content and publishing: owned, reviewed, readable and accessible content.
///
/// The area's domain assessors (reading real export formats) arrive with the plugins issue; until then the
/// rubric scores this area with the engine's generic assessors, and this plugin registers nothing.
public enum ContentPlugin: AssessorPlugin {
    public static let name = "content"
    public static let assessors: [any Assessor.Type] = []
}
