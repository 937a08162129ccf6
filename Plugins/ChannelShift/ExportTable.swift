import AssessCore

/// A CSV export read for a channel-shift assessor: the table plus helpers that turn every problem into a
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

/// A calendar month, read from the many ways exports write a month or a date.
struct Month: Sendable, Hashable, Comparable {
    /// The year.
    var year: Int
    /// 1 to 12.
    var month: Int

    /// Months since year 0, for ordering and spans.
    var ordinal: Int { year * 12 + month - 1 }

    /// `2025-04`.
    var label: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

    static func < (lhs: Month, rhs: Month) -> Bool { lhs.ordinal < rhs.ordinal }

    static let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Reads `2025-04`, `2025-04-01`, `2025-04-01 09:30`, `2025/04`, `04/2025`, `01/04/2025` (day first, as in
    /// UK exports), `Apr 2025`, `April 2025`, `Apr-25` and `1 April 2025`. Nil when the text is none of these.
    init?(_ text: String) {
        let tokens = text.split(whereSeparator: { "-/ .,T".contains($0) }).map(String.init)
        func number(_ token: String) -> Int? { token.allSatisfy(\.isNumber) ? Int(token) : nil }
        func monthName(_ token: String) -> Int? {
            let lower = token.lowercased()
            guard lower.count >= 3, lower.allSatisfy(\.isLetter) else { return nil }
            return Month.names.firstIndex(where: { lower.hasPrefix($0) }).map { $0 + 1 }
        }
        func yearOf(_ token: String) -> Int? {
            guard let value = number(token) else { return nil }
            if token.count == 4 { return value }
            if token.count == 2 { return 2000 + value }
            return nil
        }
        guard tokens.count >= 2 else { return nil }
        var found: (Int, Int)?
        if tokens[0].count == 4, let y = number(tokens[0]), let m = number(tokens[1]) {
            found = (y, m)                                                   // 2025-04, 2025-04-01
        } else if let m = monthName(tokens[0]), let y = yearOf(tokens[1]) {
            found = (y, m)                                                   // Apr 2025, Apr-25
        } else if tokens.count >= 3, number(tokens[0]) != nil, let m = monthName(tokens[1]), let y = yearOf(tokens[2]) {
            found = (y, m)                                                   // 1 April 2025
        } else if tokens.count >= 3, number(tokens[0]) != nil, let m = number(tokens[1]), tokens[2].count == 4,
                  let y = number(tokens[2]) {
            found = (y, m)                                                   // 01/04/2025
        } else if tokens[0].count <= 2, let m = number(tokens[0]), tokens[1].count == 4, let y = number(tokens[1]) {
            found = (y, m)                                                   // 04/2025
        }
        guard let (y, m) = found, (1...12).contains(m), (1900...2200).contains(y) else { return nil }
        self.year = y
        self.month = m
    }

    /// A month from its parts.
    init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }
}

/// The channel names councils' systems use, mapped onto one id per channel.
enum Channel {
    /// The id for a channel as an export or the evidence writes it: `Face to face` → `face-to-face`,
    /// `Telephone` → `phone`, `Web form` → `web`, `Webchat` → `chat`, `Letter` → `post`.
    static func id(_ raw: String) -> String {
        switch raw.squashed {
        case "facetoface", "f2f", "inperson", "visit", "visits", "walkin", "reception", "counter", "office",
             "facetofacevisit", "facetofacevisits", "customerservicecentre", "officevisit", "officevisits":
            return "face-to-face"
        case "phone", "telephone", "tel", "call", "calls", "voice", "telephony", "phonecall", "phonecalls", "contactcentre":
            return "phone"
        case "email", "emails":
            return "email"
        case "post", "letter", "letters", "postal", "paper", "mail":
            return "post"
        case "web", "online", "webform", "webforms", "onlineform", "onlineforms", "website", "selfservice",
             "portal", "myaccount", "onlinetransaction", "onlinetransactions", "digital", "eform", "eforms",
             "websitevisit", "websitevisits":
            return "web"
        case "chat", "webchat", "livechat", "chatbot", "virtualassistant":
            return "chat"
        case "social", "socialmedia", "facebook", "twitter", "x", "instagram", "nextdoor":
            return "social"
        case "app", "apps", "mobileapp", "smartphoneapp":
            return "app"
        case "sms", "text", "texts", "textmessage", "textmessages":
            return "sms"
        default:
            let words = raw.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            return words.isEmpty ? raw : words.joined(separator: "-")
        }
    }
}
