

/// Errors located in an export file, naming the file as the evidence wrote it so the criterion's rationale
/// says where to look even without the diagnostics list.
package struct ExportErrors: Sendable {
    /// The export.
    package let file: EvidenceFile

    /// Errors about an export file.
    package init(file: EvidenceFile) {
        self.file = file
    }

    /// The file's name as written in the evidence (`exports/ashdown/catalogue.json`).
    package var name: String { file.fact.file ?? file.path }

    /// An error at a line (and column) of the file.
    package func at(_ line: Int, column: Int = 0, _ message: String, hint: String? = nil) -> AssessmentIssue {
        file.error("\(name) line \(line): \(message)", line: line, column: column, hint: hint)
    }

    /// An error about the file as a whole.
    package func whole(_ message: String, hint: String? = nil) -> AssessmentIssue {
        file.error("\(name): \(message)", hint: hint)
    }

    /// A CSV problem, located.
    package func csv(_ error: CSVTable.ParseError) -> AssessmentIssue {
        at(error.line, column: error.column, error.message, hint: error.hint)
    }

    /// The file parsed as CSV, problems located in it.
    package func table(headerContaining marker: String? = nil) throws(AssessmentIssue) -> CSVTable {
        do {
            return try CSVTable(text: file.text, file: file.path, headerContaining: marker)
        } catch {
            throw csv(error)
        }
    }

    /// A required column, or an error on the header line listing the columns found.
    package func column(_ table: CSVTable, _ names: [String]) throws(AssessmentIssue) -> Int {
        do {
            return try table.requireColumn(names)
        } catch {
            throw csv(error)
        }
    }
}

/// Small text helpers shared by the plugin's assessors.
package enum ExportText {
    /// Lower-case letters and digits only, for comparing headings and labels ("4G coverage" → "4gcoverage").
    package static func key(_ text: String) -> String {
        String(text.lowercased().unicodeScalars
            .filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
            .map(Character.init))
    }

    /// Text without leading and trailing white space.
    package static func trimmed(_ text: String) -> String {
        var scalars = Substring(text)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }

    /// A list cut to its first `limit` items, with a closing "... and N more".
    package static func capped(_ items: [String], limit: Int = 8) -> [String] {
        guard items.count > limit else { return items }
        return Array(items.prefix(limit)) + ["... and \(items.count - limit) more"]
    }
}
