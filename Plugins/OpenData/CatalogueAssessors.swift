import AssessCore

// Small realistic catalogue exports for the examples, following the published formats field for field.

/// A CKAN package_search response with three packages (two openly licensed, one with CSV, one updated recently).
let exampleCKAN = """
    {
      "help": "https://data.example.gov.uk/api/3/action/help_show?name=package_search",
      "success": true,
      "result": {
        "count": 3,
        "sort": "score desc, metadata_modified desc",
        "facets": {},
        "results": [
          {
            "id": "6a0c4c4e-4f65-4a55-9d0e-0f2b7f1c3a01", "name": "spending-over-500", "title": "Spending over £500",
            "license_id": "uk-ogl", "license_title": "UK Open Government Licence (OGL)", "isopen": true,
            "metadata_created": "2019-04-02T09:12:44.120311", "metadata_modified": "2026-01-21T10:02:13.554012",
            "state": "active", "private": false, "type": "dataset", "num_resources": 2, "num_tags": 2,
            "organization": {"name": "example-council", "title": "Example Council", "type": "organization"},
            "tags": [{"name": "spend", "display_name": "spend"}, {"name": "transparency", "display_name": "transparency"}],
            "resources": [
              {"name": "Spend Q3 2025-26", "format": "CSV", "url": "https://data.example.gov.uk/spend-2025-q3.csv", "state": "active"},
              {"name": "Spend Q2 2025-26", "format": "CSV", "url": "https://data.example.gov.uk/spend-2025-q2.csv", "state": "active"}
            ]
          },
          {
            "id": "6a0c4c4e-4f65-4a55-9d0e-0f2b7f1c3a02", "name": "senior-salaries", "title": "Senior salaries",
            "license_id": "uk-ogl", "license_title": "UK Open Government Licence (OGL)", "isopen": true,
            "metadata_created": "2016-06-30T14:00:00.000000", "metadata_modified": "2024-07-30T08:41:09.100000",
            "state": "active", "private": false, "type": "dataset", "num_resources": 1, "num_tags": 0,
            "organization": {"name": "example-council", "title": "Example Council", "type": "organization"},
            "tags": [],
            "resources": [{"name": "Senior salaries 2023-24", "format": "XLSX", "url": "https://data.example.gov.uk/senior-salaries.xlsx", "state": "active"}]
          },
          {
            "id": "6a0c4c4e-4f65-4a55-9d0e-0f2b7f1c3a03", "name": "committee-minutes", "title": "Committee minutes",
            "license_id": "notspecified", "license_title": "License not specified", "isopen": false,
            "metadata_created": "2015-01-12T11:00:00.000000", "metadata_modified": "2021-03-02T16:20:00.000000",
            "state": "active", "private": false, "type": "dataset", "num_resources": 1, "num_tags": 0,
            "organization": {"name": "example-council", "title": "Example Council", "type": "organization"},
            "tags": [],
            "resources": [{"name": "Minutes", "format": "PDF", "url": "https://www.example.gov.uk/minutes.pdf", "state": "active"}]
          }
        ]
      }
    }
    """

/// A DCAT-US data.json with two datasets (one CC0 with CSV and JSON, one without a licence or files).
let exampleDCAT = """
    {
      "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
      "@type": "dcat:Catalog",
      "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
      "dataset": [
        {
          "@type": "dcat:Dataset",
          "title": "Parking spaces",
          "description": "Council car parks and on-street spaces, with tariffs.",
          "keyword": ["parking", "car parks", "transparency"],
          "modified": "2025-11-03",
          "publisher": {"@type": "org:Organization", "name": "Example Council"},
          "contactPoint": {"@type": "vcard:Contact", "fn": "Open Data Team", "hasEmail": "mailto:opendata@example.gov.uk"},
          "identifier": "https://data.example.gov.uk/id/parking-spaces",
          "accessLevel": "public",
          "license": "http://creativecommons.org/publicdomain/zero/1.0/",
          "distribution": [
            {"@type": "dcat:Distribution", "downloadURL": "https://data.example.gov.uk/parking.csv", "mediaType": "text/csv", "format": "CSV"},
            {"@type": "dcat:Distribution", "downloadURL": "https://data.example.gov.uk/parking.json", "mediaType": "application/json", "format": "JSON"}
          ]
        },
        {
          "@type": "dcat:Dataset",
          "title": "Constitution",
          "description": "The council's constitution.",
          "keyword": ["governance"],
          "modified": "2023-05-19T09:00:00Z",
          "publisher": {"@type": "org:Organization", "name": "Example Council"},
          "contactPoint": {"@type": "vcard:Contact", "fn": "Democratic Services", "hasEmail": "mailto:democracy@example.gov.uk"},
          "identifier": "https://data.example.gov.uk/id/constitution",
          "accessLevel": "public"
        }
      ]
    }
    """

