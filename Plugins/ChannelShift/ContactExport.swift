import AssessCore

/// A contact-centre export: contacts by channel, optionally by service and month, and optionally marked as
/// avoidable (failure demand).
///
/// The layout is one row per channel (and per service and month, when those columns are there) with a count,
/// or one row per contact (no count column: each row is one contact), as CRM and telephony systems export
/// them. Column names are matched ignoring case, spaces and punctuation; the accepted names are in
/// ``ContactExport/Columns``.
struct ContactExport: Sendable {
    /// One row, read.
    struct Record: Sendable {
        /// The channel id (``Channel/id(_:)``), when the export has a channel column.
        var channel: String?
        /// The service, when the export has a service column.
        var service: String?
        /// The month, when the export has a month column.
        var month: CalendarMonth?
        /// Contacts the row counts (1 for a row-per-contact export).
        var contacts: Double
        /// Avoidable contacts among them; nil when the row is not classified.
        var avoidable: Double?
        /// The row's line in the file.
        var line: Int
    }

    /// The accepted column names.
    enum Columns {
        static let channel = ["channel", "contact channel", "channel name", "contact method", "contact type", "medium"]
        static let contacts = ["contacts", "volume", "contact volume", "count", "number of contacts", "contacts handled",
                               "total contacts", "volumes", "number"]
        static let service = ["service", "service area", "service name", "department"]
        static let month = ["month", "period", "date", "contact date", "date received", "received", "created"]
        static let avoidable = ["avoidable", "avoidable contacts", "avoidable contact", "failure demand",
                                "failure demand contacts", "avoidable failure demand"]
        static let demandType = ["demand type", "demand", "type of demand", "demand classification"]
    }

    /// What an assessor needs from the export; a missing column for a need is an error on the header line.
    enum Need: Sendable { case channel, month, avoidable }

    /// The rows, kept column by column (32 bytes a row, names shared), each made into a ``Record`` when read:
    /// a 50 MB export of millions of rows stays a small multiple of its size in memory.
    struct Records: RandomAccessCollection, Sendable {
        /// Channel and service names, each held once.
        private var names: [String] = []
        private var nameIndex: [String: Int32] = [:]
        private var channels: [Int32] = [], services: [Int32] = [], months: [Int32] = [], lines: [Int32] = []
        private var contacts: [Double] = [], avoidable: [Double] = []

        init() {}

        /// The first position.
        var startIndex: Int { 0 }
        /// One past the last position.
        var endIndex: Int { lines.count }

        /// The record at a position.
        subscript(position: Int) -> Record {
            let month = Int(months[position])
            return Record(channel: name(channels[position]), service: name(services[position]),
                          month: month < 0 ? nil : CalendarMonth(year: month / 12, month: month % 12 + 1),
                          contacts: contacts[position], avoidable: avoidable[position].isNaN ? nil : avoidable[position],
                          line: Int(lines[position]))
        }

        private func name(_ index: Int32) -> String? { index < 0 ? nil : names[Int(index)] }

        private mutating func intern(_ name: String?) -> Int32 {
            guard let name else { return -1 }
            if let index = nameIndex[name] { return index }
            let index = Int32(names.count)
            names.append(name)
            nameIndex[name] = index
            return index
        }

        mutating func reserveCapacity(_ count: Int) {
            channels.reserveCapacity(count); services.reserveCapacity(count); months.reserveCapacity(count)
            lines.reserveCapacity(count); contacts.reserveCapacity(count); avoidable.reserveCapacity(count)
        }

        mutating func append(_ record: Record) {
            channels.append(intern(record.channel))
            services.append(intern(record.service))
            months.append(record.month.map { Int32(clamping: $0.ordinal) } ?? -1)
            lines.append(Int32(clamping: record.line))
            contacts.append(record.contacts)
            avoidable.append(record.avoidable ?? .nan)
        }
    }

