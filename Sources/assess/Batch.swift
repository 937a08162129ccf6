import Foundation
import ArgumentParser
import AssessCore
import AssessKit
import AssessStore

extension Assess {
    struct BatchCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "batch",
            abstract: "Score many organisations' evidence in one run, on every core.",
            discussion: """
                Reads the evidence files given and every .yaml, .yml and .json file in the folders given (not \
                subfolders; index.csv and other files are skipped), in path order. Writes to DIR: results/CODE.json \
                for each organisation (as 'assess score --format json'), summary.csv and summary.jsonl (one row \
                per organisation), and failures.csv (the files that could not be scored, and why). A file that \
                cannot be scored never stops the others. The output does not depend on --jobs. Exit codes: 0 \
                when every file was scored, 65 when any failed (listed in failures.csv), 66 when an input named \
                does not exist, 73 when DIR or the store cannot be written. See docs/batch.md.
                """)

        @Argument(help: ArgumentHelp("Evidence files and folders of them.", valueName: "inputs"))
        var inputs: [String]

        @Option(name: .long, help: ArgumentHelp("The folder to write to (created if missing).", valueName: "dir"))
        var out: String

        @Option(name: .long, help: ArgumentHelp("How many organisations to score at once. Default: the number of cores.", valueName: "n"))
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(name: .long, help: ArgumentHelp("Also keep every result in this SQLite results store (created if missing); see docs/store.md.", valueName: "file"))
        var store: String?

        @OptionGroup var frameworkOptions: FrameworkOptions

        @OptionGroup var fileOptions: FileOptions

        @Option(name: .long, help: ArgumentHelp("The date written in the results (YYYY-MM-DD). Default: SOURCE_DATE_EPOCH, else none.", valueName: "date"))
        var date: String?

        func validate() throws {
            guard (1...512).contains(jobs) else { throw ValidationError("--jobs must be from 1 to 512") }
            if inputs.isEmpty { throw ValidationError("name at least one evidence file or folder") }
        }

        func run() throws {
            try CLIFailure.run {
                let context = ReportContext(toolVersion: AssessKit.version, date: try Output.reportDate(date))
                let files: [String]
                do throws(LoadError) { files = try Batch.evidenceFiles(inputs) } catch { throw CLIFailure(error) }
                let results = (out as NSString).appendingPathComponent("results")
                do {
                    try FileManager.default.createDirectory(atPath: results, withIntermediateDirectories: true)
                } catch {
                    Output.error("\(out): error: the folder cannot be created; choose another --out")
                    throw CLIFailure(code: ExitStatus.cannotCreate)
                }
                let resultStore: ResultStore?
                do throws(ResultStore.StoreError) { resultStore = try store.map(ResultStore.init(path:)) } catch {
                    Output.error(error.description)
                    throw CLIFailure(code: ExitStatus.cannotCreate)
                }
                let framework = try frameworkOptions.load()
                defer { FrameworkOptions.finish(framework) }
                let session = AssessmentSession(framework: framework, loader: fileOptions.loader)
                let frameworkInputs = Output.inputs(framework: framework, fromDisk: frameworkOptions.framework != nil)
                var run = try BatchRun(out: out, dimensions: framework.dimensions.map(\.rubric.id), store: resultStore, total: files.count)
                try Batch.run(count: files.count, jobs: jobs, work: { index in
                    BatchRun.score(files[index], session: session, context: context)
                }, emit: { index, outcome in
                    try run.emit(file: files[index], outcome, inputs: frameworkInputs)
                })
                try run.finish()
                let failed = run.failed
                Output.error("\(out): \(files.count - failed) of \(Message.count(.countOrganisations, files.count)) scored"
                             + (failed > 0 ? "; \(failed) could not be, listed in failures.csv" : ""))
                if failed > 0 { throw CLIFailure(code: ExitStatus.dataError) }
            }
        }
    }
}

/// One batch's outputs, written as results arrive in input order.
struct BatchRun {
    /// What scoring one file gave, made on a worker thread.
    enum Outcome: Sendable {
        case scored(ResultStore.Entry, inputs: [String], row: SummaryRow)
        case failed(kind: String, message: String)
    }

    let out: String
    let dimensions: [String]
    let store: ResultStore?
    let total: Int
    private var csv: PartialFile
    private var jsonl: PartialFile
    private var failures: PartialFile
    private var names = Set<String>()
    private var pending: [ResultStore.Entry] = []
    private(set) var failed = 0
    private var done = 0
    private let progress = isatty(STDERR_FILENO) == 1

