import ArgumentParser
import AssessCore
import AssessKit

extension Assess {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a criterion's question, levels, assessor and the evidence it reads.",
            discussion: PluginStartOption.discussion)

        @Argument(help: ArgumentHelp("A criterion id, as listed by 'assess rubrics'.", valueName: "criterion-id"))
        var criterionID: String

        @OptionGroup var frameworkOptions: FrameworkOptions
        @OptionGroup var pluginStart: PluginStartOption

        func run() throws {
            try CLIFailure.run {
                let framework = try frameworkOptions.load(startListed: pluginStart.startPlugins)
                defer { FrameworkOptions.finish(framework) }
                let width = Output.width()
                func wrap(_ text: String, then: String = "  ") -> String { self.wrap(text, then: then, width: width) }
                if let rubric = framework.dimensions.map(\.rubric).first(where: { $0.context.contains { $0.id == criterionID } }),
                   let indicator = rubric.context.first(where: { $0.id == criterionID }) {
                    Output.text(explain(indicator, in: rubric, width: width))
                    return
                }
                guard let (rubric, criterion) = framework.criterion(criterionID) else {
                    let ids = framework.allCriteria.map(\.criterion.id) + framework.dimensions.flatMap { $0.rubric.context.map(\.id) }
                    let hint = Suggestion.nearest(to: criterionID, in: ids).map { "; did you mean '\($0)'?" } ?? "; run 'assess rubrics' to list them"
                    Output.error("error: no criterion '\(criterionID)' in framework '\(framework.id)'\(hint)")
                    throw CLIFailure(code: ExitStatus.usage)
                }
                var out = EvidenceTemplate.wrap(TerminalText.escape("\(criterion.title) [\(criterion.id)]"), indent: "", then: "  ", width: width).joined(separator: "\n") + "\n"
                out += EvidenceTemplate.wrap(TerminalText.escape("Dimension: \(rubric.title) · \(CriterionFacts.weight(criterion, in: rubric))\(criterion.core ? " · core (caps the dimension's level)" : "")"), indent: "", then: "  ", width: width).joined(separator: "\n") + "\n"
                if let section = CriterionFacts.section(criterion, in: rubric) {
                    out += EvidenceTemplate.wrap(TerminalText.escape("Section: " + section), indent: "", then: "  ", width: width).joined(separator: "\n") + "\n"
                }
                if framework.scoring == .points, criterion.weight > 0 {
                    out += "Points: at most \(Format.number(criterion.fixedMaximum))\n"
                }
                out += EvidenceTemplate.wrap("Defined at: \(rubric.file):\(criterion.location.line)", indent: "", then: "  ", width: width).joined(separator: "\n") + "\n"
                if let condition = criterion.when {
                    out += EvidenceTemplate.wrap(TerminalText.escape(CriterionFacts.when(condition)), indent: "", then: "  ", width: width).joined(separator: "\n") + "\n"
                }
                if !criterion.appliesTo.types.isEmpty || !criterion.appliesTo.codePrefixes.isEmpty || !criterion.appliesTo.attributes.isEmpty {
                    let parts = [criterion.appliesTo.types.joined(separator: ", "),
                                 criterion.appliesTo.codePrefixes.map { "codes starting \($0)" }.joined(separator: ", "),
                                 TerminalText.escape(criterion.appliesTo.attributes.map { "\($0.key) \($0.values.joined(separator: " or "))" }.joined(separator: ", "))]
                        .filter { !$0.isEmpty }
                    out += EvidenceTemplate.wrap("Applies to: \(parts.joined(separator: "; "))" + (criterion.appliesTo.reason.map { " (\($0))" } ?? "")
                        + "; not applicable to other organisations", indent: "", then: "  ", width: width).joined(separator: "\n") + "\n"
                }
                out += "\n"
                out += "Question\n" + wrap(criterion.question)
                if !criterion.guidance.isEmpty { out += "\nGuidance\n" + wrap(criterion.guidance) }
                if !criterion.rationale.isEmpty { out += "\nWhy it matters\n" + wrap(criterion.rationale) }
                // A method without descriptors (they are optional) has no Levels to show but the scale's names.
                if !criterion.levels.isEmpty {
                    out += "\nLevels\n"
                    for level in framework.scale.levels {
                        out += wrap("\(level.level) \(level.name): \(criterion.levels[level.level] ?? "")", then: "    ")
                    }
                }
                if let options = criterion.assessor as? OptionsAssessor {
                    out += "\nAnswers\n"
                    for line in CriterionFacts.answers(options, criterion: criterion, scoring: framework.scoring, scale: framework.scale) { out += wrap(line, then: "    ") }
                }
                if let counting = ReportText.countingRules(criterion, in: rubric, framework: framework) {
                    out += "\nHow it counts (this method's rules)\n"
                    for line in counting { out += wrap(line, then: "    ") }
                }
                let description = AssessKit.registry.factory(criterion.assessorID)?.description
                out += "\nAssessor\n" + wrap(criterion.assessorID + (description.map { ": \($0.purpose)" } ?? ""))
                out += "\nEvidence it reads\n"
                let specs = criterion.factSpecs
                for spec in specs {
                    out += EvidenceTemplate.describe(spec, width: width).joined(separator: "\n") + "\n"
                }
                out += "\nExample evidence (it loads and scores; replace the values with yours)\n"
                out += EvidenceTemplate.exampleEvidence(specs).split(separator: "\n").map { TextLayout.clip("  " + $0, width: width) }.joined(separator: "\n") + "\n"
                Output.text(out)
            }
        }

        /// Text wrapped to `width` columns, indented by two spaces (`then` for the lines after the first); a
        /// blank line in the text stays blank.
        private func wrap(_ text: String, then: String = "  ", width: Int) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .flatMap { $0.allSatisfy(\.isWhitespace) ? [""] : EvidenceTemplate.wrap(TerminalText.escape(String($0)), indent: "  ", then: then, width: width) }
                .joined(separator: "\n") + "\n"
        }

        /// A context indicator: what it shows and what it is compared with; never scored.
        private func explain(_ indicator: ContextIndicator, in rubric: Rubric, width: Int) -> String {
            func wrap(_ text: String, then: String = "  ") -> String { self.wrap(text, then: then, width: width) }
            var out = EvidenceTemplate.wrap("\(indicator.title) [\(indicator.id)]", indent: "", then: "  ", width: width).joined(separator: "\n") + "\n"
            out += EvidenceTemplate.wrap("Dimension: \(rubric.title) · context: shown beside the dimension, never scored", indent: "", then: "  ", width: width).joined(separator: "\n") + "\n"
            out += EvidenceTemplate.wrap("Defined at: \(rubric.file):\(indicator.location.line)", indent: "", then: "  ", width: width).joined(separator: "\n") + "\n"
            if !indicator.description.isEmpty { out += "\nWhat it shows\n" + wrap(indicator.description) }
            if let national = indicator.national {
                out += "\nCompared with\n" + wrap((indicator.nationalArea.map { $0 + " " } ?? "") + Format.quantity(national, unit: indicator.unit)
                    + ([indicator.nationalSource, indicator.nationalDate].compactMap { $0 }.map { ", " + $0 }.joined()), then: "    ")
            }
            out += "\nComputed by\n" + wrap("\(indicator.assessorID), finding '\(indicator.finding)'", then: "    ")
            out += "\nEvidence it reads\n"
            for binding in indicator.evidence { out += wrap("\(binding.fact)  (\(binding.role))", then: "    ") }
            return out
        }
    }
}
