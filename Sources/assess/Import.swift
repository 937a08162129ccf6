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
                dimension, dimension-title, dimension-weight, section, section-title, section-weight, id, title, question, \
                guidance, weight, options, points, means, when, applies-to. Options are written 'Yes=2; Partly=1; No=0; \
                N/A=not-applicable; *=0'. Every bad cell is reported as FILE:ROW:COLUMN (exit 65); existing files are not \
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

        @Option(name: .customLong("method-version"), help: ArgumentHelp("The framework's version.", valueName: "text"))
        var methodVersion = "1"

        @Option(name: .long, help: ArgumentHelp("How a dimension's maximum is counted: fixed (every question that applies) or assessed (only those answered). Default: left to the engine (assessed).", valueName: "fixed|assessed"))
        var maximum: String?

        func validate() throws {
            if let id, !Self.isValidID(id) { throw ValidationError("--id '\(id)' is not a valid id: use lower-case letters, digits, '-' and '.'") }
            if let maximum, maximum != "fixed", maximum != "assessed" { throw ValidationError("--maximum must be 'fixed' or 'assessed', found '\(maximum)'") }
            if methodVersion.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--method-version must not be empty") }
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
                let reading: QuestionTable.Reading
                do throws(TableError) {
                    let isSpreadsheet = table.lowercased().hasSuffix(".xlsx") || bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
                    let grid = isSpreadsheet ? try XLSXReader.grid(bytes, file: table) : try TableGrid.csv(bytes, file: table)
                    reading = try QuestionTable.read(grid: grid)
                } catch {
                    for problem in error.problems { Output.error(problem.description) }
                    throw CLIFailure(code: ExitStatus.dataError)
                }
                for warning in reading.warnings { Output.error(warning.description) }

                let name = URL(fileURLWithPath: table).deletingPathExtension().lastPathComponent
                let settings = FrameworkWriter.Settings(id: id ?? Self.id(fromFile: table), title: title ?? name, version: methodVersion,
                                                        maximum: maximum, source: URL(fileURLWithPath: table).lastPathComponent)
                let files = FrameworkWriter.files(reading.table, settings: settings)
                try write(files)
                let questions = reading.table.dimensions.reduce(0) { $0 + $1.questions.count }
                Output.line("Wrote framework.yaml and \(reading.table.dimensions.count) rubric\(reading.table.dimensions.count == 1 ? "" : "s") (\(questions) question\(questions == 1 ? "" : "s")) to \(out)\n")
                Output.line("Next: assess rubrics --framework \(out)\n")
            }
        }

        /// Writes every file or, when any cannot be written, none: all are checked before the first is written.
        private func write(_ files: [(name: String, text: String)]) throws {
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
                if let refusal = OutputFile.check(path, inputs: [table]) {
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
                try Output.write(Array(file.text.utf8), to: path, inputs: [table])
            }
        }
    }

    /// `assess export-table --framework PATH`: a framework back into a questionnaire table.
    struct ExportTableCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-table",
            abstract: "Write a points-based framework's questions as a table (CSV) that 'assess import' reads back.",
            discussion: """
                Every criterion must be an options question. What the table does not keep (level descriptors, rationale, \
                option labels, other fact keys, the framework's answer rules) is listed as warnings. See docs/import.md.
                """)

        @Option(name: .long, help: ArgumentHelp("The framework: a folder holding framework.yaml, or its framework.yaml.", valueName: "path"))
        var framework: String

        @Option(name: .long, help: ArgumentHelp("The CSV file to write. Default: standard output.", valueName: "file"))
        var out: String?

        func run() throws {
            try CLIFailure.run {
                if let out { try Output.precheck(out) }
                let loaded: Framework
                do throws(LoadError) {
                    loaded = try AssessKit.loadFramework(path: framework, startPlugins: false)
                } catch {
                    throw CLIFailure(error)
                }
                let folder = FileReader.folder(of: loaded.source)
                let reading: FrameworkTableReader.Reading
                do throws(LoadError) {
                    reading = try FrameworkTableReader.read(framework: try FileReader.parse(loaded.source)) { (path: String) throws(LoadError) -> YAMLDocument in
                        try FileReader.parse(FileReader.resolve(path, relativeTo: folder))
                    }
                } catch {
                    throw CLIFailure(error)
                }
                for warning in reading.warnings { Output.error(warning.headline) }
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
