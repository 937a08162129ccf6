import ArgumentParser
import AssessCore
import AssessKit
import Foundation

extension Assess {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a starter evidence file: every fact the framework reads, with its question and allowed answers.",
            discussion: """
                Every fact is written as 'key: ~' (not answered yet): an unanswered fact is not assessed, never \
                scored as zero. Replace a ~ with the answer, then run 'assess validate' and 'assess score'.
                """)

        @Option(name: .long, help: ArgumentHelp("The organisation's name. A UK council's name found in the bundled register prefills its public data, as --gss does.", valueName: "name"))
        var name: String = "Your organisation"

        @Option(name: .long, help: ArgumentHelp("A UK council's ONS GSS code: fill in its name, type, population and the facts public data answers (docs/public-data.md).", valueName: "code"))
        var gss: String?

        @Option(name: .long, help: ArgumentHelp("Its ONS GSS code or your own reference.", valueName: "code"))
        var code: String?

        @Option(name: .long, help: ArgumentHelp("Its kind: district, unitary, county, london-borough ...", valueName: "type"))
        var type: String?

        @Option(name: .long, help: ArgumentHelp("The period the evidence describes, such as 2025-26.", valueName: "period"))
        var period: String?

        @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var output: String?

        @Flag(name: .long, help: "Overwrite the output file if it exists.")
        var force = false

        @OptionGroup var frameworkOptions: FrameworkOptions

        func run() throws {
            try CLIFailure.run {
                if let output, !force, FileManager.default.fileExists(atPath: output) {
                    Output.error("\(output): error: the file exists; choose another --output or add --force to overwrite it")
                    throw CLIFailure(code: ExitStatus.cannotCreate)
                }
                let framework = try frameworkOptions.load()
                defer { FrameworkOptions.finish(framework) }
                var organisation = Organisation(name: name, type: type, code: code, period: period)
                var text = EvidenceTemplate.starter(framework: framework, organisation: organisation)
                if let council = try publicCouncil() {
                    // The starter with the council's public data filled in where the answer was ~.
                    let data = try CouncilLookup.data()
                    organisation = Prefill.organisation(council)
                    organisation.period = period
                    let keys = framework.factKeysRead
                    let starter = EvidenceTemplate.starter(framework: framework, organisation: organisation)
                    do throws(DiagnosticError) {
                        let merge = try Prefill.merge(into: starter, file: "starter", council: council, data: data, reads: { keys.contains($0) })
                        let header = Prefill.header(for: council, data: data, entries: Prefill.entries(for: council, data: data, reads: { keys.contains($0) }),
                                                    command: "assess init --gss \(council.gss)")
                        text = (header + [""]).joined(separator: "\n") + "\n" + merge.text
                    } catch {
                        Output.diagnostics(error.diagnostics)
                        throw CLIFailure(code: ExitStatus.software)
                    }
                }
                if let output {
                    try Output.writeAtomically(text, to: output, inputs: Output.inputs(framework: framework, fromDisk: frameworkOptions.framework != nil))
                    // Said on standard error, so that standard output stays the file alone when it is piped.
                    let open = text.split(separator: "\n").filter { $0.hasPrefix("  ") && $0.hasSuffix(": ~") }.count
                    // A pack's starter names the pack itself (framework: ID), so the next commands need no --framework.
                    Output.error(((framework.pack == nil ? frameworkOptions.framework : nil).map {
                        Message(.initWroteFramework, [("file", .text(output)), ("open", .count(open)), ("framework", .text($0))])
                    } ?? Message(.initWrote, [("file", .text(output)), ("open", .count(open))])).english)
                } else {
                    Output.out(text)
                }
            }
        }

        /// The council to prefill: by --gss (an unknown code exits 64), or a --name the register knows
        /// exactly; a name it does not know writes the plain starter, with the nearest names as a note.
        private func publicCouncil() throws -> PublicData.Council? {
            if let gss {
                return try CouncilLookup.council(gss: gss, in: try CouncilLookup.data())
            }
            guard name != "Your organisation", code == nil, type == nil, case .success(let data) = PublicDataBundle.data else { return nil }
            let found = data.councils(named: name)
            let exact = found.filter { PublicData.sameName(name, $0) }
            if exact.count == 1 {
                Output.error("note: '\(name)' is \(exact[0].name) (\(exact[0].gss)) in the register of UK councils; its public data is prefilled")
                return exact[0]
            }
            let near = found.isEmpty ? data.suggestions(for: name) : Array(found.prefix(3))
            if !near.isEmpty {
                Output.error("note: '\(name)' is not a UK council's name in the register, so nothing is prefilled; did you mean "
                             + near.map { "'\($0.shortName)' (--gss \($0.gss))" }.joined(separator: " or ") + "?")
            }
            return nil
        }
    }

    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the JSON Schema of evidence files for a framework: every fact key and its allowed values.",
            discussion: "Point an editor at it (a '# yaml-language-server: $schema=FILE' first line) to autocomplete fact keys, item ids and options.")

        @OptionGroup var frameworkOptions: FrameworkOptions

        @Option(name: [.short, .long], help: ArgumentHelp("Write to this file (whole or not at all) instead of standard output.", valueName: "file"))
        var output: String?

        func run() throws {
            try CLIFailure.run {
                let framework = try frameworkOptions.load()
                defer { FrameworkOptions.finish(framework) }
                let text = EvidenceSchema.json(for: framework).rendered()
                if let output { try Output.writeAtomically(text, to: output, inputs: Output.inputs(framework: framework, fromDisk: frameworkOptions.framework != nil)) } else { Output.out(text) }
            }
        }
    }
}
