import ArgumentParser
import AssessCore
import AssessKit

/// The `assess` command line: glue between the terminal and the engine.
@main
struct Assess: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Score a public body's digital strategy maturity against YAML rubrics, explaining every number.",
        discussion: """
            Exit codes: 0 success, 64 usage error, 65 invalid input data, 66 input not found, \
            70 internal error, 73 output file cannot be created.
            """,
        version: AssessKit.version,
        subcommands: [Score.self, Validate.self, Rubrics.self, Explain.self, Plugins.self]
    )
}

/// Options shared by commands that read a framework.
struct FrameworkOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A framework folder (holding framework.yaml) or its framework.yaml. Default: the built-in framework.", valueName: "path"))
    var framework: String?

    func load() throws -> Framework {
        do {
            return try AssessKit.loadFramework(path: framework)
        } catch {
            throw CLIFailure(error)
        }
    }
}
