import ArgumentParser
import AssessCore
import AssessKit

extension Assess {
    struct Plugins: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every assessor, built in or from a plugin, with what it reads.",
            discussion: """
                This command starts every plugin the framework lists under 'plugins:' and every one given with \
                --plugin, to ask what they offer: it runs their code, so use it only with plugins you trust.
                """)

        @Flag(name: .shortAndLong, help: "Show each assessor's evidence roles and parameters.")
        var verbose = false

        @OptionGroup var frameworkOptions: FrameworkOptions

        func run() throws {
            try CLIFailure.run { try list() }
        }

        private func list() throws {
            let framework = try frameworkOptions.load()
            defer { FrameworkOptions.finish(framework) }
            var factories = AssessKit.registry.factories
            for plugin in framework.plugins { factories += plugin.factories }
            let width = Output.width()
            var out = ""
            for plugin in framework.plugins where plugin.failure != nil {
                out += TextLayout.wrap("plugin \(plugin.path): unavailable: \(plugin.failure?.message ?? "")", width: width, then: "    ").joined(separator: "\n") + "\n"
            }
            // Grouped by origin under an "[origin]" heading, in one table so the columns line up; with
            // --verbose each assessor's details go under its row.
            var origins: [String] = []
            for factory in factories where !origins.contains(factory.description.origin) { origins.append(factory.description.origin) }
            let ordered = origins.flatMap { origin in factories.filter { $0.description.origin == origin } }
            let columns = [TextLayout.Column("Assessor"), TextLayout.Column("Title", wraps: true)]
            let rows = TextLayout.tableRows(columns, rows: ordered.map { [$0.description.id, $0.description.title] }, width: width, indent: "  ").dropFirst()
            var origin: String?
            for (factory, row) in zip(ordered, rows) {
                let d = factory.description
                if d.origin != origin {
                    out += (origin == nil || verbose ? "" : "\n") + "[\(d.origin)]\n"
                    origin = d.origin
                }
                out += row.map { $0 + "\n" }.joined()
                if verbose {
                    var details = [d.purpose]
                    for role in d.roles { details.append("evidence \(role.name): \(role.type)\(role.required ? "" : " (optional)") — \(role.summary)") }
                    for parameter in d.parameters {
                        details.append("parameter \(parameter.name): \(parameter.type)" + (parameter.defaultValue.map { " = \($0)" } ?? " (required)") + " — \(parameter.summary)")
                    }
                    for detail in details { out += TextLayout.wrap(detail, width: width, indent: "    ", then: "      ").map { $0 + "\n" }.joined() }
                    out += "\n"
                }
            }
            Output.text(out)
        }
    }
}