    /// The file, as the criterion reading it named it.
    private(set) var file: EvidenceFile
    /// The rows.
    let records: Records
    /// The header line.
    let headerLine: Int
    /// Whether the export has one row per contact (no count column).
    let rowPerContact: Bool
    /// Whether the export has service and month columns.
    let hasService: Bool, hasMonth: Bool

    /// Reads the export: the columns a need calls for are checked first, then the rows are read once per
    /// assessment and shared by every criterion that reads this file.
    init(_ file: EvidenceFile, needs: Set<Need>, measure: String) throws(AssessmentIssue) {
        let table = try ExportTable(file, what: "contact export")
        if needs.contains(.channel) { _ = try table.require(Columns.channel, for: measure) }
        if needs.contains(.month) { _ = try table.require(Columns.month, for: measure) }
        if needs.contains(.avoidable), table.column(Columns.avoidable) == nil, table.column(Columns.demandType) == nil {
            throw file.error("no column marks avoidable contacts ('avoidable', 'failure demand' or 'demand type'), which \(measure) needs",
                             line: table.table.headerLine, column: 1,
                             hint: "add an 'avoidable' column (a count, or yes/no per row) or a 'demand type' column (value or failure); the columns are: \(table.table.header.joined(separator: ", "))")
        }
        self = try file.shared("contact-export") { () throws(AssessmentIssue) -> ContactExport in
            try ContactExport(reading: table)
        }
        self.file = file
    }

    /// Reads every row of the export.
    private init(reading table: ExportTable) throws(AssessmentIssue) {
        file = table.file
        headerLine = table.table.headerLine
        let channelColumn = table.column(Columns.channel)
        let monthColumn = table.column(Columns.month)
        let countColumn = table.column(Columns.contacts)
        let serviceColumn = table.column(Columns.service)
        let avoidableColumn = table.column(Columns.avoidable)
        let demandColumn = avoidableColumn == nil ? table.column(Columns.demandType) : nil
        // Exports repeat a few channel names and dates over many rows: each distinct text is read once.
        var channelIDs: [String: String] = [:]
        var monthsRead: [String: CalendarMonth] = [:]
        rowPerContact = countColumn == nil
        hasService = serviceColumn != nil
        hasMonth = monthColumn != nil
        var records = Records()
        records.reserveCapacity(table.rows.count)
        for row in table.rows {
            var record = Record(contacts: 1, line: row.line)
            if let column = channelColumn {
                let raw = table.text(row, column)
                guard !raw.isEmpty else {
                    throw table.error("the '\(table.heading(column))' cell is empty", row, column,
                                      hint: "every row needs its channel (phone, web, email, face to face ...)")
                }
                if let known = channelIDs[raw] {
                    record.channel = known
                } else {
                    let id = Channel.id(raw)
                    channelIDs[raw] = id
                    record.channel = id
                }
            }
            if let column = serviceColumn {
                let raw = table.text(row, column)
                record.service = raw.isEmpty ? "(no service)" : raw
            }
            if let column = monthColumn {
                let raw = table.text(row, column)
                if let cached = monthsRead[raw] {
                    record.month = cached
                } else {
                    let reading = CalendarDate.read(raw)
                    if case .impossible(let reason) = reading {
                        throw table.error("'\(raw)' in column '\(table.heading(column))' is not a date: \(reason)", row, column,
                                          hint: "write months as 2025-04 (or dates as 2025-04-01 or 01/04/2025)")
                    }
                    guard case .date(let date, let precision) = reading, precision != .year else {
                        throw table.error(raw.isEmpty ? "the '\(table.heading(column))' cell is empty"
                                          : "'\(raw)' in column '\(table.heading(column))' is not a month or a date", row, column,
                                          hint: "write months as 2025-04 (or dates as 2025-04-01 or 01/04/2025)")
                    }
                    record.month = date.calendarMonth
                    if monthsRead.count < 10_000 { monthsRead[raw] = date.calendarMonth }
                }
            }
            if let column = countColumn { record.contacts = try table.count(row, column) }
            if let column = avoidableColumn {
                record.avoidable = try Self.avoidable(table, row, column, contacts: record.contacts)
            } else if let column = demandColumn {
                record.avoidable = try Self.demandType(table, row, column, contacts: record.contacts)
            }
            records.append(record)
        }
        self.records = records
    }