// MARK: - datasets per 10,000 residents

/// Datasets published per 10,000 residents, counted from a catalogue export or given as a count.
public struct DatasetsPerResidentsAssessor: Assessor {
    let per: Double
    let thresholds: Thresholds

    public static let description = AssessorDescription(
        id: "open-data.datasets-per-10k", title: "Datasets published per 10,000 residents",
        purpose: "Counts the datasets in a catalogue export (CKAN package_search, DCAT-US data.json or a catalogue CSV), or takes a count, and divides by the population: datasets per 10,000 residents.",
        roles: [
            RoleDescription("datasets", type: "catalogue export file, or a number of datasets", "the datasets published"),
            RoleDescription("population", type: "number", "residents (organisation.population)"),
            RoleDescription("publisher", type: "text", required: false,
                            "count only datasets of this publisher (CKAN organization name or title, DCAT publisher name, CSV organization)"),
        ],
        parameters: [ParameterDescription("per", type: "number", default: "10000", "residents the rate is given per")]
            + Thresholds.parameterDescriptions,
        examples: [
            AssessorExample(parameters: "{thresholds: [0.5, 1.5, 4, 8, 15]}",
                            evidence: "datasets: {file: catalogue.json, source: measured}\npopulation: 12000",
                            files: ["catalogue.json": exampleCKAN], expect: .level(2.4)),
            AssessorExample(parameters: "{thresholds: [0.5, 1.5, 4, 8, 15]}",
                            evidence: "datasets: {file: data.json}\npopulation: 4000",
                            files: ["data.json": exampleDCAT], expect: .level(3.25)),
            AssessorExample(parameters: "{thresholds: [0.5, 1.5, 4, 8, 15]}",
                            evidence: "datasets: 68\npopulation: 165000", expect: .level(3.03)),
            AssessorExample(parameters: "{thresholds: [0.5, 1.5, 4, 8, 15]}",
                            evidence: "datasets: {file: catalogue.json}\npopulation: 12000",
                            files: ["catalogue.json": "{\"success\": true, \"result\": {\"count\": 1, \"results\": [{\"title\": \"A\"}"],
                            expect: .error("not valid JSON")),
            AssessorExample(parameters: "{thresholds: [0.5, 1.5, 4, 8, 15]}",
                            evidence: "datasets: {file: catalogue.json}\npopulation: 12000",
                            files: ["catalogue.json": "{\"help\": \"x\", \"success\": true, \"result\": {\"count\": 0, \"results\": []}}"],
                            expect: .error("lists no datasets")),
            AssessorExample(parameters: "{thresholds: [0.5, 1.5, 4, 8, 15]}", evidence: "population: 12000", expect: .notAssessed),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        let per = parameters["per"]?.number(in: 1...1_000_000_000) ?? 10_000
        guard var thresholds = Thresholds(parameters: parameters, scale: scale) else { return nil }
        if thresholds.unit.isEmpty { thresholds.unit = " per \(Format.number(per)) residents" }
        self.per = per
        self.thresholds = thresholds
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let evidence = try input.catalogueOrCount("datasets")
        let population = try input.number("population")
        guard population > 0 else {
            throw input.invalid("the population must be greater than zero, found \(Format.number(population))", at: try input.value("population"))
        }
        var findings: [Finding] = []
        let count: Double
        var source = ""
        switch evidence {
        case .count(let value, _):
            count = value
        case .catalogue(let catalogue):
            count = Double(catalogue.publishedCount)
            findings += catalogue.sourceFindings
            source = " in the \(catalogue.kind.rawValue)"
            if catalogue.publishedCount > catalogue.datasets.count {
                findings.append(Finding("declared-count", "Datasets the catalogue reports (result.count)", .number(count, unit: nil)))
                source += " (its reported count; the file holds \(catalogue.datasets.count))"
            }
        }
        let rate = count / population * per
        findings += [
            Finding("datasets", "Datasets published", .number(count, unit: nil)),
            Finding("population", "Residents", .number(population, unit: nil)),
            Finding("rate", "Datasets per \(Format.number(per)) residents", .number(rate, unit: nil)),
        ]
        let rationale = "\(Format.number(count, decimals: 0)) datasets\(source) for \(Format.number(population, decimals: 0)) residents: "
            + "\(Format.number(rate)) per \(Format.number(per)) residents. " + thresholds.explain(rate, measure: "The rate")
        return AssessorResult(.level(thresholds.level(for: rate)), rationale: rationale, findings: findings)
    }
}

// MARK: - shares

/// The part and whole of a share, read either from a catalogue (the measure's own count) or from two counts.
enum ShareInput {
    case catalogue(Catalogue)
    case counts(part: Double, whole: Double)

