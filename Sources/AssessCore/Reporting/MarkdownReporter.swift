/// A Markdown report with the same content as the terminal report, for consultants who edit before sending.
public enum MarkdownReporter {
    /// Renders an assessment as Markdown.
    public static func render(_ assessment: Assessment, context: ReportContext) -> String {
        let org = assessment.organisation
        var out = "# \(escape(org.name)): \(escape(assessment.framework.title))\n\n"
        var facts: [(String, String)] = []
        if let code = org.code { facts.append(("Code", code)) }
        if let type = org.type { facts.append(("Type", type)) }
        if let population = org.population { facts.append(("Population", Format.number(population, decimals: 0))) }
        if let period = org.period { facts.append(("Evidence period", period)) }
        facts.append(("Framework", "\(assessment.framework.id) \(assessment.framework.version)"))
        if let pack = assessment.pack { facts.append(("Pack", "\(pack.id) \(pack.version)")) }
        facts.append(("Produced by", "assess \(context.toolVersion)" + (context.date.map { " on \($0)" } ?? "")))
        out += "| | |\n|---|---|\n"
        for (key, value) in facts { out += "| \(key) | \(escape(value)) |\n" }

        let overall = assessment.overall
        out += "\n## Overall\n\n"
        out += "**\(ReportText.summaryHeadline(overall, in: assessment))**. "
        out += "Coverage \(ReportText.percent(overall.coverage)); confidence \(ReportText.confidenceLabel(overall.confidence)) (\(ReportText.percent(overall.confidence))).\n\n"
        if let why = ReportText.withheld(reason: overall.reason, missing: overall.missing, what: "no level") {
            out += "> \(escape(why))\n\n"
        }
        // The summary leads with the level's name and shows one decimal; the sections below keep the detail.
        out += "| Dimension | Level | Score | Coverage | Confidence |\n|---|---|--:|--:|---|\n"
        for d in assessment.dimensions {
            let score = d.score.map { ReportText.shortScore($0, in: assessment) } ?? "–"
            out += "| \(escape(d.title)) | \(escape(ReportText.levelText(d, in: assessment))) | \(score) | \(ReportText.percent(d.coverage)) | \(ReportText.confidenceLabel(d.confidence)) |\n"
        }

        for d in assessment.dimensions {
            out += "\n## \(escape(d.title))\n\n"
            out += "\(ReportText.headline(d, in: assessment))" + (d.score == nil ? "" : ", score \(ReportText.score(d.score, in: assessment))")
                + ", coverage \(ReportText.percent(d.coverage)), confidence \(ReportText.confidenceLabel(d.confidence)).\n"
            if let why = ReportText.withheld(reason: d.reason, missing: d.status == .notEnoughEvidence ? d.missing : []) {
                out += "\n> \(escape(why))\n"
            }
            if !d.context.isEmpty {
                out += "\n| Context (not scored) | Figure |\n|---|---|\n"
                for c in d.context { out += "| \(escape(c.title)) | \(escape(ReportText.context(c))) |\n" }
            }
            if !d.gating.limitedBy.isEmpty, let weighted = d.gating.weightedLevel {
                out += "\n> Held at level \(d.level ?? 1) (the weighted score alone gives \(weighted)) by core criteria: \(d.gating.limitedBy.map { "`\($0)`" }.joined(separator: ", ")).\n"
            }
            if !d.gating.unverifiedCore.isEmpty, d.status == .scored {
                out += "\n> Level unconfirmed: core criteria not assessed: \(d.gating.unverifiedCore.map { "`\($0)`" }.joined(separator: ", ")).\n"
            }
            if !d.sections.isEmpty {
                out += "\n| Section | Result | Criteria |\n|---|---|---|\n"
                for section in d.sections {
                    out += "| \(escape(section.title))<br>`\(section.id)` | \(escape(ReportText.section(section, in: assessment))) | \(section.criteria.map { "`\($0)`" }.joined(separator: ", ")) |\n"
                }
            }
            out += "\n| Criterion | Result | Why |\n|---|---|---|\n"
            for c in d.criteria {
                let title = "\(escape(c.title))\(c.core ? " (core)" : "")<br>`\(c.id)`"
                let counting = ReportText.counting(c, in: assessment).map { " " + escape($0) } ?? ""
                out += "| \(title) | \(ReportText.criterionScore(c, in: assessment)) | \(escape(c.rationale))\(counting) |\n"
            }
        }

        out += "\n## Evidence\n\n| Criterion | Fact | Value | Source | Reference |\n|---|---|---|---|---|\n"
        for c in assessment.allCriteria {
            for use in c.evidence where use.present {
                let reference = [use.reference, use.date].compactMap { $0 }.joined(separator: ", ")
                out += "| `\(c.id)` | `\(use.fact)` | \(escape(use.value ?? "")) | \(use.source?.rawValue ?? "") | \(escape(reference)) |\n"
            }
        }
        if !assessment.diagnostics.isEmpty {
            out += "\n## Problems in the evidence\n\n"
            for diagnostic in assessment.diagnostics { out += "- \(escape(diagnostic.headline))\n" }
        }
        return out
    }

    /// Escapes text so it cannot break a table or inject markup.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n": out += " "
            case "*", "_", "`", "[", "]", "\\": out += "\\" + String(character)
            default:
                // Controls and bidirectional overrides become character references, never raw bytes on a terminal.
                if character.unicodeScalars.contains(where: { TerminalText.needsEscape($0, keepingLayout: false) }) {
                    for scalar in character.unicodeScalars {
                        if TerminalText.needsEscape(scalar, keepingLayout: false) {
                            out += "&#x\(String(scalar.value, radix: 16, uppercase: true));"
                        } else {
                            out.unicodeScalars.append(scalar)
                        }
                    }
                } else {
                    out.append(character)
                }
            }
        }
        return out
    }
}
