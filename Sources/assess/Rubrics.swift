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
                var out = "\(framework.title) (\(framework.id) \(framework.version)), \(framework.scoring.rawValue) scoring, "
                out += "levels: " + framework.scale.levels.map { "\($0.level) \($0.name)" }.joined(separator: ", ") + "\n"
                let total = framework.dimensions.reduce(0) { $0 + $1.weight }
                for dimension in framework.dimensions {
                    let rubric = dimension.rubric
                    let share = total > 0 ? dimension.weight / total * 100 : 0
                    out += "\n\(rubric.title) [\(rubric.id)] weight \(Format.number(dimension.weight)) (\(Format.number(share, decimals: 0))% of overall), \(rubric.criteria.count) criteria\n"
                    for criterion in rubric.criteria {
                        let flags = criterion.core ? " core" : ""
                        out += "  \(criterion.id.padding(28)) w\(Format.number(criterion.weight).padding(4))\(flags.padding(5)) \(criterion.assessorID.padding(26)) \(criterion.title)\n"
                    }
                    for indicator in rubric.context {
                        out += "  \(indicator.id.padding(28)) \("context".padding(10)) \(indicator.assessorID.padding(26)) \(indicator.title) (not scored)\n"
                    }
                }
                Output.text(out)
            }
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