    /// Reads the `datasets` role (catalogue or the part's count) and, for a count, the `total` role.
    static func read(_ input: AssessorInput) throws(AssessmentIssue) -> ShareInput {
        switch try input.catalogueOrCount("datasets") {
        case .catalogue(let catalogue):
            return .catalogue(catalogue)
        case .count(let part, let node):
            let whole = try input.totalDatasets("total")
            guard part <= whole else {
                throw input.invalid("\(input.bindings["datasets"] ?? "datasets") (\(Format.number(part))) is more than the \(Format.number(whole)) datasets published",
                                    at: node, hint: "check both counts use the same catalogue")
            }
            return .counts(part: part, whole: whole)
        }
    }

    /// The findings and rationale opening for counts typed in.
    static func counted(part: Double, whole: Double, what: String, thresholds: Thresholds, measure: String) -> AssessorResult {
        let share = part / whole * 100
        return AssessorResult(
            .level(thresholds.level(for: share)),
            rationale: "\(Format.number(part, decimals: 0)) of \(Format.number(whole, decimals: 0)) datasets \(what) (\(Format.number(share, decimals: 1))%). "
                + thresholds.explain(share, measure: measure),
            findings: [
                Finding("datasets", "Datasets published", .number(whole, unit: nil)),
                Finding("counted", "Datasets \(what)", .number(part, unit: nil)),
                Finding("share", measure, .number(share, unit: "%")),
            ])
    }
}

/// The role descriptions the share assessors have in common.
func shareRoles(_ what: String) -> [RoleDescription] {
    [
        RoleDescription("datasets", type: "catalogue export file, or a number of datasets",
                        "the catalogue; or, as a number, how many datasets \(what)"),
        RoleDescription("total", type: "number, or catalogue export file", required: false,
                        "the number of datasets published, when datasets is a number"),
        RoleDescription("publisher", type: "text", required: false,
                        "count only datasets of this publisher (CKAN organization name or title, DCAT publisher name, CSV organization)"),
    ]
}

/// Thresholds with "%" as their default unit.
func percentThresholds(_ parameters: MappingReader, _ scale: Scale) -> Thresholds? {
    guard var thresholds = Thresholds(parameters: parameters, scale: scale) else { return nil }
    if thresholds.unit.isEmpty { thresholds.unit = "%" }
    return thresholds
}

/// "a (2), b (1)" counts of labels, most common first, then by name.
func tally(_ labels: [String]) -> [String] {
    var counts: [String: Int] = [:]
    for label in labels { counts[label, default: 0] += 1 }
    return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.key): \($0.value)" }
}

// MARK: - open licence

/// The share of datasets under an open licence (see ``OpenLicences``).
public struct OpenLicenceAssessor: Assessor {
    let thresholds: Thresholds

