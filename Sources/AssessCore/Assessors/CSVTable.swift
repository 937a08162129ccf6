/// A CSV file (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes), with line numbers kept
/// so a bad cell can be reported as `file:LINE:COLUMN`.
public struct CSVTable: Sendable {
    /// A data row and the line it starts on.
    public struct Row: Sendable {
        /// The cells.
        public var cells: [String]
        /// 1-based line number in the file.
        public var line: Int

        /// A cell, or "" beyond the end of a short row.
        public subscript(index: Int) -> String { index < cells.count ? cells[index] : "" }
    }

    /// A problem reading the file.
    public struct ParseError: Error, Sendable {
        /// What is wrong.
        public var message: String
        /// Where.
        public var line: Int
        /// Where.
        public var column: Int
        /// How to fix it.
        public var hint: String?
    }

    /// The file name, for messages.
    public let file: String
    /// The header cells, trimmed.
    public let header: [String]
    /// The header's line number (after any preamble lines).
    public let headerLine: Int
    /// The data rows; blank lines are skipped.
    public let rows: [Row]

    /// Parses CSV text. `skipUntilHeaderContaining`: skip preamble lines (exports often start with a title)
    /// until a line holding this cell.
    public init(text: String, file: String, headerContaining marker: String? = nil) throws(ParseError) {
        self.file = file
        var records: [Row] = []
        var cells: [String] = []
        var cell = ""
        var line = 1, startLine = 1
        var inQuotes = false, quotedCell = false
        var iterator = Array(text.unicodeScalars)
        var index = 0
        var column = 1
        var quoteLine = 0, quoteColumn = 0
        func endCell() {
            cells.append(quotedCell ? cell : cell.trimmingSpaces())
            cell = ""
            quotedCell = false
        }
        func endRecord() {
            endCell()
            if !(cells.count == 1 && cells[0].isEmpty) { records.append(Row(cells: cells, line: startLine)) }
            cells = []
        }
        while index < iterator.count {
            let scalar = iterator[index]
            if inQuotes {
                if scalar == "\"" {
                    if index + 1 < iterator.count, iterator[index + 1] == "\"" {
                        cell.unicodeScalars.append("\"")
                        index += 1
                        column += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\n" { line += 1; column = 0 }
                    cell.unicodeScalars.append(scalar)
                }
            } else {
                switch scalar {
                case "\"" where cell.trimmingSpaces().isEmpty:
                    inQuotes = true
                    quotedCell = true
                    cell = ""
                    quoteLine = line
                    quoteColumn = column
                case ",":
                    endCell()
                case "\r":
                    break
                case "\n":
                    endRecord()
                    line += 1
                    column = 0
                    startLine = line
                default:
                    cell.unicodeScalars.append(scalar)
                }
            }
            index += 1
            column += 1
        }
        iterator = []
        if inQuotes {
            throw ParseError(message: "a quoted field is never closed", line: quoteLine, column: quoteColumn,
                             hint: "add the closing '\"'")
        }
        if !cell.isEmpty || !cells.isEmpty { endRecord() }
        var headerIndex = 0
        if let marker {
            guard let found = records.firstIndex(where: { $0.cells.contains { $0.lowercased() == marker.lowercased() } }) else {
                throw ParseError(message: "no header row with a '\(marker)' column", line: 1, column: 1,
                                 hint: "export the report with its column headings")
            }
            headerIndex = found
        }
        guard headerIndex < records.count else {
            throw ParseError(message: "the file has no header row", line: 1, column: 1, hint: "export the report with its column headings")
        }
        header = records[headerIndex].cells.map { $0.trimmingSpaces() }
        headerLine = records[headerIndex].line
        rows = Array(records[(headerIndex + 1)...])
    }

    /// The index of the first column whose heading matches one of the names (case and spacing ignored).
    public func column(_ names: [String]) -> Int? {
        let wanted = names.map(Self.normalise)
        for name in wanted {
            if let index = header.firstIndex(where: { Self.normalise($0) == name }) { return index }
        }
        return nil
    }

    /// Like ``column(_:)`` but an error naming the headings looked for and those found.
    public func requireColumn(_ names: [String]) throws(ParseError) -> Int {
        guard let index = column(names) else {
            throw ParseError(message: "no column named \(names.map { "'\($0)'" }.joined(separator: " or "))",
                             line: headerLine, column: 1,
                             hint: "the columns are: \(header.joined(separator: ", "))")
        }
        return index
    }

    /// A cell read as a number: thousands separators, '%', '£' and spaces are allowed.
    public func number(_ row: Row, _ column: Int) throws(ParseError) -> Double {
        let raw = row[column]
        var cleaned = ""
        for character in raw where character != "," && character != "%" && character != "£" && character != " " {
            cleaned.append(character)
        }
        guard let value = Double(cleaned), value.isFinite else {
            throw ParseError(message: "'\(raw)' in column '\(header.indices.contains(column) ? header[column] : "\(column + 1)")' is not a number",
                             line: row.line, column: column + 1, hint: "the column should hold numbers only")
        }
        return value
    }

    static func normalise(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init))
    }
}

extension AssessorInput {
    /// Turns a CSV problem into a criterion error located in the file.
    public func csvError(_ error: CSVTable.ParseError, in file: EvidenceFile) -> AssessmentIssue {
        file.error(error.message, line: error.line, column: error.column, hint: error.hint)
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
