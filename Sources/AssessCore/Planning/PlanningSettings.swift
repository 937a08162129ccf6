/// How the planner values actions, from the framework's `planning:` section (docs/roadmap.md).
///
/// An action's value is
///
///     value = score × (rise in the overall score × 10)
///           + cashable × (middle of the cashable saving range, £ a year) / 10,000
///           + non-cashable × (middle of the non-cashable saving range, £ a year) / 10,000
///           + risk × (1 for low, 2 for medium, 3 for high risk reduced)
///
/// and its priority is value per person-day (with the unplanned actions it depends on). Actions that help
/// discharge a statutory duty the organisation is failing come before all others.
public struct PlanningSettings: Sendable, Hashable {
    /// Value of a rise of 0.1 in the overall score.
    public var scoreWeight: Double = 1
    /// Value of £10,000 a year of cashable saving.
    public var cashableWeight: Double = 1
    /// Value of £10,000 a year of non-cashable saving.
    public var nonCashableWeight: Double = 0.5
    /// Value of each point of risk reduced (low 1, medium 2, high 3).
    public var riskWeight: Double = 0.5
    /// A quick win takes at most this many person-days and has no unmet prerequisites.
    public var quickWinEffort: Double = 5
    /// The share, low to high, of a modelled channel-shift saving that turns into cash (posts not refilled,
    /// contracts ended). The rest is capacity freed, not money.
    public var savingRealisation = Action.Range(low: 0.5, high: 1)
    /// The price year savings and costs are stated in ("2025-26").
    public var priceYear: String?
    /// Statutory duties actions can be tagged with.
    public var duties: [Duty] = []

    /// Creates the default settings.
    public init() {}

    /// The value of an action's effects.
    public func value(scoreGain: Double, cashable: Double, nonCashable: Double, risk: Action.Risk?) -> Double {
        scoreWeight * scoreGain * 10 + cashableWeight * cashable / 10_000 + nonCashableWeight * nonCashable / 10_000
            + riskWeight * Double(risk.map(Self.riskPoints) ?? 0)
    }

    /// Points of risk reduced: low 1, medium 2, high 3.
    public static func riskPoints(_ risk: Action.Risk) -> Int {
        switch risk {
        case .low: 1
        case .medium: 2
        case .high: 3
        }
    }
}

/// A statutory duty that actions can help discharge.
public struct Duty: Sendable, Hashable {
    /// Id used in actions' `duties:`.
    public var id: String
    /// What the duty is, in plain English.
    public var title: String
    /// The legal reference (instrument, year, section or regulation).
    public var reference: String
    /// The criteria, and the level each must reach, for the duty to count as met. An organisation is failing
    /// the duty when one of them is assessed below its level; with none assessed, whether it is met is unknown.
    public var metWhen: [Action.Raise]

    /// Creates a duty.
    public init(id: String, title: String, reference: String, metWhen: [Action.Raise] = []) {
        self.id = id
        self.title = title
        self.reference = reference
        self.metWhen = metWhen
    }

    /// Whether the duty is failed in an assessment: true when a `metWhen` criterion is assessed below its level,
    /// false when all assessed ones meet theirs, nil when none is assessed.
    public func failing(in levels: [String: Double]) -> Bool? {
        var known = false
        for condition in metWhen {
            guard let level = levels[condition.criterion] else { continue }
            known = true
            if level + 1e-9 < condition.level { return true }
        }
        return known ? false : nil
    }
}

extension FrameworkLoader {
    /// The keys of `planning:` in framework.yaml.
    public static let planningKeys = ["weights", "quick-win-effort", "saving-realisation", "price-year", "duties"]

