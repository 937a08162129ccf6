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
            69 no PDF renderer installed, 70 internal error (or a plugin error with --strict), \
            73 output file cannot be created; 3 when compare --fail-on-regression finds a dimension that fell.
            """,
        version: AssessKit.version,
        subcommands: [Score.self, RoadmapCommand.self, Report.self, Validate.self, Rubrics.self, Explain.self, Plugins.self,
                      Init.self, Ask.self, Schema.self, Packs.self, PrefillCommand.self, BatchCommand.self, Benchmark.self, Compare.self,
                      ImportCommand.self, ExportTableCommand.self]
    )
}

/// Options shared by commands that read a framework.
struct FrameworkOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A framework folder (holding framework.yaml), its framework.yaml, a pack folder or .zip, or a pack id (see 'assess packs'). Default: the built-in framework.", valueName: "path|id"))
    var framework: String?

    @OptionGroup var packOptions: PackOptions

    @Option(name: .customLong("plugin"), help: ArgumentHelp("An external plugin executable to start and use (repeatable); see docs/plugins.md.", valueName: "path"))
    var plugins: [String] = []

    @Option(name: .long, help: ArgumentHelp("Seconds a plugin may take to answer each request.", valueName: "seconds"))
    var pluginTimeout: Double = 10

    /// These options as typed, to repeat in a suggested command (`--framework PATH`, `--plugin PATH`).
    var arguments: [String] {
        (framework.map { ["--framework", $0] } ?? []) + packOptions.arguments + plugins.flatMap { ["--plugin", $0] }
    }

    func validate() throws {
        if !(pluginTimeout > 0 && pluginTimeout <= 3600) { throw ValidationError("--plugin-timeout must be between 0 and 3600 seconds") }
    }

    /// Starts the command line's plugins and loads the framework, which starts the plugins it lists unless
    /// `startListed` is false.
    func load(startListed: Bool = true) throws -> Framework {
        try load(started: startPlugins(), startListed: startListed)
    }

    /// Starts the plugins named with --plugin.
    func startPlugins() throws -> [ExternalPlugin] {
        var started: [ExternalPlugin] = []
        for path in plugins {
            guard FileReader.exists(path) else {
                Output.error("\(path): error: no such plugin; check the path given to --plugin")
                throw CLIFailure(code: ExitStatus.noInput)
            }
            started.append(ExternalPlugin(path: path, timeout: pluginTimeout, assessVersion: AssessKit.version))
        }
        for plugin in started where plugin.failure != nil {
            Output.error("\(plugin.path): warning: plugin '\(plugin.name)' \(plugin.failure?.message ?? "failed"); its criteria will be errors")
        }
        return started
    }

    /// Loads the framework for an evidence file: `--framework` if given, else the pack the evidence declares
    /// (`framework: ID`, looked up by id among the packs, never as a path), else the built-in framework.
    func load(evidence: String, startListed: Bool = true) throws -> Framework {
        let declared = EvidenceLoader.declaredFramework(path: evidence)
        guard framework == nil, let declared else {
            if let declared, let framework, framework != declared.id {
                Output.error("\(evidence): warning: the evidence is written for the framework '\(declared.id)', but --framework \(framework) is used")
            }
            return try load(startListed: startListed)
        }
        guard let pack = declaredPack(declared.id, at: declared.location, in: evidence) else { throw CLIFailure(code: ExitStatus.noInput) }
        let started = try startPlugins()
        do throws(LoadError) {
            return try AssessKit.loadFramework(pack: pack, plugins: started, pluginTimeout: pluginTimeout, startPlugins: startListed)
        } catch {
            for plugin in started { Self.finish(plugin) }
            throw CLIFailure(error)
        }
    }

    /// The pack an evidence file's `framework:` names, or nil after saying so at that line (the caller exits
    /// 66, as for an unknown `--framework` id).
    func declaredPack(_ id: String, at location: SourceLocation, in evidence: String) -> Pack? {
        let library = packOptions.library
        guard let pack = library.pack(id: id) else {
            Output.error("\(evidence):\(location.line):\(location.column): error: no pack has the id '\(QuestionnaireText.clean(id))' that 'framework:' names; \(library.missing(id))")
            return nil
        }
        return pack
    }

    /// Loads the framework with plugins already started.
    func load(started: [ExternalPlugin], startListed: Bool = true) throws -> Framework {
        do {
            return try AssessKit.loadFramework(reference: framework, packs: packOptions.library, plugins: started,
                                               pluginTimeout: pluginTimeout, startPlugins: startListed)
        } catch {
            for plugin in started { Self.finish(plugin) }
            throw CLIFailure(error)
        }
    }

    /// Ends every plugin and prints what they wrote on standard error.
    static func finish(_ framework: Framework, except keep: [ExternalPlugin] = []) {
        for plugin in framework.plugins where !keep.contains(where: { $0 === plugin }) { finish(plugin) }
    }

    /// Ends one plugin and prints what it wrote on standard error and how it behaved.
    static func finish(_ plugin: ExternalPlugin) {
        let ending = plugin.finish()
        for line in ending.stderr.split(separator: "\n") { Output.error("\(plugin.path): note: plugin '\(plugin.name)' said: \(line)") }
        for warning in ending.warnings { Output.error("\(plugin.path): warning: plugin '\(plugin.name)' \(warning)") }
    }
}
