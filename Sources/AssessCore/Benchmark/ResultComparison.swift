/// Two assessments of one organisation compared: what moved, what is newly or no longer assessed, which
/// evidence facts changed, and which criteria were added, removed or renamed between framework versions
/// (docs/compare.md).
public struct ResultComparison: Sendable, Hashable {
    /// A headline or criterion result on one side.
    public struct Side: Sendable, Hashable {
        /// The score (criterion level or points; dimension or overall score), nil when none is claimed.
        public var score: Double?
        /// The level, nil when none is claimed.
        public var level: Int?
        /// The status: `scored`, `not-enough-evidence`, `unverified` for headlines; `assessed`,
        /// `not-assessed`, `not-applicable`, `error` for criteria.
        public var status: String
    }

    /// How a result's status moved.
    public enum StatusChange: String, Sendable, Hashable {
        /// Not assessed (or without a headline) before, assessed now.
        case newlyAssessed = "newly assessed"
        /// Assessed before, not now.
        case noLongerAssessed = "no longer assessed"
    }

    /// One row: overall, a dimension or a criterion.
    public struct Row: Sendable, Hashable {
        /// `overall`, a dimension id or a criterion id (the new id when renamed).
        public var id: String
        /// Its title (from the newer result when it has one).
        public var title: String
        /// The old id, when it was renamed.
        public var renamedFrom: String?
        /// Before; nil when it did not exist.
        public var before: Side?
        /// After; nil when it no longer exists.
        public var after: Side?
        /// After minus before, when both have a score.
        public var change: Double?
        /// Newly or no longer assessed.
        public var statusChange: StatusChange?

        /// Whether anything differs.
        public var changed: Bool {
            before != after || renamedFrom != nil
        }
    }

    /// A dimension and its criteria.
    public struct DimensionRows: Sendable, Hashable {
        /// The dimension's own row.
        public var row: Row
        /// Its criteria, in the newer result's order, then removed ones.
        public var criteria: [Row]
    }

    /// A fact whose value (or presence) differs.
    public struct FactChange: Sendable, Hashable {
        /// The fact key.
        public var fact: String
        /// Its value before (nil when absent).
        public var before: String?
        /// Its value after (nil when absent).
        public var after: String?
        /// The criteria (new ids) that read it.
        public var criteria: [String]

        /// Creates a fact change.
        public init(fact: String, before: String?, after: String?, criteria: [String]) {
            self.fact = fact
            self.before = before
            self.after = after
            self.criteria = criteria
        }
    }

    /// The organisation's name.
    public var organisation: String
    /// The period or framework version of each side, for headings.
    public var beforeLabel: String
    /// As ``beforeLabel``.
    public var afterLabel: String
    /// The overall row.
    public var overall: Row
    /// Dimension by dimension.
    public var dimensions: [DimensionRows]
    /// Criteria only in the newer result.
    public var added: [String]
    /// Criteria only in the older result, with no rename.
    public var removed: [String]
    /// Renamed criteria, old → new, from the framework's `renamed:` mapping.
    public var renamed: [(old: String, new: String)]
    /// Evidence facts that changed, by key.
    public var facts: [FactChange]

    public static func == (a: ResultComparison, b: ResultComparison) -> Bool {
        a.overall == b.overall && a.dimensions == b.dimensions && a.added == b.added && a.removed == b.removed
            && a.renamed.map(\.old) == b.renamed.map(\.old) && a.renamed.map(\.new) == b.renamed.map(\.new) && a.facts == b.facts
            && a.organisation == b.organisation
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(overall) }

    /// Dimensions that fell: a lower claimed level, a lower score (at three decimals, the JSON precision),
    /// or a headline score lost.
    public var regressions: [String] {
        dimensions.filter { Self.fell($0.row) }.map(\.row.id)
    }

    static func fell(_ row: Row) -> Bool {
        guard let before = row.before, let after = row.after else { return false }
        if let old = before.level, let new = after.level, new < old { return true }
        if let change = row.change, (change * 1000).rounded() < 0 { return true }
        return before.score != nil && after.score == nil
    }

