/// A CSV file (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes), with line numbers kept
/// so a bad cell can be reported as `file:LINE:COLUMN`.
///
/// The cells are kept in one buffer (their text, unquoted, end to end, with an offset a cell and two
/// numbers a row), and become `String`s only when read: a 50 MB export takes about its own size in memory,
/// not the ten times an array of strings per row would.
public struct CSVTable: Sendable {
    /// A data row and the line it starts on.
    public struct Row: Sendable {
        let storage: Storage
        let record: Int
        /// 1-based line number in the file.
        public let line: Int

        /// How many cells the row has.
        public var count: Int { storage.cellCount(record) }

        /// The cells.
        public var cells: [String] { (0..<count).map { storage.cell(record, $0) } }

        /// A cell, or "" beyond the end of a short row.
        public subscript(index: Int) -> String { index >= 0 && index < count ? storage.cell(record, index) : "" }
    }

    /// The data rows, made on demand from the table's buffer.
    public struct Rows: RandomAccessCollection, Sendable {
        let storage: Storage
        /// The first data record (after the header).
        let first: Int

        /// The first position.
        public var startIndex: Int { 0 }
        /// One past the last position.
        public var endIndex: Int { storage.records - first }
        /// The row at a position.
        public subscript(position: Int) -> Row {
            Row(storage: storage, record: first + position, line: Int(storage.lines[first + position]))
        }
    }

    /// Every record's cells in one buffer.
    final class Storage: Sendable {
        /// The cells' text end to end (quotes removed, doubled quotes made single).
        let text: [UInt8]
        /// Where each cell's text ends in `text` (it starts where the one before ends).
        let cellEnds: [UInt32]
        /// Where each record's cells start in `cellEnds`, and one more entry for the end.
        let recordStarts: [UInt32]
        /// Each record's first line.
        let lines: [UInt32]

        init(text: [UInt8], cellEnds: [UInt32], recordStarts: [UInt32], lines: [UInt32]) {
            self.text = text
            self.cellEnds = cellEnds
            self.recordStarts = recordStarts
            self.lines = lines
        }

        var records: Int { lines.count }

        func cellCount(_ record: Int) -> Int { Int(recordStarts[record + 1] - recordStarts[record]) }

