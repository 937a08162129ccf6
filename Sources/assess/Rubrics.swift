import ArgumentParser
import AssessCore
import AssessKit

extension Assess {
    struct Rubrics: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the framework's dimensions and criteria.", discussion: PluginStartOption.discussion)

        @OptionGroup var frameworkOptions: FrameworkOptions
        @OptionGroup var pluginStart: PluginStartOption

        func run() throws {
            try CLIFailure.run {
                let framework = try frameworkOptions.load(startListed: pluginStart.startPlugins)
                defer { FrameworkOptions.finish(framework) }
                let width = Output.width()
                var out = TextLayout.wrap("\(framework.title) (\(framework.id) \(framework.version)\(framework.pack.map { ", pack \($0.id) \($0.version)" } ?? "")), \(framework.scoring.rawValue) scoring, "
                    + "levels: " + framework.scale.levels.map { "\($0.level) \($0.name)" }.joined(separator: ", "), width: width, then: "  ").joined(separator: "\n") + "\n"
                let total = framework.dimensions.reduce(0) { $0 + $1.weight }
                // One table for every criterion, so the columns line up across the dimensions; no heading row. The
                // assessor column is left out when the terminal is too narrow for it ('assess explain' shows it).
                // Under points scoring a column gives each criterion's maximum points; with sections, one gives its section.
                let points = framework.scoring == .points
                let sectioned = framework.dimensions.contains { !$0.rubric.sections.isEmpty }
                // With question logic, a column names the question each one follows ('assess explain' gives the answers).
                let logic = framework.allCriteria.contains { $0.criterion.when != nil }
                // With sections, each section's criteria are listed under its heading (so the section needs no
                // column of its own, and the titles keep their width); criteria in no section come after.
                func ordered(_ rubric: Rubric) -> [(section: Section?, criteria: [Criterion])] {
                    var groups = rubric.sections.map { section in (section: Optional(section), criteria: rubric.criteria.filter { $0.section == section.id }) }
                    let loose = rubric.criteria.filter { criterion in !rubric.sections.contains { $0.id == criterion.section } }
                    if !loose.isEmpty || groups.isEmpty { groups.append((section: nil, criteria: loose)) }
                    return groups
                }
                var rows: [[String]] = []
                for dimension in framework.dimensions {
                    for group in ordered(dimension.rubric) {
                        for criterion in group.criteria {
                            var row = [criterion.id, criterion.weight > 0 ? "w" + Format.number(criterion.weight) : "not scored"]
                            if points { row.append(criterion.weight > 0 ? Format.number(criterion.fixedMaximum) + " pts" : "") }
                            if logic { row.append(criterion.when.map { "if " + $0.parent } ?? "") }
                            rows.append(row + [criterion.core ? "core" : "", criterion.assessorID, criterion.title])
                        }
                    }
                    for indicator in dimension.rubric.context {
                        rows.append([indicator.id, "–"] + (points ? [""] : []) + (logic ? [""] : [])
                            + ["", indicator.assessorID, "\(indicator.title) (context, not scored)"])
                    }
                }
                let columns = [TextLayout.Column(""), TextLayout.Column("")] + (points ? [TextLayout.Column("")] : [])
                    + (logic ? [TextLayout.Column("", drop: 30)] : [])
                    // An assessor column that says the same on every row is the first to go when space is short.
                    + [TextLayout.Column(""), TextLayout.Column("", drop: Set(rows.map { $0[$0.count - 2] }).count == 1 ? 5 : 20),
                       TextLayout.Column("", wraps: true)]
                var lines = TextLayout.tableRows(columns, rows: rows, width: width, indent: sectioned ? "    " : "  ").dropFirst().makeIterator()
                for dimension in framework.dimensions {
                    let rubric = dimension.rubric
                    let share = total > 0 ? dimension.weight / total * 100 : 0
                    out += "\n" + TextLayout.wrap("\(rubric.title) [\(rubric.id)] weight \(Format.number(dimension.weight)) (\(Format.number(share, decimals: 0))% of overall), \(rubric.criteria.count) criteria",
                                                   width: width, then: "  ").joined(separator: "\n") + "\n"
                    for group in ordered(rubric) {
                        if let section = group.section {
                            let count = group.criteria.count
                            var text = "§ \(section.id): \(section.title)"
                            if let weight = section.weight {
                                let sum = rubric.sections.reduce(0) { $0 + ($1.weight ?? 0) }
                                text += ", weight \(Format.number(weight)) of \(Format.number(sum))"
                            }
                            text += ", \(count) \(count == 1 ? "criterion" : "criteria")"
                            if points {
                                let maximum = group.criteria.filter { $0.weight > 0 }.reduce(0) { $0 + $1.weight * $1.fixedMaximum }
                                text += ", \(Format.number(maximum)) pts"
                            }
                            out += TextLayout.wrap(text, width: width, indent: "  ", then: "    ").joined(separator: "\n") + "\n"
                        } else if sectioned, !group.criteria.isEmpty, !rubric.sections.isEmpty {
                            out += "  In no section\n"
                        }
                        for _ in group.criteria { out += (lines.next() ?? []).map { $0 + "\n" }.joined() }
                    }
                    for _ in rubric.context { out += (lines.next() ?? []).map { $0 + "\n" }.joined() }
                }
                Output.text(out)
            }
        }
    }
}
