import Foundation

/// The roadmap as JSON (documented in docs/roadmap.md), text and Markdown.
public enum RoadmapReporter {
    /// The schema version of the roadmap document.
    public static let schemaVersion = "2.0"

    /// The roadmap as a JSON value.
    public static func document(_ roadmap: Roadmap, context: ReportContext) -> JSONValue {
        let baseline = roadmap.baseline
        var fields: [(String, JSONValue)] = []
        fields.append(("schemaVersion", .string(schemaVersion)))
        fields.append(("tool", .object([("name", .string("assess")), ("version", .string(context.toolVersion))])))
        fields.append(("generatedAt", .string(context.date)))
        fields.append(("framework", .object([("id", .string(baseline.framework.id)), ("version", .string(baseline.framework.version))])))
        fields.append(("organisation", .object([("name", .string(baseline.organisation.name)), ("code", .string(baseline.organisation.code))])))
        fields.append(("capacity", .number(roadmap.capacity)))
        fields.append(("ownerCapacity", .object(roadmap.ownerCapacity.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) })))
        fields.append(("quarters", .number(Double(roadmap.quarters))))
        fields.append(("start", roadmap.start.map { .string($0.label) } ?? .null))
        fields.append(("priceYear", .string(roadmap.priceYear)))
        fields.append(("targets", .object(baseline.dimensions.map { ($0.id, .number(roadmap.targets[$0.id].map(Double.init))) })))
        fields.append(("totalEffort", .number(roadmap.totalEffort)))
        fields.append(("totalCost", .number(roadmap.totalCost)))
        fields.append(("totalRecurringCost", .number(roadmap.totalRecurringCost)))
        fields.append(("actions", .array(roadmap.items.map { itemDocument($0, in: roadmap) })))
        fields.append(("projections", .array(([("today", baseline)] + roadmap.projections.map { ($0.horizon.rawValue, $0.assessment) }).map { name, assessment in
                .object([
                    ("after", .string(name)),
                    ("overall", .object([("score", .number(assessment.overall.score)), ("level", .number(assessment.overall.level.map(Double.init)))])),
                    ("dimensions", .array(assessment.dimensions.map {
                        .object([("id", .string($0.id)), ("score", .number($0.score)), ("level", .number($0.level.map(Double.init)))])
                    })),
                ])
            })))
        fields.append(("savings", .array(roadmap.savings.map {
                .object([("criterion", .string($0.criterion)), ("label", .string($0.label)), ("annualAmount", .number($0.amount)),
                         ("cashable", range($0.cashable)), ("priceBasis", .string($0.priceBasis)),
                         ("assumptions", .string($0.assumptions))])
            })))
        fields.append(("notScheduled", .array(roadmap.notScheduled.map {
                .object([("id", .string($0.action.id)), ("title", .string($0.action.title)), ("dimension", .string($0.action.dimension)),
                         ("effort", .number($0.action.effort)), ("reason", .string($0.reason))])
            })))
        fields.append(("assessFirst", .array(roadmap.assessFirst.map { entry in
                .object([("action", .string(entry.action.id)), ("criteria", .array(entry.criteria.map { .string($0) })),
                         ("needs", .string(roadmap.assessFirstNeeds[entry.action.id]))])
            })))
        fields.append(("shortfalls", .array(roadmap.shortfalls.map {
                .object([("dimension", .string($0.dimension)), ("target", .number(Double($0.target))),
                         ("reached", .number($0.reached.map(Double.init)))])
            })))
        return .object(fields)
    }

    static func itemDocument(_ item: RoadmapItem, in roadmap: Roadmap) -> JSONValue {
        var fields: [(String, JSONValue)] = []
        fields.append(("id", .string(item.action.id)))
        fields.append(("title", .string(item.action.title)))
        fields.append(("dimension", .string(item.action.dimension)))
        fields.append(("description", .string(item.action.description)))
        fields.append(("dependsOn", .array(item.action.dependsOn.map { .string($0) })))
        fields.append(("requiredBy", .array(item.requiredBy.map { .string($0) })))
        fields.append(("horizon", .string(item.horizon.rawValue)))
        fields.append(("quarter", .number(Double(item.quarter))))
        fields.append(("endQuarter", .number(Double(item.endQuarter))))
        fields.append(("when", .string(roadmap.label(from: item.quarter, to: item.endQuarter))))
        fields.append(("effortByQuarter", .array(item.effortByQuarter.map { .number($0) })))
        fields.append(("effort", .number(item.action.effort)))
        fields.append(("cost", .number(item.action.cost)))
        fields.append(("recurringCost", .number(item.action.recurringCost)))
        fields.append(("costSource", .string(item.action.costSource)))
        fields.append(("cashable", range(item.cashable)))
        fields.append(("nonCashable", range(item.nonCashable)))
        fields.append(("priceBasis", .string(item.priceBasis)))
        fields.append(("risk", .string(item.action.benefit?.risk?.rawValue)))
        fields.append(("benefitSource", .string(item.action.benefit?.source)))
        fields.append(("duties", .array(item.action.duties.map { .string($0) })))
        fields.append(("failingDuties", .array(item.failingDuties.map { .object([("id", .string($0.id)), ("reference", .string($0.reference))]) })))
        fields.append(("value", .number(item.value)))
        fields.append(("valuePerDay", .number(item.valuePerDay)))
        fields.append(("firstStep", .bool(item.firstStep)))
        fields.append(("owner", .string(item.action.owner)))
        fields.append(("doneWhen", .string(item.action.doneWhen)))
        fields.append(("criteria", .array(item.raises.map { .object([("id", .string($0.criterion)), ("from", .number($0.from)), ("to", .number($0.to))]) })))
        fields.append(("expectedGain", .number(item.expectedGain)))
        fields.append(("gainPerDay", .number(item.gainPerDay)))
        fields.append(("quickWin", .bool(item.quickWin)))
        fields.append(("reasoning", .string(item.reasoning)))
        return .object(fields)
    }

    static func range(_ range: Action.Range?) -> JSONValue {
        range.map { .object([("low", .number($0.low)), ("high", .number($0.high))]) } ?? .null
    }

    /// Pounds rounded for an executive: two significant figures, in millions from £1m, thousands from £10,000.
    public static func pounds(_ value: Double) -> String { Format.roundedPounds(value) }

    /// A range of pounds for an executive: "£0.4m–£0.6m"; one figure when the ends round the same.
    public static func pounds(_ range: Action.Range) -> String {
        let low = pounds(range.low), high = pounds(range.high)
        return low == high ? low : "\(low)–\(high)"
    }

    /// "£0.4m–£0.6m a year, indicative, cashable, 2025-26 prices".
    public static func savingText(_ range: Action.Range, kind: String, priceBasis: String) -> String {
        "\(pounds(range)) a year, indicative, \(kind), \(priceBasis)"
    }

    /// The roadmap as JSON text.
    public static func json(_ roadmap: Roadmap, context: ReportContext) -> String {
        document(roadmap, context: context).rendered()
    }

    /// The roadmap for a terminal `width` columns wide (every line fits; see ``TextLayout``), with controls and
    /// bidirectional overrides from any input shown escaped.
    public static func text(_ roadmap: Roadmap, context: ReportContext, width: Int = TextLayout.standardWidth) -> String {
        let width = TextLayout.clamped(width)
        let baseline = roadmap.baseline
        var out = lines("Roadmap for \(baseline.organisation.name)", width, "", "  ")
        out += lines(summary(roadmap), width, "", "  ")
        if roadmap.items.isEmpty { out += "\n" + lines(emptyPlan(roadmap), width) }
        out += "\n" + projectionTable(roadmap, markdown: false, width: width)
        for horizon in Horizon.allCases {
            let items = roadmap.items.filter { $0.horizon == horizon }
            guard !items.isEmpty else { continue }
            out += "\n\(horizon.title)\n"
            for item in items {
                let quarters = roadmap.label(from: item.quarter, to: item.endQuarter)
                out += lines("\(quarters)  \(item.action.id)\(item.quickWin ? " [quick win]" : "") — \(item.action.title)", width, "  ", "      ")
                var effort = "\(Format.number(item.action.effort)) days"
                if let owner = item.action.owner { effort += ", \(owner)" }
                if !item.action.dependsOn.isEmpty { effort += ", after " + dependencies(item, in: roadmap) }
                out += lines(effort, width, "      ", "        ")
                if let money = money(item, roadmap: roadmap) { out += lines(money, width, "      ") }
                out += lines(item.reasoning, width, "      ")
            }
        }
        out += savingsText(roadmap, markdown: false, width: width)
        out += caveats(roadmap, markdown: false, width: width)
        // No colour here, so the whole text is made terminal-safe at once (titles, owners, reasons from rubrics and
        // evidence); the widths already count each control as its escaped form.
        return TerminalText.escape(out)
    }

    /// Text wrapped to the width, each line ending in a newline.
    static func lines(_ text: String, _ width: Int, _ indent: String = "", _ then: String? = nil) -> String {
        TextLayout.wrap(text, width: width, indent: indent, then: then).map { $0 + "\n" }.joined()
    }

    /// The roadmap as Markdown.
    public static func markdown(_ roadmap: Roadmap, context: ReportContext) -> String {
        let baseline = roadmap.baseline
        var out = "# Roadmap: \(MarkdownReporter.escape(baseline.organisation.name))\n\n"
        out += MarkdownReporter.escape(summary(roadmap)) + ". Produced by assess \(context.toolVersion)"
        out += (context.date.map { " on \($0)" } ?? "") + ".\n\n"
        if roadmap.items.isEmpty { out += emptyPlan(roadmap) + "\n\n" }
        out += "## Where this leads\n\n" + projectionTable(roadmap, markdown: true)
        for horizon in Horizon.allCases {
            let items = roadmap.items.filter { $0.horizon == horizon }
            guard !items.isEmpty else { continue }
            out += "\n## \(horizon.title)\n\n| Quarter | Action | Effort | Owner | Why |\n|---|---|--:|---|---|\n"
            for item in items {
                let quarters = roadmap.label(from: item.quarter, to: item.endQuarter)
                let title = "**\(MarkdownReporter.escape(item.action.title))**\(item.quickWin ? " (quick win)" : "")<br>`\(MarkdownReporter.escape(item.action.id))`"
                let why = item.reasoning + (money(item, roadmap: roadmap).map { " " + $0 } ?? "")
                out += "| \(quarters) | \(title) | \(Format.number(item.action.effort)) days | \(MarkdownReporter.escape(item.action.owner ?? "")) | \(MarkdownReporter.escape(why)) |\n"
            }
        }
        out += savingsText(roadmap, markdown: true)
        out += caveats(roadmap, markdown: true)
        return out
    }

    /// One line: actions, effort, one-off and recurring cost, capacity and start.
    public static func summary(_ roadmap: Roadmap) -> String {
        var out = "\(Message.count(.countActions, roadmap.items.count)), \(Format.number(roadmap.totalEffort)) person-days"
        if roadmap.totalCost > 0 { out += ", \(pounds(roadmap.totalCost)) one-off" }
        if roadmap.totalRecurringCost > 0 { out += " and \(pounds(roadmap.totalRecurringCost)) a year" }
        out += "; capacity \(Format.number(roadmap.capacity)) person-days a quarter"
        for (owner, days) in roadmap.ownerCapacity.sorted(by: { $0.key < $1.key }) { out += ", \(owner) \(Format.number(days))" }
        out += roadmap.start.map { "; from \($0.label)" } ?? ""
        if !roadmap.notScheduled.isEmpty { out += "; \(roadmap.notScheduled.count) not scheduled" }
        return out
    }

    /// An action's money: one-off and recurring cost and savings ranges, each rounded, with sources.
    public static func money(_ item: RoadmapItem, roadmap: Roadmap) -> String? {
        var parts: [String] = []
        let prices = item.priceBasis ?? "price year not stated"
        var cost: [String] = []
        if let oneOff = item.action.cost, oneOff > 0 { cost.append("\(pounds(oneOff)) one-off") }
        if let recurring = item.action.recurringCost, recurring > 0 { cost.append("\(pounds(recurring)) a year") }
        if !cost.isEmpty { parts.append("Cost " + cost.joined(separator: " and ") + (item.action.costSource.map { " (\($0))" } ?? "") + ".") }
        var benefit: [String] = []
        if let cashable = item.cashable, cashable.high > 0 { benefit.append(savingText(cashable, kind: "cashable", priceBasis: prices)) }
        if let other = item.nonCashable, other.high > 0 { benefit.append(savingText(other, kind: "non-cashable", priceBasis: prices)) }
        if let risk = item.action.benefit?.risk { benefit.append("\(risk.rawValue) risk reduced") }
        if !benefit.isEmpty { parts.append("Benefit " + benefit.joined(separator: "; ") + (item.action.benefit?.source.map { " (\($0))" } ?? "") + ".") }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// Why a plan has no actions: nothing to do, or nothing that can be planned on the evidence held.
    static func emptyPlan(_ roadmap: Roadmap) -> String {
        if roadmap.shortfalls.isEmpty { return "Nothing to do: every dimension is at or above its target." }
        if !roadmap.assessFirst.isEmpty {
            return "No action can be planned yet: the actions that would help need evidence that is missing. Assess the criteria listed under assess first, then plan again."
        }
        return "No action in the framework raises an assessed criterion of a dimension below its target."
    }

    /// An action's dependencies, marking those the organisation already has in place (not in the plan) and
    /// leaving out those that are not for it (another body's function, or a variant for another kind of body).
    public static func dependencies(_ item: RoadmapItem, in roadmap: Roadmap) -> String {
        let planned = Set(roadmap.items.map(\.action.id))
        return item.action.dependsOn.filter { !roadmap.notApplicable.contains($0) }
            .map { planned.contains($0) ? $0 : "\($0) (already in place)" }.joined(separator: ", ")
    }

    static func projectionTable(_ roadmap: Roadmap, markdown: Bool, width: Int = TextLayout.standardWidth) -> String {
        let baseline = roadmap.baseline
        let columns = [("Today", baseline)] + roadmap.projections.map { ("After \($0.horizon.rawValue)", $0.assessment) }
        // One decimal, rounded down so that it never shows a level not reached (the JSON keeps the scores).
        func cell(_ score: Double?, _ level: Int?) -> String {
            guard let score else { return "–" }
            return ReportText.oneDecimal(score) + " (" + (level.map { "L\($0)" } ?? "no level") + ")"
        }
        var rows: [[String]] = [["Dimension", "Target"] + columns.map(\.0)]
        for (index, dimension) in baseline.dimensions.enumerated() {
            rows.append([dimension.title, roadmap.targets[dimension.id].map { "L\($0)" } ?? "–"]
                        + columns.map { cell($0.1.dimensions[index].score, $0.1.dimensions[index].level) })
        }
        rows.append(["Overall", ""] + columns.map { cell($0.1.overall.score, $0.1.overall.level) })
        if markdown {
            var out = "| " + rows[0].joined(separator: " | ") + " |\n|---|---|" + String(repeating: "--:|", count: columns.count) + "\n"
            for row in rows.dropFirst() { out += "| " + row.map(MarkdownReporter.escape).joined(separator: " | ") + " |\n" }
            return out
        }
        let layout = [TextLayout.Column("Area", wraps: true), TextLayout.Column("Target")] + columns.map { TextLayout.Column($0.0) }
        var text = TextLayout.table(layout, rows: Array(rows.dropFirst()), width: width).map { $0 + "\n" }.joined()
        text += lines("Levels: " + baseline.scale.levels.map { "L\($0.level) \($0.name)" }.joined(separator: ", ") + ".", width, "", "  ")
        return text
    }

    static func savingsText(_ roadmap: Roadmap, markdown: Bool, width: Int = TextLayout.standardWidth) -> String {
        guard !roadmap.savings.isEmpty else { return "" }
        var out = markdown ? "\n## Savings\n\n" : "\nSavings\n"
        for saving in roadmap.savings {
            let line = "\(saving.label): \(savingText(saving.cashable, kind: "cashable", priceBasis: saving.priceBasis)) (from \(saving.criterion)). \(saving.assumptions)"
            out += markdown ? "- " + MarkdownReporter.escape(line) + "\n" : lines(line, width, "  ", "    ")
        }
        return out
    }

    static func caveats(_ roadmap: Roadmap, markdown: Bool, width: Int = TextLayout.standardWidth) -> String {
        var out = ""
        if !roadmap.shortfalls.isEmpty {
            out += markdown ? "\n## Targets the listed actions do not reach\n\n" : "\nTargets not reached\n"
            for shortfall in roadmap.shortfalls {
                let line = "\(shortfall.dimension): target level \(shortfall.target), reaches \(shortfall.reached.map(String.init) ?? "no level")"
                out += markdown ? "- " + line + "\n" : lines(line, width, "  ", "    ")
            }
        }
        if !roadmap.assessFirst.isEmpty {
            out += markdown ? "\n## Assess first\n\nThese actions may help, but the criteria they raise, or those of an action they need first, have no evidence yet, so whether they are needed and what they change cannot be projected:\n\n"
                : "\n" + lines("Assess first (no evidence yet for the criteria these raise, or for those of the action they need first)", width)
            for entry in roadmap.assessFirst {
                let needs = roadmap.assessFirstNeeds[entry.action.id].map { " (needs \($0))" } ?? ""
                let line = "\(entry.action.id): \(entry.criteria.joined(separator: ", "))\(needs)"
                out += markdown ? "- " + line + "\n" : lines(line, width, "  ", "    ")
            }
        }
        if !roadmap.notScheduled.isEmpty {
            out += markdown ? "\n## Not scheduled\n\nNeeded for the targets, but not within the \(roadmap.quarters)-quarter horizon at this capacity; not counted in any projection:\n\n"
                : "\n" + lines("Not scheduled (beyond the \(roadmap.quarters)-quarter horizon at this capacity; not counted in any projection)", width)
            for entry in roadmap.notScheduled {
                let line = "\(entry.action.id) — \(entry.action.title): \(entry.reason)"
                out += markdown ? "- " + MarkdownReporter.escape(line) + "\n" : lines(line, width, "  ", "    ")
            }
        }
        return out
    }
}