    /// Compares two assessments. `renamed` maps old criterion ids to new ones (the newer framework's
    /// `renamed:`).
    public init(before old: Assessment, after new: Assessment, renamed: [String: String] = [:]) {
        organisation = new.organisation.name
        func label(_ a: Assessment) -> String {
            a.organisation.period.map { "\($0) (framework \(a.framework.version))" } ?? "framework \(a.framework.version)"
        }
        beforeLabel = label(old)
        afterLabel = label(new)
        // Scores are taken at three decimals, as a result file holds them, so comparing evidence scored now and
        // results read back give the same changes.
        func kept(_ score: Double?) -> Double? { score.map { ($0 * 1000).rounded() / 1000 } }
        func side(_ overall: OverallResult) -> Side { Side(score: kept(overall.score), level: overall.level, status: overall.status.rawValue) }
        func side(_ d: DimensionResult) -> Side { Side(score: kept(d.score), level: d.level, status: d.status.rawValue) }
        func side(_ c: CriterionResult) -> Side {
            Side(score: kept(c.score), level: kept(c.level).map { Int($0.rounded(.down)) }, status: c.status.rawValue)
        }
        overall = Self.row(id: "overall", title: "Overall", before: side(old.overall), after: side(new.overall))

        let oldCriteria = Dictionary(old.allCriteria.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newIDs = Set(new.allCriteria.map(\.id))
        // old id → new id, when the old id is gone and its new id exists
        var forward: [String: String] = [:]
        for (from, to) in renamed where oldCriteria[from] != nil && !newIDs.contains(from) && newIDs.contains(to) { forward[from] = to }
        let backward = Dictionary(forward.map { ($0.value, $0.key) }, uniquingKeysWith: { a, b in min(a, b) })

        var dimensions: [DimensionRows] = []
        var matched = Set<String>()
        var facts: [String: FactChange] = [:]
        for dimension in new.dimensions {
            let oldDimension = old.dimensions.first { $0.id == dimension.id }
            var rows: [Row] = []
            for criterion in dimension.criteria {
                let oldID = backward[criterion.id] ?? criterion.id
                let before = oldCriteria[oldID]
                if before != nil { matched.insert(oldID) }
                var row = Self.row(id: criterion.id, title: criterion.title, before: before.map(side), after: side(criterion))
                if oldID != criterion.id, before != nil { row.renamedFrom = oldID }
                rows.append(row)
                if let before { Self.collectFacts(before: before.evidence, after: criterion.evidence, criterion: criterion.id, into: &facts) }
            }
            for criterion in oldDimension?.criteria ?? [] where !matched.contains(criterion.id) && !newIDs.contains(criterion.id) {
                rows.append(Self.row(id: criterion.id, title: criterion.title, before: side(criterion), after: nil))
                matched.insert(criterion.id)
            }
            dimensions.append(DimensionRows(
                row: Self.row(id: dimension.id, title: dimension.title, before: oldDimension.map(side), after: side(dimension)),
                criteria: rows))
        }
        for dimension in old.dimensions where !new.dimensions.contains(where: { $0.id == dimension.id }) {
            let rows = dimension.criteria.filter { !matched.contains($0.id) }.map {
                Self.row(id: $0.id, title: $0.title, before: side($0), after: nil)
            }
            dimensions.append(DimensionRows(row: Self.row(id: dimension.id, title: dimension.title, before: side(dimension), after: nil),
                                            criteria: rows))
        }
        self.dimensions = dimensions
        self.renamed = forward.keys.sorted().map { ($0, forward[$0] ?? $0) }
        added = new.allCriteria.map(\.id).filter { oldCriteria[$0] == nil && backward[$0] == nil }
        removed = old.allCriteria.map(\.id).filter { !newIDs.contains($0) && forward[$0] == nil }
        self.facts = facts.keys.sorted().compactMap { facts[$0] }
    }

    static func row(id: String, title: String, before: Side?, after: Side?) -> Row {
        var row = Row(id: id, title: title, before: before, after: after)
        if let b = before?.score, let a = after?.score { row.change = a - b }
        let wasAssessed = before.map(assessed) ?? false, isAssessed = after.map(assessed) ?? false
        if before != nil, after != nil {
            if !wasAssessed, isAssessed { row.statusChange = .newlyAssessed }
            if wasAssessed, !isAssessed { row.statusChange = .noLongerAssessed }
        }
        return row
    }

    static func assessed(_ side: Side) -> Bool {
        side.status == "assessed" || (side.status != "not-assessed" && side.status != "not-applicable" && side.status != "error" && side.score != nil)
    }

    static func collectFacts(before: [EvidenceUse], after: [EvidenceUse], criterion: String, into facts: inout [String: FactChange]) {
        func value(_ use: EvidenceUse?) -> String? { use.flatMap { $0.present ? ($0.value ?? "(present)") : nil } }
        var keys: [String] = []
        for use in before + after where !keys.contains(use.fact) { keys.append(use.fact) }
        for key in keys {
            let old = value(before.first { $0.fact == key }), new = value(after.first { $0.fact == key })
            guard old != new else { continue }
            if facts[key] == nil { facts[key] = FactChange(fact: key, before: old, after: new, criteria: []) }
            if facts[key]?.criteria.contains(criterion) == false { facts[key]?.criteria.append(criterion) }
        }
    }
}
