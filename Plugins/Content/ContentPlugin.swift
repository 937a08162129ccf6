import AssessCore

/// Content and publishing: owned, reviewed, readable and accessible content.
///
/// Reads sitemaps and content inventories (pages reviewed in the last 12 months, named owners, broken
/// links) and plain-text copies of key pages (readability). See docs/plugins/content.md.
public enum ContentPlugin: AssessorPlugin {
    public static let name = "content"
    public static let assessors: [any Assessor.Type] = [ContentPagesAssessor.self, ReadabilityAssessor.self]
}
