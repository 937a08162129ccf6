import AssessCore
import Foundation

/// Figures as an executive reads them: levels by name, scores to one decimal, whole percentages, rounded
/// money. Full precision stays in the JSON; nothing here prints two decimals.
enum Figures {
    /// "Level 3: Defined".
    static func level(_ level: Int, in assessment: Assessment) -> String {
        "Level \(level): \(assessment.scale.name(of: level))"
    }

    /// A score to one decimal, rounded down, so that a score never appears to reach a level it has not:
    /// 2.98 (level 2) is "2.9", not "3.0"; 3.02 is "3.0".
    static func oneDecimal(_ score: Double) -> String { Format.oneDecimal(score) }

    /// A score to one decimal with its maximum: "3.0 out of 5", or "62.5%" in points mode.
    static func score(_ score: Double?, in assessment: Assessment) -> String {
        guard let score else { return "not scored" }
        return assessment.scoring == .points ? oneDecimal(score) + "%" : oneDecimal(score) + " out of " + String(assessment.scale.top)
    }

    /// A score to one decimal without its maximum ("3.0"), for tables whose header says the scale.
    static func shortScore(_ score: Double?, in assessment: Assessment) -> String {
        guard let score else { return "–" }
        return oneDecimal(score) + (assessment.scoring == .points ? "%" : "")
    }

    /// A dimension's headline: "Level 3: Defined", "Level 3: Defined (unverified)", "Not enough evidence", "Unverified".
    static func headline(_ d: DimensionResult, in assessment: Assessment) -> String {
        switch d.status {
        case .notEnoughEvidence: return "Not enough evidence"
        case .unverified: return d.level.map { level($0, in: assessment) + " (unverified)" } ?? "Unverified"
        case .scored: return d.level.map { level($0, in: assessment) } ?? "Not enough evidence"
        }
    }

    /// The overall headline, the same way.
    static func headline(_ overall: OverallResult, in assessment: Assessment) -> String {
        switch overall.status {
        case .notEnoughEvidence: return "Not enough evidence"
        case .unverified: return overall.level.map { level($0, in: assessment) + " (unverified)" } ?? "Unverified"
        case .scored: return overall.level.map { level($0, in: assessment) } ?? "Not enough evidence"
        }
    }

    /// The whole level a criterion's fractional level stands at: 3.09 is level 3.
    static func wholeLevel(_ value: Double, top: Int) -> Int {
        min(max(Int(value.rounded(.down)), 0), top)
    }

    /// A criterion's result in words: "Level 3: Defined", "12 of 20 points", "not assessed".
    static func criterion(_ c: CriterionResult, in assessment: Assessment) -> String {
        if c.weight == 0, c.status != .error { return "not scored" }
        guard c.status == .assessed else { return ReportText.status(c.status) }
        if assessment.scoring == .points, let points = c.points, let max = c.maxPoints {
            return "\(Format.number(points, decimals: 1)) of \(Format.number(max, decimals: 1)) points"
        }
        guard let value = c.level else { return "assessed" }
        let whole = wholeLevel(value, top: assessment.scale.top)
        return whole >= 1 ? level(whole, in: assessment) : "Below level 1"
    }

    /// A context figure to one decimal.
    static func quantity(_ value: Double, unit: String) -> String {
        Format.quantity(value, unit: unit, decimals: 1)
    }

    /// A sum of pound ranges, or nil when there is nothing.
    static func total(_ ranges: [Action.Range?]) -> Action.Range? {
        let present = ranges.compactMap { $0 }.filter { $0.high > 0 }
        guard !present.isEmpty else { return nil }
        return Action.Range(low: present.reduce(0) { $0 + $1.low }, high: present.reduce(0) { $0 + $1.high })
    }

    /// "3 actions" / "1 action".
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// "1 criterion", "3 criteria".
    static func criteria(_ n: Int) -> String { "\(n) \(n == 1 ? "criterion" : "criteria")" }

    /// "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
    }

    /// At most `limit` items named, then "and N more".
    static func list(_ items: [String], limit: Int) -> String {
        guard items.count > limit else { return list(items) }
        return items.prefix(limit).joined(separator: ", ") + " and \(items.count - limit) more"
    }
}

