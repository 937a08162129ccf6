/// Chooses, orders and schedules actions to close the gap between an assessment and its targets.
///
/// Priority is the expected rise in the overall weighted score per person-day, measured by re-scoring with
/// the action (and any unchosen actions it depends on) done. Actions that raise a core criterion holding a
/// dimension's staged level down come first, since nothing else can lift that level. Actions never start
/// before the actions they depend on, and no quarter holds more than the capacity: an action larger than a
/// quarter is spread over consecutive quarters.
public struct Planner: Sendable {
    /// The framework, with its actions.
    public let framework: Framework
    /// Person-days available per quarter.
    public var capacity: Double
    /// Planning horizon in quarters.
    public var quarters: Int
    /// A quick win takes at most this many person-days.
    public var quickWinEffort: Double = 5

    /// Creates a planner.
    public init(framework: Framework, capacity: Double = 40, quarters: Int = 8) {
        self.framework = framework
        self.capacity = capacity
        self.quarters = quarters
    }

    /// The targets: one level above today per dimension, unless set (all, per dimension, or in the framework).
    public func targets(for assessment: Assessment, all: Int? = nil, perDimension: [String: Int] = [:]) -> [String: Int] {
        var targets: [String: Int] = [:]
        let top = framework.scale.top
        for dimension in assessment.dimensions {
            let target = all ?? perDimension[dimension.id] ?? framework.targets[dimension.id] ?? ((dimension.level ?? dimension.provisionalLevel ?? 1) + 1)
            targets[dimension.id] = min(max(target, 1), top)
        }
        return targets
    }

