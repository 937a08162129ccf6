/// The roadmap as JSON (documented in docs/roadmap.md), text and Markdown.
public enum RoadmapReporter {
    /// The schema version of the roadmap document.
    public static let schemaVersion = "1.0"

    /// The roadmap as a JSON value.
    public static func document(_ roadmap: Roadmap, context: ReportContext) -> JSONValue {
        let baseline = roadmap.baseline
        return .object([
            ("schemaVersion", .string(schemaVersion)),
            ("tool", .object([("name", .string("assess")), ("version", .string(context.toolVersion))])),
            ("generatedAt", .string(context.date)),
            ("framework", .object([("id", .string(baseline.framework.id)), ("version", .string(baseline.framework.version))])),
            ("organisation", .object([("name", .string(baseline.organisation.name)), ("code", .string(baseline.organisation.code))])),
            ("capacity", .number(roadmap.capacity)),
            ("quarters", .number(Double(roadmap.quarters))),
            ("targets", .object(baseline.dimensions.map { ($0.id, .number(roadmap.targets[$0.id].map(Double.init))) })),
            ("totalEffort", .number(roadmap.totalEffort)),
            ("totalCost", .number(roadmap.totalCost)),
            ("actions", .array(roadmap.items.map { item in
                .object([
                    ("id", .string(item.action.id)), ("title", .string(item.action.title)),
                    ("dimension", .string(item.action.dimension)),
                    ("description", .string(item.action.description)),
                    ("dependsOn", .array(item.action.dependsOn.map { .string($0) })),
                    ("requiredBy", .array(item.requiredBy.map { .string($0) })),
                    ("horizon", .string(item.horizon.rawValue)),
                    ("quarter", .number(Double(item.quarter))), ("endQuarter", .number(Double(item.endQuarter))),
                    ("effortByQuarter", .array(item.effortByQuarter.map { .number($0) })),
                    ("beyondHorizon", .bool(item.beyondHorizon)),
                    ("effort", .number(item.action.effort)), ("cost", .number(item.action.cost)),
                    ("owner", .string(item.action.owner)), ("doneWhen", .string(item.action.doneWhen)),
                    ("criteria", .array(item.raises.map {
                        .object([("id", .string($0.criterion)), ("from", .number($0.from)), ("to", .number($0.to))])
                    })),
                    ("expectedGain", .number(item.expectedGain)), ("gainPerDay", .number(item.gainPerDay)),
                    ("quickWin", .bool(item.quickWin)), ("reasoning", .string(item.reasoning)),
                ])
            })),
            ("projections", .array(([("today", baseline)] + roadmap.projections.map { ($0.horizon.rawValue, $0.assessment) }).map { name, assessment in
                .object([
                    ("after", .string(name)),
                    ("overall", .object([("score", .number(assessment.overall.score)), ("level", .number(assessment.overall.level.map(Double.init)))])),
                    ("dimensions", .array(assessment.dimensions.map {
                        .object([("id", .string($0.id)), ("score", .number($0.score)), ("level", .number($0.level.map(Double.init)))])
                    })),
                ])
            })),
            ("savings", .array(roadmap.savings.map {
                .object([("criterion", .string($0.criterion)), ("label", .string($0.label)), ("annualAmount", .number($0.amount)),
                         ("assumptions", .string($0.assumptions))])
            })),
            ("assessFirst", .array(roadmap.assessFirst.map { entry in
                .object([("action", .string(entry.action.id)), ("criteria", .array(entry.criteria.map { .string($0) }))])
            })),
            ("shortfalls", .array(roadmap.shortfalls.map {
                .object([("dimension", .string($0.dimension)), ("target", .number(Double($0.target))),
                         ("reached", .number($0.reached.map(Double.init)))])
            })),
        ])
    }

    /// The roadmap as JSON text.
    public static func json(_ roadmap: Roadmap, context: ReportContext) -> String {
        document(roadmap, context: context).rendered()
    }

    /// The roadmap for a terminal, with controls and bidirectional overrides from any input shown escaped.
    public static func text(_ roadmap: Roadmap, context: ReportContext) -> String {
        let baseline = roadmap.baseline
        var out = "Roadmap for \(baseline.organisation.name)\n"
        out += "\(roadmap.items.count) actions, \(Format.number(roadmap.totalEffort)) person-days"
        if roadmap.totalCost > 0 { out += ", \(Format.quantity(roadmap.totalCost, unit: "£", decimals: 0))" }
        out += "; capacity \(Format.number(roadmap.capacity)) person-days a quarter\n"
        if roadmap.items.isEmpty { out += "\nNothing to do: every dimension is at or above its target.\n" }
        out += "\n" + projectionTable(roadmap, markdown: false)
        for horizon in Horizon.allCases {
            let items = roadmap.items.filter { $0.horizon == horizon }
            guard !items.isEmpty else { continue }
            out += "\n\(horizon.title)\n"
            for item in items {
                let quarters = item.endQuarter > item.quarter ? "Q\(item.quarter)–Q\(item.endQuarter)" : "Q\(item.quarter)"
                out += "  \(quarters.padding(toLength: 8)) \(item.action.id)\(item.quickWin ? " [quick win]" : "") — \(item.action.title)\n"
                out += "           \(Format.number(item.action.effort)) days"
                if let owner = item.action.owner { out += ", \(owner)" }
                if !item.action.dependsOn.isEmpty { out += ", after " + dependencies(item, in: roadmap) }
                out += "\n           \(item.reasoning)\n"
            }
        }
        out += savingsText(roadmap, markdown: false)
        out += caveats(roadmap, markdown: false)
        // No colour here, so the whole text is made terminal-safe at once (titles, owners, reasons from rubrics and evidence).
        return TerminalText.escape(out)
    }

