import AssessCore

// The evidence the digital-engagement assessors read: export formats with the start of a file they accept.

enum DigitalEngagementFormats {
    static let analytics = ExportFormat("social media analytics CSV", extensions: ["csv"], sample: """
        platform,period,posts,comments received,mentions received,messages received,replies sent,median response minutes,followers
        Facebook,2025-04,59,521,0,223,196,513,20880
        """)
    static let tweets = ExportFormat("X (Twitter) tweet activity CSV", extensions: ["csv"], sample: """
        "Tweet id","Tweet permalink","Tweet text","time","impressions","engagements",...,"replies",...
        """)
    static let count = FactForm.number(unit: nil, min: 0, max: nil)
}

extension ConversationRatioAssessor {
    /// Replies sent and messages received, or an analytics export holding both.
    public var evidenceSpec: [FactSpec] {
        FactSpec.derived(from: Self.description.roles,
                         formats: ["replies": [DigitalEngagementFormats.analytics, DigitalEngagementFormats.tweets]],
                         forms: ["replies": DigitalEngagementFormats.count, "received": DigitalEngagementFormats.count])
    }
}

extension ReachAssessor {
    /// Followers, or an analytics export with a followers column; the rate is per residents.
    public var evidenceSpec: [FactSpec] {
        FactSpec.derived(from: Self.description.roles, formats: ["followers": [DigitalEngagementFormats.analytics]],
                         forms: ["followers": DigitalEngagementFormats.count])
    }
}

extension ResponseTimeAssessor {
    /// The median hours to a first reply, or an analytics export.
    public var evidenceSpec: [FactSpec] {
        FactSpec.derived(from: Self.description.roles, formats: ["response-time": [DigitalEngagementFormats.analytics]],
                         forms: ["response-time": .number(unit: "hours", min: 0, max: nil)])
    }
}
