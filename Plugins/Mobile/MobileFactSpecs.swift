import AssessCore

// The evidence the mobile assessors read: export formats with the start of a file they accept.

enum MobileFormats {
    static let ga4 = ExportFormat("Google Analytics CSV ('#' preamble lines allowed)", extensions: ["csv"], sample: """
        Device category,Sessions
        mobile,1330000
        """)
    static let matomo = ExportFormat("Matomo device-type CSV", extensions: ["csv"], sample: """
        label,nb_uniq_visitors,nb_visits
        Smartphone,2884311,3690000
        """)
    static let usa = ExportFormat("analytics.usa.gov devices CSV or JSON", extensions: ["csv", "json"], sample: """
        date,device,visits
        2026-03-01,mobile,51234
        """)
    static let lighthouse = ExportFormat("Lighthouse JSON report (a file, a folder of reports or an index)", extensions: ["json"], sample: """
        {"lighthouseVersion": "12.8.2", "finalDisplayedUrl": "https://www.example.gov.uk/",
         "configSettings": {"formFactor": "mobile"},
         "categories": {"performance": {"score": 0.91}}, "audits": {...}}
        """)
    static let tasks = ExportFormat("top tasks test sheet CSV", extensions: ["csv"], sample: """
        Task,Completed on phone,Volume,Tested on,Notes
        Report a missed bin collection,yes,31200,"Samsung Galaxy A15, iPhone SE",
        """)
    static let count = FactForm.number(unit: nil, min: 0, max: nil)
}

extension DeviceShareAssessor {
    /// An analytics export by device, or phone visits with all visits.
    public var evidenceSpec: [FactSpec] {
        FactSpec.derived(from: Self.description.roles, formats: ["visits": [MobileFormats.ga4, MobileFormats.matomo, MobileFormats.usa]],
                         forms: ["visits": MobileFormats.count, "total": MobileFormats.count])
    }
}

extension LighthouseAssessor {
    /// Lighthouse reports, or the measure already worked out (0 to 100).
    public var evidenceSpec: [FactSpec] {
        FactSpec.derived(from: Self.description.roles, formats: ["reports": [MobileFormats.lighthouse]],
                         forms: ["reports": .number(unit: nil, min: 0, max: 100)])
    }
}

extension TopTasksAssessor {
    /// A test sheet, or the tasks completed with the number of top tasks.
    public var evidenceSpec: [FactSpec] {
        FactSpec.derived(from: Self.description.roles, formats: ["tasks": [MobileFormats.tasks]],
                         forms: ["tasks": MobileFormats.count, "total": MobileFormats.count])
    }
}
