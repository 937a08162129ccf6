import ArgumentParser
import AssessCore
import Foundation

/// sysexits codes, as documented in the README.
enum ExitStatus {
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let unavailable: Int32 = 69
    static let software: Int32 = 70
    static let cannotCreate: Int32 = 73
}

/// A failure already explained on standard error, carrying its exit code.
struct CLIFailure: Error {
    var code: Int32

    init(code: Int32) { self.code = code }

    /// Prints every diagnostic of a load error and picks the exit code.
    init(_ error: LoadError) {
        Output.diagnostics(error.diagnostics)
        switch error {
        case .notFound: code = ExitStatus.noInput
        case .invalid: code = ExitStatus.dataError
        }
    }
}

extension CLIFailure {
    /// Runs a command body, turning failures into exit codes after they are printed.
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as CLIFailure {
            throw ExitCode(failure.code)
        }
    }
}

/// Where output goes. Standard output for results, standard error for diagnostics.
enum Output {
    static func diagnostics(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { error(diagnostic.description) }
    }

    /// Prints to standard error, with controls and bidirectional overrides from any input shown escaped.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((TerminalText.escape(text) + "\n").utf8))
    }

    /// Prints to standard output as it is (JSON, Markdown, and text reports that escape their own input).
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Prints a message ending in a newline on standard output, wrapped to ``width(toFile:)`` with the lines
    /// after the first indented.
    static func line(_ text: String) {
        var body = Substring(text)
        while body.last == "\n" { body.removeLast() }
        Self.text(TextLayout.wrap(String(body), width: width(), then: "    ").map { $0 + "\n" }.joined())
    }

    /// Prints plain text (listings, explanations, messages) with every control and bidirectional override escaped.
    static func text(_ text: String) {
        out(TerminalText.escape(text))
    }

    /// Writes a file whole or not at all, keeping an existing file's permissions and writing through a
    /// symlink; refuses a folder or read-only file (exit 73) and a file the run reads (exit 64).
    static func writeAtomically(_ text: String, to path: String, inputs: [String]) throws {
        try write(Array(text.utf8), to: path, inputs: inputs)
    }

    /// Writes bytes by ``OutputFile``'s rules, printing why not and exiting as the README says.
    static func write(_ bytes: [UInt8], to path: String, inputs: [String]) throws {
        do throws(OutputFile.Failure) {
            try OutputFile.write(bytes, to: path, inputs: inputs)
        } catch {
            Self.error("\(path): error: \(error.message)")
            if case .isInput = error { throw CLIFailure(code: ExitStatus.usage) }
            throw CLIFailure(code: ExitStatus.cannotCreate)
        }
    }

    /// Refuses, before any work, an output that can never be written (a folder, a read-only file).
    static func precheck(_ path: String) throws {
        guard let refusal = OutputFile.check(path), refusal == .folder || refusal == .readOnly else { return }
        Self.error("\(path): error: \(refusal.message)")
        throw CLIFailure(code: ExitStatus.cannotCreate)
    }

    /// The files a run reads, which its output may not overwrite: the evidence and its export files, and the
    /// framework and rubric files when they come from disk.
    static func inputs(_ evidence: Evidence, framework: Framework, fromDisk: Bool) -> [String] {
        [evidence.document.file] + evidence.facts.values.compactMap(\.filePath).sorted() + inputs(framework: framework, fromDisk: fromDisk)
    }

    /// The framework and rubric files of a framework read from disk (none for the built-in one).
    static func inputs(framework: Framework, fromDisk: Bool) -> [String] {
        guard fromDisk else { return [] }
        // A pack archive's files are named `ARCHIVE.zip/inside.yaml`: the archive itself is the input on disk.
        let archive = framework.pack != nil ? framework.source.range(of: ".zip/", options: [.caseInsensitive, .backwards])
            .map { String(framework.source[..<$0.lowerBound]) + ".zip" } : nil
        return [framework.source] + framework.dimensions.map(\.rubric.file) + (archive.map { [$0] } ?? [])
    }

    /// Whether standard output is a terminal that wants colour.
    static var colourWanted: Bool {
        let environment = ProcessInfo.processInfo.environment
        if environment["NO_COLOR"] != nil || environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }

    /// The width text output is laid out to: `COLUMNS` when set to a number, else the terminal's width when
    /// standard output is a terminal, else 80; never below 40. A file (`--output`) always gets 80, so it
    /// does not depend on the terminal it was made in.
    static func width(toFile: Bool = false) -> Int {
        guard !toFile else { return TextLayout.standardWidth }
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text.trimmingCharacters(in: .whitespaces)), columns > 0 {
            return TextLayout.clamped(columns)
        }
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return TextLayout.clamped(Int(size.ws_col))
        }
        return TextLayout.standardWidth
    }

    /// The date to print in reports: `--date`, else SOURCE_DATE_EPOCH, else none (so output is reproducible).
    static func reportDate(_ explicit: String?) throws -> String? {
        if let explicit {
            let bytes = Array(explicit.utf8)
            let shaped = bytes.count == 10 && bytes.enumerated().allSatisfy { index, byte in
                index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            }
            guard shaped else {
                throw ValidationError("--date must be written YYYY-MM-DD, found '\(explicit)'")
            }
            if let message = CalendarDate.message(explicit, CalendarDate.read(explicit, forms: .iso), expected: "YYYY-MM-DD") {
                throw ValidationError("--date \(message)")
            }
            return explicit
        }
        guard let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Double(epoch) else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
