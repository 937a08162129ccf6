/// Chooses, orders and schedules actions to close the gap between an assessment and its targets.
///
/// Order of choice (docs/roadmap.md): actions that help discharge a statutory duty the organisation is failing
/// come first; then actions that raise a core criterion holding a dimension's staged level down; then the highest
/// value per person-day, where value weighs the rise in the overall score (measured by re-scoring), cashable and
/// non-cashable savings and risk reduced with the framework's `planning.weights`. Scheduling gives every area
/// below its target a first step before the rest, never starts an action before what it depends on, keeps each
/// quarter within the capacity (overall and per owner), and lists actions that do not fit within the horizon as
/// not scheduled. The work is bounded by actions × quarters whatever the options.
public struct Planner: Sendable {
    /// The framework, with its actions.
    public let framework: Framework
    /// Person-days available per quarter, across all owners.
    public var capacity: Double
    /// Person-days available per quarter to named owners (a team's days); others share `capacity` only.
    public var ownerCapacity: [String: Double]
    /// Planning horizon in quarters.
    public var quarters: Int
    /// The financial-year quarter of the plan's first quarter, if known.
    public var start: FiscalQuarter?

    /// Creates a planner.
    public init(framework: Framework, capacity: Double = 40, quarters: Int = 8, ownerCapacity: [String: Double] = [:],
                start: FiscalQuarter? = nil) {
        self.framework = framework
        self.capacity = capacity
        self.quarters = quarters
        self.ownerCapacity = ownerCapacity
        self.start = start
    }

    /// The targets: one level above today per dimension, unless set (all, per dimension, or in the framework).
    /// A dimension with no level (not enough evidence, or unverified) is planned from level 1, as `assess score`
    /// gives it no level, unless a target is set; its actions whose criteria have no evidence are listed under
    /// "assess first".
    public func targets(for assessment: Assessment, all: Int? = nil, perDimension: [String: Int] = [:]) -> [String: Int] {
        var targets: [String: Int] = [:]
        let top = framework.scale.top
        for dimension in assessment.dimensions {
            let target = all ?? perDimension[dimension.id] ?? framework.targets[dimension.id] ?? ((dimension.level ?? 1) + 1)
            targets[dimension.id] = min(max(target, 1), top)
        }
        return targets
    }

