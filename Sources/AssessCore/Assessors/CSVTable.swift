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
        var text = text
        // Scanned as UTF-8 bytes: every delimiter is ASCII, so cells are byte ranges decoded once.
        let scanned: Result<[Row], ParseError> = text.withUTF8 { bytes in
            var records: [Row] = []
            var cells: [String] = []
            var line = 1, startLine = 1, column = 1
            var index = 0
            let count = bytes.count
            func finishRecord() {
                if !(cells.count == 1 && cells[0].isEmpty) { records.append(Row(cells: cells, line: startLine)) }
                cells = []
            }
            while index <= count {
                // At the start of a cell.
                var cellStart = index
                while cellStart < count, bytes[cellStart] == 32 || bytes[cellStart] == 9 { cellStart += 1 }
                if cellStart < count, bytes[cellStart] == UInt8(ascii: "\"") {
                    let quoteLine = line, quoteColumn = column + (cellStart - index)
                    var value: [UInt8] = []
                    var position = cellStart + 1
                    var closed = false
                    while position < count {
                        let byte = bytes[position]
                        if byte == UInt8(ascii: "\"") {
                            if position + 1 < count, bytes[position + 1] == UInt8(ascii: "\"") {
                                value.append(byte)
                                position += 2
                                continue
                            }
                            closed = true
                            position += 1
                            break
                        }
                        if byte == 10 { line += 1; column = 0 }
                        value.append(byte)
                        position += 1
                    }
                    guard closed else {
                        return .failure(ParseError(message: "a quoted field is never closed", line: quoteLine, column: quoteColumn,
                                                   hint: "add the closing '\"'"))
                    }
                    cells.append(String(decoding: value, as: UTF8.self))
                    // Skip to the delimiter after the closing quote (text after it is ignored, as spreadsheets do).
                    while position < count, bytes[position] != UInt8(ascii: ","), bytes[position] != 10 { position += 1 }
                    column += position - index
                    index = position
                } else {
                    var end = cellStart
                    while end < count, bytes[end] != UInt8(ascii: ","), bytes[end] != 10 { end += 1 }
                    var trimmed = end
                    while trimmed > cellStart, bytes[trimmed - 1] == 32 || bytes[trimmed - 1] == 9 || bytes[trimmed - 1] == 13 { trimmed -= 1 }
                    cells.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[cellStart..<trimmed]), as: UTF8.self))
                    column += end - index
                    index = end
                }
                if index >= count {
                    finishRecord()
                    break
                }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    column += 1
                } else {  // a line break
                    finishRecord()
                    index += 1
                    line += 1
                    column = 1
                    startLine = line
                    if index >= count { break }
                }
            }
            return .success(records)
        }
        switch scanned {
        case .success(let rows): records = rows
        case .failure(let error): throw error
        }
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
        let heading = header.indices.contains(column) ? header[column] : "\(column + 1)"
        guard let value = Double(cleaned), value.isFinite else {
            throw ParseError(message: "'\(raw)' in column '\(heading)' is not a number",
                             line: row.line, column: column + 1, hint: "the column should hold numbers only")
        }
        if let problem = InputNumber.problem(value) {
            throw ParseError(message: InputNumber.message("the cell in column '\(heading)'", is: raw, problem),
                             line: row.line, column: column + 1, hint: InputNumber.hint)
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
