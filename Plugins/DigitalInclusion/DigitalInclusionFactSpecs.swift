import AssessCore

// The evidence the digital-inclusion assessors read: export formats with the start of a file they accept.

enum DigitalInclusionFormats {
    static let coverage = ExportFormat("ONS/Ofcom coverage CSV", extensions: ["csv"], sample: """
        areacd,areanm,geography,indicator,period,observation,measure,unit
        E07000123,Anytown,Local authority,Gigabit capable broadband,2026-01-01,87.8,Percentage,%
        """)
    static let survey = ExportFormat("residents' survey CSV, one row per respondent", extensions: ["csv"], sample: """
        Response ID,Date submitted,Mode,Age group,"Q14. On a scale of 0 to 10, how confident are you using the internet?"
        R-00001,2024-11-25,telephone,45-54,6
        """)
}

extension CoverageAssessor {
    /// A coverage export, or the percentage for the area.
    public var evidenceSpec: [FactSpec] {
        FactSpec.derived(from: Self.description.roles, formats: ["coverage": [DigitalInclusionFormats.coverage]],
                         forms: ["coverage": .number(unit: "%", min: 0, max: 100)])
    }
}

extension ResidentConfidenceAssessor {
    /// A survey export, or the percentage of confident residents.
    public var evidenceSpec: [FactSpec] {
        FactSpec.derived(from: Self.description.roles, formats: ["survey": [DigitalInclusionFormats.survey]],
                         forms: ["survey": .number(unit: "%", min: 0, max: 100)])
    }
}
