import Foundation
import ArgumentParser
import AssessCore
import AssessKit

/// The planning options shared by `roadmap` and `report`, with their documented ranges (docs/roadmap.md).
struct PlanningOptions: ParsableArguments {
    /// Person-days a quarter, overall: at least this.
    static let capacityRange: ClosedRange<Double> = 1...1_000
    /// Planning horizon, in quarters.
    static let quartersRange: ClosedRange<Int> = 1...40

    @Option(name: .long, help: ArgumentHelp("Target level for every dimension (1 to the top of the scale).", valueName: "level"))
    var target: Int?

    @Option(name: .long, help: ArgumentHelp(
        "Person-days available per quarter (1 to 1000), or a team's days with OWNER=DAYS, such as 'Digital Lead=10'. Repeat for more owners.",
        valueName: "days"))
    var capacity: [String] = []

    @Option(name: .long, help: ArgumentHelp("The planning horizon, in quarters (1 to 40).", valueName: "n"))
    var quarters: Int = 8

    @Option(name: .long, help: ArgumentHelp(
        "The first day of the plan (YYYY-MM-DD); quarters are UK financial-year quarters. Default: the quarter after the evidence period.",
        valueName: "date"))
    var start: String?

    /// The overall capacity and the per-owner ones.
    func capacities() throws -> (total: Double, owners: [String: Double]) {
        var total: Double?
        var owners: [String: Double] = [:]
        for entry in capacity {
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let text = String(parts.last ?? "").trimmingCharacters(in: .whitespaces)
            guard let days = Double(text), days.isFinite, Self.capacityRange.contains(days) else {
                throw ValidationError("--capacity '\(entry)': the days must be a number from 1 to 1000 person-days a quarter")
            }
            if parts.count == 2 {
                let owner = String(parts[0]).trimmingCharacters(in: .whitespaces)
                guard !owner.isEmpty else { throw ValidationError("--capacity '\(entry)': name the owner before '=', such as 'Digital Lead=10'") }
                owners[owner] = days
            } else {
                guard total == nil else { throw ValidationError("--capacity: give the overall days once (and OWNER=DAYS for teams)") }
                total = days
            }
        }
        return (total ?? 40, owners)
    }

    func validate() throws {
        _ = try capacities()
        guard Self.quartersRange.contains(quarters) else { throw ValidationError("--quarters must be from 1 to 40") }
        if let target, target < 1 { throw ValidationError("--target must be a level of 1 or more") }
        if let start, FiscalQuarter(date: start) == nil || start.count != 10 {
            throw ValidationError("--start must be a date written YYYY-MM-DD, such as 2026-04-01")
        }
    }

    /// A planner for an assessment, after checking the target against the framework's scale.
    func planner(framework: Framework, evidence: Evidence) throws -> Planner {
        if let target, target > framework.scale.top {
            Output.error("error: --target \(target) is above the top of the scale (\(framework.scale.top))")
            throw CLIFailure(code: ExitStatus.usage)
        }
        let (total, owners) = try capacities()
        let first = start.flatMap(FiscalQuarter.init(date:)) ?? evidence.organisation.period.flatMap(FiscalQuarter.after(period:))
        return Planner(framework: framework, capacity: total, quarters: quarters, ownerCapacity: owners, start: first)
    }
}

extension Assess {
    struct RoadmapCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "roadmap",
            abstract: "Plan the actions that close the gap between today's levels and the targets.",
            discussion: """
                Targets default to one level above today in each dimension; set them for all dimensions with \
                --target, or per dimension with 'targets:' in the evidence or the framework. Actions that discharge \
                a statutory duty the organisation is failing come first, then the highest value per person-day \
                (score, savings and risk, weighted in the framework's 'planning:'), never before what they depend \
                on, within the capacity, in UK financial-year quarters. See docs/roadmap.md.
                """)

        @Argument(help: ArgumentHelp("The evidence file (YAML or JSON).", valueName: "evidence"))
        var evidence: String

        @OptionGroup var frameworkOptions: FrameworkOptions

        @OptionGroup var fileOptions: FileOptions

        @OptionGroup var planning: PlanningOptions

        @Option(name: .long, help: "Output format: text, json or markdown.")
        var format: ScoreFormat = .text

        @Option(name: [.short, .long], help: ArgumentHelp("Write to this file (whole or not at all).", valueName: "file"))
        var output: String?

        @Option(name: .long, help: ArgumentHelp("The date printed in the roadmap (YYYY-MM-DD).", valueName: "date"))
        var date: String?

        func run() throws {
            try CLIFailure.run {
                let context = ReportContext(toolVersion: AssessKit.version, date: try Output.reportDate(date))
                let framework = try frameworkOptions.load(evidence: evidence)
                defer { FrameworkOptions.finish(framework) }
                let session = AssessmentSession(framework: framework, loader: fileOptions.loader)
                let loaded: Evidence
                do throws(LoadError) { loaded = try session.loader.load(path: evidence) } catch { throw CLIFailure(error) }
                let planner = try planning.planner(framework: framework, evidence: loaded)
                let assessment = session.assess(loaded).assessment
                Output.diagnostics(assessment.diagnostics.map { var d = $0; d.severity = .warning; return d })
                let roadmap = planner.plan(assessment, targets: planner.targets(for: assessment, all: planning.target, perDimension: loaded.targets))
                let text: String
                switch format {
                case .json: text = RoadmapReporter.json(roadmap, context: context)
                case .markdown: text = RoadmapReporter.markdown(roadmap, context: context)
                case .text: text = RoadmapReporter.text(roadmap, context: context, width: Output.width(toFile: output != nil))
                }
                if let output { try Output.writeAtomically(text, to: output, inputs: Output.inputs(loaded, framework: framework, fromDisk: frameworkOptions.framework != nil)) } else { Output.out(text) }
            }
        }
    }
}