    init(out: String, dimensions: [String], store: ResultStore?, total: Int) throws {
        self.out = out
        self.dimensions = dimensions
        self.store = store
        self.total = total
        csv = try PartialFile(folder: out, name: "summary.csv")
        jsonl = try PartialFile(folder: out, name: "summary.jsonl")
        failures = try PartialFile(folder: out, name: "failures.csv")
        try csv.append(SummaryTable.csvHeader(dimensions: dimensions))
        try failures.append(SummaryTable.failuresHeader)
    }

    /// Scores one file: the whole pipeline, on a worker thread.
    static func score(_ file: String, session: AssessmentSession, context: ReportContext) -> Outcome {
        do throws(LoadError) {
            let result = try session.assess(path: file)
            let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            let entry = ResultStore.Entry(assessment: result.assessment, context: context,
                                          code: result.evidence.organisation.code ?? stem)
            return .scored(entry, inputs: result.inputs, row: SummaryRow(result.assessment, fallbackCode: stem))
        } catch {
            let kind: String
            switch error {
            case .notFound: kind = "not-found"
            case .invalid: kind = "invalid-data"
            }
            return .failed(kind: kind, message: error.diagnostics.map(\.description).joined(separator: "\n"))
        }
    }

    /// Writes one outcome, in input order.
    mutating func emit(file: String, _ outcome: Outcome, inputs: [String]) throws {
        switch outcome {
        case .scored(let entry, let evidenceInputs, let row):
            let path = (out as NSString).appendingPathComponent("results/\(uniqueName(row.code)).json")
            // Whole or not at all, but not forced to disk one by one: thousands of fsyncs were most of the time.
            do throws(OutputFile.Failure) {
                try OutputFile.write(Array(entry.document.utf8), to: path, inputs: evidenceInputs + inputs, durable: false)
            } catch {
                Output.error("\(path): error: \(error.message)")
                if case .isInput = error { throw CLIFailure(code: ExitStatus.usage) }
                throw CLIFailure(code: ExitStatus.cannotCreate)
            }
            try csv.append(SummaryTable.csvRow(row))
            try jsonl.append(SummaryTable.jsonLine(row, dimensions: dimensions))
            if store != nil {
                pending.append(entry)
                if pending.count >= 256 { try flush() }
            }
        case .failed(let kind, let message):
            failed += 1
            Output.error(message)
            try failures.append(SummaryTable.failureRow(file: file, kind: kind, message: message))
        }
        done += 1
        if progress {
            let width = 30
            let filled = total == 0 ? width : done * width / total
            let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
            FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total)\(done == total ? "\n" : "")".utf8))
        }
    }

    /// Keeps the results not yet in the store.
    private mutating func flush() throws {
        guard let store, !pending.isEmpty else { return }
        do throws(ResultStore.StoreError) { try store.save(pending) } catch {
            Output.error(error.description)
            throw CLIFailure(code: ExitStatus.cannotCreate)
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Flushes the store and puts the summary files in place.
    mutating func finish() throws {
        try flush()
        try csv.commit()
        try jsonl.commit()
        try failures.commit()
    }

    /// A file name for a result: the code, made safe for a file name, with -2, -3 ... when two organisations
    /// (two periods of one council) share it.
    private mutating func uniqueName(_ code: String) -> String {
        var base = String(code.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        if base.isEmpty || base.hasPrefix("-") { base = "_" + base }
        var name = base
        var number = 1
        while names.contains(name) { number += 1; name = "\(base)-\(number)" }
        names.insert(name)
        return name
    }
}

/// A summary file written as the batch goes, beside its final name, and renamed into place at the end, so a
/// stopped batch never leaves a summary that looks complete.
struct PartialFile {
    let path: String
    let partial: String
    let handle: FileHandle

    init(folder: String, name: String) throws {
        path = (folder as NSString).appendingPathComponent(name)
        partial = (folder as NSString).appendingPathComponent(".\(name).partial")
        guard FileManager.default.createFile(atPath: partial, contents: nil), let handle = FileHandle(forWritingAtPath: partial) else {
            Output.error("\(partial): error: the file cannot be created; choose another --out")
            throw CLIFailure(code: ExitStatus.cannotCreate)
        }
        self.handle = handle
    }

    func append(_ text: String) throws {
        do { try handle.write(contentsOf: Data(text.utf8)) } catch {
            Output.error("\(partial): error: the file cannot be written (\(error.localizedDescription)); free some space and run again")
            throw CLIFailure(code: ExitStatus.cannotCreate)
        }
    }

    func commit() throws {
        do {
            try handle.close()
            // rename(2) replaces an earlier run's file in one step.
            guard rename(partial, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            Output.error("\(path): error: the file cannot be put in place (\(error.localizedDescription)); check the folder can be written")
            throw CLIFailure(code: ExitStatus.cannotCreate)
        }
    }
}
