/// What stands between an organisation and its next level, biggest first: the "biggest gaps" a summary
/// leads with.
///
/// The order is:
/// 1. **Evidence** — areas whose level is withheld ("Not enough evidence", or "Unverified" because a core
///    criterion was not assessed). Nothing else about them can be judged until the evidence is given, so
///    they come first, the heaviest area first.
/// 2. **Core** — core criteria that hold an area's level below what its weighted score gives (the
///    weakest-link rule): raising anything else does not lift the level until these move.
/// 3. **Criterion** — every other assessed criterion below its area's target, by how much of the overall
///    score reaching the target would add: `(target − criterion level) × criterion weight ÷ assessed weight
///    of the area × area weight ÷ weight of the scored areas`. An area below the overall result's next
///    level has that as its target, and its criteria come first (they hold the overall level back; it is the
///    target `assess roadmap --target` is suggested with); any other area's target is its own next level.
///    In points scoring, the points short of the maximum take the place of the levels.
///
/// Criteria that are in error are not gaps (they are problems in the evidence, listed separately).
public struct Gap: Sendable, Hashable {
    /// Why this is a gap.
    public enum Kind: String, Sendable, Hashable {
        /// The area's level is withheld for want of evidence.
        case evidence
        /// A core criterion holds the area's level down.
        case core
        /// A criterion below the area's next level.
        case criterion
    }

    /// Why this is a gap.
    public var kind: Kind
    /// The area (dimension) id.
    public var dimension: String
    /// For ``Kind/evidence``, the criteria to give evidence for; otherwise the one criterion.
    public var criteria: [String]
    /// The criterion's level today (nil for evidence gaps, and in points scoring).
    public var level: Double?
    /// The level the area needs next (nil for evidence gaps, and in points scoring).
    public var target: Int?
    /// How much of the overall score closing the gap would add (0 for evidence gaps).
    public var value: Double

    /// A gap.
    public init(kind: Kind, dimension: String, criteria: [String], level: Double? = nil, target: Int? = nil, value: Double = 0) {
        self.kind = kind
        self.dimension = dimension
        self.criteria = criteria
        self.level = level
        self.target = target
        self.value = value
    }

    /// The biggest gaps of an assessment, at most `count`, in the order described above.
    public static func biggest(_ assessment: Assessment, count: Int = 3) -> [Gap] {
        all(assessment).prefix(max(count, 0)).map { $0 }
    }

    /// Every gap of an assessment, in the order described above.
    public static func all(_ assessment: Assessment) -> [Gap] {
        var evidence: [(weight: Double, gap: Gap)] = []
        var core: [Gap] = []
        var holding: [Gap] = []
        var others: [Gap] = []
        // The level the overall result needs next: the target `assess roadmap --target` is suggested with.
        let overallTarget = assessment.overall.level.map { min($0 + 1, assessment.scale.top) }
        let scoredWeight = assessment.dimensions.filter { $0.score != nil }.reduce(0) { $0 + max($1.weight, 0) }
        for d in assessment.dimensions {
            if d.status != .scored {
                let missing = d.status == .notEnoughEvidence || d.gating.unverifiedCore.isEmpty ? d.missing : d.gating.unverifiedCore
                let ids = missing.isEmpty ? d.criteria.filter { $0.status == .notAssessed }.map(\.id) : missing
                evidence.append((d.weight, Gap(kind: .evidence, dimension: d.id, criteria: ids)))
                continue
            }
            guard let score = d.score, scoredWeight > 0 else { continue }
            let share = max(d.weight, 0) / scoredWeight
            let assessed = d.criteria.filter { $0.status == .assessed && $0.weight > 0 }
            if assessment.scoring == .points {
                // The dimension's denominator: under a fixed maximum it holds criteria counted as zero or full too.
                let counting = d.criteria.filter { $0.weight > 0 && ($0.counted ?? ($0.status == .assessed ? .earned : .excluded)) != .excluded }
                let available = counting.reduce(0) { $0 + $1.weight * ($1.maxPoints ?? 0) }
                guard available > 0 else { continue }
                for c in assessed {
                    guard let points = c.points, let most = c.maxPoints, points < most else { continue }
                    let value = c.weight * (most - points) / available * 100 * share
                    let gap = Gap(kind: c.core && d.gating.limitedBy.contains(c.id) ? .core : .criterion, dimension: d.id, criteria: [c.id], value: value)
                    if gap.kind == .core { core.append(gap) } else { others.append(gap) }
                }
                continue
            }
            let today = d.level ?? Int((score + 1e-9).rounded(.down))
            // An area below the overall result's next level aims at it (and holds the overall level back);
            // any other area aims at its own next level.
            let behind = overallTarget.map { today < $0 } ?? false
            let target = behind ? (overallTarget ?? today + 1) : min(today + 1, assessment.scale.top)
            let weight = assessed.reduce(0) { $0 + $1.weight }
            guard weight > 0 else { continue }
            for c in assessed {
                guard let level = c.level else { continue }
                let limiting = d.gating.limitedBy.contains(c.id)
                guard limiting || level < Double(target) - 1e-9 else { continue }
                let value = max(Double(target) - level, 0) * c.weight / weight * share
                let gap = Gap(kind: limiting ? .core : .criterion, dimension: d.id, criteria: [c.id], level: level, target: target, value: value)
                if limiting { core.append(gap) } else if behind { holding.append(gap) } else { others.append(gap) }
            }
        }
        // Stable orders: ties keep the framework's order.
        let byValue: (Gap, Gap) -> Bool = { $0.value > $1.value + 1e-12 }
        let evidenceGaps = evidence.enumerated().sorted { ($0.element.weight, -$0.offset) > ($1.element.weight, -$1.offset) }.map(\.element.gap)
        return evidenceGaps + stableSorted(core, by: byValue) + stableSorted(holding, by: byValue) + stableSorted(others, by: byValue)
    }

    private static func stableSorted(_ gaps: [Gap], by before: (Gap, Gap) -> Bool) -> [Gap] {
        gaps.enumerated().sorted { before($0.element, $1.element) || (!before($1.element, $0.element) && $0.offset < $1.offset) }.map(\.element)
    }
}
