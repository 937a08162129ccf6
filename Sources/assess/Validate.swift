import ArgumentParser
import AssessCore
import AssessKit

extension Assess {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check frameworks, rubrics and evidence files and list every problem.",
            discussion: "The kind of each file is recognised from its keys: 'dimensions' (framework), 'criteria' (rubric) or 'organisation'/'facts' (evidence).")

        @Argument(help: ArgumentHelp("Files to check.", valueName: "file"))
        var files: [String]

        @OptionGroup var frameworkOptions: FrameworkOptions

        func validate() throws {
            if files.isEmpty { throw ValidationError("name at least one file to check") }
        }

        func run() throws {
            try CLIFailure.run {
                let plugins = try frameworkOptions.startPlugins()
                defer { for plugin in plugins { _ = plugin.finish() } }
                var worst: Int32 = 0
                for file in files {
                    let code = check(file, plugins: plugins)
                    if code == ExitStatus.noInput || worst == 0 { worst = max(worst, code) }
                }
                if worst != 0 { throw CLIFailure(code: worst) }
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
                    let framework = try AssessKit.loadFramework(path: file, plugins: plugins)
                    defer { FrameworkOptions.finish(framework, except: plugins) }
                    Output.text("\(file): ok (framework '\(framework.id)', \(framework.dimensions.count) dimensions, \(framework.allCriteria.count) criteria)\n")
                } else if root?["criteria"] != nil {
                    kind = "rubric"
                    // The rubric's own framework (beside it) gives the scale and any plugins it names.
                    let sibling = FileReader.resolve("framework.yaml", relativeTo: FileReader.folder(of: file))
                    let framework = FileReader.exists(sibling) ? try? AssessKit.loadFramework(path: sibling, plugins: plugins) : nil
                    defer { if let framework { FrameworkOptions.finish(framework, except: plugins) } }
                    let registry = FrameworkLoader.registry(AssessKit.registry, with: framework?.plugins ?? plugins)
                    let rubric = try FrameworkLoader(registry: registry).loadRubric(path: file, scale: framework?.scale ?? .standard)
                    Output.text("\(file): ok (rubric '\(rubric.id)', \(rubric.criteria.count) criteria)\n")
                } else if root?["organisation"] != nil || root?["facts"] != nil {
                    kind = "evidence"
                    let evidence = try EvidenceLoader().decode(document)
                    let framework = try AssessKit.loadFramework(path: frameworkOptions.framework, plugins: plugins)
                    defer { FrameworkOptions.finish(framework, except: plugins) }
                    let warnings = EvidenceLoader.unusedFacts(evidence, framework: framework)
                    Output.diagnostics(warnings)
                    Output.text("\(file): ok (evidence for \(evidence.organisation.name), \(evidence.facts.count) facts\(warnings.isEmpty ? "" : ", \(warnings.count) warnings"))\n")
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
