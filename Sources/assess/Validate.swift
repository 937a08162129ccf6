import ArgumentParser
import AssessCore
import AssessKit

extension Assess {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check frameworks, rubrics and evidence files and list every problem.",
            discussion: "The kind of each file is recognised from its keys: 'dimensions' (framework), 'criteria' (rubric) or 'organisation'/'facts' (evidence). " + PluginStartOption.discussion)

        @Argument(help: ArgumentHelp("Files to check.", valueName: "file"))
        var files: [String]

        @OptionGroup var frameworkOptions: FrameworkOptions
        @OptionGroup var pluginStart: PluginStartOption

        @OptionGroup var fileOptions: FileOptions

        func validate() throws {
            if files.isEmpty { throw ValidationError("name at least one file to check") }
        }

        func run() throws {
            try CLIFailure.run {
                let plugins = try frameworkOptions.startPlugins()
                defer { for plugin in plugins { FrameworkOptions.finish(plugin) } }
                var worst: Int32 = 0
                for file in files {
                    let code = check(file, plugins: plugins)
                    if code == ExitStatus.noInput || worst == 0 { worst = max(worst, code) }
                }
                if worst != 0 { throw CLIFailure(code: worst) }
            }
        }

        /// Says which listed plugins were not run, and so what was not checked.
        private func notStarted(_ plugins: [ExternalPlugin]) {
            for plugin in plugins where plugin.failure == .notStarted {
                Output.error("\(plugin.path): note: plugin not started, so the assessors and parameters of the criteria that use it were not checked; add --start-plugins to check them (this runs the plugin)")
            }
        }

        /// Checks one file, printing its problems; returns its exit code.
        private func check(_ file: String, plugins: [ExternalPlugin]) -> Int32 {
            do {
                let document = try FileReader.parse(file)
                let root = document.root
                let kind: String
                if root?["dimensions"] != nil {
                    kind = "framework"
                    let framework = try AssessKit.loadFramework(path: file, plugins: plugins, startPlugins: pluginStart.startPlugins)
                    defer { FrameworkOptions.finish(framework, except: plugins) }
                    notStarted(framework.plugins)
                    Output.diagnostics(framework.warnings)
                    Output.line("\(file): ok (framework '\(framework.id)', \(Message.count(.countDimensions, framework.dimensions.count)), \(Message.count(.countCriteria, framework.allCriteria.count)))\n")
                } else if root?["criteria"] != nil {
                    kind = "rubric"
                    // The rubric's own framework (beside it) gives the scale and any plugins it names.
                    let sibling = FileReader.resolve("framework.yaml", relativeTo: FileReader.folder(of: file))
                    let framework = FileReader.exists(sibling) ? try? AssessKit.loadFramework(path: sibling, plugins: plugins, startPlugins: pluginStart.startPlugins) : nil
                    defer { if let framework { FrameworkOptions.finish(framework, except: plugins) } }
                    notStarted(framework?.plugins ?? [])
                    let registry = FrameworkLoader.registry(AssessKit.registry, with: framework?.plugins ?? plugins)
                    let rubric = try FrameworkLoader(registry: registry).loadRubric(path: file, scale: framework?.scale ?? .standard)
                    Output.diagnostics(rubric.warnings)
                    Output.line("\(file): ok (rubric '\(rubric.id)', \(Message.count(.countCriteria, rubric.criteria.count)))\n")
                } else if root?["organisation"] != nil || root?["facts"] != nil {
                    kind = "evidence"
                    let evidence = try fileOptions.loader.decode(document)
                    let refused = EvidenceLoader.refusedFiles(evidence)
                    if !refused.isEmpty {
                        Output.diagnostics(refused)
                        return ExitStatus.dataError
                    }
                    // --framework, else the pack the evidence declares (by id), else the built-in framework.
                    let framework: Framework
                    if frameworkOptions.framework == nil, let declared = EvidenceLoader.declaredFramework(path: file) {
                        guard let pack = frameworkOptions.declaredPack(declared.id, at: declared.location, in: file) else { return ExitStatus.noInput }
                        framework = try AssessKit.loadFramework(pack: pack, plugins: plugins, startPlugins: pluginStart.startPlugins)
                    } else {
                        framework = try AssessKit.loadFramework(reference: frameworkOptions.framework, packs: frameworkOptions.packOptions.library,
                                                                plugins: plugins, startPlugins: pluginStart.startPlugins)
                    }
                    defer { FrameworkOptions.finish(framework, except: plugins) }
                    notStarted(framework.plugins)
                    // The same engine run as `score`: every criterion error is an error here.
                    let session = AssessmentSession(framework: framework, loader: fileOptions.loader)
                    let check = EvidenceCheck(session.assess(evidence), framework: framework)
                    Output.diagnostics(check.warnings + check.errors)
                    guard check.errors.isEmpty else { return ExitStatus.dataError }
                    let warnings = check.warnings
                    Output.line("\(file): ok (evidence for \(evidence.organisation.name), \(Message.count(.countFacts, evidence.facts.count)), \(Message.count(.countCriteria, check.assessed)) scored, \(check.notAssessed) not assessed\(check.notChecked > 0 ? ", \(check.notChecked) not checked (plugins not started)" : "")\(warnings.isEmpty ? "" : ", " + Message.count(.countWarnings, warnings.count)))\n")
                } else {
                    Output.error("\(file):1:1: error: cannot tell what kind of file this is; a framework has 'dimensions:', a rubric 'criteria:', evidence 'organisation:' and 'facts:'")
                    return ExitStatus.dataError
                }
                _ = kind
                return 0
            } catch {
                return CLIFailure(error).code
            }
        }
    }
}
