import ArgumentParser
import AssessCore
import AssessKit
import AssessStore

/// Output formats of `assess score`.
enum ScoreFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, markdown
}

/// `assess colour` choices.
enum ColourChoice: String, CaseIterable, ExpressibleByArgument {
    case auto, always, never
}

extension Assess {
    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score one organisation's evidence against a framework.",
            discussion: "Missing evidence is not an error: its criteria are reported as not assessed and coverage drops.")

        @Argument(help: ArgumentHelp("The evidence file (YAML or JSON).", valueName: "evidence"))
        var evidence: String

        @OptionGroup var frameworkOptions: FrameworkOptions

        @OptionGroup var fileOptions: FileOptions

        @Option(name: .long, help: "Output format: text (for a terminal), json or markdown.")
        var format: ScoreFormat = .text

        @Option(name: [.short, .long], help: ArgumentHelp("Write to this file (whole or not at all) instead of standard output.", valueName: "file"))
        var output: String?

        @Option(name: .long, help: "Colour in text output: auto (only on a terminal), always or never.")
        var color: ColourChoice = .auto

        @Option(name: .long, help: ArgumentHelp("The date printed in the report (YYYY-MM-DD). Default: SOURCE_DATE_EPOCH, else none.", valueName: "date"))
        var date: String?

        @Option(name: .long, help: ArgumentHelp("Also keep the result in this SQLite results store (created if missing); see docs/store.md.", valueName: "file"))
        var store: String?
        @Flag(name: .long, help: "In text output, show every criterion's score, reasons and working after the summary (JSON and Markdown always have them).")
        var detail = false

        @Flag(name: .long, help: "Make unusable evidence fatal (exit 65) and any plugin error fatal (exit 70), instead of reporting them and going on.")
        var strict = false

        func run() throws {
            try CLIFailure.run {
                let context = ReportContext(toolVersion: AssessKit.version, date: try Output.reportDate(date))
                let framework = try frameworkOptions.load(evidence: evidence)
                defer { FrameworkOptions.finish(framework) }
                let session = AssessmentSession(framework: framework, loader: fileOptions.loader)
                let result: SessionResult
                do throws(LoadError) { result = try session.assess(path: self.evidence) } catch { throw CLIFailure(error) }
                let evidence = result.evidence
                Output.diagnostics(result.warnings)

                let assessment = result.assessment
                Output.diagnostics(assessment.diagnostics.map { var d = $0; d.severity = strict ? .error : .warning; return d })
                if strict, !assessment.diagnostics.isEmpty {
                    let pluginPaths = Set(framework.plugins.map(\.path))
                    let fromPlugin = assessment.diagnostics.contains { pluginPaths.contains($0.file) }
                    throw CLIFailure(code: fromPlugin ? ExitStatus.software : ExitStatus.dataError)
                }

                let text: String
                switch format {
                case .json: text = JSONReporter.render(assessment, context: context)
                case .markdown: text = MarkdownReporter.render(assessment, context: context)
                case .text:
                    let colour = output == nil && (color == .always || (color == .auto && Output.colourWanted))
                    text = TextReporter.render(assessment, context: context, color: colour, width: Output.width(toFile: output != nil),
                                               detail: detail, arguments: [self.evidence] + frameworkOptions.arguments)
                }
                if let output { try Output.writeAtomically(text, to: output, inputs: Output.inputs(evidence, framework: framework, fromDisk: frameworkOptions.framework != nil)) } else { Output.out(text) }
                if let store {
                    do throws(ResultStore.StoreError) {
                        try ResultStore(path: store).save(ResultStore.Entry(assessment: assessment, context: context))
                    } catch {
                        Output.error(error.description)
                        throw CLIFailure(code: ExitStatus.cannotCreate)
                    }
                }
            }
        }
    }
}
