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
                guard let (rubric, criterion) = framework.criterion(criterionID) else {
                    let ids = framework.allCriteria.map(\.criterion.id)
                    let hint = Suggestion.nearest(to: criterionID, in: ids).map { "; did you mean '\($0)'?" } ?? "; run 'assess rubrics' to list them"
                    Output.error("error: no criterion '\(criterionID)' in framework '\(framework.id)'\(hint)")
                    throw CLIFailure(code: ExitStatus.usage)
                }
                var out = EvidenceTemplate.wrap("\(criterion.title) [\(criterion.id)]", indent: "", then: "  ").joined(separator: "\n") + "\n"
                out += EvidenceTemplate.wrap("Dimension: \(rubric.title) · weight \(Format.number(criterion.weight))\(criterion.core ? " · core (caps the dimension's level)" : "")", indent: "", then: "  ").joined(separator: "\n") + "\n"
                out += "Defined at: \(rubric.file):\(criterion.location.line)\n\n"
                out += "Question\n" + wrap(criterion.question)
                if !criterion.guidance.isEmpty { out += "\nGuidance\n" + wrap(criterion.guidance) }
                if !criterion.rationale.isEmpty { out += "\nWhy it matters\n" + wrap(criterion.rationale) }
                out += "\nLevels\n"
                for level in framework.scale.levels {
                    out += wrap("\(level.level) \(level.name): \(criterion.levels[level.level] ?? "")", then: "    ")
                }
                let description = AssessKit.registry.factory(criterion.assessorID)?.description
                out += "\nAssessor\n" + wrap(criterion.assessorID + (description.map { ": \($0.purpose)" } ?? ""))
                out += "\nEvidence it reads\n"
                let specs = criterion.factSpecs
                for spec in specs {
                    out += EvidenceTemplate.describe(spec).joined(separator: "\n") + "\n"
                }
                out += "\nExample evidence (it loads and scores; replace the values with yours)\n"
                out += EvidenceTemplate.exampleEvidence(specs).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
                Output.out(out)
            }
        }

        /// Text wrapped to 80 columns, indented by two spaces (`then` for the lines after the first).
        private func wrap(_ text: String, then: String = "  ") -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .flatMap { EvidenceTemplate.wrap(String($0), indent: "  ", then: then) }
                .joined(separator: "\n") + "\n"
        }
    }
}
