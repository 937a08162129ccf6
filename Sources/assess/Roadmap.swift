import ArgumentParser
import AssessCore
import AssessKit

extension Assess {
    struct RoadmapCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "roadmap",
            abstract: "Plan the actions that close the gap between today's levels and the targets.",
            discussion: """
                Targets default to one level above today in each dimension; set them for all dimensions with \
                --target, or per dimension with 'targets:' in the evidence or the framework. Actions are ordered by \
                the expected gain in weighted score per person-day, never before what they depend on, and fitted \
                into quarters within the capacity. See docs/roadmap.md.
                """)

        @Argument(help: ArgumentHelp("The evidence file (YAML or JSON).", valueName: "evidence"))
        var evidence: String

        @OptionGroup var frameworkOptions: FrameworkOptions

        @OptionGroup var fileOptions: FileOptions

        @Option(name: .long, help: ArgumentHelp("Target level for every dimension.", valueName: "level"))
        var target: Int?

        @Option(name: .long, help: ArgumentHelp("Person-days available per quarter.", valueName: "days"))
        var capacity: Double = 40

        @Option(name: .long, help: ArgumentHelp("The planning horizon, in quarters.", valueName: "n"))
        var quarters: Int = 8

        @Option(name: .long, help: "Output format: text, json or markdown.")
        var format: ScoreFormat = .text

        @Option(name: [.short, .long], help: ArgumentHelp("Write to this file (whole or not at all).", valueName: "file"))
        var output: String?

        @Option(name: .long, help: ArgumentHelp("The date printed in the roadmap (YYYY-MM-DD).", valueName: "date"))
        var date: String?

        func validate() throws {
            guard capacity > 0, capacity <= 100_000 else { throw ValidationError("--capacity must be a positive number of person-days") }
            guard (1...80).contains(quarters) else { throw ValidationError("--quarters must be between 1 and 80") }
            if let target, target < 1 { throw ValidationError("--target must be a level of 1 or more") }
        }

        func run() throws {
            try CLIFailure.run {
                let context = ReportContext(toolVersion: AssessKit.version, date: try Output.reportDate(date))
                let framework = try frameworkOptions.load()
                defer { FrameworkOptions.finish(framework) }
                if let target, target > framework.scale.top {
                    Output.error("error: --target \(target) is above the top of the scale (\(framework.scale.top))")
                    throw CLIFailure(code: ExitStatus.usage)
                }
                let loaded: Evidence
                do throws(LoadError) { loaded = try fileOptions.loader.load(path: evidence) } catch { throw CLIFailure(error) }
                let assessment = Engine(framework: framework).assess(loaded)
                Output.diagnostics(assessment.diagnostics.map { var d = $0; d.severity = .warning; return d })
                let planner = Planner(framework: framework, capacity: capacity, quarters: quarters)
                let roadmap = planner.plan(assessment, targets: planner.targets(for: assessment, all: target, perDimension: loaded.targets))
                let text: String
                switch format {
                case .json: text = RoadmapReporter.json(roadmap, context: context)
                case .markdown: text = RoadmapReporter.markdown(roadmap, context: context)
                case .text: text = RoadmapReporter.text(roadmap, context: context)
                }
                if let output { try Output.writeAtomically(text, to: output, inputs: Output.inputs(loaded, framework: framework, fromDisk: frameworkOptions.framework != nil)) } else { Output.out(text) }
            }
        }
    }
}