        func cell(_ record: Int, _ index: Int) -> String {
            let cell = Int(recordStarts[record]) + index
            let start = cell == 0 ? 0 : Int(cellEnds[cell - 1])
            return text.withUnsafeBufferPointer { buffer in
                String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<Int(cellEnds[cell])]), as: UTF8.self)
            }
        }

        /// Bytes held (for tests: the memory a table takes).
        var bytes: Int { text.count + 4 * (cellEnds.count + recordStarts.count + lines.count) }
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
    public let rows: Rows

    /// Bytes the table holds (tests check it stays close to the file's size).
    var storedBytes: Int { rows.storage.bytes }

    /// Parses CSV text. `skipUntilHeaderContaining`: skip preamble lines (exports often start with a title)
    /// until a line holding this cell.
    public init(text: String, file: String, headerContaining marker: String? = nil) throws(ParseError) {
        var text = text
        let scanned = text.withUTF8 { bytes in Self.scan(bytes) }
        try self.init(scanned: scanned, file: file, headerContaining: marker)
    }

    /// Parses CSV bytes (UTF-8; a byte-order mark is skipped), without first copying them into a `String`.
    public init(bytes: [UInt8], file: String, headerContaining marker: String? = nil) throws(ParseError) {
        let scanned = bytes.withUnsafeBufferPointer { buffer in
            let skip = buffer.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            return Self.scan(UnsafeBufferPointer(rebasing: buffer[skip...]))
        }
        try self.init(scanned: scanned, file: file, headerContaining: marker)
    }

    private init(scanned: Result<Storage, ParseError>, file: String, headerContaining marker: String?) throws(ParseError) {
        self.file = file
        let storage: Storage
        switch scanned {
        case .success(let result): storage = result
        case .failure(let error): throw error
        }
        let all = Rows(storage: storage, first: 0)
        var headerIndex = 0
        if let marker {
            let wanted = marker.lowercased()
            guard let found = all.firstIndex(where: { row in (0..<row.count).contains { row[$0].lowercased() == wanted } }) else {
                throw ParseError(message: "no header row with a '\(marker)' column", line: 1, column: 1,
                                 hint: "export the report with its column headings")
            }
            headerIndex = found
        }
        guard headerIndex < all.count else {
            throw ParseError(message: "the file has no header row", line: 1, column: 1, hint: "export the report with its column headings")
        }
        header = all[headerIndex].cells.map { $0.trimmingSpaces() }
        headerLine = all[headerIndex].line
        rows = Rows(storage: storage, first: headerIndex + 1)
    }

    /// One pass over the bytes, writing every cell's text into one buffer.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Storage, ParseError> {
        guard bytes.count < Int(UInt32.max) else {
            return .failure(ParseError(message: "the file is over 4 GB", line: 1, column: 1, hint: "split it into smaller files"))
        }
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        var cellEnds: [UInt32] = []
        var recordStarts: [UInt32] = [0]
        var lines: [UInt32] = []
        var line = 1, startLine = 1, column = 1
        var index = 0
        let count = bytes.count
        func finishRecord() {
            let first = Int(recordStarts[recordStarts.count - 1])
            let cells = cellEnds.count - first
            let lastStart = first == 0 ? 0 : Int(cellEnds[first - 1])
            if cells == 1 && Int(cellEnds[first]) == lastStart {  // a blank line
                cellEnds.removeLast()
                return
            }
            recordStarts.append(UInt32(cellEnds.count))
            lines.append(UInt32(truncatingIfNeeded: startLine))
        }
        while index <= count {
            // At the start of a cell.
            var cellStart = index
            while cellStart < count, bytes[cellStart] == 32 || bytes[cellStart] == 9 { cellStart += 1 }
            if cellStart < count, bytes[cellStart] == UInt8(ascii: "\"") {
                let quoteLine = line, quoteColumn = column + (cellStart - index)
                var position = cellStart + 1
                var closed = false
                while position < count {
                    let byte = bytes[position]
                    if byte == UInt8(ascii: "\"") {
                        if position + 1 < count, bytes[position + 1] == UInt8(ascii: "\"") {
                            text.append(byte)
                            position += 2
                            continue
                        }
                        closed = true
                        position += 1
                        break
                    }
                    if byte == 10 { line += 1; column = 0 }
                    text.append(byte)
                    position += 1
                }
                guard closed else {
                    return .failure(ParseError(message: "a quoted field is never closed", line: quoteLine, column: quoteColumn,
                                               hint: "add the closing '\"'"))
                }
                cellEnds.append(UInt32(text.count))
                // Skip to the delimiter after the closing quote (text after it is ignored, as spreadsheets do).
                while position < count, bytes[position] != UInt8(ascii: ","), bytes[position] != 10 { position += 1 }
                column += position - index
                index = position
            } else {
                var end = cellStart
                while end < count, bytes[end] != UInt8(ascii: ","), bytes[end] != 10 { end += 1 }
                var trimmed = end
                while trimmed > cellStart, bytes[trimmed - 1] == 32 || bytes[trimmed - 1] == 9 || bytes[trimmed - 1] == 13 { trimmed -= 1 }
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[cellStart..<trimmed]))
                cellEnds.append(UInt32(text.count))
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
        return .success(Storage(text: text, cellEnds: cellEnds, recordStarts: recordStarts, lines: lines))
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
        // A plain number needs no cleaning (a cell with ',', '%', '£' or a space never parses as it is).
        if let value = Double(raw), InputNumber.problem(value) == nil { return value }
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