    /// The roadmap as Markdown.
    public static func markdown(_ roadmap: Roadmap, context: ReportContext) -> String {
        let baseline = roadmap.baseline
        var out = "# Roadmap: \(MarkdownReporter.escape(baseline.organisation.name))\n\n"
        out += "\(roadmap.items.count) actions, \(Format.number(roadmap.totalEffort)) person-days"
        if roadmap.totalCost > 0 { out += ", \(Format.quantity(roadmap.totalCost, unit: "£", decimals: 0))" }
        out += ", at \(Format.number(roadmap.capacity)) person-days a quarter. Produced by assess \(context.toolVersion)"
        out += (context.date.map { " on \($0)" } ?? "") + ".\n\n"
        if roadmap.items.isEmpty { out += "Nothing to do: every dimension is at or above its target.\n\n" }
        out += "## Where this leads\n\n" + projectionTable(roadmap, markdown: true)
        for horizon in Horizon.allCases {
            let items = roadmap.items.filter { $0.horizon == horizon }
            guard !items.isEmpty else { continue }
            out += "\n## \(horizon.title)\n\n| Quarter | Action | Effort | Owner | Why |\n|---|---|--:|---|---|\n"
            for item in items {
                let quarters = item.endQuarter > item.quarter ? "Q\(item.quarter)–Q\(item.endQuarter)" : "Q\(item.quarter)"
                let title = "**\(MarkdownReporter.escape(item.action.title))**\(item.quickWin ? " (quick win)" : "")<br>`\(item.action.id)`"
                out += "| \(quarters) | \(title) | \(Format.number(item.action.effort)) days | \(MarkdownReporter.escape(item.action.owner ?? "")) | \(MarkdownReporter.escape(item.reasoning)) |\n"
            }
        }
        out += savingsText(roadmap, markdown: true)
        out += caveats(roadmap, markdown: true)
        return out
    }

    /// An action's dependencies, marking those the organisation already has in place (not in the plan).
    public static func dependencies(_ item: RoadmapItem, in roadmap: Roadmap) -> String {
        let planned = Set(roadmap.items.map(\.action.id))
        return item.action.dependsOn.map { planned.contains($0) ? $0 : "\($0) (already in place)" }.joined(separator: ", ")
    }

    static func projectionTable(_ roadmap: Roadmap, markdown: Bool) -> String {
        let baseline = roadmap.baseline
        let columns = [("Today", baseline)] + roadmap.projections.map { ("After \($0.horizon.rawValue)", $0.assessment) }
        func cell(_ score: Double?, _ level: Int?) -> String {
            guard let score else { return "–" }
            return "\(Format.number(score, decimals: 2)) (L\(level ?? 0))"
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
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0]) }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    static func savingsText(_ roadmap: Roadmap, markdown: Bool) -> String {
        guard !roadmap.savings.isEmpty else { return "" }
        var out = markdown ? "\n## Savings\n\n" : "\nSavings\n"
        for saving in roadmap.savings {
            out += (markdown ? "- " : "  ") + "\(saving.label): \(Format.quantity(saving.amount, unit: "£", decimals: 0)) a year (from `\(saving.criterion)`). \(saving.assumptions)\n"
        }
        return out
    }

    static func caveats(_ roadmap: Roadmap, markdown: Bool) -> String {
        var out = ""
        if !roadmap.shortfalls.isEmpty {
            out += markdown ? "\n## Targets the listed actions do not reach\n\n" : "\nTargets not reached\n"
            for shortfall in roadmap.shortfalls {
                out += (markdown ? "- " : "  ") + "\(shortfall.dimension): target level \(shortfall.target), reaches \(shortfall.reached.map(String.init) ?? "no level")\n"
            }
        }
        if !roadmap.assessFirst.isEmpty {
            out += markdown ? "\n## Assess first\n\nThese actions may help, but the criteria they raise have no evidence yet, so their effect cannot be projected:\n\n"
                : "\nAssess first (no evidence yet for the criteria these raise)\n"
            for entry in roadmap.assessFirst {
                out += (markdown ? "- " : "  ") + "\(entry.action.id): \(entry.criteria.joined(separator: ", "))\n"
            }
        }
        let beyond = roadmap.items.filter(\.beyondHorizon)
        if !beyond.isEmpty {
            out += (markdown ? "\n" : "\n  ") + "\(beyond.count) action\(beyond.count == 1 ? "" : "s") start after the \(roadmap.quarters)-quarter horizon at this capacity.\n"
        }
        return out
    }
}

extension String {
    func padding(toLength width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
