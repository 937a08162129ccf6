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
            var out = ""
            for plugin in framework.plugins where plugin.failure != nil {
                out += "plugin \(plugin.path): unavailable: \(plugin.failure?.message ?? "")\n"
            }
            for factory in factories {
                let d = factory.description
                out += "\(d.id.padding(28)) \(("[" + d.origin + "]").padding(16)) \(d.title)\n"
                if verbose {
                    out += "    \(d.purpose)\n"
                    for role in d.roles { out += "    evidence \(role.name): \(role.type)\(role.required ? "" : " (optional)") — \(role.summary)\n" }
                    for parameter in d.parameters {
                        out += "    parameter \(parameter.name): \(parameter.type)" + (parameter.defaultValue.map { " = \($0)" } ?? " (required)") + " — \(parameter.summary)\n"
                    }
                    out += "\n"
                }
            }
            Output.text(out)
        }
    }
}