    public static let description = AssessorDescription(
        id: "open-data.open-licence", title: "Datasets under an open licence",
        purpose: "Reads each dataset's licence from a catalogue export (CKAN license_id, DCAT-US license, CSV license) and computes the share under an open licence (OGL, CC BY, CC BY-SA, CC0, ODC-BY, ODbL, PDDL, public domain); or divides two counts.",
        roles: shareRoles("are openly licensed"),
        parameters: Thresholds.parameterDescriptions,
        examples: [
            AssessorExample(parameters: "thresholds: [30, 60, 80, 95, 100]", evidence: "datasets: {file: catalogue.json}",
                            files: ["catalogue.json": exampleCKAN], expect: .level(2.333)),
            AssessorExample(parameters: "thresholds: [30, 60, 80, 95, 100]", evidence: "datasets: {file: data.json}",
                            files: ["data.json": exampleDCAT], expect: .level(1.667)),
            AssessorExample(parameters: "thresholds: [30, 60, 80, 95, 100]", evidence: "datasets: 59\ntotal: 68", expect: .level(3.452)),
            AssessorExample(parameters: "thresholds: [30, 60, 80, 95, 100]", evidence: "datasets: {file: catalogue.json}",
                            files: ["catalogue.json": """
                                {"success": true, "result": {"count": 1, "results": [
                                  {"title": "Spend", "metadata_modified": "2026-01-01T00:00:00", "resources": []}
                                ]}}
                                """],
                            expect: .error("catalogue.json line 2")),
            AssessorExample(parameters: "thresholds: [30, 60, 80, 95, 100]", evidence: "datasets: 70\ntotal: 68", expect: .error("more than")),
            AssessorExample(parameters: "thresholds: [30, 60, 80, 95, 100]", evidence: "datasets: 59", expect: .notAssessed),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        guard let thresholds = percentThresholds(parameters, scale) else { return nil }
        self.thresholds = thresholds
    }

    /// How one dataset's licence is judged: the licence shown, and the open family, if any.
    static func judge(_ dataset: CatalogueDataset) -> (label: String, family: String?) {
        guard let licence = dataset.licence.text else { return ("(no licence)", nil) }
        if let family = OpenLicences.family(of: licence) ?? dataset.licenceTitle.flatMap(OpenLicences.family(of:)) {
            return (licence, family)
        }
        if dataset.openFlag == true { return (licence, "open by the catalogue's own isopen flag") }
        return (licence, nil)
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let measure = "The share under an open licence"
        switch try ShareInput.read(input) {
        case .counts(let part, let whole):
            return ShareInput.counted(part: part, whole: whole, what: "carry an open licence", thresholds: thresholds, measure: measure)
        case .catalogue(let catalogue):
            try catalogue.require(.licence)
            let judged = catalogue.datasets.map { (dataset: $0, verdict: Self.judge($0)) }
            let open = judged.filter { $0.verdict.family != nil }
            let total = catalogue.datasets.count
            let share = Double(open.count) / Double(total) * 100
            var findings = catalogue.sourceFindings + [
                Finding("datasets", "Datasets in the file", .number(Double(total), unit: nil)),
                Finding("open", "Under an open licence", .number(Double(open.count), unit: nil)),
                Finding("share", "Share under an open licence", .number(share, unit: "%")),
                Finding("licences", "Licences", .list(tally(judged.map { "\($0.verdict.label) (\($0.verdict.family ?? "not open"))" }))),
            ]
            let closed = judged.filter { $0.verdict.family == nil }
            if !closed.isEmpty {
                findings.append(Finding("not-open", "Datasets not openly licensed",
                                        .list(ExportText.capped(closed.map { "\($0.dataset.title) (\($0.verdict.label))" }))))
            }
            let rationale = "\(open.count) of \(total) datasets in the \(catalogue.kind.rawValue) carry an open licence (\(Format.number(share, decimals: 1))%). "
                + thresholds.explain(share, measure: measure)
            return AssessorResult(.level(thresholds.level(for: share)), rationale: rationale, findings: findings)
        }
    }
}

// MARK: - machine-readable

/// The share of datasets with at least one file or service in an open, machine-readable format (3★ or more).
public struct MachineReadableAssessor: Assessor {
    let minStars: Int
    let thresholds: Thresholds

