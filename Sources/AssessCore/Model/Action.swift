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
    /// Optional cost in pounds, beyond staff time.
    public var cost: Double?
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

    /// Creates an action.
    public init(id: String, title: String, description: String = "", raises: [Raise], effort: Double, cost: Double? = nil,
                dependsOn: [String] = [], owner: String? = nil, doneWhen: String? = nil, dimension: String = "",
                file: String = "<memory>", location: SourceLocation = .unknown) {
        self.id = id
        self.title = title
        self.description = description
        self.raises = raises
        self.effort = effort
        self.cost = cost
        self.dependsOn = dependsOn
        self.owner = owner
        self.doneWhen = doneWhen
        self.dimension = dimension
        self.file = file
        self.location = location
    }
}