    /// Plans a roadmap.
    public func plan(_ baseline: Assessment, targets: [String: Int]) -> Roadmap {
        let settings = framework.planning
        let engine = Engine(framework: framework)
        let actions = framework.allActions
        let byID = Dictionary(actions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let criterionResults = Dictionary(baseline.allCriteria.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let dimensionOf = Dictionary(framework.allCriteria.map { ($0.criterion.id, $0.dimension.id) }, uniquingKeysWith: { a, _ in a })
        let duties = Dictionary(settings.duties.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        // Savings the assessment modelled per criterion and level (channel shift: `saving-at-level-N`).
        // Only the per-level figure counts: a level already reached has none, so no saving is claimed twice.
        func modelledSaving(_ criterion: String, level: Double) -> Double? {
            guard let result = criterionResults[criterion] else { return nil }
            guard let finding = result.findings.first(where: { $0.id == "saving-at-level-\(Int((level + 1e-9).rounded(.down)))" }),
                  case .number(let amount, _) = finding.value, amount > 0 else { return nil }
            return amount
        }
        // An action's own savings ranges: stated in the rubric, plus its share of a modelled saving.
        func savings(_ action: Action) -> (cashable: Action.Range?, nonCashable: Action.Range?) {
            guard let benefit = action.benefit else { return (nil, nil) }
            var cashable = benefit.cashable
            if let share = benefit.shareOfSaving {
                let modelled = action.raises.compactMap { modelledSaving($0.criterion, level: $0.level) }.max()
                if let modelled {
                    let low = share.low * modelled * settings.savingRealisation.low
                    let high = share.high * modelled * settings.savingRealisation.high
                    cashable = Action.Range(low: (cashable?.low ?? 0) + low, high: (cashable?.high ?? 0) + high)
                }
            }
            return (cashable, benefit.nonCashable)
        }
        let ownSavings = Dictionary(actions.map { ($0.id, savings($0)) }, uniquingKeysWith: { a, _ in a })
        // The part of an action's cashable saving that is its share of a modelled saving, with the criterion.
        func modelledPart(_ action: Action) -> (criterion: String, middle: Double)? {
            guard let share = action.benefit?.shareOfSaving else { return nil }
            let found = action.raises.compactMap { raise in modelledSaving(raise.criterion, level: raise.level).map { (raise.criterion, $0) } }
                .max { $0.1 < $1.1 }
            guard let (criterion, modelled) = found else { return nil }
            let low = share.low * modelled * settings.savingRealisation.low
            let high = share.high * modelled * settings.savingRealisation.high
            return (criterion, (low + high) / 2)
        }
        let modelledParts = Dictionary(actions.compactMap { action in modelledPart(action).map { (action.id, $0) } },
                                       uniquingKeysWith: { a, _ in a })
        // The cashable middle a set of actions adds to those already chosen. A modelled saving at a higher level
        // of a criterion includes the saving at the lower levels (the contacts moved to reach level 3 are
        // among those moved to reach level 4), so per criterion only the largest modelled part counts, less
        // what the chosen actions already claim on it.
        func largestModelled(_ group: [String]) -> [String: Double] {
            var parts: [String: Double] = [:]
            for id in group { if let part = modelledParts[id] { parts[part.criterion] = max(parts[part.criterion] ?? 0, part.middle) } }
            return parts
        }
        func cashableMiddle(_ ids: [String], over claimed: [String: Double]) -> Double {
            let wanted = largestModelled(ids)
            var added = 0.0
            for id in ids { added += (ownSavings[id]?.cashable?.middle ?? 0) - (modelledParts[id]?.middle ?? 0) }
            for (criterion, middle) in wanted { added += max(0, middle - (claimed[criterion] ?? 0)) }
            return added
        }
        // The price basis of an action's savings: the modelled saving's own (its unit costs' year) when a share
        // of it is counted, else the framework's price year.
        func priceBasis(_ action: Action) -> String? {
            if action.benefit?.shareOfSaving != nil {
                for raise in action.raises where modelledSaving(raise.criterion, level: raise.level) != nil {
                    if let finding = criterionResults[raise.criterion]?.findings.first(where: { $0.id == "price-basis" }) {
                        return ReportText.value(finding.value)
                    }
                }
            }
            return settings.priceYear.map { "\($0) prices" }
        }

        func assessedLevels(_ assessment: Assessment) -> [String: Double] {
            var levels: [String: Double] = [:]
            for result in assessment.allCriteria where result.status == .assessed { levels[result.id] = result.level ?? 1 }
            return levels
        }
        // The raises an action can be projected for: assessed criteria it would lift.
        func projectable(_ action: Action, over levels: [String: Double]) -> [Action.Raise] {
            action.raises.filter { raise in
                guard let level = levels[raise.criterion] else { return false }
                return level + 1e-9 < raise.level
            }
        }
        // An action whose criteria already stand at or above the levels it raises them to is done already:
        // it is not planned again when something depends on it.
        let baselineLevels = assessedLevels(baseline)
        func alreadyDone(_ action: Action) -> Bool {
            !action.raises.isEmpty && action.raises.allSatisfy { raise in
                guard let level = baselineLevels[raise.criterion] else { return false }
                return level + 1e-9 >= raise.level
            }
        }
        // An action for a function the organisation does not have: its own `applies-to:` leaves the organisation
        // out, or every criterion it raises is not applicable (a district's street works). It is never planned,
        // and as a prerequisite it is not needed: the body that has the function does it.
        func inapplicable(_ action: Action) -> Bool {
            if action.appliesTo.exclusion(for: baseline.organisation) != nil { return true }
            return !action.raises.isEmpty && action.raises.allSatisfy { criterionResults[$0.criterion]?.status == .notApplicable }
        }
        // The criteria of an action whose state is unknown: none of the criteria it raises was assessed and some
        // have no evidence. Whether it is already in place cannot be told, so it is not planned as if it were
        // missing: its criteria are assessed first, and so are those of every action that needs it.
        func unknownCriteria(_ action: Action) -> [String]? {
            guard !action.raises.isEmpty,
                  !action.raises.contains(where: { criterionResults[$0.criterion]?.status == .assessed }) else { return nil }
            let unknown = action.raises.filter { raise in
                criterionResults[raise.criterion].map { $0.status == .notAssessed || $0.status == .error } ?? false
            }.map(\.criterion)
            return unknown.isEmpty ? nil : unknown
        }
        func closure(_ id: String, excluding chosen: Set<String>) -> [String] {
            var result: [String] = []
            var seen = Set<String>()
            func walk(_ current: String) {
                guard !seen.contains(current), !chosen.contains(current), let action = byID[current] else { return }
                seen.insert(current)
                if current != id, alreadyDone(action) || inapplicable(action) { return }
                for dependency in action.dependsOn { walk(dependency) }
                result.append(current)
            }
            walk(id)
            return result
        }
        // The first prerequisite (itself included) in an action's closure whose state is unknown, with its criteria.
        func blockedBy(_ ids: [String]) -> (id: String, criteria: [String])? {
            for id in ids {
                if let action = byID[id], let unknown = unknownCriteria(action) { return (id, unknown) }
            }
            return nil
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
        func failingDuties(_ ids: [String], at levels: [String: Double]) -> [Duty] {
            var found: [Duty] = []
            for id in ids {
                for dutyID in byID[id]?.duties ?? [] {
                    guard let duty = duties[dutyID], duty.failing(in: levels) == true, !found.contains(duty) else { continue }
                    found.append(duty)
                }
            }
            return found
        }

        var chosen: [String] = []
        var chosenSet = Set<String>()
        var picks: [String: (value: Double, perDay: Double, gain: Double, duties: [Duty])] = [:]
        var requiredBy: [String: [String]] = [:]
        var reasons: [String: String] = [:]
        var projected = baseline
        var assessFirst: [(Action, [String])] = []
        var assessFirstNeeds: [String: String] = [:]
        // Actions that would help but need a prerequisite whose criteria have no evidence, with those criteria.
        var blocked: [String: (needs: String, criteria: [String])] = [:]

        for _ in 0...actions.count {
            let projectedLevels = assessedLevels(projected)
            let claimed = largestModelled(chosen)  // what the actions chosen so far claim, once per round
            let below = Set(projected.dimensions.filter { ($0.level ?? 0) < (targets[$0.id] ?? 0) }.map(\.id))
            let gating = Set(projected.dimensions.filter { below.contains($0.id) }.flatMap(\.gating.limitedBy))
            var best: (id: String, duty: Bool, unblocks: Bool, priority: Double, value: Double, gain: Double, ids: [String], duties: [Duty])?
            for action in actions where !chosenSet.contains(action.id) && !inapplicable(action) {
                let lifts = projectable(action, over: projectedLevels)
                guard !lifts.isEmpty else { continue }
                let useful = lifts.filter { below.contains(dimensionOf[$0.criterion] ?? "") }
                let ids = closure(action.id, excluding: chosenSet)
                if let blocker = blockedBy(ids) {
                    if !useful.isEmpty || !action.duties.isEmpty { blocked[action.id] = (blocker.id, blocker.criteria) }
                    continue
                }
                let failing = failingDuties(ids, at: projectedLevels)
                guard !useful.isEmpty || !failing.isEmpty else { continue }
                // Precedence goes to an action that itself discharges a failing duty. One that only needs such
                // an action would otherwise jump the queue with its whole chain, and the duty work would come
                // last in that chain (a redesign that needs the equality checks is not itself duty work).
                let ownDuties = failingDuties([action.id], at: projectedLevels)
                let after = engine.rescore(projected, raising: levels(chosen + ids))
                let gain = (after.overall.provisionalScore ?? 0) - (projected.overall.provisionalScore ?? 0)
                let effort = ids.compactMap { byID[$0]?.effort }.reduce(0, +)
                let cashable = cashableMiddle(ids, over: claimed)
                let nonCashable = ids.compactMap { ownSavings[$0]?.nonCashable?.middle }.reduce(0, +)
                let risk = ids.compactMap { byID[$0]?.benefit?.risk }.max { PlanningSettings.riskPoints($0) < PlanningSettings.riskPoints($1) }
                let value = settings.value(scoreGain: max(gain, 0), cashable: cashable, nonCashable: nonCashable, risk: risk)
                let priority = effort > 0 ? value / effort : value
                let unblocks = useful.contains { gating.contains($0.criterion) }
                let duty = !ownDuties.isEmpty
                let better: Bool
                if let current = best {
                    if duty != current.duty { better = duty }
                    else if unblocks != current.unblocks { better = unblocks }
                    else if abs(priority - current.priority) > 1e-12 { better = priority > current.priority }
                    else { better = action.id < current.id }
                } else {
                    better = true
                }
                if better { best = (action.id, duty, unblocks, priority, value, gain, ids, ownDuties) }
            }
            guard let pick = best else { break }
            for id in pick.ids where !chosenSet.contains(id) {
                chosen.append(id)
                chosenSet.insert(id)
                if id != pick.id { requiredBy[id, default: []].append(pick.id) }
            }
            picks[pick.id] = (pick.value, pick.priority, pick.gain, pick.duties)
            let effort = pick.ids.compactMap { byID[$0]?.effort }.reduce(0, +)
            // One decimal, as everywhere an executive reads (the JSON keeps value, priority and gain in full).
            let rises = pick.gain >= 0.05
            var arguments: [(String, MessageArgument)] = [
                ("value", .number(pick.value, decimals: 1)), ("days", .number(effort, decimals: 2)),
                ("perTen", .number(pick.priority * 10, decimals: 1)), ("gain", .number(pick.gain, decimals: 1)),
            ]
            let valueID: MessageID
            if pick.ids.count > 1 {
                arguments.append(("count", .count(pick.ids.count - 1)))
                valueID = rises ? .planValueWithRises : .planValueWithFlat
            } else {
                valueID = rises ? .planValueRises : .planValueFlat
            }
            var sentences = [Message(valueID, arguments).english]
            if pick.unblocks { sentences.insert(Message(.planUnblocks).english, at: 0) }
            if !pick.duties.isEmpty {
                let duties = pick.duties.map { "\($0.title) (\($0.reference))" }.joined(separator: "; ")
                sentences.insert(Message(.planDuty, [("duties", .text(duties))]).english, at: 0)
            }
            let reason = sentences.joined(separator: " ")
            reasons[pick.id] = reason
            projected = engine.rescore(baseline, raising: levels(chosen))
        }

        // Actions that would raise only criteria with no evidence, or that need such an action first: assess
        // those criteria first.
        for action in actions where !chosenSet.contains(action.id) && !inapplicable(action) {
            if let blocker = blocked[action.id] {
                assessFirst.append((action, blocker.criteria))
                if blocker.needs != action.id { assessFirstNeeds[action.id] = blocker.needs }
                continue
            }
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

        // Order. Duty actions first (with what they need); then each area below its target gets its first
        // step: its earliest-chosen action with what it needs, weakest area first (lowest level, then lowest
        // score, then id); then the rest in order of choice. Every action still comes after its dependencies.
        var preferred: [String] = []
        var preferredSet = Set<String>()
        var firstSteps = Set<String>()
        func prefer(_ id: String) {
            for dependency in closure(id, excluding: []) where chosenSet.contains(dependency) && !preferredSet.contains(dependency) {
                preferred.append(dependency)
                preferredSet.insert(dependency)
            }
        }
        // Every chosen action that discharges a failing duty today, whether picked for it or as another's
        // prerequisite, comes first with what it needs.
        for id in chosen where !(picks[id]?.duties.isEmpty ?? true) || !failingDuties([id], at: baselineLevels).isEmpty { prefer(id) }
        let weakestFirst = baseline.dimensions
            .filter { ($0.level ?? 0) < (targets[$0.id] ?? 0) }
            .sorted { ($0.level ?? 0, $0.score ?? 0, $0.id) < ($1.level ?? 0, $1.score ?? 0, $1.id) }
        for dimension in weakestFirst {
            guard !preferred.contains(where: { byID[$0]?.dimension == dimension.id }),
                  let step = chosen.first(where: { byID[$0]?.dimension == dimension.id }) else { continue }
            firstSteps.insert(step)
            prefer(step)
        }
        let sequence = preferred + chosen.filter { !preferredSet.contains($0) }
        var ordered: [String] = []
        var placed = Set<String>()
        var remainingIDs = sequence
        while !remainingIDs.isEmpty {
            guard let index = remainingIDs.firstIndex(where: { id in
                (byID[id]?.dependsOn ?? []).allSatisfy { placed.contains($0) || !chosenSet.contains($0) }
            }) else { break }
            let next = remainingIDs.remove(at: index)
            ordered.append(next)
            placed.insert(next)
        }

        // Schedule into quarters within the capacity, overall and per owner, up to the horizon. An action is
        // scheduled only when all of it fits by the last quarter; otherwise it, and whatever needs it, is listed
        // as not scheduled. At most `quarters` steps per action: the work is bounded whatever the capacity.
        var load = [Double](repeating: 0, count: quarters + 1)
        var ownerLoad: [String: [Double]] = [:]
        var ends: [String: Int] = [:]
        var items: [RoadmapItem] = []
        var notScheduled: [UnscheduledAction] = []
        var dropped = Set<String>()
        for id in ordered {
            guard let action = byID[id] else { continue }
            if let missing = action.dependsOn.first(where: { dropped.contains($0) }) {
                dropped.insert(id)
                notScheduled.append(UnscheduledAction(action: action, reason: Message(.planNeedsUnscheduled, [("action", .text(missing))]).english))
                continue
            }
            let ownerLimit = action.owner.flatMap { ownerCapacity[$0] }
            var tentative = load
            var tentativeOwner = action.owner.flatMap { ownerLoad[$0] } ?? [Double](repeating: 0, count: quarters + 1)
            var quarter = max(1, action.dependsOn.compactMap { ends[$0] }.max() ?? 1)
            var remaining = action.effort
            var start: Int?
            var portions: [Double] = []
            while remaining > 1e-9, quarter <= quarters {
                var free = capacity - tentative[quarter]
                if let ownerLimit { free = min(free, ownerLimit - tentativeOwner[quarter]) }
                if free > 1e-9 {
                    let portion = min(free, remaining)
                    if start == nil { start = quarter }
                    tentative[quarter] += portion
                    tentativeOwner[quarter] += portion
                    remaining -= portion
                    portions.append(portion)
                } else if start != nil {
                    portions.append(0)
                }
                if remaining > 1e-9 { quarter += 1 }
            }
            guard remaining <= 1e-9, let first = start else {
                dropped.insert(id)
                var arguments: [(String, MessageArgument)] = [("days", .number(action.effort, decimals: 2)), ("quarters", .count(quarters)),
                                                             ("capacity", .number(capacity, decimals: 2))]
                if let ownerLimit, let owner = action.owner {
                    arguments += [("ownerCapacity", .number(ownerLimit, decimals: 2)), ("owner", .text(owner))]
                }
                notScheduled.append(UnscheduledAction(action: action, reason:
                    Message(ownerLimit != nil && action.owner != nil ? .planTooBigOwner : .planTooBig, arguments).english))
                continue
            }
            load = tentative
            if let owner = action.owner, ownerLimit != nil { ownerLoad[owner] = tentativeOwner }
            ends[id] = quarter
            let pick = picks[id]
            let value = pick?.value ?? 0
            let unmet = action.dependsOn.contains { chosenSet.contains($0) }
            let quickWin = !unmet && value > 0 && action.effort <= settings.quickWinEffort
            var sentences: [String] = []
            if let dependants = requiredBy[id] {
                sentences.append(Message(.planNeededBy, [("actions", .text(dependants.joined(separator: ", ")))]).english)
            }
            if let reason = reasons[id] { sentences.append(reason) }
            if firstSteps.contains(id) { sentences.append(Message(.planFirstStep).english) }
            if portions.count > 1 {
                let label = { (q: Int) in self.start.map { $0.advanced(by: q - 1).label } ?? "quarter \(q)" }
                sentences.append(Message(.planSpread, [("from", .text(label(first))), ("to", .text(label(quarter)))]).english)
            }
            let reasoning = sentences.joined(separator: " ")
            let current = criterionResults
            let own = ownSavings[id]
            items.append(RoadmapItem(
                action: action,
                raises: action.raises.map { ($0.criterion, current[$0.criterion]?.status == .assessed ? current[$0.criterion]?.level : nil, $0.level) },
                quarter: first, endQuarter: quarter, effortByQuarter: portions, horizon: Horizon(quarter: first),
                expectedGain: pick?.gain ?? 0, gainPerDay: action.effort > 0 ? (pick?.gain ?? 0) / action.effort : 0,
                value: value, valuePerDay: pick?.perDay ?? 0, cashable: own?.cashable, nonCashable: own?.nonCashable,
                priceBasis: priceBasis(action),
                failingDuties: pick?.duties ?? failingDuties([id], at: baselineLevels), firstStep: firstSteps.contains(id),
                quickWin: quickWin, reasoning: reasoning.trimmingSpaces(), requiredBy: requiredBy[id] ?? []))
        }

        // Projections after each horizon, by re-scoring with the scheduled actions finished by then.
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

        // Savings the assessors computed for criteria the scheduled plan raises, at the level the plan reaches
        // (`saving-at-level-N`), stated as a cashable range with the price basis of the unit costs.
        var plannedLevel: [String: Double] = [:]
        for item in items {
            for raise in item.action.raises { plannedLevel[raise.criterion] = max(plannedLevel[raise.criterion] ?? 0, raise.level) }
        }
        let savings = baseline.allCriteria.compactMap { criterion -> Saving? in
            guard let level = plannedLevel[criterion.id] else { return nil }
            // Only the figure for the level the plan reaches: an assessor's own target share may be beyond it.
            guard let finding = criterion.findings.first(where: { $0.id == "saving-at-level-\(Int((level + 1e-9).rounded(.down)))" }),
                  case .number(let amount, _) = finding.value, amount > 0 else { return nil }
            let assumptions = criterion.findings.first { $0.id == "unit-costs" }.map { "\($0.label): " + ReportText.value($0.value) + "." } ?? ""
            let basis = criterion.findings.first { $0.id == "price-basis" }.map { ReportText.value($0.value) } ?? "price year not stated"
            return Saving(criterion: criterion.id, label: finding.label, amount: amount,
                          cashable: Action.Range(low: amount * settings.savingRealisation.low, high: amount * settings.savingRealisation.high),
                          priceBasis: basis, assumptions: assumptions)
        }

        var roadmap = Roadmap(baseline: baseline, targets: targets, capacity: capacity, quarters: quarters, items: items,
                              projections: projections, savings: savings, assessFirst: assessFirst, shortfalls: shortfalls)
        roadmap.ownerCapacity = ownerCapacity
        roadmap.start = start
        roadmap.priceYear = settings.priceYear
        roadmap.notScheduled = notScheduled
        roadmap.assessFirstNeeds = assessFirstNeeds
        roadmap.notApplicable = Set(actions.filter(inapplicable).map(\.id))
        return roadmap
    }
}
