/// A section of a rubric (a sub-dimension): a named group of its criteria with a score of its own. When
/// every section of a rubric has a weight, the dimension's score is the weighted mean of its sections'
/// scores; when none has, sections only group and report (see docs/scoring.md, "Sections").
public struct Section: Sendable, Hashable {
    /// Its id, unique in its rubric.
    public var id: String
    /// Its title.
    public var title: String
    /// What it covers.
    public var description: String
    /// Its relative weight in the dimension, or nil when the rubric's sections only group.
    public var weight: Double?
    /// Where it is defined.
    public var location: SourceLocation

    /// Creates a section.
    public init(id: String, title: String, description: String = "", weight: Double? = nil, location: SourceLocation = .unknown) {
        self.id = id
        self.title = title
        self.description = description
        self.weight = weight
        self.location = location
    }
}

extension Rubric {
    /// Whether its sections carry weights, so that the dimension's score combines them.
    public var sectionsWeighted: Bool { !sections.isEmpty && sections.allSatisfy { $0.weight != nil } }

    /// The criteria of a section, in file order.
    public func criteria(inSection id: String) -> [Criterion] { criteria.filter { $0.section == id } }
}
