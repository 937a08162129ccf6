import AssessCore

/// Digital engagement: social media used for two-way conversation, backed by policy and training.
///
/// Its assessors read social media analytics exports (a documented platform-by-period layout, and the real
/// X/Twitter analytics exports where they can give the measure): see docs/plugins/digital-engagement.md.
/// Policy, training and listening stay staged statements and options in the rubric.
public enum DigitalEngagementPlugin: AssessorPlugin {
    public static let name = "digital-engagement"
    public static let assessors: [any Assessor.Type] = [
        ConversationRatioAssessor.self, ResponseTimeAssessor.self, ReachAssessor.self,
    ]
}
