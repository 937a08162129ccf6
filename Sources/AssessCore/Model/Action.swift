/// Something an organisation can do to move up a rubric's levels, as a rubric describes it.
public struct Action: Sendable, Hashable {
    /// Unique id across the framework.
    public var id: String
    /// Short title.
    public var title: String
    /// What to do, in plain English.
    public var description: String
    /// The criteria it raises, and to which level.
    public var raises: [Raise]
    /// Effort in person-days.
    public var effort: Double
    /// One-off cost in pounds, beyond staff time (`cost:` or `cost: {one-off: ...}`).
    public var cost: Double?
    /// Recurring cost in pounds a year, beyond staff time (`cost: {recurring: ...}`).
    public var recurringCost: Double?
    /// Where the effort and cost figures come from (`cost: {source: ...}`).
    public var costSource: String?
    /// What it brings: savings ranges and risk reduced (`benefit:`).
    public var benefit: Benefit?
    /// Ids of the statutory duties it helps discharge (`duties:`), defined in the framework's `planning.duties`.
    public var duties: [String]
    /// Actions that must come first (across rubrics too).
    public var dependsOn: [String]
    /// The role that usually owns it.
    public var owner: String?
    /// The evidence that will show it is done.
    public var doneWhen: String?
    /// The rubric (dimension) it belongs to.
    public var dimension: String
    /// Where it is defined.
    public var file: String
    /// Its line and column.
    public var location: SourceLocation
    /// Which organisations it is for (`applies-to:`, as on criteria): an action for a function another body
    /// runs (libraries in a two-tier area) is never planned for an organisation it does not apply to.
    public var appliesTo: Applicability = Applicability()

    /// A criterion raised to a level.
    public struct Raise: Sendable, Hashable {
        /// The criterion id.
        public var criterion: String
        /// The level it reaches once the action is done.
        public var level: Double

        /// Creates a raise.
        public init(criterion: String, level: Double) {
            self.criterion = criterion
            self.level = level
        }
    }

    /// A range of pounds a year, low to high.
    public struct Range: Sendable, Hashable {
        /// The low end.
        public var low: Double
        /// The high end (at least `low`).
        public var high: Double

        /// Creates a range; the ends are put in order.
        public init(low: Double, high: Double) {
            self.low = min(low, high)
            self.high = max(low, high)
        }

        /// The middle of the range.
        public var middle: Double { (low + high) / 2 }
    }

    /// How much risk an action takes away.
    public enum Risk: String, Sendable, Hashable, CaseIterable {
        /// Little.
        case low
        /// Some.
        case medium
        /// Much: a statutory breach, a security or safeguarding failure.
        case high
    }

    /// What an action brings, each figure with its source.
    public struct Benefit: Sendable, Hashable {
        /// Cashable saving, pounds a year.
        public var cashable: Range?
        /// Non-cashable saving (staff time freed, residents' time), pounds a year.
        public var nonCashable: Range?
        /// The share, low to high, of the channel-shift saving the assessment computed for a criterion this action
        /// raises (the `saving-at-level-N` finding at the level it reaches) that this action delivers, as cashable.
        public var shareOfSaving: Range?
        /// Risk reduced.
        public var risk: Risk?
        /// Where the figures come from.
        public var source: String?

        /// Creates a benefit.
        public init(cashable: Range? = nil, nonCashable: Range? = nil, shareOfSaving: Range? = nil, risk: Risk? = nil, source: String? = nil) {
            self.cashable = cashable
            self.nonCashable = nonCashable
            self.shareOfSaving = shareOfSaving
            self.risk = risk
            self.source = source
        }
    }

    /// Creates an action.
    public init(id: String, title: String, description: String = "", raises: [Raise], effort: Double, cost: Double? = nil,
                recurringCost: Double? = nil, costSource: String? = nil, benefit: Benefit? = nil, duties: [String] = [],
                dependsOn: [String] = [], owner: String? = nil, doneWhen: String? = nil, dimension: String = "",
                file: String = "<memory>", location: SourceLocation = .unknown) {
        self.id = id
        self.title = title
        self.description = description
        self.raises = raises
        self.effort = effort
        self.cost = cost
        self.recurringCost = recurringCost
        self.costSource = costSource
        self.benefit = benefit
        self.duties = duties
        self.dependsOn = dependsOn
        self.owner = owner
        self.doneWhen = doneWhen
        self.dimension = dimension
        self.file = file
        self.location = location
    }
}
