import AssessCore

/// Channel shift: moving contact to cheaper, better digital channels without shutting anyone out.
public enum ChannelShiftPlugin: AssessorPlugin {
    public static let name = "channel-shift"
    public static let assessors: [any Assessor.Type] = [ChannelMixAssessor.self]
}
