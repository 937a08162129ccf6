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

        @Option(name: .long, help: ArgumentHelp("The organisation's name.", valueName: "name"))
        var name: String = "Your organisation"

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
                let organisation = Organisation(name: name, type: type, code: code, period: period)
                let text = EvidenceTemplate.starter(framework: framework, organisation: organisation)
                if let output { try Output.writeAtomically(text, to: output, inputs: Output.inputs(framework: framework, fromDisk: frameworkOptions.framework != nil)) } else { Output.out(text) }
            }
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
