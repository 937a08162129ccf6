import ArgumentParser
import AssessCore
import AssessKit
import AssessStore
import Foundation

/// Output formats of `assess benchmark`.
enum BenchmarkFormat: String, CaseIterable, ExpressibleByArgument {
    case csv, json, html
}

/// Output formats of `assess compare`.
enum CompareFormat: String, CaseIterable, ExpressibleByArgument {
    case text, markdown, json
}

/// Reading results for the CLI, with its messages and exit codes.
enum ResultInput {
    /// Every result in the paths given: a result JSON file, a folder of them, or a results store (a SQLite
    /// file written with `--store`, recognised by its header), whose latest result per organisation and
    /// period is read.
    static func load(_ paths: [String]) throws -> [AssessmentReader.Document] {
        var documents: [AssessmentReader.Document] = []
        for path in paths {
            guard FileReader.exists(path) else {
                Output.error("\(path): error: no such file or folder; give result JSON files ('assess score --format json'), a folder of them or a results store")
                throw CLIFailure(code: ExitStatus.noInput)
            }
            if isStore(path) {
                do throws(ResultStore.StoreError) {
                    documents += try ResultStore(path: path).documents()
                } catch {
                    Output.error(error.description)
                    throw CLIFailure(code: ExitStatus.dataError)
                }
                continue
            }
            do throws(LoadError) { documents += try ResultSource.path(path).load() } catch { throw CLIFailure(error) }
        }
        return documents
    }

    /// Whether a file starts with SQLite's 16-byte header.
    static func isStore(_ path: String) -> Bool {
        guard !FileReader.isDirectory(path), let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        return header == Data("SQLite format 3\u{0}".utf8)
    }
}

