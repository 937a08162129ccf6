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
                back as they were scored). Criteria renamed between framework versions are matched through the \
                framework's 'renamed:' mapping. With --fail-on-regression the exit code is 3 when any dimension \
                fell (a lower level, a lower score, or a headline score lost).
                """)

        @Argument(help: ArgumentHelp("The earlier evidence or result JSON.", valueName: "old"))
        var old: String

        @Argument(help: ArgumentHelp("The later evidence or result JSON.", valueName: "new"))
        var new: String

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

        func run() throws {
            try CLIFailure.run {
                let context = ReportContext(toolVersion: AssessKit.version, date: try Output.reportDate(date))
                if let output { try Output.precheck(output) }
                let framework = try frameworkOptions.load()
                defer { FrameworkOptions.finish(framework) }
                let before = try Self.assessment(old, framework: framework, loader: fileOptions.loader)
                let after = try Self.assessment(new, framework: framework, loader: fileOptions.loader)
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
                if let output { try Output.writeAtomically(text, to: output, inputs: [old, new]) } else { Output.out(text) }
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
