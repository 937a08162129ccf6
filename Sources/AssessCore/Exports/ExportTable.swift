

/// A CSV export read for a domain assessor: the table plus helpers that turn every problem into a
/// criterion error naming the file and the line.
package struct ExportTable: Sendable {
    /// The file, for errors.
    package let file: EvidenceFile
    /// The parsed table.
    package let table: CSVTable

    /// Reads a CSV export; a file with a header and no data rows is an error.
    package init(_ file: EvidenceFile, what: String) throws(AssessmentIssue) {
        self.file = file
        self.table = try file.csv()
        guard !table.rows.isEmpty else {
            throw file.error("the \(what) has a header but no rows", line: table.headerLine, column: 1,
                             hint: "export at least one row under the column headings")
        }
    }

    /// The data rows.
    package var rows: CSVTable.Rows { table.rows }

    /// A column by any of its accepted names (case, spaces and punctuation ignored).
    package func column(_ names: [String]) -> Int? { table.column(names) }

    /// A column that must be there: an error on the header line listing the names accepted and the columns found.
    package func require(_ names: [String], for measure: String) throws(AssessmentIssue) -> Int {
        guard let index = table.column(names) else {
            throw file.error("no column named \(names.prefix(4).map { "'\($0)'" }.joined(separator: " or ")), which \(measure) needs",
                             line: table.headerLine, column: 1,
                             hint: "the columns are: \(table.header.joined(separator: ", "))")
        }
        return index
    }

    /// The heading of a column, for messages.
    package func heading(_ column: Int) -> String {
        table.header.indices.contains(column) ? table.header[column] : "column \(column + 1)"
    }

    /// A cell's text, trimmed.
    package func text(_ row: CSVTable.Row, _ column: Int) -> String {
        row[column].trimmingCharacters(in: " \t")
    }

    /// A cell that must hold a count (zero or more).
    package func count(_ row: CSVTable.Row, _ column: Int) throws(AssessmentIssue) -> Double {
        guard let value = try optionalCount(row, column) else {
            throw file.error("the '\(heading(column))' cell is empty", line: row.line, column: column + 1,
                             hint: "write 0 when there were none")
        }
        return value
    }

    /// A cell holding a count, or nil when it is blank.
    package func optionalCount(_ row: CSVTable.Row, _ column: Int) throws(AssessmentIssue) -> Double? {
        guard !text(row, column).isEmpty else { return nil }
        let value: Double
        do throws(CSVTable.ParseError) { value = try table.number(row, column) } catch {
            throw file.error(error.message, line: error.line, column: error.column, hint: error.hint)
        }
        guard value >= 0 else {
            throw file.error("'\(row[column])' in column '\(heading(column))' is negative", line: row.line,
                             column: column + 1, hint: "counts and costs cannot be below zero")
        }
        return value
    }

    /// An error pointing at a cell.
    package func error(_ message: String, _ row: CSVTable.Row, _ column: Int, hint: String? = nil) -> AssessmentIssue {
        file.error(message, line: row.line, column: column + 1, hint: hint)
    }
}

package extension String {
    /// The text without the given leading and trailing characters.
    func trimmingCharacters(in set: String) -> String {
        // Most cells have nothing to trim: answer that from the ends' bytes, without walking characters.
        if let first = utf8.first, let last = utf8.last, first < 0x80, last < 0x80,
           !set.utf8.contains(first), !set.utf8.contains(last) { return self }
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }

    /// Lower-case letters and digits only, for matching names written in different ways.
    var squashed: String {
        // ASCII text (nearly every cell) is squashed byte by byte; other text by Unicode properties.
        if utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(utf8.count)
            for byte in utf8 {
                switch byte {
                case 0x41...0x5A: bytes.append(byte + 0x20)
                case 0x61...0x7A, 0x30...0x39: bytes.append(byte)
                default: break
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init))
    }
}

