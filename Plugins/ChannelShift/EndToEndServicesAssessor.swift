import AssessCore

/// The share of transactional services that can be completed online end to end, from a service list CSV
/// or from two counts.
public struct EndToEndServicesAssessor: Assessor {
    let thresholds: Thresholds

    /// Accepted column names.
    enum Columns {
        static let service = ["service", "service name", "name", "service title"]
        static let transactional = ["transactional", "is transactional", "transaction"]
        static let endToEnd = ["end to end", "online end to end", "completable online", "fully online", "end to end online"]
        static let online = ["online", "online status", "digital status", "online availability", "status"]
        static let volume = ["annual transactions", "transactions", "annual volume", "volume", "transactions per year", "contacts"]
        static let lgsl = ["lgsl", "lgsl code", "service id", "id"]
    }

    /// How far a service is online.
    enum Status: String { case none = "not online", partial = "online but not end to end", endToEnd = "end to end" }

    static let catalogue = """
        LGSL,Service,Transactional,Online status,Annual transactions
        524,Report a missed bin collection,Yes,End to end,14200
        1161,Pay council tax,Yes,End to end,61000
        1152,Apply for a council tax discount,Yes,Form to email,5200
        1134,Apply for a resident parking permit,Yes,None,3100
        35,Find your bin collection day,No,Information,

        """

