import AssessCore

/// Broadband and mobile coverage for the council's area, read from the Ofcom Connected Nations figures as
/// ONS Explore Local Statistics publishes them (one row per area, indicator and period), or given as a number.
///
/// The row is chosen by the area's GSS code (`organisation.code`, or the optional `area` fact), the indicator
/// and the latest period in the file unless the `period` parameter names one. The UK and nation rows of the
/// same file, when present, are shown for comparison, with the change since the previous period.
public struct CoverageAssessor: Assessor {
    /// Short names for the Ofcom indicators ONS publishes, mapped to the `indicator` column's text.
    public static let indicators: [(id: String, text: String, meaning: String)] = [
        ("gigabit", "Gigabit capable broadband", "% of premises that can get a gigabit-capable service"),
        ("4g", "4G coverage", "% of the geographic area with outdoor 4G from at least one operator"),
        ("5g", "5G coverage", "% of the geographic area with outdoor 5G from at least one operator"),
        ("below-30", "Premises below 30Mbps", "% of premises that cannot get 30 Mbit/s download"),
    ]

    /// GSS codes of the comparison rows: the UK and each nation, by the first letter of an area's code.
    static let ukCode = "K02000001"
    static let nations: [Character: (code: String, name: String)] = [
        "E": ("E92000001", "England"), "W": ("W92000004", "Wales"),
        "S": ("S92000003", "Scotland"), "N": ("N92000002", "Northern Ireland"),
    ]

    let indicator: String?
    let period: String?
    let thresholds: Thresholds

