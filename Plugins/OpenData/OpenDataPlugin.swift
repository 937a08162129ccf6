import AssessCore

/// Open data: datasets published openly, in machine-readable formats, and kept up to date.
///
/// The area's domain assessors (reading real export formats) arrive with the plugins issue; until then the
/// rubric scores this area with the engine's generic assessors, and this plugin registers nothing.
public enum OpenDataPlugin: AssessorPlugin {
    public static let name = "open-data"
    public static let assessors: [any Assessor.Type] = []
}
