import ArgumentParser
import AssessCore
import AssessKit
import Foundation

/// Where packs are looked for besides the built-in ones (`--packs`, then `ASSESS_PACKS`).
struct PackOptions: ParsableArguments {
    @Option(name: .customLong("packs"), help: ArgumentHelp(
        "A folder of packs to look pack ids up in (repeatable), before ASSESS_PACKS and the built-in packs; see docs/packs.md.",
        valueName: "dir"))
    var folders: [String] = []

    func validate() throws {
        for folder in folders where !FileReader.isDirectory(folder) {
            throw ValidationError("--packs '\(folder)' is not a folder; name a folder holding packs")
        }
    }

    /// These options as typed, to repeat in a suggested command.
    var arguments: [String] { folders.flatMap { ["--packs", $0] } }

    /// The packs these options and the environment name, with the built-in ones last.
    var library: PackLibrary { PackLibrary(folders: folders, environment: ProcessInfo.processInfo.environment) }
}

/// How `assess packs` prints its list.
enum PacksFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}

extension Assess {
    struct Packs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the methodology packs found, or validate one.",
            discussion: """
                A pack is a published method as a folder (or a .zip of one) holding pack.yaml, its framework, rubrics \
                and worked examples. Packs are looked up in the --packs folders, then the folders in ASSESS_PACKS \
                (separated by ':'), then the packs built into assess; the first with an id wins. See docs/packs.md.
                """,
            subcommands: [List.self, ValidatePack.self], defaultSubcommand: List.self)
    }
}

extension Assess.Packs {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the packs found (the default).")

        @OptionGroup var packOptions: PackOptions

        @Option(name: .long, help: "Output format: text or json.")
        var format: PacksFormat = .text

        func run() throws {
            try CLIFailure.run {
                let (packs, problems) = packOptions.library.available()
                Output.diagnostics(problems)
                var seen = Set<String>()
                switch format {
                case .json:
                    let entries: [JSONValue] = packs.map { pack in
                        let m = pack.metadata
                        let shadowed = !seen.insert(m.id).inserted
                        return .object([
                            ("id", .string(m.id)), ("title", .string(m.title)), ("version", .string(m.version)),
                            ("publisher", .string(m.publisher)), ("licence", .string(m.licence)),
                            ("licenceUrl", .string(m.licenceURL)), ("source", .string(m.source)),
                            ("origin", .string(pack.origin.kind)), ("where", .string(pack.origin.description)),
                            ("hidden", .bool(shadowed)),
                        ])
                    }
                    Output.out(JSONValue.object([("packs", .array(entries))]).rendered())
                case .text:
                    if packs.isEmpty {
                        Output.line("No packs found. Add a folder of packs with --packs DIR or ASSESS_PACKS; see docs/packs.md.")
                    }
                    // Two lines a pack: the title wraps, the line naming the place is never cut (paths are long).
                    for pack in packs {
                        let m = pack.metadata
                        let shadowed = !seen.insert(m.id).inserted
                        Output.line("\(m.id) \(m.version): \(m.title)")
                        Output.text("    \(m.publisher) · licence \(m.licence) · \(pack.origin.description)"
                                    + (shadowed ? " (hidden by an earlier pack with this id)" : "") + "\n")
                    }
                }
                if problems.contains(where: { $0.severity == .error }) { throw CLIFailure(code: ExitStatus.dataError) }
            }
        }
    }

    struct ValidatePack: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check a pack: its metadata, its framework and rubrics, and score every worked example it lists.",
            discussion: "Exit codes: 0 the pack is valid and every example scored, 65 a problem was found (each printed with its place), 66 no such pack.")

        @Argument(help: ArgumentHelp("A pack folder, a pack's .zip, or a pack id.", valueName: "path|id"))
        var pack: String

        @OptionGroup var packOptions: PackOptions

        @Option(name: .long, help: ArgumentHelp("Seconds a plugin the framework lists may take to answer each request.", valueName: "seconds"))
        var pluginTimeout: Double = 10

        func run() throws {
            try CLIFailure.run {
                let library = packOptions.library
                let found: Pack
                do throws(LoadError) {
                    found = PackLibrary.looksLikeID(pack) && !FileReader.exists(pack) ? try library.find(id: pack) : try library.read(pack)
                } catch {
                    throw CLIFailure(error)
                }
                let m = found.metadata
                var problems: [Diagnostic] = []
                if let notes = m.notes, !found.contains(notes) {
                    problems.append(Diagnostic(file: found.path("pack.yaml"), location: .unknown,
                                               message: "notes names '\(notes)', which the pack does not hold",
                                               hint: "add the file, or correct the path (relative to the folder holding pack.yaml)"))
                }
                let framework: Framework
                do throws(LoadError) {
                    framework = try AssessKit.loadFramework(pack: found, pluginTimeout: pluginTimeout)
                } catch {
                    Output.diagnostics(problems)
                    throw CLIFailure(error)
                }
                defer { FrameworkOptions.finish(framework) }
                Output.line("\(found.root): pack '\(m.id)' \(m.version) (\(m.title); \(m.publisher); licence \(m.licence)): framework '\(framework.id)' \(framework.version), \(framework.dimensions.count) dimensions, \(framework.allCriteria.count) criteria")
                if m.examples.isEmpty {
                    Output.line("\(found.root): note: the pack lists no examples, so none was scored; list worked examples under 'examples:'")
                }
                var failed = !problems.isEmpty
                Output.diagnostics(problems)
                let session = AssessmentSession(framework: framework)
                for example in m.examples {
                    let evidence: Evidence
                    do throws(LoadError) {
                        evidence = try found.loadExample(example, loader: EvidenceLoader())
                    } catch {
                        Output.diagnostics(error.diagnostics)
                        failed = true
                        continue
                    }
                    let assessment = session.assess(evidence).assessment
                    let errors = assessment.diagnostics.filter { $0.severity == .error }
                    // One unwrapped line an example, `file: organisation: result`, like a diagnostic.
                    Output.text("\(found.path(example)): \(evidence.organisation.name): \(ReportText.summaryHeadline(assessment.overall, in: assessment))"
                                + (errors.isEmpty ? "" : " (\(errors.count) criteria in error)") + "\n")
                    Output.diagnostics(errors)
                    if !errors.isEmpty { failed = true }
                }
                if failed { throw CLIFailure(code: ExitStatus.dataError) }
                Output.text("\(found.root): ok\n")
            }
        }
    }
}
