import AssessCore

/// The share of website visits from phones, from a web analytics export by device category.
public struct DeviceShareAssessor: Assessor {
    /// Device labels counted as phones by default (Google Analytics `mobile`; Matomo `Smartphone`, `Phablet`,
    /// `Feature phone`).
    public static let defaultPhoneDevices = ["mobile", "smartphone", "phablet", "feature phone"]
    /// Device column headings recognised, in order of preference.
    static let deviceColumns = ["Device category", "deviceCategory", "ga:deviceCategory", "device", "Device type", "label"]
    /// Visit count column headings recognised, in order of preference.
    static let metricColumns = ["Sessions", "visits", "ga:sessions", "nb_visits", "Visits", "Views", "Total users", "Users", "Active users"]
    /// Device labels that mark a totals row.
    static let totalLabels: Set<String> = ["total", "totals", "grand total", "all", "all devices"]

    let phoneDevices: [String]
    let metric: String?
    let thresholds: Thresholds

    static let ga4Example = """
        # ----------------------------------------
        # Tech details
        # Account: Example Council
        # Property: www.example.gov.uk - GA4
        # ----------------------------------------
        #
        # Start date: 20250401
        # End date: 20260331
        Device category,Sessions
        mobile,"1,330,000"
        desktop,"905,000"
        tablet,"158,000"
        smart tv,"7,000"

        """

