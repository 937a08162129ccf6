/// When in the plan an action starts.
public enum Horizon: String, Sendable, Hashable, CaseIterable {
    /// This quarter.
    case now
    /// Within a year (quarters 2 to 4).
    case next
    /// After that.
    case later

    /// The horizon of a 1-based quarter.
    public init(quarter: Int) {
        self = quarter <= 1 ? .now : quarter <= 4 ? .next : .later
    }

    /// "Now", "Next", "Later".
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// One scheduled action.
public struct RoadmapItem: Sendable, Hashable {
    /// The action.
    public var action: Action
    /// The criteria it raises, from their current level to the new one.
    public var raises: [(criterion: String, from: Double?, to: Double)]
    /// The quarter it starts in (1 = this quarter).
    public var quarter: Int
    /// The quarter it ends in.
    public var endQuarter: Int
    /// Person-days spent in each quarter from `quarter` to `endQuarter`.
    public var effortByQuarter: [Double]
    /// Now, next or later.
    public var horizon: Horizon
    /// The rise in the overall weighted score it brings, measured when it was chosen (with its dependencies).
    public var expectedGain: Double
    /// `expectedGain` per person-day: the priority.
    public var gainPerDay: Double
    /// High gain for little effort.
    public var quickWin: Bool
    /// Why it is in the plan, and where.
    public var reasoning: String
    /// Set when it was added because another chosen action depends on it.
    public var requiredBy: [String]
    /// True when it starts after the planning horizon (`--quarters`).
    public var beyondHorizon: Bool

    public static func == (lhs: RoadmapItem, rhs: RoadmapItem) -> Bool {
        lhs.action == rhs.action && lhs.quarter == rhs.quarter && lhs.effortByQuarter == rhs.effortByQuarter
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(action.id) }
}

/// Scores projected after a horizon's actions are done.
public struct Projection: Sendable {
    /// After which horizon.
    public var horizon: Horizon
    /// The re-scored assessment.
    public var assessment: Assessment
}

/// A saving the roadmap would bring, as an assessor computed it, with its assumptions.
public struct Saving: Sendable, Hashable {
    /// The criterion that computed it.
    public var criterion: String
    /// What it is ("Annual saving if 80% of contacts were digital").
    public var label: String
    /// Pounds a year.
    public var amount: Double
    /// The assumptions behind it.
    public var assumptions: String
}

/// A prioritised, scheduled plan of actions that closes the gaps between today and the targets.
public struct Roadmap: Sendable {
    /// Today's assessment.
    public var baseline: Assessment
    /// Target level per dimension id.
    public var targets: [String: Int]
    /// Person-days available per quarter.
    public var capacity: Double
    /// The planning horizon in quarters.
    public var quarters: Int
    /// Scheduled actions in order.
    public var items: [RoadmapItem]
    /// Scores after Now, Next and Later.
    public var projections: [Projection]
    /// Savings computed by assessors for criteria the roadmap raises.
    public var savings: [Saving]
    /// Actions that would help but whose criteria are not assessed, so their effect cannot be projected.
    public var assessFirst: [(action: Action, criteria: [String])]
    /// Dimensions whose target the available actions cannot reach, with the level they do reach.
    public var shortfalls: [(dimension: String, target: Int, reached: Int?)]

    /// Total effort of the plan.
    public var totalEffort: Double { items.reduce(0) { $0 + $1.action.effort } }
    /// Total cost of the plan where actions state one.
    public var totalCost: Double { items.reduce(0) { $0 + ($1.action.cost ?? 0) } }
}
