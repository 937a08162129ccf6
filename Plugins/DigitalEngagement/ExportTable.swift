import AssessCore

/// A CSV export read for a digital-engagement assessor: the table plus helpers that turn every problem into a
/// criterion error naming the file and the line.
struct ExportTable: Sendable {
    /// The file, for errors.
    let file: EvidenceFile
    /// The parsed table.
    let table: CSVTable

    /// Reads a CSV export; a file with a header and no data rows is an error.
    init(_ file: EvidenceFile, what: String) throws(AssessmentIssue) {
        self.file = file
        self.table = try file.csv()
        guard !table.rows.isEmpty else {
            throw file.error("the \(what) has a header but no rows", line: table.headerLine, column: 1,
                             hint: "export at least one row under the column headings")
        }
    }

    /// The data rows.
    var rows: [CSVTable.Row] { table.rows }

    /// A column by any of its accepted names (case, spaces and punctuation ignored).
    func column(_ names: [String]) -> Int? { table.column(names) }

    /// A column that must be there: an error on the header line listing the names accepted and the columns found.
    func require(_ names: [String], for measure: String) throws(AssessmentIssue) -> Int {
        guard let index = table.column(names) else {
            throw file.error("no column named \(names.prefix(4).map { "'\($0)'" }.joined(separator: " or ")), which \(measure) needs",
                             line: table.headerLine, column: 1,
                             hint: "the columns are: \(table.header.joined(separator: ", "))")
        }
        return index
    }

    /// The heading of a column, for messages.
    func heading(_ column: Int) -> String {
        table.header.indices.contains(column) ? table.header[column] : "column \(column + 1)"
    }

    /// A cell's text, trimmed.
    func text(_ row: CSVTable.Row, _ column: Int) -> String {
        row[column].trimmingCharacters(in: " \t")
    }

    /// A cell that must hold a count (zero or more).
    func count(_ row: CSVTable.Row, _ column: Int) throws(AssessmentIssue) -> Double {
        guard let value = try optionalCount(row, column) else {
            throw file.error("the '\(heading(column))' cell is empty", line: row.line, column: column + 1,
                             hint: "write 0 when there were none")
        }
        return value
    }

    /// A cell holding a count, or nil when it is blank.
    func optionalCount(_ row: CSVTable.Row, _ column: Int) throws(AssessmentIssue) -> Double? {
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
    func error(_ message: String, _ row: CSVTable.Row, _ column: Int, hint: String? = nil) -> AssessmentIssue {
        file.error(message, line: row.line, column: column + 1, hint: hint)
    }
}

extension String {
    /// The text without the given leading and trailing characters.
    func trimmingCharacters(in set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }

    /// Lower-case letters and digits only, for matching names written in different ways.
    var squashed: String {
        String(lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init))
    }
}

/// A day, read from the ways analytics exports write a date or a month (a month alone is its first day).
struct Day: Sendable, Hashable, Comparable {
    /// The year.
    var year: Int
    /// 1 to 12.
    var month: Int
    /// 1 to 31 (1 when only the month is known).
    var day: Int

    /// For ordering.
    var key: Int { year * 10_000 + month * 100 + day }

    /// `2025-04-01`, or `2025-04` when only the month was written.
    let label: String

    static func < (lhs: Day, rhs: Day) -> Bool { lhs.key < rhs.key }
    static func == (lhs: Day, rhs: Day) -> Bool { lhs.key == rhs.key }
    func hash(into hasher: inout Hasher) { hasher.combine(key) }

    static let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Reads `2025-04`, `2025-04-01`, `2021-08-31 19:53 +0000`, `2025/04`, `04/2025`, `01/04/2025` (day first,
    /// as in UK exports), `Apr 2025`, `April 2025`, `Apr-25` and `1 April 2025`. Nil when the text is none of these.
    init?(_ text: String) {
        let tokens = text.split(whereSeparator: { "-/ .,T".contains($0) }).map(String.init)
        func number(_ token: String) -> Int? { !token.isEmpty && token.allSatisfy(\.isNumber) ? Int(token) : nil }
        func monthName(_ token: String) -> Int? {
            let lower = token.lowercased()
            guard lower.count >= 3, lower.allSatisfy(\.isLetter) else { return nil }
            return Day.names.firstIndex(where: { lower.hasPrefix($0) }).map { $0 + 1 }
        }
        func yearOf(_ token: String) -> Int? {
            guard let value = number(token) else { return nil }
            if token.count == 4 { return value }
            if token.count == 2 { return 2000 + value }
            return nil
        }
        guard tokens.count >= 2 else { return nil }
        var found: (Int, Int, Int?)?
        if tokens[0].count == 4, let y = number(tokens[0]), let m = number(tokens[1]) {
            found = (y, m, tokens.count >= 3 && tokens[2].count <= 2 ? number(tokens[2]) : nil)   // 2025-04(-01)
        } else if let m = monthName(tokens[0]), let y = yearOf(tokens[1]) {
            found = (y, m, nil)                                                                   // Apr 2025
        } else if tokens.count >= 3, let d = number(tokens[0]), let m = monthName(tokens[1]), let y = yearOf(tokens[2]) {
            found = (y, m, d)                                                                     // 1 April 2025
        } else if tokens.count >= 3, let d = number(tokens[0]), let m = number(tokens[1]), tokens[2].count == 4,
                  let y = number(tokens[2]) {
            found = (y, m, d)                                                                     // 01/04/2025
        } else if tokens[0].count <= 2, let m = number(tokens[0]), tokens[1].count == 4, let y = number(tokens[1]) {
            found = (y, m, nil)                                                                   // 04/2025
        }
        guard let (y, m, d) = found, (1...12).contains(m), (1900...2200).contains(y), (1...31).contains(d ?? 1) else { return nil }
        self.year = y
        self.month = m
        self.day = d ?? 1
        let mm = (m < 10 ? "0" : "") + String(m)
        self.label = d.map { "\(y)-\(mm)-\($0 < 10 ? "0" : "")\($0)" } ?? "\(y)-\(mm)"
    }
}
