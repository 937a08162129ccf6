import ArgumentParser
import AssessCore
import AssessKit

extension Assess {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a criterion's question, levels, assessor and the evidence it reads.")

        @Argument(help: ArgumentHelp("A criterion id, as listed by 'assess rubrics'.", valueName: "criterion-id"))
        var criterionID: String

        @OptionGroup var frameworkOptions: FrameworkOptions

        func run() throws {
            try CLIFailure.run {
                let framework = try frameworkOptions.load()
                if let rubric = framework.dimensions.map(\.rubric).first(where: { $0.context.contains { $0.id == criterionID } }),
                   let indicator = rubric.context.first(where: { $0.id == criterionID }) {
                    Output.out(explain(indicator, in: rubric))
                    return
                }
                guard let (rubric, criterion) = framework.criterion(criterionID) else {
                    let ids = framework.allCriteria.map(\.criterion.id) + framework.dimensions.flatMap { $0.rubric.context.map(\.id) }
                    let hint = Suggestion.nearest(to: criterionID, in: ids).map { "; did you mean '\($0)'?" } ?? "; run 'assess rubrics' to list them"
                    Output.error("error: no criterion '\(criterionID)' in framework '\(framework.id)'\(hint)")
                    throw CLIFailure(code: ExitStatus.usage)
                }
                var out = "\(criterion.title) [\(criterion.id)]\n"
                out += "Dimension: \(rubric.title) · weight \(Format.number(criterion.weight))\(criterion.core ? " · core (caps the dimension's level)" : "")\n"
                out += "Defined at: \(rubric.file):\(criterion.location.line)\n"
                if !criterion.appliesTo.types.isEmpty || !criterion.appliesTo.codePrefixes.isEmpty {
                    let parts = [criterion.appliesTo.types.joined(separator: ", "),
                                 criterion.appliesTo.codePrefixes.map { "codes starting \($0)" }.joined(separator: ", ")].filter { !$0.isEmpty }
                    out += "Applies to: \(parts.joined(separator: "; "))" + (criterion.appliesTo.reason.map { " (\($0))" } ?? "")
                        + "; not applicable to other organisations\n"
                }
                out += "\n"
                out += "Question\n  \(criterion.question)\n"
                if !criterion.guidance.isEmpty { out += "\nGuidance\n" + indent(criterion.guidance) }
                if !criterion.rationale.isEmpty { out += "\nWhy it matters\n" + indent(criterion.rationale) }
                out += "\nLevels\n"
                for level in framework.scale.levels {
                    out += "  \(level.level) \(level.name): \(criterion.levels[level.level] ?? "")\n"
                }
                let description = AssessKit.registry.factory(criterion.assessorID)?.description
                out += "\nAssessor\n  \(criterion.assessorID)" + (description.map { ": \($0.purpose)" } ?? "") + "\n"
                out += "\nEvidence it reads\n"
                for binding in criterion.evidence {
                    let role = description?.roles.first { $0.name == binding.role }
                    out += "  \(binding.fact)  (\(binding.role)" + (role.map { ": \($0.type)" } ?? "") + ")\n"
                }
                Output.out(out)
            }
        }

        private func explain(_ indicator: ContextIndicator, in rubric: Rubric) -> String {
            var out = "\(indicator.title) [\(indicator.id)]\n"
            out += "Dimension: \(rubric.title) · context: shown beside the dimension, never scored\n"
            out += "Defined at: \(rubric.file):\(indicator.location.line)\n"
            if !indicator.description.isEmpty { out += "\nWhat it shows\n" + indent(indicator.description) }
            if let national = indicator.national {
                out += "\nCompared with\n  " + (indicator.nationalArea.map { $0 + " " } ?? "") + Format.quantity(national, unit: indicator.unit)
                    + ([indicator.nationalSource, indicator.nationalDate].compactMap { $0 }.map { ", " + $0 }.joined()) + "\n"
            }
            out += "\nComputed by\n  \(indicator.assessorID), finding '\(indicator.finding)'\n"
            out += "\nEvidence it reads\n"
            for binding in indicator.evidence { out += "  \(binding.fact)  (\(binding.role))\n" }
            return out
        }

        private func indent(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
    }
}