    public static let description = AssessorDescription(
        id: "mobile.device-share", title: "Share of website visits from phones",
        purpose: "Adds up visits by device category from a web analytics export (analytics.usa.gov's date,device,visits CSV or its devices JSON; a Google Analytics 'Device category,Sessions' export, '#' preamble lines allowed; a Matomo device-type export with label,nb_visits) and divides the phone visits by all visits. Tablets are not phones unless listed. A fact holding a number is taken as phone visits, divided by the 'total' fact.",
        roles: [
            RoleDescription("visits", type: "analytics export (CSV or JSON) by device category, or a number of phone visits",
                            "visits by device category, or the phone visits"),
            RoleDescription("total", type: "number", required: false, "all visits, when 'visits' is a number"),
        ],
        parameters: [
            ParameterDescription("phone-devices", type: "list of device labels", default: "[mobile, smartphone, phablet, feature phone]",
                                 "device categories counted as phones (case is ignored); add tablet to count tablets"),
            ParameterDescription("metric", type: "column heading", default: "the first of Sessions, visits, nb_visits, Views, Users",
                                 "the column holding visits"),
        ] + Thresholds.parameterDescriptions,
        examples: [
            AssessorExample(parameters: "thresholds: [30, 45, 55, 65, 75]", evidence: "visits: {file: devices.csv, source: measured}",
                            files: ["devices.csv": ga4Example], expect: .level(3.04)),
            AssessorExample(parameters: "thresholds: [30, 45, 55, 65, 75]", evidence: "visits: {file: devices.csv}",
                            files: ["devices.csv": "date,device,visits\n2016-09-15,desktop,16904862\n2016-09-15,mobile,9201937\n2016-09-15,tablet,1434619\n2016-09-16,desktop,14497346\n2016-09-16,mobile,8459998\n2016-09-16,tablet,1321081\n"],
                            expect: .level(1.27)),
            AssessorExample(parameters: "{thresholds: [30, 45, 55, 65, 75], phone-devices: [smartphone, phablet]}",
                            evidence: "visits: {file: matomo-devices.csv}",
                            files: ["matomo-devices.csv": "label,nb_uniq_visitors,nb_visits,nb_actions\nSmartphone,2910000,3690000,9400000\nDesktop,1350000,1570000,6020000\nTablet,240000,250000,700000\nPhablet,70000,90000,210000\n"],
                            expect: .level(4.25)),
            AssessorExample(parameters: "thresholds: [30, 45, 55, 65, 75]", evidence: "{visits: 1330000, total: 2400000}", expect: .level(3.04)),
            AssessorExample(parameters: "thresholds: [30, 45, 55, 65, 75]", evidence: "visits: {file: devices.csv}",
                            files: ["devices.csv": "Device category,Sessions\nmobile,1200\ndesktop,many\n"],
                            expect: .error("'many' in column 'Sessions' is not a number")),
            AssessorExample(parameters: "thresholds: [30, 45, 55, 65, 75]", evidence: "visits: {file: devices.csv}",
                            files: ["devices.csv": "Browser,Sessions\nChrome,1200\n"], expect: .error("no column named 'Device category'")),
            AssessorExample(parameters: "thresholds: [30, 45, 55, 65, 75]", evidence: "visits: 1330000", expect: .notAssessed),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        var phones = Self.defaultPhoneDevices
        if let list = parameters["phone-devices"] {
            guard let items = list.list() else { return nil }
            phones = items.compactMap { $0.string()?.lowercased() }
            guard phones.count == items.count else { return nil }
            if phones.isEmpty { list.error("phone-devices needs at least one device label"); return nil }
        }
        let metric = parameters["metric"]?.string()
        guard var thresholds = Thresholds(parameters: parameters, scale: scale) else { return nil }
        if thresholds.unit.isEmpty { thresholds.unit = "%" }
        self.phoneDevices = phones
        self.metric = metric
        self.thresholds = thresholds
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        guard input.hasFile("visits") else { return try fromNumbers(input) }
        let file = try input.file("visits")
        let breakdown = file.path.lowercased().hasSuffix(".json") ? try readJSON(file) : try readCSV(file, input: input)
        let total = breakdown.devices.reduce(0) { $0 + $1.visits }
        guard total > 0 else {
            throw file.error("the export adds up to no visits", line: breakdown.headerLine, column: 1,
                             hint: "export visits (sessions) by device category for the last twelve months")
        }
        let phones = breakdown.devices.filter { phoneDevices.contains($0.device.lowercased()) }
        let phoneVisits = phones.reduce(0) { $0 + $1.visits }
        let share = phoneVisits / total * 100
        var findings = [
            Finding("source", "Export read", .text("\(file.name): \(breakdown.format), column '\(breakdown.metric)'")),
            Finding("rows", "Rows read", .number(Double(breakdown.rows), unit: nil)),
        ]
        if let first = breakdown.firstDate, let last = breakdown.lastDate {
            findings.append(Finding("period", "Dates covered", .text(first == last ? first : "\(first) to \(last)")))
        }
        for device in breakdown.devices {
            findings.append(Finding("visits.\(String(device.device.lowercased().map { $0 == " " ? "-" : $0 }))",
                                    "Visits from \(device.device)", .number(device.visits, unit: nil)))
        }
        findings.append(Finding("phone-devices", "Counted as phones", .list(phoneDevices)))
        if !breakdown.skipped.isEmpty {
            findings.append(Finding("skipped-rows", "Totals rows left out", .list(breakdown.skipped)))
        }
        findings += [
            Finding("phone-visits", "Visits from phones", .number(phoneVisits, unit: nil)),
            Finding("total-visits", "All visits", .number(total, unit: nil)),
            Finding("phone-share", "Share of visits from phones", .number(share, unit: "%")),
        ]
        let rationale = "\(Format.number(phoneVisits, decimals: 0)) of \(Format.number(total, decimals: 0)) visits in \(file.name) came from phones (\(Format.number(share, decimals: 1))%). "
            + thresholds.explain(share, measure: "The phone share")
        return AssessorResult(.level(thresholds.level(for: share)), rationale: rationale, findings: findings)
    }

    // MARK: - Reading exports

    struct Breakdown {
        var format: String
        var metric: String
        var devices: [(device: String, visits: Double)] = []
        var rows = 0
        var headerLine = 1
        var firstDate: String?
        var lastDate: String?
        var skipped: [String] = []

        mutating func add(_ device: String, _ visits: Double) {
            if let index = devices.firstIndex(where: { $0.device.lowercased() == device.lowercased() }) {
                devices[index].visits += visits
            } else {
                devices.append((device, visits))
            }
            rows += 1
        }

        mutating func date(_ text: String) {
            guard !text.isEmpty else { return }
            if firstDate.map({ text < $0 }) ?? true { firstDate = text }
            if lastDate.map({ text > $0 }) ?? true { lastDate = text }
        }
    }

    private func readCSV(_ file: EvidenceFile, input: AssessorInput) throws(AssessmentIssue) -> Breakdown {
        // Google Analytics starts its exports with '#' lines and may end a table with one: blank them (keeping
        // line numbers) before the header, and stop reading at the first one after it.
        var lines = file.decodedText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var seenData = false
        var end = lines.count
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("#") {
                if seenData { end = index; break }
                lines[index] = ""
            } else if line.contains(where: { $0 != " " && $0 != "\r" && $0 != "\t" }) {
                seenData = true
            }
        }
        let text = lines[..<end].joined(separator: "\n")
        let table: CSVTable
        let deviceColumn: Int, metricColumn: Int, dateColumn: Int?
        do throws(CSVTable.ParseError) {
            table = try CSVTable(text: text, file: file.path)
            deviceColumn = try table.requireColumn(Self.deviceColumns)
            metricColumn = try table.requireColumn(metric.map { [$0] } ?? Self.metricColumns)
            dateColumn = table.column(["date", "Date", "ga:date", "Day"])
        } catch {
            throw input.csvError(error, in: file)
        }
        let format: String
        switch table.header[deviceColumn].lowercased() {
        case "device": format = "date, device, visits CSV (analytics.usa.gov)"
        case "label": format = "Matomo device type export"
        default: format = "Google Analytics device category export"
        }
        var breakdown = Breakdown(format: format, metric: table.header[metricColumn], headerLine: table.headerLine)
        for row in table.rows {
            let device = row[deviceColumn]
            if device.isEmpty || Self.totalLabels.contains(device.lowercased()) {
                breakdown.skipped.append("line \(row.line): \(device.isEmpty ? "(no device)" : device)")
                continue
            }
            let visits: Double
            do throws(CSVTable.ParseError) { visits = try table.number(row, metricColumn) } catch { throw input.csvError(error, in: file) }
            guard visits >= 0 else {
                throw file.error("'\(row[metricColumn])' in column '\(table.header[metricColumn])' is negative", line: row.line,
                                 column: metricColumn + 1, hint: "visits cannot be negative")
            }
            breakdown.add(device, visits)
            if let dateColumn {
                // Dates are shown, not computed with; one that does not exist still means a broken export.
                if case .impossible(let reason) = CalendarDate.read(row[dateColumn]) {
                    throw file.error("'\(row[dateColumn])' in column '\(table.header[dateColumn])' is not a date: \(reason)",
                                     line: row.line, column: dateColumn + 1)
                }
                breakdown.date(row[dateColumn])
            }
        }
        guard breakdown.rows > 0 else {
            throw file.error("the export has no rows of visits by device", line: table.headerLine, column: 1,
                             hint: "export visits by device category, one row per device (and date)")
        }
        return breakdown
    }

