import AssessCore
import Foundation

/// The executive report: a one-page summary, the roadmap, a section per dimension and the evidence.
public enum ExecutiveReport {
    /// Output formats.
    public enum Format: String, Sendable, CaseIterable {
        /// One self-contained HTML file.
        case html
        /// Markdown with the same content.
        case markdown
    }

    /// Renders the report.
    /// `duties` are the framework's statutory duties (`planning.duties`): every one the organisation is failing
    /// is listed under "statutory gaps", whether or not the plan schedules an action for it.
    public static func render(_ assessment: Assessment, roadmap: Roadmap?, format: Format, templates: ReportTemplates,
                              context: ReportContext, duties: [Duty] = []) -> String {
        let model = viewModel(assessment, roadmap: roadmap, brand: templates.brand, context: context, duties: duties)
        return templates.render(pruned(model) as? [String: Any] ?? model, template: format == .html ? "report.html" : "report.md")
    }

    /// Drops empty strings and empty lists, so `{{#key}}` sections only show when there is something to show.
    static func pruned(_ value: Any) -> Any? {
        switch value {
        case let text as String: return text.isEmpty ? nil : text
        case let list as [[String: Any]]:
            let items = list.compactMap { pruned($0) }
            return items.isEmpty ? nil : items
        case let list as [String]:
            return list.isEmpty ? nil : list
        case let dictionary as [String: Any]:
            var result: [String: Any] = [:]
            for (key, entry) in dictionary { if let kept = pruned(entry) { result[key] = kept } }
            return result
        default: return value
        }
    }

