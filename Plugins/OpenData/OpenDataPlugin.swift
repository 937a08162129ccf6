import AssessCore

/// Open data: datasets published openly, in machine-readable formats, and kept up to date.
///
/// Its assessors read a catalogue export (a CKAN `package_search` response, a DCAT-US `data.json`, or a
/// catalogue CSV such as opendata.scot's) and compute datasets per 10,000 residents, the shares under an
/// open licence, in machine-readable formats and updated recently, and the Transparency Code datasets present.
public enum OpenDataPlugin: AssessorPlugin {
    public static let name = "open-data"
    public static let assessors: [any Assessor.Type] = [
        DatasetsPerResidentsAssessor.self, OpenLicenceAssessor.self, MachineReadableAssessor.self,
        FreshnessAssessor.self, TransparencyCodeAssessor.self,
    ]
}
