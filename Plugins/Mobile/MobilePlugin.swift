import AssessCore

/// Mobile: services that work on the phones most residents use.
///
/// Reads Lighthouse JSON reports for key pages (category scores, viewport and tap-target audits), a web
/// analytics export of visits by device category, and a top-tasks test sheet. See docs/plugins/mobile.md.
public enum MobilePlugin: AssessorPlugin {
    public static let name = "mobile"
    public static let assessors: [any Assessor.Type] = [
        LighthouseAssessor.self, DeviceShareAssessor.self, TopTasksAssessor.self,
    ]
}
