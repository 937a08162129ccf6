import ArgumentParser
import AssessCore
import AssessKit
import AssessReport

/// Formats of `assess report`.
enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
    case html, markdown, pdf
}

extension Assess {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the executive report: summary, roadmap, each area's criteria and the evidence.",
            discussion: """
                HTML is one self-contained file that prints on A4. PDF needs a browser engine found at run time \
                (headless Chromium or WeasyPrint); without one the command exits 69 and says how to install it. \
                Replace the templates and add a logo and colours with --template DIR (see docs/report.md).
                """)

        @Argument(help: ArgumentHelp("The evidence file (YAML or JSON).", valueName: "evidence"))
        var evidence: String

        @OptionGroup var frameworkOptions: FrameworkOptions

        @OptionGroup var fileOptions: FileOptions

        @Option(name: .long, help: "html, markdown or pdf.")
        var format: ReportFormat = .html

        @Option(name: [.short, .long], help: ArgumentHelp("The file to write (whole or not at all).", valueName: "file"))
        var output: String

        @Option(name: .long, help: ArgumentHelp("A folder of templates (*.mustache) and brand.yaml overriding the defaults.", valueName: "dir"))
        var template: String?

        @OptionGroup var planning: PlanningOptions

        @Option(name: .long, help: ArgumentHelp("The date printed in the report (YYYY-MM-DD).", valueName: "date"))
        var date: String?

        @Option(name: .long, help: ArgumentHelp("Results to compare with (repeatable): result JSON files or folders; adds 'Compared with similar councils' (docs/benchmark.md).", valueName: "results"))
        var peers: [String] = []

        @Option(name: .long, help: ArgumentHelp("An earlier assessment (evidence, result JSON, or a results store); adds 'Since last year' (docs/compare.md).", valueName: "old"))
        var previous: String?

        @Option(name: .long, help: ArgumentHelp("With --previous STORE: the period to read, such as 2024-25. Default: the latest financial year kept before this one.", valueName: "period"))
        var previousPeriod: String?

        func validate() throws {
            if previousPeriod != nil, previous == nil { throw ValidationError("--previous-period goes with --previous STORE (a results store)") }
        }

        func run() throws {
            try CLIFailure.run {
                let context = ReportContext(toolVersion: AssessKit.version, date: try Output.reportDate(date))
                let templates: ReportTemplates
                do throws(LoadError) { templates = try ReportTemplates.load(directory: template) } catch { throw CLIFailure(error) }
                try Output.precheck(output)
                if format == .pdf, PDFRenderer.findRenderer() == nil {
                    Output.error("error: no HTML renderer for PDF output; \(PDFRenderer.installHint)")
                    throw CLIFailure(code: ExitStatus.unavailable)
                }
                let framework = try frameworkOptions.load(evidence: evidence)
                defer { FrameworkOptions.finish(framework) }
                let session = AssessmentSession(framework: framework, loader: fileOptions.loader)
                let loaded: Evidence
                do throws(LoadError) { loaded = try session.loader.load(path: evidence) } catch { throw CLIFailure(error) }
                let planner = try planning.planner(framework: framework, evidence: loaded)
                let assessment = session.assess(loaded).assessment
                Output.diagnostics(assessment.diagnostics.map { var d = $0; d.severity = .warning; return d })
                let roadmap = framework.allActions.isEmpty ? nil
                    : planner.plan(assessment, targets: planner.targets(for: assessment, all: planning.target, perDimension: loaded.targets))
                let inputs = Output.inputs(loaded, framework: framework, fromDisk: frameworkOptions.framework != nil)
                let (peersModel, previousModel) = try comparisons(assessment, framework: framework)
                switch format {
                case .markdown:
                    try Output.writeAtomically(ExecutiveReport.render(assessment, roadmap: roadmap, format: .markdown, templates: templates, context: context, peers: peersModel, previous: previousModel, duties: framework.planning.duties), to: output, inputs: inputs)
                case .html:
                    try Output.writeAtomically(ExecutiveReport.render(assessment, roadmap: roadmap, format: .html, templates: templates, context: context, peers: peersModel, previous: previousModel, duties: framework.planning.duties), to: output, inputs: inputs)
                case .pdf:
                    let html = ExecutiveReport.render(assessment, roadmap: roadmap, format: .html, templates: templates, context: context, peers: peersModel, previous: previousModel, duties: framework.planning.duties)
                    let pdf: [UInt8]
                    do throws(PDFRenderer.Failure) {
                        pdf = try PDFRenderer.pdf(html: html)
                    } catch {
                        switch error {
                        case .noRenderer:
                            Output.error("error: no HTML renderer for PDF output; \(PDFRenderer.installHint)")
                            throw CLIFailure(code: ExitStatus.unavailable)
                        case .failed(let renderer, let detail):
                            Output.error("error: \(renderer) could not print the report to PDF: \(detail)")
                            throw CLIFailure(code: ExitStatus.software)
                        }
                    }
                    try Output.write(pdf, to: output, inputs: inputs)
                }
            }
        }

        /// The "compared with similar councils" and "since last year" values, when asked for.
        func comparisons(_ assessment: Assessment, framework: Framework) throws -> ([String: Any]?, [String: Any]?) {
            var peersModel: [String: Any]?
            if !peers.isEmpty {
                // This assessment replaces any result for the same organisation among the peers.
                let code = assessment.organisation.code ?? assessment.organisation.name
                let others = try ResultInput.load(peers).map(\.assessment).filter { ($0.organisation.code ?? $0.organisation.name) != code }
                do throws(PeerBenchmark.Problem) {
                    peersModel = ExecutiveReport.peersModel(for: assessment, in: try PeerBenchmark.run(others + [assessment]))
                } catch {
                    Output.error(error.description)
                    throw CLIFailure(code: ExitStatus.dataError)
                }
            }
            var previousModel: [String: Any]?
            if let previous {
                let before: Assessment
                if ResultInput.isStore(previous) {
                    before = try StoredAssessments(path: previous).previous(of: assessment, period: previousPeriod, framework: framework)
                } else {
                    if previousPeriod != nil {
                        Output.error("\(previous): error: --previous-period reads a results store, and this is not one; give the store with --previous")
                        throw CLIFailure(code: ExitStatus.usage)
                    }
                    before = try Compare.assessment(previous, framework: framework, loader: fileOptions.loader)
                }
                previousModel = ExecutiveReport.previousModel(ResultComparison(before: before, after: assessment, renamed: framework.renamed))
            }
            return (peersModel, previousModel)
        }
    }
}
