import AssessCore

/// Digital inclusion and broadband: connectivity, skills and confidence, and assisted routes.
///
/// Coverage is read from the Ofcom Connected Nations figures as ONS Explore Local Statistics publishes them,
/// and residents' confidence from a survey export; assisted digital provision, the strategy and champions stay
/// with the engine's staged, checklist and options assessors.
public enum DigitalInclusionPlugin: AssessorPlugin {
    public static let name = "digital-inclusion"
    public static let assessors: [any Assessor.Type] = [CoverageAssessor.self, ResidentConfidenceAssessor.self]
}
