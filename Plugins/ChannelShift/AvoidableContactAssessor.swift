import AssessCore

/// The share of contact that is avoidable ("failure demand"), from a contact export that marks avoidable
/// contacts, or from a percentage given as a number.
public struct AvoidableContactAssessor: Assessor {
    let thresholds: Thresholds

    static let sample = """
        date,channel,service,contacts,avoidable
        2026-02-09,Telephone,Council tax,420,151
        2026-02-09,Telephone,Waste and recycling,380,171
        2026-02-09,Email,Council tax,120,30
        2026-02-09,Email,Waste and recycling,80,28

        """

    static let perContact = """
        Case ref,Date received,Channel,Service,Demand type
        CT-88121,03/02/2026,Phone,Council tax,Value
        CT-88122,03/02/2026,Phone,Council tax,Failure
        WR-40211,03/02/2026,Web form,Waste and recycling,Value
        WR-40212,04/02/2026,Phone,Waste and recycling,Failure
        WR-40213,04/02/2026,Email,Waste and recycling,
        HB-10987,04/02/2026,Face to face,Housing benefit,Value

        """

    public static let description = AssessorDescription(
        id: "channel-shift.avoidable-contact", title: "Avoidable contact (failure demand)",
        purpose: "Computes the share of classified contacts that were avoidable, from a contact export with an 'avoidable' column (a count per row, or yes/no per contact) or a 'demand type' column (value or failure), by channel and by service; or takes the share given as a percentage.",
        roles: [
            RoleDescription("avoidable", type: "percentage, or a contact export (CSV) marking avoidable contacts",
                            "avoidable contacts as a share of all contacts"),
        ],
        parameters: Thresholds.parameterDescriptions,
        examples: [
            // 380 of 1,000 contacts avoidable: 38%, a fifth of the way from level 2 (40) to level 3 (30).
            AssessorExample(parameters: "{thresholds: [50, 40, 30, 20, 10], direction: lower}",
                            evidence: "avoidable: {file: sample.csv}", files: ["sample.csv": sample], expect: .level(2.2)),
            // 2 of the 5 classified contacts are failure demand (40%); the blank one is left out.
            AssessorExample(parameters: "{thresholds: [50, 40, 30, 20, 10], direction: lower}",
                            evidence: "avoidable: {file: contacts.csv}", files: ["contacts.csv": perContact], expect: .level(2)),
            AssessorExample(parameters: "{thresholds: [50, 40, 30, 20, 10], direction: lower}",
                            evidence: "avoidable: 25", expect: .level(3.5)),
            AssessorExample(parameters: "{thresholds: [50, 40, 30, 20, 10], direction: lower}",
                            evidence: "avoidable: 140", expect: .error("between 0 and 100")),
            AssessorExample(parameters: "{thresholds: [50, 40, 30, 20, 10], direction: lower}",
                            evidence: "avoidable: {file: sample.csv}",
                            files: ["sample.csv": "channel,contacts,avoidable\nTelephone,420,151\nEmail,120,300\n"],
                            expect: .error("300 avoidable contacts but only 120 contacts")),
            AssessorExample(parameters: "{thresholds: [50, 40, 30, 20, 10], direction: lower}",
                            evidence: "avoidable: {file: sample.csv}",
                            files: ["sample.csv": "channel,contacts\nTelephone,420\n"],
                            expect: .error("no column marks avoidable contacts")),
            AssessorExample(parameters: "{thresholds: [50, 40, 30, 20, 10], direction: lower}",
                            evidence: "avoidable: {not-applicable: no contact centre}", expect: .notApplicable),
            AssessorExample(parameters: "{thresholds: [50, 40, 30, 20, 10], direction: lower}",
                            evidence: "other: 3", expect: .notAssessed),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        guard let thresholds = Thresholds(parameters: parameters, scale: scale) else { return nil }
        var t = thresholds
        if t.unit.isEmpty { t.unit = "%" }
        self.thresholds = t
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        guard input.hasFile("avoidable") else {
            let share = try input.number("avoidable")
            guard (0...100).contains(share) else {
                throw input.invalid("the avoidable share must be a percentage between 0 and 100, found \(Format.number(share))",
                                    at: try input.value("avoidable"))
            }
            return AssessorResult(.level(thresholds.level(for: share)),
                                  rationale: "\(Format.number(share, decimals: 1))% of contact is avoidable (as given). "
                                      + thresholds.explain(share, measure: "The avoidable share"),
                                  findings: [Finding("avoidable-share", "Avoidable share of contacts (as given)", .number(share, unit: "%"))])
        }
        let file = try input.file("avoidable")
        let export = try ContactExport(file, needs: [.avoidable], measure: "the avoidable contact share")
        // Lazy: the records are read in place, not copied (an export may have millions of rows).
        let classified = export.records.lazy.filter { $0.avoidable != nil }
        let classifiedCount = classified.reduce(0) { $0 + $1.contacts }
        let avoidableCount = classified.reduce(0) { $0 + ($1.avoidable ?? 0) }
        let allCount = export.records.reduce(0) { $0 + $1.contacts }
        guard classifiedCount > 0 else {
            throw file.error("no contact in the export is classified as avoidable or not", line: export.headerLine,
                             hint: "fill in the avoidable or demand type column for the contacts sampled")
        }
        let share = avoidableCount / classifiedCount * 100
        var findings = [
            Finding("export", "Contact export", .text("\(file.fact.file ?? file.path): \(export.summary)")),
            Finding("contacts-classified", "Contacts classified", .number(classifiedCount, unit: nil)),
            Finding("avoidable-contacts", "Avoidable contacts", .number(avoidableCount, unit: nil)),
            Finding("avoidable-share", "Avoidable share of classified contacts", .number(share, unit: "%")),
        ]
        if allCount > classifiedCount {
            findings.append(Finding("not-classified", "Contacts not classified (left out)", .number(allCount - classifiedCount, unit: nil)))
        }
        if classified.contains(where: { $0.channel != nil }) {
            findings.append(Finding("by-channel", "Avoidable share by channel", .list(breakdown(classified, by: \.channel))))
        }
        if export.hasService {
            findings.append(Finding("by-service", "Avoidable contacts by service (most first)", .list(breakdown(classified, by: \.service))))
        }
        let rationale = "\(Format.number(avoidableCount, decimals: 0)) of \(Format.number(classifiedCount, decimals: 0)) classified contacts "
            + "were avoidable (\(Format.number(share, decimals: 1))%). " + thresholds.explain(share, measure: "The avoidable share")
        return AssessorResult(.level(thresholds.level(for: share)), rationale: rationale, findings: findings)
    }

    /// "Council tax: 181 of 540 (33.5%)", most avoidable contacts first, at most ten.
    func breakdown(_ records: some Sequence<ContactExport.Record>, by key: KeyPath<ContactExport.Record, String?>) -> [String] {
        var totals: [String: (all: Double, avoidable: Double)] = [:]
        for record in records {
            let name = record[keyPath: key] ?? "(none)"
            totals[name, default: (0, 0)].all += record.contacts
            totals[name, default: (0, 0)].avoidable += record.avoidable ?? 0
        }
        let sorted = totals.sorted {
            $0.value.avoidable != $1.value.avoidable ? $0.value.avoidable > $1.value.avoidable : $0.key < $1.key
        }
        var lines = sorted.prefix(10).map { name, count in
            "\(name): \(Format.number(count.avoidable, decimals: 0)) of \(Format.number(count.all, decimals: 0)) "
                + "(\(Format.number(count.all > 0 ? count.avoidable / count.all * 100 : 0, decimals: 1))%)"
        }
        if sorted.count > 10 { lines.append("and \(sorted.count - 10) more") }
        return lines
    }
}