    /// The values the templates see (documented in docs/report.md).
    /// `duties`: the framework's statutory duties, so that failing ones with no scheduled action still appear.
    public static func viewModel(_ assessment: Assessment, roadmap: Roadmap?, brand: Brand, context: ReportContext,
                                 duties: [Duty] = []) -> [String: Any] {
        let scale = assessment.scale
        let org = assessment.organisation
        let overall = assessment.overall
        let projection = roadmap?.projections.first { $0.horizon == .next }?.assessment
        let hasProjection = roadmap.map { !$0.items.isEmpty } ?? false
        let levelName = overall.level.map { scale.name(of: $0) } ?? (overall.status == .unverified ? "Unverified" : "Not enough evidence")
        let headlineText = Figures.headline(overall, in: assessment)
        let withheldText = ReportText.withheld(reason: overall.reason, missing: []) ?? ""

        var statement = overall.level.map { "\(org.name) is at \(Figures.level($0, in: assessment)) overall" + (overall.status == .unverified ? ", unverified" : "") }
            ?? "There is not enough evidence to give \(org.name) an overall level"
        let scored = assessment.dimensions.filter { $0.level != nil }
        if let best = scored.max(by: { ($0.level ?? 0, $0.score ?? 0) < ($1.level ?? 0, $1.score ?? 0) }),
           let worst = scored.min(by: { ($0.level ?? 0, $0.score ?? 0) < ($1.level ?? 0, $1.score ?? 0) }), best.level != worst.level {
            statement += ", strongest in \(best.title.lowercasedFirst) and weakest in \(worst.title.lowercasedFirst)"
        }
        statement += ". \(ReportText.percent(overall.coverage)) of the evidence asked for was available, with \(ReportText.confidenceLabel(overall.confidence)) confidence."
        if let roadmap, !roadmap.items.isEmpty, let after = projection {
            let rising = assessment.dimensions.enumerated().compactMap { index, d -> String? in
                guard let to = after.dimensions[index].level, to > (d.level ?? 0) else { return nil }
                return "\(d.title.lowercasedFirst) to level \(to)"
            }
            if let from = overall.level, let to = after.overall.level, to > from {
                statement += " The first year of the plan would bring it to \(Figures.level(to, in: assessment))."
            } else if !rising.isEmpty {
                statement += " The first year of the plan would raise \(Figures.list(rising, limit: 3))."
            }
        }

        let dimensions: [[String: Any]] = assessment.dimensions.enumerated().map { index, d in
            var gating: String?
            if !d.gating.limitedBy.isEmpty, let weighted = d.gating.weightedLevel {
                gating = "Held at level \(d.level ?? 1) (the weighted score alone gives \(weighted)) by core criteria: \(d.gating.limitedBy.joined(separator: ", "))."
            } else if !d.gating.unverifiedCore.isEmpty, d.status == .scored {
                gating = "Level unconfirmed: core criteria not assessed: \(d.gating.unverifiedCore.joined(separator: ", "))."
            }
            if let why = ReportText.withheld(reason: d.reason, missing: d.status == .notEnoughEvidence ? d.missing : []) {
                gating = why
            }
            let context: [[String: Any]] = d.context.map { c in
                var comparison = ""
                if let national = c.national {
                    comparison = (c.nationalArea.map { $0 + " " } ?? "") + Figures.quantity(national, unit: c.unit)
                    let source = [c.nationalSource, c.nationalDate].compactMap { $0 }.joined(separator: ", ")
                    if !source.isEmpty { comparison += " (" + source + ")" }
                }
                return ["title": c.title, "valueText": c.value.map { Figures.quantity($0, unit: c.unit) } ?? "not known",
                        "nationalText": comparison]
            }
            let criteria: [[String: Any]] = d.criteria.map { c in
                // A saving is shown in appendix C, as an indicative cashable range with its price basis; a bare
                // figure here would read as a promise.
                let working = c.findings.filter { !$0.id.hasPrefix("saving-") }
                let showFindings = c.assessor.contains(".") && c.status == .assessed && !working.isEmpty
                let findings = working.enumerated().map { offset, finding -> [String: Any] in
                    ["label": finding.label, "value": ReportText.value(finding.value, rounded: true), "last": offset == working.count - 1]
                }
                return [
                    "id": c.id, "title": c.title, "core": c.core, "status": c.status.rawValue,
                    "resultText": Figures.criterion(c, in: assessment), "appendixText": ReportText.criterionScore(c, in: assessment, rounded: true),
                    "preciseText": ReportText.criterionScore(c, in: assessment),
                    "rationale": c.rationale, "descriptor": c.descriptor ?? "", "hasFindings": showFindings, "findings": findings,
                    "hasCounting": ReportText.counting(c, in: assessment) != nil, "countingText": ReportText.counting(c, in: assessment) ?? "",
                ]
            }
            let sections: [[String: Any]] = d.sections.map { section in
                ["id": section.id, "title": section.title, "resultText": ReportText.section(section, in: assessment),
                 "criteriaText": section.criteria.joined(separator: ", ")]
            }
            let finding = ExecutiveSummary.finding(d, overall: overall, assessment: assessment)
            var row: [String: Any] = [
                "id": d.id, "title": d.title, "scoreText": Figures.shortScore(d.score, in: assessment),
                "level": d.level ?? 0, "levelText": Figures.headline(d, in: assessment),
                "rating": finding.rating, "ratingStyle": finding.style, "findingText": finding.text,
                "targetText": roadmap?.targets[d.id].map { Figures.level($0, in: assessment) } ?? "",
                "targetShort": roadmap?.targets[d.id].map { "Level \($0)" } ?? "",
                "hasContext": !context.isEmpty, "context": context,
                "coverageText": ReportText.percent(d.coverage), "confidenceLabel": ReportText.confidenceLabel(d.confidence),
                "gatingNote": gating ?? "", "criteria": criteria,
                "hasSections": !sections.isEmpty, "sections": sections,
            ]
            if let projected = projection?.dimensions[index] {
                row["projectedText"] = Figures.headline(projected, in: assessment)
            }
            return row
        }

        let toLevels: (Double?) -> Double? = { score in
            guard let score else { return nil }
            return assessment.scoring == .points ? scale.level(atFraction: score / 100) : score
        }
        var chartDescription = assessment.dimensions.enumerated().map { index, d in
            var text = "\(d.title): \(Figures.headline(d, in: assessment))"
            if let target = roadmap?.targets[d.id] { text += ", target level \(target)" }
            if hasProjection, let after = projection?.dimensions[index].level { text += ", level \(after) after a year" }
            return text
        }.joined(separator: "; ")
        chartDescription += "."
        let levelsChart = Charts.dotPlot(
            rows: assessment.dimensions.enumerated().map { index, d in
                (title: d.title, today: d.status == .notEnoughEvidence ? nil : toLevels(d.score), target: roadmap?.targets[d.id],
                 projected: hasProjection ? toLevels(projection?.dimensions[index].score) : nil)
            },
            top: scale.top, colour: brand.primary, description: chartDescription)

        let decisions = ExecutiveSummary.decisions(assessment, roadmap: roadmap)
        var model: [String: Any] = [
            "organisation": ["name": org.name, "code": org.code ?? "", "type": org.type ?? "", "period": org.period ?? ""],
            "framework": ["id": assessment.framework.id, "title": assessment.framework.title, "version": assessment.framework.version],
            "tool": ["version": context.toolVersion],
            "date": context.date ?? "",
            "brand": ["name": brand.name, "logo": brand.logo ?? "", "primary": brand.primary, "primaryDark": brand.primaryDark],
            "hasPriorities": false, "hasQuickWins": false,
            "overall": [
                "level": overall.level ?? 0, "levelName": levelName, "scoreText": Figures.score(overall.score, in: assessment),
                "headlineText": headlineText, "withheldText": withheldText,
                "coverageText": ReportText.percent(overall.coverage), "confidenceLabel": ReportText.confidenceLabel(overall.confidence),
                "confidenceText": ReportText.percent(overall.confidence), "statement": statement,
            ],
            "levels": ["svg": levelsChart, "hasProjection": hasProjection, "hasTargets": roadmap != nil, "description": chartDescription],
            "decisions": decisions, "hasDecisions": !decisions.isEmpty, "hasFirstYear": false,
            "dimensions": dimensions,
            "evidence": assessment.allCriteria.flatMap { c in
                c.evidence.filter(\.present).map { use -> [String: Any] in
                    ["criterion": c.id, "fact": use.fact, "value": use.value ?? "", "source": use.source?.rawValue ?? "",
                     "reference": [use.reference, use.date].compactMap { $0 }.joined(separator: ", ")]
                }
            },
        ]
        if let pack = assessment.pack { model["pack"] = ["id": pack.id, "version": pack.version] }

        // A plan with no scheduled action still has a section when there is something to say: targets not
        // reached, actions waiting for evidence ("assess first"), failing duties. Only "nothing to do" has none.
        if let roadmap, !roadmap.items.isEmpty || !roadmap.assessFirst.isEmpty || !roadmap.shortfalls.isEmpty {
            let titles = Dictionary(assessment.dimensions.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
            func item(_ item: RoadmapItem) -> [String: Any] {
                let when = roadmap.label(from: item.quarter, to: item.endQuarter)
                return [
                    "id": item.action.id, "title": item.action.title, "description": item.action.description,
                    "when": when, "effortText": "\(AssessCore.Format.number(item.action.effort, decimals: 0)) days",
                    "owner": item.action.owner ?? "", "doneWhen": item.action.doneWhen ?? "",
                    "dependsOn": RoadmapReporter.dependencies(item, in: roadmap), "why": item.reasoning,
                    "moneyText": RoadmapReporter.money(item, roadmap: roadmap) ?? "",
                    "statutory": item.failingDuties.map(\.reference).joined(separator: "; "),
                    "quickWin": item.quickWin, "dimensionTitle": titles[item.action.dimension] ?? item.action.dimension,
                ]
            }
            let priorities = roadmap.items.prefix(5).map(item)
            let quickWins = roadmap.items.filter(\.quickWin).prefix(5).enumerated().map { offset, entry -> [String: Any] in
                var value = item(entry)
                value["last"] = offset == min(roadmap.items.filter(\.quickWin).count, 5) - 1
                return value
            }
            let columns = ["Today"] + roadmap.projections.map { "After \($0.horizon.rawValue)" }
            let all = [assessment] + roadmap.projections.map(\.assessment)
            var rows: [[String: Any]] = assessment.dimensions.enumerated().map { index, d in
                ["title": d.title, "target": roadmap.targets[d.id].map { "Level \($0)" } ?? "",
                 "cells": all.map { a -> String in
                    let dim = a.dimensions[index]
                    return dim.level.map { "Level \($0) (\(Figures.shortScore(dim.score, in: assessment)))" } ?? Figures.headline(dim, in: assessment)
                 }]
            }
            rows.append(["title": "Overall", "target": "",
                         "cells": all.map { a in a.overall.level.map { "Level \($0) (\(Figures.shortScore(a.overall.score, in: assessment)))" } ?? Figures.headline(a.overall, in: assessment) }])
            model["hasPriorities"] = !priorities.isEmpty
            model["priorities"] = priorities
            model["hasQuickWins"] = !quickWins.isEmpty
            model["quickWins"] = quickWins
            let quarters = min(max(roadmap.items.map(\.endQuarter).max() ?? 4, 4), 12)
            let timelineRows = assessment.dimensions.map { dimension -> (title: String, counts: [Int]) in
                let counts = (1...quarters).map { quarter in
                    roadmap.items.filter { $0.action.dimension == dimension.id && $0.quarter <= quarter && min($0.endQuarter, quarters) >= quarter }.count
                }
                return (dimension.title, counts)
            }
            let later = roadmap.items.filter { $0.quarter > quarters }.count + roadmap.notScheduled.count
            let quarterLabels = (1...quarters).map { roadmap.label(quarter: $0) }
            model["timeline"] = [
                "svg": Charts.timeline(rows: timelineRows, labels: quarterLabels, colour: brand.primary),
                "quarters": quarterLabels,
                "rows": timelineRows.map { ["title": $0.title, "cells": $0.counts.map(String.init)] as [String: Any] },
                "laterNote": later > 0 ? "\(later) more action\(later == 1 ? "" : "s") start after \(roadmap.label(quarter: quarters)) or are not scheduled within the horizon." : "",
            ]
            let gaps = ExecutiveSummary.statutoryGaps(roadmap, duties: duties)
            model["statutoryGaps"] = gaps
            model["hasStatutoryGaps"] = !gaps.isEmpty
            model["firstYear"] = ExecutiveSummary.firstYear(roadmap)
            model["hasFirstYear"] = true
            model["summarySavings"] = ExecutiveSummary.savings(roadmap)
            model["roadmap"] = [
                "count": roadmap.items.count, "countText": Message.count(.countActions, roadmap.items.count), "effortText": AssessCore.Format.number(roadmap.totalEffort, decimals: 0),
                "costText": roadmap.totalCost > 0 ? RoadmapReporter.pounds(roadmap.totalCost) + " one-off" : "",
                "recurringText": roadmap.totalRecurringCost > 0 ? RoadmapReporter.pounds(roadmap.totalRecurringCost) + " a year" : "",
                "capacityText": AssessCore.Format.number(roadmap.capacity, decimals: 0),
                "notScheduledText": roadmap.notScheduled.isEmpty ? ""
                    : "\(roadmap.notScheduled.count) more action\(roadmap.notScheduled.count == 1 ? " is" : "s are") needed but not scheduled: they do not fit within the \(roadmap.quarters)-quarter horizon at this capacity, and no projection counts them.",
                "notScheduled": roadmap.notScheduled.map { entry -> [String: Any] in
                    ["title": entry.action.title, "effortText": "\(AssessCore.Format.number(entry.action.effort, decimals: 0)) days",
                     "dimensionTitle": titles[entry.action.dimension] ?? entry.action.dimension]
                },
                "columns": columns, "projectionRows": rows,
                "horizons": Horizon.allCases.compactMap { horizon -> [String: Any]? in
                    let items = roadmap.items.filter { $0.horizon == horizon }
                    guard !items.isEmpty else { return nil }
                    let title = horizon == .now ? "Now: \(roadmap.label(quarter: 1))" : horizon == .next ? "Next: the rest of the first year" : "Later"
                    return ["title": title, "items": items.map(item)]
                },
                "shortfalls": roadmap.shortfalls.map { shortfall -> [String: Any] in
                    ["dimension": titles[shortfall.dimension] ?? shortfall.dimension, "target": shortfall.target,
                     "reached": shortfall.reached.map { "level \($0)" } ?? "no level"]
                },
                "hasAssessFirst": !roadmap.assessFirst.isEmpty,
                // The criteria to assess, each once, with how many actions wait for them: a list of every waiting
                // action would run to pages for an organisation with little evidence (Highland: over a hundred).
                "assessFirst": {
                    var criteria: [String] = []
                    for entry in roadmap.assessFirst { for id in entry.criteria where !criteria.contains(id) { criteria.append(id) } }
                    let n = roadmap.assessFirst.count
                    return criteria.joined(separator: ", ") + " (\(n) action\(n == 1 ? " waits" : "s wait") for \(criteria.count == 1 ? "it" : "them"))"
                }(),
            ]
            model["savings"] = roadmap.savings.map { saving -> [String: Any] in
                ["label": saving.label, "amountText": RoadmapReporter.savingText(saving.cashable, kind: "cashable", priceBasis: saving.priceBasis),
                 "assumptions": saving.assumptions]
            }
        }
        return model
    }
}