    /// Decodes `planning:`; problems go to the reader's diagnostics.
    static func decodePlanning(_ reader: NodeReader, scale: Scale) -> PlanningSettings {
        var settings = PlanningSettings()
        guard let map = reader.mapping(keys: planningKeys) else { return settings }
        if let weights = map["weights"]?.mapping(keys: ["score", "cashable", "non-cashable", "risk"]) {
            if let value = weights["score"]?.number(in: 0...1_000_000) { settings.scoreWeight = value }
            if let value = weights["cashable"]?.number(in: 0...1_000_000) { settings.cashableWeight = value }
            if let value = weights["non-cashable"]?.number(in: 0...1_000_000) { settings.nonCashableWeight = value }
            if let value = weights["risk"]?.number(in: 0...1_000_000) { settings.riskWeight = value }
        }
        if let value = map["quick-win-effort"]?.number(in: 0...1_000) { settings.quickWinEffort = value }
        if let range = map["saving-realisation"].flatMap({ decodeRange($0, in: 0...1) }) { settings.savingRealisation = range }
        settings.priceYear = map.optionalString("price-year")
        for entry in map["duties"]?.list() ?? [] {
            guard let duty = entry.mapping(keys: ["id", "title", "reference", "met-when"]) else { continue }
            var metWhen: [Action.Raise] = []
            if let conditions = duty["met-when"], let pairs = conditions.node.pairs {
                for pair in pairs {
                    let criterion = pair.key.scalar?.text ?? ""
                    if let level = conditions.child(pair.value, key: criterion).number(in: 1...Double(scale.top)) {
                        metWhen.append(Action.Raise(criterion: criterion, level: level))
                    }
                }
            } else if let conditions = duty["met-when"] {
                conditions.error("met-when must map criterion ids to levels", hint: "for example {con-accessibility: 3}")
            }
            settings.duties.append(Duty(id: duty.string("id") ?? "", title: duty.string("title") ?? "",
                                        reference: duty.string("reference") ?? "", metWhen: metWhen))
        }
        return settings
    }

    /// A range written `[low, high]` or as one number.
    static func decodeRange(_ reader: NodeReader, in bounds: ClosedRange<Double>) -> Action.Range? {
        if reader.node.scalar != nil {
            return reader.number(in: bounds).map { Action.Range(low: $0, high: $0) }
        }
        guard let items = reader.list() else { return nil }
        guard items.count == 2 else {
            reader.error("a range needs two numbers, low and high, found \(items.count)", hint: "for example [40000, 90000]")
            return nil
        }
        guard let low = items[0].number(in: bounds), let high = items[1].number(in: bounds) else { return nil }
        guard low <= high else {
            reader.error("the low end \(low) is above the high end \(high)", hint: "write the range as [low, high]")
            return nil
        }
        return Action.Range(low: low, high: high)
    }
}

extension FrameworkLoader {
    /// Duties have ids and references, name known criteria, and every duty an action names exists.
    static func checkDuties(_ planning: PlanningSettings, dimensions: [Dimension], context: DecodingContext, reader: NodeReader) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let criteria = Set(dimensions.flatMap { $0.rubric.criteria.map(\.id) })
        var seen = Set<String>()
        for duty in planning.duties {
            if duty.id.isEmpty || duty.reference.isEmpty {
                reader.error("every duty needs an id and a legal reference", hint: "add 'id:' and 'reference:' (instrument, year, section)")
            }
            if !seen.insert(duty.id).inserted { reader.error("duty id '\(duty.id)' is used twice", hint: "give each duty its own id") }
            for condition in duty.metWhen where !criteria.contains(condition.criterion) {
                reader.error("duty '\(duty.id)' is met when an unknown criterion '\(condition.criterion)' reaches a level",
                             hint: Suggestion.nearest(to: condition.criterion, in: criteria.sorted()).map { "did you mean '\($0)'?" })
            }
        }
        let known = Set(planning.duties.map(\.id))
        for action in dimensions.flatMap(\.rubric.actions) {
            for duty in action.duties where !known.contains(duty) {
                problems.append(Diagnostic(file: action.file, location: action.location,
                                           message: "action '\(action.id)' names an unknown duty '\(duty)'",
                                           hint: known.isEmpty ? "define it under 'planning: duties:' in framework.yaml"
                                               : Suggestion.nearest(to: duty, in: known.sorted()).map { "did you mean '\($0)'?" }
                                               ?? "define it under 'planning: duties:' in framework.yaml"))
            }
        }
        return problems
    }
}