    public static let description = AssessorDescription(
        id: "channel-shift.end-to-end", title: "Services completable online end to end",
        purpose: "From a service list (one row per service, with an 'end to end' yes/no column or an 'online status' of none, partial or end to end, and optionally a 'transactional' column and annual transactions), computes the share of transactional services that can be completed online end to end, and the share of transactions they carry; or divides two counts.",
        roles: [
            RoleDescription("services", type: "number of services completable online end to end, or a service list (CSV)",
                            "the services online end to end"),
            RoleDescription("total", type: "number", required: false,
                            "transactional services in all (read only when 'services' is a number)"),
        ],
        parameters: Thresholds.parameterDescriptions,
        examples: [
            // 2 of 4 transactional services end to end: 50%, a quarter of the way from level 3 (45) to level 4 (65).
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 85]", evidence: "services: {file: services.csv}",
                            files: ["services.csv": catalogue], expect: .level(3.25)),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 85]", evidence: "{services: 34, total: 82}",
                            expect: .level(2.8233)),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 85]", evidence: "{services: 90, total: 82}",
                            expect: .error("more services end to end (90) than services (82)")),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 85]", evidence: "services: {file: services.csv}",
                            files: ["services.csv": "Service,Online status\nPay council tax,End to end\nApply for a permit,Sort of\n"],
                            expect: .error("'Sort of' in column 'Online status' is not an online status")),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 85]", evidence: "services: {file: services.csv}",
                            files: ["services.csv": "Service,Transactional\nPay council tax,Yes\n"],
                            expect: .error("no column named 'end to end'")),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 85]", evidence: "services: 34", expect: .notAssessed),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        guard let thresholds = Thresholds(parameters: parameters, scale: scale) else { return nil }
        var t = thresholds
        if t.unit.isEmpty { t.unit = "%" }
        self.thresholds = t
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        if input.hasFile("services") { return try fromList(try input.file("services")) }
        let online = try input.number("services")
        let total = try input.number("total")
        guard total > 0 else {
            throw input.invalid("the number of transactional services is zero", at: try input.value("total"),
                                hint: "count the services where someone applies, reports, pays, books or requests something")
        }
        guard online >= 0, online <= total else {
            throw input.invalid("more services end to end (\(Format.number(online))) than services (\(Format.number(total)))",
                                at: try input.value("services"), hint: "the services end to end are counted among all transactional services")
        }
        let share = online / total * 100
        return AssessorResult(
            .level(thresholds.level(for: share)),
            rationale: "\(Format.number(online)) of \(Format.number(total)) transactional services can be completed online end to end "
                + "(\(Format.number(share, decimals: 1))%). " + thresholds.explain(share, measure: "The share"),
            findings: [
                Finding("services-end-to-end", "Services online end to end", .number(online, unit: nil)),
                Finding("services-total", "Transactional services", .number(total, unit: nil)),
                Finding("end-to-end-share", "Share online end to end", .number(share, unit: "%")),
            ])
    }

    func fromList(_ file: EvidenceFile) throws(AssessmentIssue) -> AssessorResult {
        let table = try ExportTable(file, what: "service list")
        let serviceColumn = try table.require(Columns.service, for: "the share of services online end to end")
        let endToEndColumn = table.column(Columns.endToEnd)
        let onlineColumn = endToEndColumn == nil ? table.column(Columns.online) : nil
        guard endToEndColumn != nil || onlineColumn != nil else {
            throw file.error("no column named 'end to end' or 'online status', which the share of services online end to end needs",
                             line: table.table.headerLine, column: 1,
                             hint: "add 'end to end' (yes/no) or 'online status' (none, partial, end to end); the columns are: \(table.table.header.joined(separator: ", "))")
        }
        let transactionalColumn = table.column(Columns.transactional)
        let volumeColumn = table.column(Columns.volume)
        var services: [(name: String, status: Status, volume: Double?)] = []
        var notTransactional = 0
        for row in table.rows {
            let name = table.text(row, serviceColumn)
            guard !name.isEmpty else {
                throw table.error("the '\(table.heading(serviceColumn))' cell is empty", row, serviceColumn, hint: "every row needs the service's name")
            }
            if let column = transactionalColumn {
                guard let transactional = Self.yesNo(table.text(row, column)) else {
                    throw table.error("'\(table.text(row, column))' in column '\(table.heading(column))' is not yes or no", row, column,
                                      hint: "write yes for services where someone applies, reports, pays, books or requests something")
                }
                if !transactional { notTransactional += 1; continue }
            }
            let status: Status
            if let column = endToEndColumn {
                guard let yes = Self.yesNo(table.text(row, column)) else {
                    throw table.error("'\(table.text(row, column))' in column '\(table.heading(column))' is not yes or no", row, column,
                                      hint: "write yes only when the request goes straight into the system that does the work")
                }
                status = yes ? .endToEnd : .none
            } else if let column = onlineColumn {
                guard let read = Self.status(table.text(row, column)) else {
                    throw table.error("'\(table.text(row, column))' in column '\(table.heading(column))' is not an online status", row, column,
                                      hint: "write none, partial (started online, or a form sent by email) or end to end")
                }
                status = read
            } else {
                status = .none
            }
            var volume: Double?
            if let column = volumeColumn { volume = try table.optionalCount(row, column) }
            services.append((name, status, volume))
        }
        guard !services.isEmpty else {
            throw file.error("the service list has no transactional services", line: table.table.headerLine,
                             hint: "mark the services where someone applies, reports, pays, books or requests something as transactional")
        }
        let endToEnd = services.filter { $0.status == .endToEnd }
        let partial = services.filter { $0.status == .partial }
        let share = Double(endToEnd.count) / Double(services.count) * 100
        var findings = [
            Finding("service-list", "Service list", .text("\(file.fact.file ?? file.path): \(table.rows.count) services listed"
                                                          + (notTransactional > 0 ? ", \(notTransactional) not transactional (left out)" : ""))),
            Finding("services-total", "Transactional services", .number(Double(services.count), unit: nil)),
            Finding("services-end-to-end", "Services online end to end", .number(Double(endToEnd.count), unit: nil)),
        ]
        if onlineColumn != nil {
            findings.append(Finding("services-partly-online", "Online but not end to end", .number(Double(partial.count), unit: nil)))
            findings.append(Finding("services-not-online", "Not online", .number(Double(services.count - endToEnd.count - partial.count), unit: nil)))
        }
        findings.append(Finding("end-to-end-share", "Share online end to end", .number(share, unit: "%")))
        let volumes = services.compactMap(\.volume)
        var volumeNote = ""
        if volumes.count == services.count, volumes.reduce(0, +) > 0 {
            let all = volumes.reduce(0, +)
            let online = endToEnd.reduce(0) { $0 + ($1.volume ?? 0) }
            let weighted = online / all * 100
            findings.append(Finding("transactions-end-to-end-share", "Share of transactions in services online end to end",
                                    .number(weighted, unit: "%")))
            volumeNote = " They carry \(Format.number(weighted, decimals: 1))% of \(Format.number(all, decimals: 0)) transactions a year."
        }
        let rest = services.filter { $0.status != .endToEnd }
            .sorted { ($0.volume ?? 0) != ($1.volume ?? 0) ? ($0.volume ?? 0) > ($1.volume ?? 0) : $0.name < $1.name }
        if !rest.isEmpty {
            var lines = rest.prefix(10).map { "\($0.name) (\($0.status.rawValue)\($0.volume.map { ", \(Format.number($0, decimals: 0)) a year" } ?? ""))" }
            if rest.count > 10 { lines.append("and \(rest.count - 10) more") }
            findings.append(Finding("not-end-to-end", "Not yet end to end" + (volumes.isEmpty ? "" : " (busiest first)"), .list(lines)))
        }
        let rationale = "\(endToEnd.count) of \(services.count) transactional services can be completed online end to end "
            + "(\(Format.number(share, decimals: 1))%).\(volumeNote) " + thresholds.explain(share, measure: "The share")
        return AssessorResult(.level(thresholds.level(for: share)), rationale: rationale, findings: findings)
    }

    static func yesNo(_ text: String) -> Bool? {
        switch text.squashed {
        case "yes", "y", "true", "1": return true
        case "no", "n", "false", "0": return false
        default: return nil
        }
    }

    static func status(_ text: String) -> Status? {
        switch text.squashed {
        case "none", "no", "notonline", "offline", "information", "informationonly", "paper", "pdf", "download", "phoneonly":
            return Status.none
        case "partial", "partly", "partlyonline", "startonline", "startedonline", "form", "formtoemail", "emailform",
             "webformtoemail", "rekeyed", "online", "onlinenotendtoend", "pdfform":
            return .partial
        case "endtoend", "full", "fullyonline", "integrated", "yes", "complete", "completeonline", "transactional":
            return .endToEnd
        default:
            return nil
        }
    }
}