    public static let description = AssessorDescription(
        id: "open-data.machine-readable", title: "Datasets in open, machine-readable formats",
        purpose: "Rates every dataset's formats on the 5-star scheme (PDF 1★, Excel 2★, CSV/JSON/XML/API 3★, RDF/JSON-LD 4★) from a catalogue export (CKAN resources[].format, DCAT-US distribution[].mediaType/format, CSV formats) and computes the share with a format of 3★ or more; or divides two counts.",
        roles: shareRoles("are machine-readable"),
        parameters: [ParameterDescription("min-stars", type: "2, 3 or 4", default: "3",
                                          "the stars a dataset's best format needs to count")]
            + Thresholds.parameterDescriptions,
        examples: [
            AssessorExample(parameters: "thresholds: [10, 30, 55, 80, 95]", evidence: "datasets: {file: catalogue.json}",
                            files: ["catalogue.json": exampleCKAN], expect: .level(2.133)),
            AssessorExample(parameters: "thresholds: [10, 30, 55, 80, 95]", evidence: "datasets: {file: data.json}",
                            files: ["data.json": exampleDCAT], expect: .level(2.8)),
            AssessorExample(parameters: "{min-stars: 2, thresholds: [10, 30, 55, 80, 95]}", evidence: "datasets: {file: catalogue.json}",
                            files: ["catalogue.json": exampleCKAN], expect: .level(3.467)),
            AssessorExample(parameters: "thresholds: [10, 30, 55, 80, 95]", evidence: "datasets: 37\ntotal: 68", expect: .level(2.976)),
            AssessorExample(parameters: "thresholds: [10, 30, 55, 80, 95]", evidence: "datasets: {file: catalogue.json}",
                            files: ["catalogue.json": """
                                {"success": true, "result": {"count": 1, "results": [
                                  {"title": "Spend", "license_id": "uk-ogl", "resources": {"format": "CSV"}}
                                ]}}
                                """],
                            expect: .error("'resources' of 'Spend' (line 2) must be a list")),
            AssessorExample(parameters: "thresholds: [10, 30, 55, 80, 95]", evidence: "total: 68", expect: .notAssessed),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        let minStars = parameters["min-stars"]?.integer(in: 2...4) ?? 3
        guard let thresholds = percentThresholds(parameters, scale) else { return nil }
        self.minStars = minStars
        self.thresholds = thresholds
    }

    /// A dataset's stars: the best of its formats; 1★ when it has files of no recognised format; 0★ with no files.
    static func stars(_ dataset: CatalogueDataset) -> Int {
        guard let formats = dataset.formats, !formats.isEmpty else { return 0 }
        return formats.compactMap { FiveStar.stars(forFormat: $0) }.max() ?? 1
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let measure = "The share with a \(minStars)★ format"
        switch try ShareInput.read(input) {
        case .counts(let part, let whole):
            return ShareInput.counted(part: part, whole: whole, what: "are in a \(minStars)★ format", thresholds: thresholds, measure: measure)
        case .catalogue(let catalogue):
            try catalogue.require(.formats)
            let rated = catalogue.datasets.map { (dataset: $0, stars: Self.stars($0)) }
            let counted = rated.filter { $0.stars >= minStars }
            let total = rated.count
            let share = Double(counted.count) / Double(total) * 100
            var byStars: [String] = []
            for stars in stride(from: 4, through: 0, by: -1) {
                let n = rated.filter { $0.stars == stars }.count
                if n > 0 { byStars.append("\(FiveStar.label(stars)): \(n)" + (stars == 0 ? " (no files)" : "")) }
            }
            var formatLabels: [String] = []
            var unknown: [String] = []
            for dataset in catalogue.datasets {
                var seen = Set<String>()
                for format in dataset.formats ?? [] {
                    let name = format.isEmpty ? "(blank)" : format.uppercased()
                    guard seen.insert(name).inserted else { continue }
                    if let stars = FiveStar.stars(forFormat: format) {
                        formatLabels.append("\(name) \(FiveStar.label(stars))")
                    } else {
                        formatLabels.append("\(name) (not recognised)")
                        unknown.append(name)
                    }
                }
            }
            let sortedStars = rated.map(\.stars).sorted()
            let median = sortedStars[(sortedStars.count - 1) / 2]
            var findings = catalogue.sourceFindings + [
                Finding("datasets", "Datasets in the file", .number(Double(total), unit: nil)),
                Finding("machine-readable", "With a \(minStars)★ format or better", .number(Double(counted.count), unit: nil)),
                Finding("share", "Share with a \(minStars)★ format", .number(share, unit: "%")),
                Finding("by-stars", "Datasets by best format", .list(byStars)),
                Finding("typical-stars", "Typical (median) dataset", .text(FiveStar.label(median))),
                Finding("formats", "Datasets offering each format", .list(ExportText.capped(tally(formatLabels), limit: 10))),
            ]
            if !unknown.isEmpty {
                findings.append(Finding("unrecognised", "Formats not recognised (rated 1★ when alone)", .list(ExportText.capped(Array(Set(unknown)).sorted()))))
            }
            let below = rated.filter { $0.stars < minStars }
            if !below.isEmpty {
                findings.append(Finding("below", "Datasets below \(minStars)★", .list(ExportText.capped(below.map { "\($0.dataset.title) (\(FiveStar.label($0.stars)))" }))))
            }
            let rationale = "\(counted.count) of \(total) datasets in the \(catalogue.kind.rawValue) offer a \(minStars)★ format or better (\(Format.number(share, decimals: 1))%); the typical dataset reaches \(FiveStar.label(median)). "
                + thresholds.explain(share, measure: measure)
            return AssessorResult(.level(thresholds.level(for: share)), rationale: rationale, findings: findings)
        }
    }
}

// MARK: - freshness

/// The share of datasets modified in the months before an as-of date taken from the evidence.
public struct FreshnessAssessor: Assessor {
    let months: Int
    let asOf: CalendarDate?
    let thresholds: Thresholds