/// Page one of the report: the "so what" a chief executive reads, derived from the assessment and the plan.
/// Every sentence is built here from the data, never written per organisation (docs/report.md, "Page one").
enum ExecutiveSummary {
    /// A one-line finding per area, in the terms of a peer challenge: a strength, an area for development,
    /// or not enough evidence to say.
    static func finding(_ d: DimensionResult, overall: OverallResult, assessment: Assessment) -> (rating: String, style: String, text: String) {
        let titles = Dictionary(d.criteria.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let assessed = d.criteria.filter { $0.status == .assessed && $0.level != nil }
        if d.status == .unverified, d.level == nil {
            // Enough evidence overall, but a level needs a core criterion that has none: say which.
            let core = d.gating.unverifiedCore.map { titles[$0] ?? $0 }
            return ("Unverified", "unknown", core.isEmpty ? "a core criterion has no evidence, so no level is claimed."
                    : "no level is claimed until \(Figures.list(core.map(\.lowercasedFirst))) \(core.count == 1 ? "has" : "have") evidence.")
        }
        guard d.status != .notEnoughEvidence, let level = d.level else {
            let missing = d.criteria.filter { $0.status == .notAssessed }.count
            return ("Not enough evidence", "unknown",
                    "\(Figures.criteria(missing)) without evidence, \(Figures.criteria(assessed.count)) assessed.")
        }
        let top = assessment.scale.top
        let rating: (String, String)
        if level > (overall.level ?? level) || level >= max(top - 1, 2) {
            rating = ("Strength", "strength")
        } else if level < (overall.level ?? level) || level <= 2 {
            rating = ("Area for development", "development")
        } else {
            rating = ("Established", "established")
        }
        var text: String
        if !d.gating.limitedBy.isEmpty {
            text = "held at level \(level) by " + Figures.list(d.gating.limitedBy.map { titles[$0] ?? $0 }).lowercasedFirst
        } else if let best = assessed.max(by: { ($0.level ?? 0, $1.id) < ($1.level ?? 0, $0.id) }),
                  let worst = assessed.min(by: { ($0.level ?? 0, $0.id) < ($1.level ?? 0, $1.id) }),
                  Figures.wholeLevel(best.level ?? 0, top: top) != Figures.wholeLevel(worst.level ?? 0, top: top) {
            // A strength is shown by its best criterion; otherwise the finding names what to develop.
            let shown = rating.1 == "strength" ? best : worst
            text = (rating.1 == "strength" ? "best is " : "weakest is ")
                + "\(shown.title.lowercasedFirst) (level \(Figures.wholeLevel(shown.level ?? 0, top: top)))"
        } else {
            text = "its criteria are at a similar level"
        }
        if d.status == .unverified { text += "; the level is unverified" }
        return (rating.0, rating.1, text + ".")
    }

    /// Statutory duties the organisation is failing today, with what meets them: those the plan's actions
    /// discharge first (in plan order), then every other duty of `duties` (the framework's `planning.duties`)
    /// whose `met-when` criteria show it failed today, scheduled or not, so no gap is hidden by the horizon.
    static func statutoryGaps(_ roadmap: Roadmap, duties: [Duty] = []) -> [[String: Any]] {
        var order: [Duty] = []
        for item in roadmap.items { for duty in item.failingDuties where !order.contains(where: { $0.id == duty.id }) { order.append(duty) } }
        var levels: [String: Double] = [:]
        for criterion in roadmap.baseline.allCriteria where criterion.status == .assessed { levels[criterion.id] = criterion.level ?? 1 }
        for duty in duties where duty.failing(in: levels) == true && !order.contains(where: { $0.id == duty.id }) { order.append(duty) }
        return order.map { duty in
            let items = roadmap.items.filter { $0.failingDuties.contains { $0.id == duty.id } || $0.action.duties.contains(duty.id) }
            guard !items.isEmpty else {
                let waiting = roadmap.notScheduled.filter { $0.action.duties.contains(duty.id) }.map(\.action.title)
                let text = "No action scheduled within the horizon"
                    + (waiting.isEmpty ? "" : " (" + Figures.list(waiting, limit: 1) + " does not fit)")
                return ["title": duty.title, "reference": duty.reference, "actionText": text, "unscheduled": true]
            }
            let when = items.map { roadmap.label(from: $0.quarter, to: $0.endQuarter) }
            return ["title": duty.title, "reference": duty.reference,
                    "actionText": Figures.list(items.map(\.action.title), limit: 1) + " (" + (when.first ?? "") + (when.count > 1 ? " onwards" : "") + ")"]
        }
    }

    /// The decisions leadership must take for the plan to happen: three to five, derived from the plan, in this
    /// order: statutory work, missing evidence, capacity, what is not scheduled, targets not reached, how the
    /// saving is realised, quick wins.
    static func decisions(_ assessment: Assessment, roadmap: Roadmap?) -> [[String: Any]] {
        var decisions: [(lead: String, detail: String)] = []
        let titles = Dictionary(assessment.dimensions.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let unknown = assessment.dimensions.filter { $0.status == .notEnoughEvidence }
        if let roadmap {
            var duties: [Duty] = []
            for item in roadmap.items { for duty in item.failingDuties where !duties.contains(where: { $0.id == duty.id }) { duties.append(duty) } }
            // The same actions the statutory-gaps table lists: chosen for a failing duty, or tagged with one.
            let dutyIDs = Set(duties.map(\.id))
            let dutyItems = roadmap.items.filter { !$0.failingDuties.isEmpty || $0.action.duties.contains(where: dutyIDs.contains) }
            if !duties.isEmpty {
                let days = dutyItems.reduce(0) { $0 + $1.action.effort }
                decisions.append(("Put the statutory work first",
                                  "approve the \(Figures.count(dutyItems.count, "action")) that meet the \(duties.count == 1 ? "duty" : "\(duties.count) duties") under statutory gaps, \(Format.number(days, decimals: 0)) person-days from \(roadmap.label(quarter: dutyItems.map(\.quarter).min() ?? 1)), starting with \(dutyItems.first.map { $0.action.title.lowercasedFirst } ?? "")."))
            }
        }
        let assessFirst = roadmap?.assessFirst.count ?? 0
        if !unknown.isEmpty || assessFirst > 0 {
            var detail = unknown.isEmpty ? "" : "\(Figures.list(unknown.map { $0.title.lowercasedFirst }, limit: 3)) cannot be judged on the evidence held"
            if assessFirst > 0 {
                detail += (detail.isEmpty ? "" : "; ") + "\(Figures.count(assessFirst, "action")) cannot be planned until criteria with no evidence are assessed"
            }
            decisions.append(("Commission the missing evidence", detail + "."))
        }
        if let roadmap {
            if !roadmap.items.isEmpty {
                let last = roadmap.items.map(\.endQuarter).max() ?? 1
                var cost: [String] = []
                if roadmap.totalCost > 0 { cost.append("\(RoadmapReporter.pounds(roadmap.totalCost)) one-off") }
                if roadmap.totalRecurringCost > 0 { cost.append("\(RoadmapReporter.pounds(roadmap.totalRecurringCost)) a year") }
                var owners = ""
                if !roadmap.ownerCapacity.isEmpty {
                    owners = ", including " + Figures.list(roadmap.ownerCapacity.sorted { $0.key < $1.key }.map { "\(Format.number($0.value, decimals: 0)) for \($0.key)" })
                }
                decisions.append(("Fund the capacity the plan assumes",
                                  "\(Format.number(roadmap.capacity, decimals: 0)) person-days a quarter\(owners) from \(roadmap.label(quarter: 1)) to \(roadmap.label(quarter: last)), \(Format.number(roadmap.totalEffort, decimals: 0)) in all" + (cost.isEmpty ? "" : ", and " + cost.joined(separator: " and ") + " beyond staff time") + "."))
            }
            // What does not fit, and the targets not reached: each its own decision, or one when both apply,
            // so page one stays one page.
            var unscheduled: String?
            if !roadmap.notScheduled.isEmpty {
                let days = roadmap.notScheduled.reduce(0) { $0 + $1.action.effort }
                let n = roadmap.notScheduled.count
                unscheduled = "\(Figures.list(roadmap.notScheduled.map { $0.action.title.lowercasedFirst }, limit: 2)) (\(Format.number(days, decimals: 0)) person-days) \(n == 1 ? "does" : "do") not fit within \(roadmap.quarters) quarters at this capacity; no projection counts \(n == 1 ? "it" : "them")"
            }
            var shortfall: String?
            let unknownIDs = Set(unknown.map(\.id))
            let shortfalls = roadmap.shortfalls.filter { !unknownIDs.contains($0.dimension) }
            if !shortfalls.isEmpty {
                var groups: [(reached: Int?, target: Int, areas: [String])] = []
                for s in shortfalls {
                    let title = titles[s.dimension] ?? s.dimension
                    if let index = groups.firstIndex(where: { $0.reached == s.reached && $0.target == s.target }) { groups[index].areas.append(title) }
                    else { groups.append((s.reached, s.target, [title])) }
                }
                let parts = groups.map { g in
                    "\(Figures.list(g.areas.map(\.lowercasedFirst), limit: 3)) \(g.areas.count == 1 ? "stops" : "stop") at \(g.reached.map { "level \($0)" } ?? "no level") against a target of level \(g.target)"
                }
                shortfall = "with the actions available, " + parts.joined(separator: "; ")
            }
            switch (unscheduled, shortfall) {
            case let (unscheduled?, shortfall?):
                decisions.append(("Accept the limits of this plan, or add capacity", unscheduled + "; and " + shortfall + "."))
            case let (unscheduled?, nil): decisions.append(("Accept what is not scheduled, or add capacity", unscheduled + "."))
            case let (nil, shortfall?): decisions.append(("Accept lower targets, or commission more", shortfall + "."))
            case (nil, nil): break
            }
            if let saving = roadmap.savings.first {
                decisions.append(("Decide how the saving will be realised",
                                  "the saving is cash only if posts or contracts go (\(RoadmapReporter.savingText(saving.cashable, kind: "cashable", priceBasis: saving.priceBasis))); name who owns it and when budgets change."))
            }
            let quick = roadmap.items.filter(\.quickWin)
            if decisions.count < 3, !quick.isEmpty {
                decisions.append(("Approve the quick wins now",
                                  "\(Figures.list(quick.map { $0.action.title.lowercasedFirst }, limit: 2)), \(Format.number(quick.reduce(0) { $0 + $1.action.effort }, decimals: 0)) person-days in all."))
            }
        }
        return decisions.prefix(5).map { ["lead": $0.lead, "detail": $0.detail] }
    }

    /// The first year of the plan by quarter: what starts, and the person-days spent.
    static func firstYear(_ roadmap: Roadmap) -> [[String: Any]] {
        (1...min(4, max(roadmap.quarters, 1))).map { quarter in
            let starting = roadmap.items.filter { $0.quarter == quarter }
            let days = roadmap.items.reduce(0.0) { total, item in
                let offset = quarter - item.quarter
                return total + (offset >= 0 && offset < item.effortByQuarter.count ? item.effortByQuarter[offset] : 0)
            }
            return ["quarter": roadmap.label(quarter: quarter),
                    "actions": !starting.isEmpty ? Figures.list(starting.map(\.action.title), limit: 1)
                        : days > 0 ? "Work continues on actions already started" : "Nothing scheduled",
                    "daysText": Format.number(days, decimals: 0)]
        }
    }

    /// The indicative savings: the plan's cashable saving as modelled, and any non-cashable benefit its actions state.
    static func savings(_ roadmap: Roadmap) -> [[String: Any]] {
        var lines: [[String: Any]] = roadmap.savings.map { saving in
            ["label": saving.label, "amountText": RoadmapReporter.savingText(saving.cashable, kind: "cashable", priceBasis: saving.priceBasis)]
        }
        let fromActions = roadmap.items.filter { $0.nonCashable != nil }
        if let total = Figures.total(fromActions.map(\.nonCashable)) {
            let bases = Array(Set(fromActions.map { $0.priceBasis ?? "price year not stated" })).sorted()
            lines.append(["label": "Benefits the planned actions state",
                          "amountText": RoadmapReporter.savingText(total, kind: "non-cashable", priceBasis: bases.joined(separator: "; "))])
        }
        return lines
    }
}

extension String {
    /// The text with its first letter lower-cased unless it starts an acronym ("WCAG", "GOV.UK").
    var lowercasedFirst: String {
        guard let first = first, first.isUppercase else { return self }
        let second = dropFirst().first
        if let second, second.isUppercase || second == "." { return self }
        return first.lowercased() + dropFirst()
    }
}
