/// When in the plan an action starts.
public enum Horizon: String, Sendable, Hashable, CaseIterable {
    /// The first quarter of the plan.
    case now
    /// The rest of the plan's first year (quarters 2 to 4).
    case next
    /// After that, within the horizon.
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
    /// The value that ranked it (see `PlanningSettings`), with its unplanned dependencies.
    public var value: Double
    /// `value` per person-day: the priority.
    public var valuePerDay: Double
    /// Cashable saving it brings, pounds a year, when the rubric or the assessment gives one.
    public var cashable: Action.Range?
    /// Non-cashable saving it brings, pounds a year.
    public var nonCashable: Action.Range?
    /// The price basis of its savings ("2025-26 prices", or the unit costs' basis for a modelled saving).
    public var priceBasis: String?
    /// Statutory duties it helps discharge that the organisation is failing today.
    public var failingDuties: [Duty]
    /// Set when it was scheduled early as its area's first step (see docs/roadmap.md, "Year one").
    public var firstStep: Bool
    /// Small effort (at most the framework's quick-win effort) and no prerequisite still to do.
    public var quickWin: Bool
    /// Why it is in the plan, and where.
    public var reasoning: String
    /// Set when it was added because another chosen action depends on it.
    public var requiredBy: [String]

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
    /// Pounds a year, as the assessor modelled it (full precision).
    public var amount: Double
    /// The part likely to be cash, low to high: `amount` times the framework's saving realisation.
    public var cashable: Action.Range
    /// The price basis of the unit costs behind it ("2012 prices (Socitm 2012), not uprated").
    public var priceBasis: String
    /// The assumptions behind it.
    public var assumptions: String
}

/// An action the plan needs but cannot fit within the horizon at the capacity given.
public struct UnscheduledAction: Sendable, Hashable {
    /// The action.
    public var action: Action
    /// Why it is not scheduled.
    public var reason: String
}

/// A prioritised, scheduled plan of actions that closes the gaps between today and the targets.
public struct Roadmap: Sendable {
    /// Today's assessment.
    public var baseline: Assessment
    /// Target level per dimension id.
    public var targets: [String: Int]
    /// Person-days available per quarter.
    public var capacity: Double
    /// Person-days available per quarter to each owner named in `--capacity OWNER=DAYS`.
    public var ownerCapacity: [String: Double] = [:]
    /// The planning horizon in quarters.
    public var quarters: Int
    /// The financial-year quarter the plan starts in, if known (from `--start` or the evidence period).
    public var start: FiscalQuarter?
    /// The price year of money figures, from the framework's `planning.price-year`.
    public var priceYear: String?
    /// Actions the plan needs that do not fit within the horizon: not counted in any projection.
    public var notScheduled: [UnscheduledAction] = []
    /// Scheduled actions in order.
    public var items: [RoadmapItem]
    /// Scores after Now, Next and Later.
    public var projections: [Projection]
    /// Savings computed by assessors for criteria the roadmap raises.
    public var savings: [Saving]
    /// Actions that would help but whose criteria are not assessed, so their effect cannot be projected.
    public var assessFirst: [(action: Action, criteria: [String])]
    /// For an action listed under ``assessFirst`` because it needs another first, the id of that prerequisite:
    /// the first action its dependencies reach whose criteria have no evidence (the criteria listed are its).
    public var assessFirstNeeds: [String: String] = [:]
    /// Ids of the framework's actions that are not for this organisation (their `applies-to:` leaves it out, or
    /// every criterion they raise is not applicable): never planned, and not needed as prerequisites.
    public var notApplicable: Set<String> = []
    /// Dimensions whose target the available actions cannot reach, with the level they do reach.
    public var shortfalls: [(dimension: String, target: Int, reached: Int?)]

    /// Total effort of the plan.
    public var totalEffort: Double { items.reduce(0) { $0 + $1.action.effort } }
    /// Total one-off cost of the scheduled actions where they state one.
    public var totalCost: Double { items.reduce(0) { $0 + ($1.action.cost ?? 0) } }
    /// Total recurring cost a year of the scheduled actions where they state one.
    public var totalRecurringCost: Double { items.reduce(0) { $0 + ($1.action.recurringCost ?? 0) } }

    /// The label of a 1-based plan quarter: "Q1 2026-27" when the start is known, else "quarter 1".
    public func label(quarter: Int) -> String {
        start.map { $0.advanced(by: quarter - 1).label } ?? "quarter \(quarter)"
    }

    /// The label of a span of quarters: "Q1 2026-27" or "Q1–Q2 2026-27" or "Q4 2026-27–Q1 2027-28".
    public func label(from first: Int, to last: Int) -> String {
        guard last > first else { return label(quarter: first) }
        guard let start else { return "quarters \(first)–\(last)" }
        let a = start.advanced(by: first - 1), b = start.advanced(by: last - 1)
        return a.year == b.year ? "Q\(a.quarter)–Q\(b.quarter) \(a.financialYear)" : "\(a.label)–\(b.label)"
    }
}