    /// analytics-reporter's `devices` report (analytics.usa.gov): `totals.devices` or `data[{date, device, visits}]`.
    private func readJSON(_ file: EvidenceFile) throws(AssessmentIssue) -> Breakdown {
        let root = try file.parsedJSON()
        var breakdown = Breakdown(format: "analytics-reporter devices report (JSON)", metric: "visits",
                                  headerLine: root.location.line)
        if let data = root["data"]?.items, !data.isEmpty {
            breakdown.format += ", data rows"
            for item in data {
                guard let device = item["device"]?.scalar?.text, let node = item["visits"] else {
                    throw file.error("each entry of 'data' needs 'device' and 'visits'", line: item.location.line,
                                     column: item.location.column)
                }
                guard let visits = node.scalar?.number, visits >= 0 else {
                    throw file.error("visits must be a number of zero or more, found \(node.kindDescription)",
                                     line: node.location.line, column: node.location.column)
                }
                breakdown.add(device, visits)
                if let node = item["date"], let date = node.scalar?.text {
                    if case .impossible(let reason) = CalendarDate.read(date) {
                        throw file.error("'\(date)' in 'date' is not a date: \(reason)", line: node.location.line, column: node.location.column)
                    }
                    breakdown.date(date)
                }
            }
        } else if let devices = root["totals"]?["devices"], let pairs = devices.pairs {
            breakdown.format += ", totals"
            for pair in pairs {
                let device = pair.key.scalar?.text ?? "?"
                guard let visits = pair.value.scalar?.number, visits >= 0 else {
                    throw file.error("totals.devices.\(device) must be a number of zero or more, found \(pair.value.kindDescription)",
                                     line: pair.value.location.line, column: pair.value.location.column)
                }
                breakdown.add(device, visits)
            }
            breakdown.firstDate = root["totals"]?["start_date"]?.scalar?.text
            breakdown.lastDate = root["totals"]?["end_date"]?.scalar?.text
        } else {
            throw file.error("the JSON has neither 'data' rows nor 'totals.devices'", line: root.location.line,
                             column: root.location.column,
                             hint: "use analytics-reporter's devices report, or a CSV export by device category")
        }
        return breakdown
    }

    // MARK: - Plain numbers

    private func fromNumbers(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let (phone, total) = try input.partAndWhole("visits", of: "total", part: "phone visits", whole: "all visits")
        let share = phone / total * 100
        let rationale = "\(Format.number(phone, decimals: 0)) of \(Format.number(total, decimals: 0)) visits came from phones (\(Format.number(share, decimals: 1))%). "
            + thresholds.explain(share, measure: "The phone share")
        return AssessorResult(.level(thresholds.level(for: share)), rationale: rationale, findings: [
            Finding("phone-visits", "Visits from phones", .number(phone, unit: nil)),
            Finding("total-visits", "All visits", .number(total, unit: nil)),
            Finding("phone-share", "Share of visits from phones", .number(share, unit: "%")),
        ])
    }
}