    /// Plans a roadmap.
    public func plan(_ baseline: Assessment, targets: [String: Int]) -> Roadmap {
        let engine = Engine(framework: framework)
        let actions = framework.allActions
        let byID = Dictionary(actions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let criterionResults = Dictionary(baseline.allCriteria.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        // The raises an action can be projected for: assessed criteria it would lift.
        func projectable(_ action: Action, over current: Assessment) -> [Action.Raise] {
            let levels = Dictionary(current.allCriteria.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return action.raises.filter { raise in
                guard let result = levels[raise.criterion], result.status == .assessed else { return false }
                return (result.level ?? 1) + 1e-9 < raise.level
            }
        }
        // An action whose criteria already stand at or above the levels it raises them to is done already:
        // it is not planned again when something depends on it.
        func alreadyDone(_ action: Action) -> Bool {
            !action.raises.isEmpty && action.raises.allSatisfy { raise in
                guard let result = criterionResults[raise.criterion], result.status == .assessed else { return false }
                return (result.level ?? 1) + 1e-9 >= raise.level
            }
        }
        func closure(_ id: String, excluding chosen: Set<String>) -> [String] {
            var result: [String] = []
            var seen = Set<String>()
            func walk(_ current: String) {
                guard !seen.contains(current), !chosen.contains(current), let action = byID[current] else { return }
                seen.insert(current)
                if current != id, alreadyDone(action) { return }
                for dependency in action.dependsOn { walk(dependency) }
                result.append(current)
            }
            walk(id)
            return result
        }
        func levels(_ ids: [String]) -> [String: Double] {
            var raised: [String: Double] = [:]
            for id in ids {
                for raise in byID[id]?.raises ?? [] where criterionResults[raise.criterion]?.status == .assessed {
                    raised[raise.criterion] = max(raised[raise.criterion] ?? 0, raise.level)
                }
            }
            return raised
        }

        var chosen: [String] = []
        var chosenSet = Set<String>()
        var gains: [String: Double] = [:]
        var requiredBy: [String: [String]] = [:]
        var reasons: [String: String] = [:]
        var projected = baseline
        var assessFirst: [(Action, [String])] = []

        for _ in 0...actions.count {
            let below = Set(projected.dimensions.filter { ($0.level ?? 0) < (targets[$0.id] ?? 0) }.map(\.id))
            if below.isEmpty { break }
            let gating = Set(projected.dimensions.filter { below.contains($0.id) }.flatMap(\.gating.limitedBy))
            let dimensionOf = Dictionary(framework.allCriteria.map { ($0.criterion.id, $0.dimension.id) }, uniquingKeysWith: { a, _ in a })
            var best: (id: String, unblocks: Bool, priority: Double, gain: Double, ids: [String])?
            for action in actions where !chosenSet.contains(action.id) {
                let useful = projectable(action, over: projected).filter { below.contains(dimensionOf[$0.criterion] ?? "") }
                guard !useful.isEmpty else { continue }
                let ids = closure(action.id, excluding: chosenSet)
                let after = engine.rescore(projected, raising: levels(chosen + ids))
                let gain = (after.overall.provisionalScore ?? 0) - (projected.overall.provisionalScore ?? 0)
                let effort = ids.compactMap { byID[$0]?.effort }.reduce(0, +)
                let priority = effort > 0 ? gain / effort : gain
                let unblocks = useful.contains { gating.contains($0.criterion) }
                let better: Bool
                if let current = best {
                    if unblocks != current.unblocks { better = unblocks }
                    else if abs(priority - current.priority) > 1e-12 { better = priority > current.priority }
                    else { better = action.id < current.id }
                } else {
                    better = true
                }
                if better { best = (action.id, unblocks, priority, gain, ids) }
            }
            guard let pick = best else { break }
            for id in pick.ids where !chosenSet.contains(id) {
                chosen.append(id)
                chosenSet.insert(id)
                if id != pick.id { requiredBy[id, default: []].append(pick.id) }
            }
            gains[pick.id] = pick.gain
            let effort = pick.ids.compactMap { byID[$0]?.effort }.reduce(0, +)
            var reason = "Raises the overall score by \(Format.number(pick.gain, decimals: 3)) for \(Format.number(effort)) person-days"
            if pick.ids.count > 1 { reason += " (with the \(pick.ids.count - 1) action\(pick.ids.count == 2 ? "" : "s") it depends on)" }
            reason += ": \(Format.number(pick.priority * 10, decimals: 3)) per 10 days."
            if pick.unblocks { reason = "Lifts a core criterion that holds its dimension's level down. " + reason }
            reasons[pick.id] = reason
            projected = engine.rescore(baseline, raising: levels(chosen))
        }

        // Actions that would raise only criteria with no evidence: assess those first.
        for action in actions where !chosenSet.contains(action.id) {
            let unknown = action.raises.filter { criterionResults[$0.criterion].map { $0.status == .notAssessed || $0.status == .error } ?? false }
            let dimensionBelow = action.raises.contains { raise in
                framework.allCriteria.first { $0.criterion.id == raise.criterion }.map { pair in
                    (projected.dimensions.first { $0.id == pair.dimension.id }?.level ?? 0) < (targets[pair.dimension.id] ?? 0)
                } ?? false
            }
            if !unknown.isEmpty, unknown.count == action.raises.count, dimensionBelow {
                assessFirst.append((action, unknown.map(\.criterion)))
            }
        }

        // Order: the order of choice, which is by priority with each action's unplanned dependencies just
        // before it; checked so that no action precedes one it depends on.
        var ordered: [String] = []
        var placed = Set<String>()
        while ordered.count < chosen.count {
            guard let next = chosen.first(where: { id in
                !placed.contains(id) && (byID[id]?.dependsOn ?? []).allSatisfy { placed.contains($0) || !chosenSet.contains($0) }
            }) else { break }
            ordered.append(next)
            placed.insert(next)
        }

        // Schedule into quarters within the capacity.
        var load: [Int: Double] = [:]
        var ends: [String: Int] = [:]
        var items: [RoadmapItem] = []
        let medianGain = Self.median(chosen.compactMap { gains[$0] }.filter { $0 > 0 })
        for id in ordered {
            guard let action = byID[id] else { continue }
            var quarter = max(1, (action.dependsOn.compactMap { ends[$0] }.max() ?? 1))
            var remaining = action.effort
            var start: Int?
            var portions: [Double] = []
            while remaining > 1e-9 {
                let free = capacity - (load[quarter] ?? 0)
                if free > 1e-9 {
                    let portion = min(free, remaining)
                    if start == nil { start = quarter }
                    load[quarter, default: 0] += portion
                    remaining -= portion
                    portions.append(portion)
                } else if start != nil {
                    portions.append(0)
                }
                if remaining > 1e-9 { quarter += 1 }
            }
            let first = start ?? quarter
            ends[id] = quarter
            let gain = gains[id] ?? 0
            let quickWin = gain > 0 && action.effort <= quickWinEffort && gain >= medianGain
            var reasoning = reasons[id] ?? ""
            if let dependants = requiredBy[id] {
                reasoning = "Needed first by \(dependants.joined(separator: ", ")). " + reasoning
            }
            if portions.count > 1 {
                reasoning += " Spread over quarters \(first)–\(quarter) to stay within \(Format.number(capacity)) person-days a quarter."
            }
            let current = Dictionary(baseline.allCriteria.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            items.append(RoadmapItem(
                action: action,
                raises: action.raises.map { ($0.criterion, current[$0.criterion]?.status == .assessed ? current[$0.criterion]?.level : nil, $0.level) },
                quarter: first, endQuarter: quarter, effortByQuarter: portions, horizon: Horizon(quarter: first),
                expectedGain: gain, gainPerDay: action.effort > 0 ? gain / action.effort : 0, quickWin: quickWin,
                reasoning: reasoning.trimmingSpaces(), requiredBy: requiredBy[id] ?? [], beyondHorizon: first > quarters))
        }

        // Projections after each horizon, by re-scoring.
        var projections: [Projection] = []
        for horizon in Horizon.allCases {
            let done = items.filter { item in
                switch horizon {
                case .now: return item.endQuarter <= 1
                case .next: return item.endQuarter <= 4
                case .later: return true
                }
            }.map(\.action.id)
            projections.append(Projection(horizon: horizon, assessment: engine.rescore(baseline, raising: levels(done))))
        }
        let final = projections.last?.assessment ?? baseline
        let shortfalls = final.dimensions.compactMap { dimension -> (String, Int, Int?)? in
            let target = targets[dimension.id] ?? 0
            return (dimension.level ?? 0) < target ? (dimension.id, target, dimension.level) : nil
        }

        // Savings the assessors computed for criteria the plan raises: at the level the plan reaches when the
        // assessor gives a figure per level (`saving-at-level-N`), else its own target figure.
        var plannedLevel: [String: Double] = [:]
        for item in items {
            for raise in item.action.raises { plannedLevel[raise.criterion] = max(plannedLevel[raise.criterion] ?? 0, raise.level) }
        }
        let savings = baseline.allCriteria.compactMap { criterion -> Saving? in
            guard let level = plannedLevel[criterion.id] else { return nil }
            let perLevel = criterion.findings.first { $0.id == "saving-at-level-\(Int((level + 1e-9).rounded(.down)))" }
            guard let finding = perLevel ?? criterion.findings.first(where: { $0.id == "saving-at-target" }),
                  case .number(let amount, _) = finding.value, amount > 0 else { return nil }
            let assumptions = criterion.findings.first { $0.id == "unit-costs" }.map { "\($0.label): " + ReportText.value($0.value) + "." } ?? ""
            return Saving(criterion: criterion.id, label: finding.label, amount: amount, assumptions: assumptions)
        }

        return Roadmap(baseline: baseline, targets: targets, capacity: capacity, quarters: quarters, items: items,
                       projections: projections, savings: savings, assessFirst: assessFirst, shortfalls: shortfalls)
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
