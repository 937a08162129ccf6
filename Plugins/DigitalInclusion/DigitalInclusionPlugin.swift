import AssessCore

/// Digital inclusion and broadband: connectivity, skills and confidence, and assisted routes.
///
/// The area's domain assessors (reading real export formats) arrive with the plugins issue; until then the
/// rubric scores this area with the engine's generic assessors, and this plugin registers nothing.
public enum DigitalInclusionPlugin: AssessorPlugin {
    public static let name = "digital-inclusion"
    public static let assessors: [any Assessor.Type] = []
}
