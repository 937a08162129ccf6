import ArgumentParser
import AssessCore
import AssessKit
import Foundation

extension Assess {
    /// `assess import TABLE --out DIR`: a questionnaire table into a framework.
    struct ImportCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Turn a questionnaire table (CSV or XLSX) into a framework: framework.yaml and one rubric per dimension.",
            discussion: """
                One row per question; the columns (header row, any order and case) are described in docs/import.md: \
                dimension, dimension-title, dimension-description, dimension-weight, section, section-title, section-weight, \
                id, title, question, guidance, weight, core, options, points, means, when, applies-to. Options are written \
                'Yes=2 "Fully in place"; Partly=1; No=0; N/A=not-applicable; *=0' (a label in quotes is optional). The \
                method's settings (scale, scoring, answer rules, rounding...) are not in the table: --base takes them from \
                an existing framework. Every bad cell is reported as FILE:ROW:COLUMN (exit 65); existing files are not \
                replaced without --force (exit 73).
                """)

        @Argument(help: ArgumentHelp("The table: a .csv or .xlsx file (its first sheet).", valueName: "table"))
        var table: String

        @Option(name: .long, help: ArgumentHelp("The folder to write framework.yaml and the rubrics into (created if missing).", valueName: "dir"))
        var out: String

        @Flag(name: .long, help: "Replace files that already exist in the output folder.")
        var force = false

        @Option(name: .long, help: ArgumentHelp("The framework's id. Default: from the table's file name.", valueName: "id"))
        var id: String?

        @Option(name: .long, help: ArgumentHelp("The framework's title. Default: the table's file name.", valueName: "text"))
        var title: String?

        @Option(name: .customLong("method-version"), help: ArgumentHelp("The framework's version. Default: 1.", valueName: "text"))
        var methodVersion: String?

        @Option(name: .long, help: ArgumentHelp("How a dimension's maximum is counted: fixed (every question that applies) or assessed (only those answered). Default: left to the engine (assessed).", valueName: "fixed|assessed"))
        var maximum: String?

        @Option(name: .long, help: ArgumentHelp("An existing framework whose settings to keep (scale, scoring, overall, bands, maximum, answers, rounding, aggregation...): its framework.yaml, a folder holding it, a pack folder, .zip or id. Only its 'dimensions:' is replaced by the table's.", valueName: "path|id"))
        var base: String?

        @Option(name: .long, help: ArgumentHelp("What the numbers in 'options' are: points, or levels of the scale. Default: the --base framework's scoring, else points.", valueName: "points|levels"))
        var scoring: String?

        @OptionGroup var packOptions: PackOptions

        func validate() throws {
            if let id, !Self.isValidID(id) { throw ValidationError("--id '\(id)' is not a valid id: use lower-case letters, digits, '-' and '.'") }
            if let maximum, maximum != "fixed", maximum != "assessed" { throw ValidationError("--maximum must be 'fixed' or 'assessed', found '\(maximum)'") }
            if let methodVersion, methodVersion.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--method-version must not be empty") }
            if let scoring, QuestionTable.Scoring(rawValue: scoring) == nil { throw ValidationError("--scoring must be 'points' or 'levels', found '\(scoring)'") }
            if base != nil {
                let given = [("--id", id), ("--title", title), ("--method-version", methodVersion), ("--maximum", maximum)].filter { $0.1 != nil }.map(\.0)
                if !given.isEmpty {
                    throw ValidationError("\(given.joined(separator: ", ")) cannot be used with --base: the base framework sets \(given.count == 1 ? "it" : "them"); edit the framework.yaml written, or drop --base")
                }
            }
        }

        /// Reads the `--base` framework's text: a framework file, a folder holding one, or a pack's.
        func readBase(_ reference: String) throws -> (base: FrameworkWriter.Base, file: String) {
            do throws(LoadError) {
                let text: String
                let file: String
                switch try packOptions.library.resolve(reference) {
                case .framework(let path):
                    file = FileReader.isDirectory(path) ? FileReader.resolve("framework.yaml", relativeTo: path) : path
                    text = String(decoding: try FileReader.read(file), as: UTF8.self)
                case .pack(let pack):
                    file = pack.frameworkFile
                    text = try pack.text(file)
                }
                return (try FrameworkWriter.Base.read(text, file: file), file)
            } catch {
                throw CLIFailure(error)
            }
        }

        static func isValidID(_ id: String) -> Bool {
            !id.isEmpty && !id.hasPrefix(".") && id.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }
        }

        /// A framework id from a file name: lower case, every run of other characters one '-'.
        static func id(fromFile path: String) -> String {
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent.lowercased()
            var id = ""
            for character in name {
                if character.isASCII && (character.isLetter || character.isNumber) { id.append(character) } else if !id.hasSuffix("-") && !id.isEmpty { id.append("-") }
            }
            while id.hasSuffix("-") { id.removeLast() }
            return id.isEmpty ? "imported" : id
        }

        func run() throws {
            try CLIFailure.run {
                let bytes: [UInt8]
                do throws(LoadError) { bytes = try FileReader.read(table) } catch { throw CLIFailure(error) }
                let baseFile = try base.map(readBase)
                var scoringMode = baseFile?.base.scoring ?? .points
                if let scoring, let chosen = QuestionTable.Scoring(rawValue: scoring) {
                    if let baseFile, baseFile.base.scoring != chosen {
                        Output.error("\(baseFile.file): error: the base framework scores \(baseFile.base.scoring.rawValue), but --scoring says \(chosen.rawValue); drop --scoring, or change 'scoring:' in the base")
                        throw CLIFailure(code: ExitStatus.usage)
                    }
                    scoringMode = chosen
                }
                let reading: QuestionTable.Reading
                do throws(TableError) {
                    let isSpreadsheet = table.lowercased().hasSuffix(".xlsx") || bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
                    let grid = isSpreadsheet ? try XLSXReader.grid(bytes, file: table) : try TableGrid.csv(bytes, file: table)
                    reading = try QuestionTable.read(grid: grid, scoring: scoringMode)
                } catch {
                    for problem in error.problems { Output.error(problem.description) }
                    throw CLIFailure(code: ExitStatus.dataError)
                }
                for warning in reading.warnings { Output.error(warning.description) }
                if let baseFile {
                    for warning in baseFile.base.differences(from: reading.table) { Output.error("\(baseFile.file): warning: \(warning)") }
                }

                let name = URL(fileURLWithPath: table).deletingPathExtension().lastPathComponent
                let settings = FrameworkWriter.Settings(id: baseFile?.base.id ?? id ?? Self.id(fromFile: table), title: title ?? name,
                                                        version: baseFile?.base.version ?? methodVersion ?? "1", maximum: maximum,
                                                        source: URL(fileURLWithPath: table).lastPathComponent, scoring: scoringMode,
                                                        base: baseFile?.base)
                let files = FrameworkWriter.files(reading.table, settings: settings)
                try write(files, inputs: [table] + (baseFile.map { [$0.file] } ?? []))
                let questions = reading.table.dimensions.reduce(0) { $0 + $1.questions.count }
                Output.line("Wrote framework.yaml and \(reading.table.dimensions.count) rubric\(reading.table.dimensions.count == 1 ? "" : "s") (\(questions) question\(questions == 1 ? "" : "s")) to \(out)\n")
                Output.line("Next: assess rubrics --framework \(out)\n")
            }
        }

        /// Writes every file or, when any cannot be written, none: all are checked before the first is written.
        private func write(_ files: [(name: String, text: String)], inputs: [String]) throws {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: out, isDirectory: &isFolder), !isFolder.boolValue {
                Output.error("\(out): error: --out must be a folder, and this is a file; name a folder to write the framework into")
                throw CLIFailure(code: ExitStatus.cannotCreate)
            }
            let paths = files.map { FileReader.resolve($0.name, relativeTo: out) }
            let existing = paths.filter { FileManager.default.fileExists(atPath: $0) }
            if !force, !existing.isEmpty {
                for path in existing { Output.error("\(path): error: the file already exists; pass --force to replace it, or choose another --out folder") }
                throw CLIFailure(code: ExitStatus.cannotCreate)
            }
            for path in paths {
                if let refusal = OutputFile.check(path, inputs: inputs) {
                    Output.error("\(path): error: \(refusal.message)")
                    if case .isInput = refusal { throw CLIFailure(code: ExitStatus.usage) }
                    throw CLIFailure(code: ExitStatus.cannotCreate)
                }
            }
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                Output.error("\(out): error: the folder cannot be created; check the path and its permissions")
                throw CLIFailure(code: ExitStatus.cannotCreate)
            }
            for (file, path) in zip(files, paths) {
                try Output.write(Array(file.text.utf8), to: path, inputs: inputs)
            }
        }
    }

    /// `assess export-table --framework PATH`: a framework back into a questionnaire table.
    struct ExportTableCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-table",
            abstract: "Write a points-based framework's questions as a table (CSV) that 'assess import' reads back.",
            discussion: """
                Every criterion must be an options question (points, or levels when the framework scores levels). What the \
                table does not keep (criteria's level descriptors, rationale, other fact keys) is listed as warnings; the \
                framework's own settings are named in a note: import the table with --base to keep them. See docs/import.md.
                """)

        @Option(name: .long, help: ArgumentHelp("The framework: a folder holding framework.yaml, its framework.yaml, a pack folder or .zip, or a pack id (see 'assess packs').", valueName: "path|id"))
        var framework: String

        @OptionGroup var packOptions: PackOptions

        @Option(name: .long, help: ArgumentHelp("The CSV file to write. Default: standard output.", valueName: "file"))
        var out: String?

        func run() throws {
            try CLIFailure.run {
                if let out { try Output.precheck(out) }
                let source: FrameworkSource
                do throws(LoadError) { source = try FrameworkSource(framework, library: packOptions.library) } catch { throw CLIFailure(error) }
                let loaded = source.framework
                let folder = FileReader.folder(of: loaded.source)
                let reading: FrameworkTableReader.Reading
                do throws(LoadError) {
                    reading = try FrameworkTableReader.read(framework: try source.document(loaded.source)) { (path: String) throws(LoadError) -> YAMLDocument in
                        try source.document(FileReader.resolve(path, relativeTo: folder))
                    }
                } catch {
                    throw CLIFailure(error)
                }
                for warning in reading.warnings { Output.error(warning.headline) }
                if !reading.settings.isEmpty {
                    // The method's settings are not rows of the table: say so, and how to carry them.
                    let levels = reading.scoring == .levels ? " The framework scores levels, so the numbers in 'options' are levels: import with --base (or --scoring levels)." : ""
                    Output.error("\(loaded.source): note: the table holds the questions, not the framework's own settings ("
                                 + reading.settings.joined(separator: ", ") + ")." + levels
                                 + " To keep them, import with --base: "
                                 + (["assess", "import", out ?? "TABLE.csv", "--out", "DIR", "--base", framework] + packOptions.arguments).joined(separator: " "))
                }
                let text = TableWriter.csv(reading.table)
                if let out {
                    try Output.writeAtomically(text, to: out, inputs: Output.inputs(framework: loaded, fromDisk: true))
                } else if isatty(STDOUT_FILENO) == 1 {
                    Output.text(text)  // controls from the framework's text shown escaped on a terminal
                } else {
                    Output.out(text)
                }
            }
        }
    }
}

/// A framework named as `--framework` names one (a framework folder or file, a pack folder or .zip, or a pack
/// id), loaded without starting plugins, with its files' YAML as written (from memory for an archive or a
/// built-in pack).
struct FrameworkSource {
    /// The loaded framework.
    let framework: Framework
    /// The pack it came from, if any.
    private let pack: Pack?

    init(_ reference: String, library: PackLibrary) throws(LoadError) {
        switch try library.resolve(reference) {
        case .framework(let path):
            framework = try AssessKit.loadFramework(path: path, startPlugins: false)
            pack = nil
        case .pack(let found):
            framework = try AssessKit.loadFramework(pack: found, startPlugins: false)
            pack = found
        }
    }

    /// One of its YAML files, parsed, by display path.
    func document(_ path: String) throws(LoadError) -> YAMLDocument {
        guard let pack else { return try FileReader.parse(path) }
        let text = try pack.text(path)
        do throws(DiagnosticError) { return try YAMLParser.parse(text, file: path) } catch { throw .invalid(error) }
    }
}