    public static let description = AssessorDescription(
        id: "digital-inclusion.coverage", title: "Ofcom coverage for the area",
        purpose: "Reads one Ofcom Connected Nations coverage figure (gigabit-capable broadband, 4G, 5G or premises below 30 Mbit/s) for the council's area from the ONS Explore Local Statistics CSV, choosing the row by GSS code, indicator and latest period, and places it on the scale; or takes the figure as a number.",
        roles: [
            RoleDescription("coverage", type: "ONS/Ofcom CSV file (areacd, areanm, indicator, period, observation ...), or a percentage",
                            "the coverage figures for the area"),
            RoleDescription("area", type: "text (GSS code)", required: false,
                            "the GSS code of the area to read, when it is not organisation.code"),
        ],
        parameters: [
            ParameterDescription("indicator", type: "gigabit | 4g | 5g | below-30, or the indicator column's text", default: "the only indicator in the file",
                                 "which indicator's row to read"),
            ParameterDescription("period", type: "text", default: "the latest period in the file",
                                 "the period column's value to read, such as 2025-07-01"),
        ] + Thresholds.parameterDescriptions,
        examples: [
            AssessorExample(
                parameters: "{indicator: gigabit, thresholds: [60, 75, 88, 94, 97], unit: '%'}",
                evidence: "coverage: {file: coverage.csv, source: measured}\narea: E07000223",
                files: ["coverage.csv": """
                    areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,notes
                    K02000001,United Kingdom,Country,Gigabit capable broadband,2026-01-01,87.8,Percentage,%,,,,This data has been aggregated and may show differences to other published figures
                    E92000001,England,Nation,Gigabit capable broadband,2026-01-01,88.4,Percentage,%,,,,This data has been aggregated and may show differences to other published figures
                    E07000223,Adur,Local Authority District,Gigabit capable broadband,2025-07-01,95.3,Percentage,%,,,,
                    E07000223,Adur,Local Authority District,Gigabit capable broadband,2026-01-01,95.4,Percentage,%,,,,
                    """],
                expect: .level(4.467)),
            AssessorExample(
                parameters: "{indicator: below-30, period: 2025-07-01, thresholds: [8, 4, 2, 1, 0.3], direction: lower, unit: '%'}",
                evidence: "coverage: {file: below-30.csv}\narea: S12000017",
                files: ["below-30.csv": """
                    areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,notes
                    S12000017,Highland,Local Authority District,Premises below 30Mbps,2025-07-01,13.6,Percentage,%,,,,
                    S12000017,Highland,Local Authority District,Premises below 30Mbps,2026-01-01,12.7,Percentage,%,,,,
                    """],
                expect: .level(1)),
            AssessorExample(
                parameters: "{indicator: 4g, thresholds: [85, 93, 97, 99, 99.9]}",
                evidence: "coverage: 98", expect: .level(3.5)),
            AssessorExample(
                parameters: "{indicator: 4g, thresholds: [85, 93, 97, 99, 99.9]}",
                evidence: "coverage: {file: 4g.csv}\narea: E06000001",
                files: ["4g.csv": """
                    areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,notes
                    E06000001,Hartlepool,County or Unitary Authority,4G coverage,2026-01-01,n/a,Percentage,%,,,,
                    """],
                expect: .error("4g.csv line 2")),
            AssessorExample(
                parameters: "{indicator: 4g, thresholds: [85, 93, 97, 99, 99.9]}",
                evidence: "coverage: {file: 4g.csv}\narea: E06000001",
                files: ["4g.csv": "areacd,areanm,period,observation\nE06000001,Hartlepool,2026-01-01,100\n"],
                expect: .error("no column named 'indicator'")),
            AssessorExample(
                parameters: "{indicator: gigabit, thresholds: [60, 75, 88, 94, 97]}",
                evidence: "coverage: {file: missing.csv}", expect: .error("does not exist")),
            AssessorExample(
                parameters: "{indicator: gigabit, thresholds: [60, 75, 88, 94, 97]}",
                evidence: "other: 3", expect: .notAssessed),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        var indicator: String?
        if let reader = parameters["indicator"], let text = reader.string() {
            if let preset = Self.indicators.first(where: { $0.id == text.lowercased() }) {
                indicator = preset.text
            } else if text.count > 3 {
                indicator = text
            } else {
                reader.error("indicator '\(text)' is not known",
                             hint: "use one of \(Self.indicators.map(\.id).joined(separator: ", ")), or the indicator column's text")
                return nil
            }
        }
        let period = parameters["period"]?.string()
        guard var thresholds = Thresholds(parameters: parameters, scale: scale) else { return nil }
        if thresholds.unit.isEmpty { thresholds.unit = "%" }
        self.indicator = indicator
        self.period = period
        self.thresholds = thresholds
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let label = indicator ?? "Coverage"
        guard input.hasFile("coverage") else {
            let value = try input.number("coverage")
            return AssessorResult(
                .level(thresholds.level(for: value)), rationale: thresholds.explain(value, measure: label),
                findings: [Finding("value", label, .number(value, unit: thresholds.unit))])
        }
        let file = try input.file("coverage")
        let errors = ExportErrors(file: file)
        let table = try errors.table()
        let areaColumn = try errors.column(table, ["areacd"])
        let indicatorColumn = try errors.column(table, ["indicator"])
        let periodColumn = try errors.column(table, ["period"])
        let observationColumn = try errors.column(table, ["observation"])
        let nameColumn = table.column(["areanm"])
        let unitColumn = table.column(["unit"])
        let statusColumn = table.column(["status"])

        // The area: the `area` fact, else the organisation's code.
        let code: String
        if try input.optionalFact("area") != nil {
            code = ExportText.trimmed(try input.string("area"))
        } else if let own = input.organisation.code.map(ExportText.trimmed), !own.isEmpty {
            code = own
        } else {
            throw .invalid(input.document.diagnostic(
                "the organisation has no code, so the row of \(errors.name) for its area cannot be chosen",
                at: file.fact.location, hint: "give the area's GSS code as organisation.code (such as E07000223) or as the area fact"))
        }
        guard !table.rows.isEmpty else { throw errors.whole("the file has no data rows") }
        let areaRows = table.rows.filter { $0[areaColumn].uppercased() == code.uppercased() }
        guard !areaRows.isEmpty else {
            let areas = Set(table.rows.map { $0[areaColumn] }).count
            throw errors.whole("no rows for the area \(code) among the \(areas) areas in the file",
                               hint: "check the GSS code (organisation.code or the area fact) and that the file covers local authorities")
        }
        // The indicator.
        let wanted: String
        if let indicator {
            wanted = indicator
        } else {
            let found = Self.distinct(areaRows.map { $0[indicatorColumn] })
            guard found.count == 1, let only = found.first else {
                throw errors.whole("the file holds several indicators for \(code) (\(found.joined(separator: ", ")))",
                                   hint: "set the indicator parameter, such as gigabit, 4g or below-30")
            }
            wanted = only
        }
        let rows = areaRows.filter { ExportText.key($0[indicatorColumn]) == ExportText.key(wanted) }
        guard !rows.isEmpty else {
            throw errors.whole("no '\(wanted)' rows for \(code); its indicators are \(Self.distinct(areaRows.map { $0[indicatorColumn] }).joined(separator: ", "))",
                               hint: "point the fact at the file for this indicator, or change the indicator parameter")
        }
        let periods = Self.distinct(rows.map { $0[periodColumn] }).sorted()
        let chosenPeriod: String
        if let period {
            guard periods.contains(period) else {
                throw errors.whole("no '\(wanted)' row for \(code) in the period \(period); the periods are \(periods.joined(separator: ", "))",
                                   hint: "change the period parameter, or leave it out to use the latest")
            }
            chosenPeriod = period
        } else {
            guard let latest = periods.last else { throw errors.whole("no periods for \(code)") }
            chosenPeriod = latest
        }

        func observation(_ rows: [CSVTable.Row], what: String) throws(AssessmentIssue) -> (value: Double, row: CSVTable.Row)? {
            var found: (Double, CSVTable.Row)?
            for row in rows {
                let raw = row[observationColumn]
                if ExportText.trimmed(raw).isEmpty {
                    let status = statusColumn.map { row[$0] } ?? ""
                    throw errors.at(row.line, column: observationColumn + 1,
                                    "the \(what) row has no observation" + (status.isEmpty ? "" : " (status '\(status)')"),
                                    hint: "use a period with a published figure, or give the figure as a number")
                }
                let value: Double
                do { value = try table.number(row, observationColumn) } catch { throw errors.csv(error) }
                let percent = unitColumn.map { row[$0] == "%" } ?? true
                guard value >= 0, !percent || value <= 100 else {
                    throw errors.at(row.line, column: observationColumn + 1, "the observation \(Format.number(value)) is not a percentage from 0 to 100")
                }
                if let (earlier, earlierRow) = found, earlier != value {
                    throw errors.at(row.line, "a second \(what) row gives \(Format.number(value)), but line \(earlierRow.line) gives \(Format.number(earlier))",
                                    hint: "keep one row per area, indicator and period")
                }
                found = (value, row)
            }
            return found
        }
        guard let (value, row) = try observation(rows.filter { $0[periodColumn] == chosenPeriod }, what: "\(code) \(chosenPeriod)") else {
            throw errors.whole("no row for \(code) in \(chosenPeriod)")
        }
        let areaName = nameColumn.map { row[$0] } ?? code
        let indicatorText = row[indicatorColumn]

        var findings = [
            Finding("area", "Area", .text("\(areaName) (\(code))")),
            Finding("indicator", "Indicator", .text(indicatorText)),
            Finding("period", "Period used", .text(chosenPeriod + (period == nil ? (periods.count > 1 ? " (latest of \(periods.count))" : " (only period)") : " (set by the rubric)"))),
            Finding("value", indicatorText, .number(value, unit: "%")),
        ]
        var context: [String] = []
        if let index = periods.firstIndex(of: chosenPeriod), index > 0 {
            let previousPeriod = periods[index - 1]
            if let (previous, _) = try observation(rows.filter { $0[periodColumn] == previousPeriod }, what: "\(code) \(previousPeriod)") {
                findings.append(Finding("previous", "\(indicatorText), \(previousPeriod)", .number(previous, unit: "%")))
                findings.append(Finding("change", "Change since \(previousPeriod)", .number(value - previous, unit: " points")))
            }
        }
        let sameIndicator = table.rows.filter { ExportText.key($0[indicatorColumn]) == ExportText.key(indicatorText) && $0[periodColumn] == chosenPeriod }
        var comparisons: [(id: String, code: String, name: String)] = []
        if let first = code.uppercased().first, let nation = Self.nations[first], nation.code != code.uppercased() {
            comparisons.append(("nation", nation.code, nation.name))
        }
        if code.uppercased() != Self.ukCode { comparisons.append(("uk", Self.ukCode, "United Kingdom")) }
        for comparison in comparisons {
            let match = sameIndicator.filter { $0[areaColumn].uppercased() == comparison.code }
            if let (figure, _) = try observation(match, what: "\(comparison.code) \(chosenPeriod)") {
                findings.append(Finding(comparison.id, "\(comparison.name), \(chosenPeriod)", .number(figure, unit: "%")))
                context.append("\(comparison.name) \(Format.quantity(figure, unit: "%"))")
            }
        }
        var rationale = "\(areaName) (\(code)), period \(chosenPeriod): \(indicatorText) \(Format.quantity(value, unit: "%"))"
        rationale += context.isEmpty ? ". " : " (\(context.joined(separator: ", "))). "
        rationale += thresholds.explain(value, measure: indicatorText)
        return AssessorResult(.level(thresholds.level(for: value)), rationale: rationale, findings: findings)
    }

    /// Distinct texts in first-seen order.
    static func distinct(_ texts: [String]) -> [String] {
        var seen = Set<String>()
        return texts.filter { seen.insert($0).inserted }
    }
}
