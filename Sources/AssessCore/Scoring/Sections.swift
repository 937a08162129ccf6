/// The result for one section (sub-dimension) of a dimension.
public struct SectionResult: Sendable, Hashable {
    /// Its id.
    public var id: String
    /// Its title.
    public var title: String
    /// Its weight in the dimension, or nil when the rubric's sections only group.
    public var weight: Double?
    /// Percentage of points (points scoring) or weighted mean level (levels scoring) of its assessed
    /// criteria; nil when none was assessed.
    public var score: Double?
    /// The level of the score: the framework's bands (points scoring) or the score rounded down (levels).
    public var level: Int?
    /// Weighted points earned by its assessed criteria (points scoring).
    public var points: Double?
    /// Weighted points available from its assessed criteria (points scoring).
    public var maxPoints: Double?
    /// Share of its applicable weight assessed, 0 ... 1; nil when nothing in it applies.
    public var coverage: Double?
    /// The ids of its criteria, in rubric order.
    public var criteria: [String]

    /// Creates a section result.
    public init(id: String, title: String, weight: Double?, score: Double?, level: Int?, points: Double?,
                maxPoints: Double?, coverage: Double?, criteria: [String]) {
        self.id = id
        self.title = title
        self.weight = weight
        self.score = score
        self.level = level
        self.points = points
        self.maxPoints = maxPoints
        self.coverage = coverage
        self.criteria = criteria
    }
}

/// The arithmetic of sections (sub-dimensions): each section pools its own criteria exactly as a dimension
/// without sections pools all of its criteria, and when every section is weighted the dimension's score is
/// the weighted mean of the section scores. Pure; documented in docs/scoring.md, "Sections (sub-dimensions)".
enum SectionScoring {
    /// The results of a rubric's sections, computed from its criteria's results (in any order; matched by id).
    static func results(_ rubric: Rubric, _ criteria: [CriterionResult], framework: Framework) -> [SectionResult] {
        guard !rubric.sections.isEmpty else { return [] }
        var byID: [String: CriterionResult] = [:]
        for result in criteria where byID[result.id] == nil { byID[result.id] = result }
        return rubric.sections.map { section in
            let ids = rubric.criteria(inSection: section.id).map(\.id)
            let pooled = pool(ids.compactMap { byID[$0] }, framework: framework)
            return SectionResult(id: section.id, title: section.title, weight: section.weight, score: pooled.score,
                                 level: pooled.score.map { level(of: $0, framework: framework) },
                                 points: pooled.points, maxPoints: pooled.maxPoints, coverage: pooled.coverage, criteria: ids)
        }
    }

    /// The dimension's score when every section is weighted: the mean of the scored sections' scores, each
    /// by its weight; nil when the sections only group, or no section with a positive weight has a score.
    static func combinedScore(_ rubric: Rubric, _ sections: [SectionResult]) -> Double? {
        guard rubric.sectionsWeighted else { return nil }
        let scored = sections.filter { $0.score != nil && ($0.weight ?? 0) > 0 }
        let total = scored.reduce(0) { $0 + ($1.weight ?? 0) }
        guard total > 0 else { return nil }
        return scored.reduce(0) { $0 + ($1.weight ?? 0) * ($1.score ?? 0) } / total
    }

    /// The level a score reaches: bands for points, the score rounded down for levels.
    static func level(of score: Double, framework: Framework) -> Int {
        framework.scoring == .points ? framework.level(forPercentage: score) : Int((score + 1e-9).rounded(.down))
    }

    /// Pools criterion results as a dimension does: the applicable weighted criteria, the assessed share of
    /// their weight, and the weighted mean level or the weighted points as a percentage of those available.
    static func pool(_ results: [CriterionResult], framework: Framework)
        -> (score: Double?, points: Double?, maxPoints: Double?, coverage: Double?) {
        let applicable = results.filter { $0.status != .notApplicable && $0.weight > 0 }
        let assessed = applicable.filter { $0.status == .assessed }
        let applicableWeight = applicable.reduce(0) { $0 + $1.weight }
        let assessedWeight = assessed.reduce(0) { $0 + $1.weight }
        let coverage = applicableWeight > 0 ? assessedWeight / applicableWeight : nil
        // The same counting as a dimension's (the answer rules: under a fixed maximum an unanswered question
        // counts zero), then the method's section rounding.
        guard let exact = Engine.exactScore(of: results, framework: framework) else { return (nil, nil, nil, coverage) }
        let score = framework.rounding.round(exact, places: framework.rounding.section)
        switch framework.scoring {
        case .levels:
            return (score, nil, nil, coverage)
        case .points:
            let (earned, available) = Engine.countedPoints(of: results)
            return (score, earned, available, coverage)
        }
    }
}
