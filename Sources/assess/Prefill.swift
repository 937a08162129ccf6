import ArgumentParser
import AssessCore
import AssessKit
import Foundation

/// Looking councils up in the bundled public data, with the CLI's messages.
enum CouncilLookup {
    static func data() throws -> PublicData {
        switch PublicDataBundle.data {
        case .success(let data): return data
        case .failure(let problem):
            Output.error("\(problem): error: the bundled public data cannot be read; rebuild it with scripts/rebuild-public-data")
            throw CLIFailure(code: ExitStatus.software)
        }
    }

    /// The council with a GSS code; exit 64 with the nearest codes when there is none.
    static func council(gss: String, in data: PublicData) throws -> PublicData.Council {
        if let council = data.council(gss: gss) { return council }
        let near = Suggestion.nearest(to: gss.uppercased(), in: data.councils.map(\.gss))
        let hint = near.flatMap { data.council(gss: $0) }.map { "did you mean \($0.gss) (\($0.name))?" }
            ?? "give the ONS GSS code of a current UK council, such as E07000223, or use --name"
        Output.error("error: no current UK council has the GSS code '\(gss)'; \(hint)")
        throw CLIFailure(code: ExitStatus.usage)
    }

    /// The one council a name matches; exit 64 naming the candidates when none or several match.
    static func council(named name: String, in data: PublicData) throws -> PublicData.Council {
        let found = data.councils(named: name)
        if found.count == 1 { return found[0] }
        if found.isEmpty {
            let near = data.suggestions(for: name)
            let hint = near.isEmpty ? "check the spelling, or give the GSS code with --gss"
                : "did you mean " + near.map { "'\($0.shortName)' (\($0.gss))" }.joined(separator: " or ") + "?"
            Output.error("error: no current UK council is called '\(name)'; \(hint)")
        } else {
            let list = found.prefix(8).map { "\($0.gss) \($0.name)" }.joined(separator: "; ")
            Output.error("error: '\(name)' matches \(found.count) councils: \(list)\(found.count > 8 ? "; ..." : ""); give a fuller name or --gss CODE")
        }
        throw CLIFailure(code: ExitStatus.usage)
    }
}

extension Assess {
    struct PrefillCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prefill",
            abstract: "Write evidence files prefilled from public data for UK councils (one file per council, named by GSS code).",
            discussion: """
                Public data bundled with assess (docs/public-data.md): the register of local authorities, Ofcom \
                coverage, council websites, the opendata.scot catalogue and planning.data.gov.uk. Every prefilled \
                fact carries its source, reference, date and licence. When DIR/CODE.yaml exists, only facts that are \
                missing or ~ are filled: a value a person has written is never overwritten, and comments are kept. \
                With --all an index.csv of the councils is written too.
                """)

        @Flag(name: .long, help: "Every current UK council (397).")
        var all = false

        @Option(name: .long, help: ArgumentHelp("A council's ONS GSS code (repeatable).", valueName: "code"))
        var gss: [String] = []

        @Option(name: .long, help: ArgumentHelp("A council's name, such as 'Highland' or 'Cardiff' (repeatable).", valueName: "name"))
        var name: [String] = []

        @Option(name: .long, help: ArgumentHelp("The folder to write to (created if missing). Without it, one council's file goes to standard output.", valueName: "dir"))
        var out: String?

        @OptionGroup var frameworkOptions: FrameworkOptions

        func validate() throws {
            if !all, gss.isEmpty, name.isEmpty { throw ValidationError("name the councils: --all, --gss CODE or --name NAME") }
            if all, !(gss.isEmpty && name.isEmpty) { throw ValidationError("--all already takes every council; leave out --gss and --name") }
            if out == nil, all || gss.count + name.count > 1 { throw ValidationError("several councils need a folder: add --out DIR") }
        }

        func run() throws {
            try CLIFailure.run {
                let data = try CouncilLookup.data()
                var councils: [PublicData.Council] = []
                if all { councils = data.councils }
                for code in gss { councils.append(try CouncilLookup.council(gss: code, in: data)) }
                for text in name { councils.append(try CouncilLookup.council(named: text, in: data)) }
                var seen = Set<String>()
                councils = councils.filter { seen.insert($0.gss).inserted }
                let framework = try frameworkOptions.load()
                defer { FrameworkOptions.finish(framework) }
                let keys = framework.factKeysRead
                let reads: (String) -> Bool = { keys.contains($0) }
                let frameworkInputs = Output.inputs(framework: framework, fromDisk: frameworkOptions.framework != nil)
                guard let out else {
                    Output.out(Prefill.evidence(for: councils[0], data: data, reads: reads))
                    return
                }
                if !FileReader.isDirectory(out) {
                    do {
                        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                    } catch {
                        Output.error("\(out): error: the folder cannot be created; choose another --out")
                        throw CLIFailure(code: ExitStatus.cannotCreate)
                    }
                }
                var failed = false
                var index = ["gss,name,type,nation,file,facts"]
                var written = 0, merged = 0, keptValues = 0
                for council in councils {
                    let path = (out as NSString).appendingPathComponent("\(council.gss).yaml")
                    let entries = Prefill.entries(for: council, data: data, reads: reads)
                    if FileReader.exists(path) {
                        // A file that exists may hold a person's answers: fill only what is missing or ~.
                        do {
                            let bytes = try FileReader.read(path)
                            if let text = String(bytes: bytes, encoding: .utf8) {
                                let merge = try Prefill.merge(into: text, file: path, council: council, data: data, reads: reads)
                                if !merge.filled.isEmpty { try Output.writeAtomically(merge.text, to: path, inputs: frameworkInputs) }
                                merged += 1
                                keptValues += merge.kept.count
                            } else {
                                // Rewriting would replace the bytes that are not UTF-8: the file is left alone.
                                Output.error("\(path): error: the file is not UTF-8 text, so prefill leaves it alone; save it as UTF-8 and prefill again")
                                failed = true
                            }
                        } catch let error as LoadError {
                            Output.diagnostics(error.diagnostics)
                            failed = true
                        } catch let error as DiagnosticError {
                            Output.diagnostics(error.diagnostics)
                            failed = true
                        }
                    } else {
                        try Output.writeAtomically(Prefill.evidence(for: council, data: data, reads: reads), to: path, inputs: frameworkInputs)
                        written += 1
                    }
                    index.append([council.gss, council.name, council.type, council.nation, "\(council.gss).yaml", String(entries.count)]
                        .map(Self.csvField).joined(separator: ","))
                }
                if all {
                    try Output.writeAtomically(index.joined(separator: "\n") + "\n", to: (out as NSString).appendingPathComponent("index.csv"), inputs: frameworkInputs)
                }
                Output.error("\(out): \(written) new evidence files; \(merged) existing files given only their missing or ~ facts (\(keptValues) values already written kept)\(all ? "; index.csv" : "")")
                if failed { throw CLIFailure(code: ExitStatus.dataError) }
            }
        }

        static func csvField(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
    }
}
