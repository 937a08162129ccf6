import AssessCore

/// Mobile: services that work on the phones most residents use.
///
/// The area's domain assessors (reading real export formats) arrive with the plugins issue; until then the
/// rubric scores this area with the engine's generic assessors, and this plugin registers nothing.
public enum MobilePlugin: AssessorPlugin {
    public static let name = "mobile"
    public static let assessors: [any Assessor.Type] = []
}
