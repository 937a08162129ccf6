import AssessCore

// The evidence the open-data assessors read: catalogue formats with the start of a file they accept.

enum OpenDataFormats {
    static let ckan = ExportFormat("CKAN package_search JSON (data.gov.uk, a council's CKAN)", extensions: ["json"], sample: """
        {"success": true, "result": {"count": 68, "results": [{"name": "...", "title": "...",
         "license_id": "uk-ogl", "metadata_modified": "2026-03-02T10:00:00", "resources": [...]}]}}
        """)
    static let dcat = ExportFormat("DCAT data.json catalogue", extensions: ["json"], sample: """
        {"@type": "dcat:Catalog", "dataset": [{"title": "...", "modified": "2026-03-02",
         "license": "...", "distribution": [{"format": "CSV", "downloadURL": "..."}]}]}
        """)
    static let csv = ExportFormat("catalogue CSV", extensions: ["csv"], sample: """
        file,organization,license,date_updated,formats,gss
        _datasets/air-quality.md,Anytown Council,https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/,2023-07-13,CSV;JSON,E07000123
        """)
    static let catalogues = [ckan, dcat, csv]
    static let count = FactForm.number(unit: nil, min: 0, max: nil)
}

extension DatasetsPerResidentsAssessor {
    /// A catalogue export or a count of datasets, and the population.
    public var evidenceSpec: [FactSpec] {
        FactSpec.derived(from: Self.description.roles, formats: ["datasets": OpenDataFormats.catalogues],
                         forms: ["datasets": OpenDataFormats.count, "population": .number(unit: "residents", min: 1, max: nil)])
    }
}

extension OpenLicenceAssessor {
    /// A catalogue export, or the datasets under an open licence with the total.
    public var evidenceSpec: [FactSpec] {
        FactSpec.derived(from: Self.description.roles, formats: ["datasets": OpenDataFormats.catalogues, "total": OpenDataFormats.catalogues],
                         forms: ["datasets": OpenDataFormats.count, "total": OpenDataFormats.count])
    }
}

extension MachineReadableAssessor {
    /// A catalogue export, or the machine-readable datasets with the total.
    public var evidenceSpec: [FactSpec] {
        FactSpec.derived(from: Self.description.roles, formats: ["datasets": OpenDataFormats.catalogues, "total": OpenDataFormats.catalogues],
                         forms: ["datasets": OpenDataFormats.count, "total": OpenDataFormats.count])
    }
}

extension FreshnessAssessor {
    /// A catalogue export, or the datasets updated in time with the total.
    public var evidenceSpec: [FactSpec] {
        FactSpec.derived(from: Self.description.roles, formats: ["datasets": OpenDataFormats.catalogues, "total": OpenDataFormats.catalogues],
                         forms: ["datasets": OpenDataFormats.count, "total": OpenDataFormats.count])
    }
}

extension TransparencyCodeAssessor {
    /// A catalogue export, or which of the Code's items are published and current.
    public var evidenceSpec: [FactSpec] {
        let choices = items.map { Choice($0.id, $0.label) }
        return FactSpec.derived(from: Self.description.roles, formats: ["items": OpenDataFormats.catalogues],
                                forms: ["items": .checklist(choices), "nothing-to-publish": .list(choices)])
    }
}