    public static let description = AssessorDescription(
        id: "open-data.freshness", title: "Datasets updated in the last 12 months",
        purpose: "Reads each dataset's last-modified date (CKAN metadata_modified, DCAT-US modified, CSV date_updated) and computes the share modified in the 12 months before an as-of date (the as-of fact, the as-of parameter, or the date: of the catalogue's fact; never the clock); or divides two counts.",
        roles: shareRoles("were updated in the period") + [
            RoleDescription("as-of", type: "date (YYYY-MM-DD)", required: false, "the date the months are counted back from"),
        ],
        parameters: [
            ParameterDescription("months", type: "whole number", default: "12", "how many months count as recent"),
            asOfDescription,
        ] + Thresholds.parameterDescriptions,
        examples: [
            AssessorExample(parameters: "thresholds: [20, 40, 60, 80, 95]", evidence: "datasets: {file: catalogue.json, date: 2026-03-31}",
                            files: ["catalogue.json": exampleCKAN], expect: .level(1.667)),
            AssessorExample(parameters: "{as-of: 2025-12-31, thresholds: [20, 40, 60, 80, 95]}", evidence: "datasets: {file: data.json}",
                            files: ["data.json": exampleDCAT], expect: .level(2.5)),
            AssessorExample(parameters: "thresholds: [20, 40, 60, 80, 95]", evidence: "datasets: {file: catalogue.json, date: 2026-03-31}\nas-of: 2024-12-31",
                            files: ["catalogue.json": exampleCKAN], expect: .level(3.333)),
            AssessorExample(parameters: "thresholds: [20, 40, 60, 80, 95]", evidence: "datasets: 40\ntotal: 68", expect: .level(2.941)),
            AssessorExample(parameters: "thresholds: [20, 40, 60, 80, 95]", evidence: "datasets: {file: catalogue.json}",
                            files: ["catalogue.json": exampleCKAN], expect: .error("no date to count back from")),
            AssessorExample(parameters: "{as-of: 2026-01-01, thresholds: [20, 40, 60, 80, 95]}", evidence: "datasets: {file: data.json}",
                            files: ["data.json": """
                                {"dataset": [
                                  {"title": "Parking spaces", "modified": "last Tuesday", "license": "http://creativecommons.org/publicdomain/zero/1.0/"}
                                ]}
                                """],
                            expect: .error("data.json line 2")),
            AssessorExample(parameters: "thresholds: [20, 40, 60, 80, 95]", evidence: "total: 68", expect: .notAssessed),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        let months = parameters["months"]?.integer(in: 1...120) ?? 12
        let asOf = asOfParameter(parameters)
        guard asOf.ok, let thresholds = percentThresholds(parameters, scale) else { return nil }
        self.months = months
        self.asOf = asOf.day
        self.thresholds = thresholds
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let measure = "The share updated in the last \(months) months"
        switch try ShareInput.read(input) {
        case .counts(let part, let whole):
            return ShareInput.counted(part: part, whole: whole, what: "were updated in the last \(months) months",
                                      thresholds: thresholds, measure: measure)
        case .catalogue(let catalogue):
            let dates = try catalogue.modifiedDates()
            guard let (asOf, source) = try input.asOfDate(parameter: self.asOf, exportFact: try input.fact("datasets")) else {
                throw catalogue.errors.whole("there is no date to count back from",
                                             hint: "give the catalogue's fact a date: (when it was exported), an as-of fact, or the as-of parameter")
            }
            let cutoff = asOf.adding(months: -months)
            var recent = 0, later = 0, repeating = 0
            var undated: [String] = []
            var stale: [(title: String, day: CalendarDate)] = []
            for (dataset, day) in zip(catalogue.datasets, dates) {
                if let day {
                    if day >= cutoff { recent += 1 } else { stale.append((dataset.title, day)) }
                    if day > asOf { later += 1 }
                } else if let text = dataset.modified.text, text.hasPrefix("R/") {
                    recent += 1
                    repeating += 1
                } else {
                    undated.append(dataset.title)
                }
            }
            let total = catalogue.datasets.count
            let share = Double(recent) / Double(total) * 100
            let known = dates.compactMap { $0 }.sorted()
            var findings = catalogue.sourceFindings + [
                Finding("as-of", "As of (from \(source))", .text(asOf.description)),
                Finding("cutoff", "Counted as updated if modified on or after", .text(cutoff.description)),
                Finding("date-field", "Date used", .text(catalogue.fieldNames[.modified] ?? "modified")),
                Finding("datasets", "Datasets in the file", .number(Double(total), unit: nil)),
                Finding("updated", "Updated in the last \(months) months", .number(Double(recent), unit: nil)),
                Finding("share", "Share updated in the last \(months) months", .number(share, unit: "%")),
            ]
            if let oldest = known.first, let newest = known.last {
                findings.append(Finding("range", "Oldest and newest dates", .text("\(oldest) to \(newest)")))
            }
            if repeating > 0 { findings.append(Finding("repeating", "Declared continuously updated (R/...)", .number(Double(repeating), unit: nil))) }
            if later > 0 { findings.append(Finding("after-as-of", "Modified after the as-of date (counted as updated)", .number(Double(later), unit: nil))) }
            if !undated.isEmpty { findings.append(Finding("undated", "No date (counted as not updated)", .list(ExportText.capped(undated)))) }
            if !stale.isEmpty {
                let oldestFirst = stale.sorted { $0.day < $1.day }.map { "\($0.title) (\($0.day))" }
                findings.append(Finding("stale", "Not updated since before \(cutoff)", .list(ExportText.capped(oldestFirst))))
            }
            let rationale = "\(recent) of \(total) datasets in the \(catalogue.kind.rawValue) were modified on or after \(cutoff), \(months) months before \(asOf) (from \(source)): \(Format.number(share, decimals: 1))%. "
                + thresholds.explain(share, measure: measure)
            return AssessorResult(.level(thresholds.level(for: share)), rationale: rationale, findings: findings)
        }
    }
}