    /// An `avoidable` cell: a count of avoidable contacts in the row, or yes/no for the whole row; blank is
    /// "not classified".
    static func avoidable(_ table: ExportTable, _ row: CSVTable.Row, _ column: Int, contacts: Double) throws(AssessmentIssue) -> Double? {
        let raw = table.text(row, column)
        switch raw.squashed {
        case "": return nil
        case "yes", "y", "true", "avoidable", "failure", "failuredemand": return contacts
        case "no", "n", "false", "unavoidable", "value", "valuedemand": return 0
        default: break
        }
        guard Double(raw.filter { $0 != "," && $0 != " " }) != nil else {
            throw table.error("'\(raw)' in column '\(table.heading(column))' is neither a count of avoidable contacts nor yes or no",
                              row, column, hint: "write the number of the row's contacts that were avoidable, or yes/no for a row per contact")
        }
        let count = try table.count(row, column)
        guard count <= contacts else {
            throw table.error("the row has \(Format.number(count)) avoidable contacts but only \(Format.number(contacts)) contacts",
                              row, column, hint: "avoidable contacts are counted among the row's contacts, so they cannot exceed them")
        }
        return count
    }

    /// A `demand type` cell: `failure` (avoidable) or `value`; blank is "not classified".
    static func demandType(_ table: ExportTable, _ row: CSVTable.Row, _ column: Int, contacts: Double) throws(AssessmentIssue) -> Double? {
        let raw = table.text(row, column)
        switch raw.squashed {
        case "": return nil
        case "failure", "failuredemand", "avoidable", "avoidablecontact": return contacts
        case "value", "valuedemand", "unavoidable": return 0
        default:
            throw table.error("'\(raw)' in column '\(table.heading(column))' is not a demand type", row, column,
                              hint: "write 'value' or 'failure' (failure demand is avoidable contact), or leave it blank if not classified")
        }
    }

    /// The number of distinct months the export covers (0 without a month column).
    var months: [CalendarMonth] { Array(Set(records.compactMap(\.month))).sorted() }

    /// Contacts by channel, in order of first appearance.
    var byChannel: [(channel: String, count: Double)] {
        var order: [String] = []
        var totals: [String: Double] = [:]
        for record in records {
            let channel = record.channel ?? "unknown"
            if totals[channel] == nil { order.append(channel) }
            totals[channel, default: 0] += record.contacts
        }
        return order.map { ($0, totals[$0] ?? 0) }
    }

    /// What the file is, for findings: rows and the layout.
    var summary: String {
        var text = "\(records.count) rows" + (rowPerContact ? " (one per contact)" : "")
        let months = self.months
        if let first = months.first, let last = months.last {
            text += first == last ? ", 1 month (\(first.description))" : ", \(months.count) months from \(first.description) to \(last.description)"
        }
        if hasService { text += ", \(Set(records.compactMap(\.service)).count) services" }
        return text
    }
}

/// Unit costs by channel from a small CSV (`channel,cost per contact`).
enum UnitCostFile {
    /// Accepted names of the cost column.
    static let costColumn = ["cost per contact", "unit cost", "cost", "cost per transaction", "unit cost per contact"]

    /// Reads `channel → £ per contact`.
    static func read(_ file: EvidenceFile) throws(AssessmentIssue) -> [(channel: String, cost: Double, line: Int)] {
        let table = try ExportTable(file, what: "unit-cost file")
        let channel = try table.require(ContactExport.Columns.channel, for: "the cost per contact by channel")
        let cost = try table.require(costColumn, for: "the cost per contact by channel")
        var costs: [(String, Double, Int)] = []
        for row in table.rows {
            let name = table.text(row, channel)
            guard !name.isEmpty else {
                throw table.error("the '\(table.heading(channel))' cell is empty", row, channel)
            }
            costs.append((Channel.id(name), try table.count(row, cost), row.line))
        }
        return costs
    }
}