extension Assess {
    struct Benchmark: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Benchmark assessed organisations against their peers: medians, quartiles and percentiles (docs/benchmark.md).",
            discussion: """
                RESULTS are result JSON files ('assess score --format json') or folders of them, such as the \
                results/ folder 'assess batch' writes. Peer groups (same type and nation, and the 15 nearest \
                by population, by default) come from --config. Organisations without enough evidence are listed \
                apart and never ranked; a group with fewer ranked organisations than minimum-group (5) publishes \
                no statistic.
                """)

        @Argument(help: ArgumentHelp("Result JSON files or folders of them.", valueName: "results"))
        var results: [String]

        @Option(name: .long, help: ArgumentHelp("Peer groups in YAML (docs/benchmark.md). Default: same type and nation, and the 15 nearest by population.", valueName: "file"))
        var config: String?

        @Option(name: .long, help: "Output format: csv, json or html. Default: from the output file's extension, else csv.")
        var format: BenchmarkFormat?

        @Option(name: [.short, .long], help: ArgumentHelp("Write to this file (whole or not at all) instead of standard output.", valueName: "file"))
        var output: String?

        @Option(name: .long, help: ArgumentHelp("The date printed (YYYY-MM-DD). Default: SOURCE_DATE_EPOCH, else none.", valueName: "date"))
        var date: String?

        func run() throws {
            try CLIFailure.run {
                let context = ReportContext(toolVersion: AssessKit.version, date: try Output.reportDate(date))
                if let output { try Output.precheck(output) }
                var peers = PeerConfig.standard
                if let config {
                    do throws(LoadError) { peers = try PeerConfig.load(path: config) } catch { throw CLIFailure(error) }
                }
                let documents = try ResultInput.load(results)
                let result: PeerBenchmark.Result
                do throws(PeerBenchmark.Problem) {
                    result = try PeerBenchmark.run(documents.map(\.assessment), config: peers)
                } catch {
                    Output.error(error.description)
                    throw CLIFailure(code: ExitStatus.dataError)
                }
                let chosen = format ?? output.flatMap { BenchmarkFormat(rawValue: ($0 as NSString).pathExtension.lowercased()) } ?? .csv
                let text: String
                switch chosen {
                case .csv: text = BenchmarkReporter.csv(result)
                case .json: text = BenchmarkReporter.json(result, context: context)
                case .html: text = BenchmarkReporter.html(result, context: context)
                }
                if let output {
                    try Output.writeAtomically(text, to: output, inputs: results + (config.map { [$0] } ?? []))
                } else {
                    Output.out(text)
                }
            }
        }
    }

    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two assessments of one organisation: what moved, and which evidence changed (docs/compare.md).",
            discussion: """
                OLD and NEW are evidence files (scored with the current framework) or result JSON files (read \
                back as they were scored). With --store, --from reads OLD and --to reads NEW from a results store \
                instead, such as 'assess compare --store results.sqlite --code E07000223 --from 2024-25 --to \
                2025-26'. Criteria renamed between framework versions are matched through the framework's \
                'renamed:' mapping. With --fail-on-regression the exit code is 3 when any dimension fell (a lower \
                level, a lower score, or a headline score lost).
                """)

        @Argument(help: ArgumentHelp("The earlier evidence or result JSON (not with --from).", valueName: "old"))
        var old: String?

        @Argument(help: ArgumentHelp("The later evidence or result JSON (not with --to).", valueName: "new"))
        var new: String?

        @Option(name: .long, help: ArgumentHelp("A results store ('--store' of score or batch) to read the periods --from and --to from.", valueName: "file"))
        var store: String?

        @Option(name: .long, help: ArgumentHelp("The organisation in the store. Default: the code of the other input, else the store's only organisation.", valueName: "code"))
        var code: String?

        @Option(name: .long, help: ArgumentHelp("The earlier period in the store, such as 2024-25 (in place of OLD).", valueName: "period"))
        var from: String?

        @Option(name: .long, help: ArgumentHelp("The later period in the store, such as 2025-26 (in place of NEW).", valueName: "period"))
        var to: String?

        @OptionGroup var frameworkOptions: FrameworkOptions

        @OptionGroup var fileOptions: FileOptions

        @Option(name: .long, help: "Output format: text, markdown or json.")
        var format: CompareFormat = .text

        @Option(name: [.short, .long], help: ArgumentHelp("Write to this file (whole or not at all) instead of standard output.", valueName: "file"))
        var output: String?

        @Option(name: .long, help: ArgumentHelp("The date printed in JSON (YYYY-MM-DD). Default: SOURCE_DATE_EPOCH, else none.", valueName: "date"))
        var date: String?

        @Flag(name: .long, help: "Exit 3 when any dimension fell, for automation.")
        var failOnRegression = false

        /// The exit code for a regression under --fail-on-regression (not a sysexits code).
        static let regression: Int32 = 3

        /// The files given: OLD unless --from replaces it, NEW unless --to does.
        var files: (old: String?, new: String?) {
            let given = [old, new].compactMap { $0 }
            return (from == nil ? given.first : nil, to == nil ? given.last : nil)
        }

        func validate() throws {
            let given = [old, new].compactMap { $0 }.count
            guard let _ = store else {
                if code != nil || from != nil || to != nil {
                    throw ValidationError("--code, --from and --to read a results store: give it with --store FILE")
                }
                if given < 2 { throw ValidationError("give OLD and NEW (evidence or result JSON files), or --store FILE with --from and --to") }
                return
            }
            if from == nil, to == nil { throw ValidationError("with --store, give the periods to compare: --from (the earlier), --to (the later) or both") }
            let needed = (from == nil ? 1 : 0) + (to == nil ? 1 : 0)
            if given != needed {
                throw ValidationError(needed == 0 ? "--from and --to replace OLD and NEW: give no file with both"
                                                  : "give one file, the \(from == nil ? "earlier (OLD)" : "later (NEW)") assessment, with only \(from == nil ? "--to" : "--from")")
            }
        }

        func run() throws {
            try CLIFailure.run {
                let context = ReportContext(toolVersion: AssessKit.version, date: try Output.reportDate(date))
                if let output { try Output.precheck(output) }
                let framework = try frameworkOptions.load()
                defer { FrameworkOptions.finish(framework) }
                let files = self.files
                var before = try files.old.map { try Self.assessment($0, framework: framework, loader: fileOptions.loader) }
                var after = try files.new.map { try Self.assessment($0, framework: framework, loader: fileOptions.loader) }
                if let store {
                    let stored = try StoredAssessments(path: store)
                    let code = try stored.code(code ?? (before ?? after).map { $0.organisation.code ?? $0.organisation.name })
                    if let from { before = try stored.assessment(code: code, period: from, option: "--from", framework: framework) }
                    if let to { after = try stored.assessment(code: code, period: to, option: "--to", framework: framework) }
                }
                guard let before, let after else { throw CLIFailure(code: ExitStatus.software) }  // validate() ensures both
                let new = files.new ?? store ?? ""
                if before.organisation.code != after.organisation.code || before.organisation.name != after.organisation.name {
                    Output.error("\(new): warning: OLD is \(before.organisation.name) (\(before.organisation.code ?? "no code")) and NEW is \(after.organisation.name) (\(after.organisation.code ?? "no code")); compare two assessments of the same organisation")
                }
                let comparison = ResultComparison(before: before, after: after, renamed: framework.renamed)
                let text: String
                switch format {
                case .text: text = ComparisonReporter.text(comparison)
                case .markdown: text = ComparisonReporter.markdown(comparison)
                case .json: text = ComparisonReporter.json(comparison, context: context)
                }
                let inputs = [old, new, store].compactMap { $0 }
                if let output { try Output.writeAtomically(text, to: output, inputs: inputs) } else { Output.out(text) }
                if failOnRegression, !comparison.regressions.isEmpty {
                    Output.error("regression: \(comparison.regressions.joined(separator: ", ")) fell")
                    throw CLIFailure(code: Self.regression)
                }
            }
        }

        /// A result JSON file read back, or evidence scored now.
        static func assessment(_ path: String, framework: Framework, loader: EvidenceLoader) throws -> Assessment {
            guard FileReader.exists(path) else {
                Output.error("\(path): error: no such file; give an evidence file or a result JSON file")
                throw CLIFailure(code: ExitStatus.noInput)
            }
            if ResultInput.isStore(path) {
                Output.error("\(path): error: this is a results store; read its periods with --store \(path) --from PERIOD --to PERIOD")
                throw CLIFailure(code: ExitStatus.usage)
            }
            if isResult(path) {
                do throws(LoadError) { return try ResultSource.file(path).load()[0].assessment } catch { throw CLIFailure(error) }
            }
            let evidence: Evidence
            do throws(LoadError) { evidence = try loader.load(path: path) } catch { throw CLIFailure(error) }
            return Engine(framework: framework).assess(evidence)
        }

        /// A JSON object with `schemaVersion` and `dimensions` is a result; anything else is evidence.
        static func isResult(_ path: String) -> Bool {
            guard path.lowercased().hasSuffix(".json"), let bytes = try? FileReader.read(path),
                  let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return false }
            return object["schemaVersion"] != nil && object["dimensions"] != nil
        }
    }
}
