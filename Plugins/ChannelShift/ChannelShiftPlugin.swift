import AssessCore

/// Channel shift: moving contact to cheaper, better digital channels without shutting anyone out.
///
/// Its assessors read contact-centre exports (contacts by channel, service and month, with avoidable contacts
/// marked) and service lists: see docs/plugins/channel-shift.md.
public enum ChannelShiftPlugin: AssessorPlugin {
    public static let name = "channel-shift"
    public static let assessors: [any Assessor.Type] = [
        ChannelMixAssessor.self, DigitalTrendAssessor.self, AvoidableContactAssessor.self, EndToEndServicesAssessor.self,
    ]
}
