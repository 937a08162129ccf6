import AssessCore

/// The conversation ratio: replies the organisation sent for every hundred comments, mentions and messages
/// people sent it, with how much of what it published was broadcast rather than reply.
public struct ConversationRatioAssessor: Assessor {
    let thresholds: Thresholds
    let sample: MinimumSample
    /// Above this share of replies repeating another reply's text, the level is capped.
    let cannedLimit: Double
    /// The level canned replies cap the criterion at.
    let cannedCap: Int

    /// Why 100 received: below it one or two replies move the ratio across a whole level band (a band is 10
    /// to 15 points wide), and the 95% margin of a share of 100 is about +/-10 points.
    static let defaultMinimumReceived = 100
    /// Fewer replies than this are too few to judge whether they repeat one text.
    static let cannedMinimumReplies = 10

    /// A small export in the neutral layout, for the examples.
    static let neutralExport = """
        platform,period,posts,comments received,mentions received,messages received,replies sent,median response minutes,followers
        Facebook,2025-04,62,840,0,310,330,420,18400
        X,2025-04,75,90,260,40,120,300,9100
        Instagram,2025-04,30,210,0,50,50,,6200

        """

    /// The first rows of a real X (Twitter) tweet activity export, trimmed to the columns read here
    /// (format: analytics.twitter.com "Tweet activity" export).
    static let tweetExport = """
        "Tweet id","Tweet permalink","Tweet text","time","impressions","engagements","engagement rate","retweets","replies","likes"
        "1432793754507923461","https://twitter.com/BrackenfordBC/status/1432793754507923461","@resident_ab Thanks, we've passed this to the waste team and they will collect tomorrow.","2025-08-31 19:53 +0000","89.0","5.0","0.056179775280898875","0.0","1.0","0.0"
        "1432747650101747715","https://twitter.com/BrackenfordBC/status/1432747650101747715","Garden waste renewals are open until 30 September: https://t.co/abc","2025-08-31 16:50 +0000","1870.0","45.0","0.024064171122994651","4.0","6.0","12.0"
        "1432745435295371269","https://twitter.com/BrackenfordBC/status/1432745435295371269","Road closure on the High Street this weekend for resurfacing.","2025-08-31 16:41 +0000","2110.0","60.0","0.028436018957345974","9.0","3.0","20.0"

        """

    public static let description = AssessorDescription(
        id: "digital-engagement.conversation-ratio", title: "Conversation, not broadcast",
        purpose: "Computes replies sent per 100 comments, mentions and messages received, by platform and overall, and the share of what was published that was broadcast rather than reply, from a social media analytics export (the neutral platform-by-period layout, or the X/Twitter tweet activity export, where a tweet starting with @ is a reply and 'replies' counts replies received); or divides two counts.",
        roles: [
            RoleDescription("replies", type: "number of replies sent, or a social media analytics export (CSV)",
                            "replies the organisation sent (from an export, both counts are read from it)"),
            RoleDescription("received", type: "number", required: false,
                            "comments, mentions and messages received (read only when 'replies' is a number)"),
        ],
        parameters: [
            ParameterDescription("canned-limit", type: "percentage", default: "50",
                                 "when the export has each reply's text (X tweet activity) and more than this share of at least 10 replies repeat another reply word for word (ignoring @names, links, case and punctuation), the replies are canned"),
            ParameterDescription("canned-cap", type: "level", default: "2", "the highest level canned replies can reach"),
        ] + MinimumSample.parameterDescriptions(default: defaultMinimumReceived, unit: "comments, mentions and messages received",
                                                 why: "below 100 one or two replies move the ratio across a level band")
            + Thresholds.parameterDescriptions,
        examples: [
            // 12 replies to 12 replies received, 10 of them the same acknowledgement: 100 per 100 would be level 5,
            // but 83% of the replies repeat another word for word, so the level is capped at 2.
            AssessorExample(parameters: "thresholds: [5, 15, 30, 45, 60]", evidence: "replies: {file: tweets.csv}",
                            files: ["tweets.csv": cannedExport], expect: .level(2)),
            // 500 replies to 1,800 received: 27.78%, between level 2 (15) and level 3 (30).
            AssessorExample(parameters: "thresholds: [5, 15, 30, 45, 60]", evidence: "replies: {file: social.csv}",
                            files: ["social.csv": neutralExport], expect: .level(2.8519)),
            // One reply tweet to 10 replies received: 10%, half way from level 1 (5) to level 2 (15).
            AssessorExample(parameters: "thresholds: [5, 15, 30, 45, 60]", evidence: "replies: {file: tweets.csv}",
                            files: ["tweets.csv": tweetExport], expect: .level(1.5)),
            AssessorExample(parameters: "thresholds: [5, 15, 30, 45, 60]", evidence: "{replies: 3300, received: 11800}",
                            expect: .level(2.8644)),
            AssessorExample(parameters: "thresholds: [5, 15, 30, 45, 60]", evidence: "replies: {file: social.csv}",
                            files: ["social.csv": "platform,period,posts,comments received,replies sent\nFacebook,2025-04,62,840,many\n"],
                            expect: .error("'many' in column 'replies sent' is not a number")),
            AssessorExample(parameters: "thresholds: [5, 15, 30, 45, 60]", evidence: "replies: {file: daily.csv}",
                            files: ["daily.csv": "\"Date\",\"Tweets published\",\"impressions\",\"engagements\",\"replies\"\n\"2025-08-01\",\"3\",\"1088\",\"13\",\"2\"\n"],
                            expect: .error("cannot give the conversation ratio")),
            AssessorExample(parameters: "thresholds: [5, 15, 30, 45, 60]", evidence: "{replies: 10, received: 0}",
                            expect: .error("nothing received")),
            AssessorExample(parameters: "thresholds: [5, 15, 30, 45, 60]", evidence: "replies: 290", expect: .notAssessed),
        ])

    /// An X (Twitter) tweet activity export whose replies are mostly one acknowledgement.
    static let cannedExport: String = {
        var lines = ["\"Tweet id\",\"Tweet text\",\"time\",\"impressions\",\"engagements\",\"replies\""]
        for index in 0..<10 {
            lines.append("\"10\(index)\",\"@resident\(index) Thanks for getting in touch. Please report this at https://t.co/x\(index)\",\"2025-08-0\(index % 9 + 1) 10:00 +0000\",\"50\",\"1\",\"1\"")
        }
        lines.append("\"120\",\"@resident_ab The crew will return for your bin tomorrow morning.\",\"2025-08-10 10:00 +0000\",\"40\",\"1\",\"1\"")
        lines.append("\"121\",\"@resident_cd The road reopens on Monday.\",\"2025-08-11 10:00 +0000\",\"40\",\"1\",\"1\"")
        return lines.joined(separator: "\n") + "\n"
    }()

    /// A reply's text reduced to its words: @names, links, case and punctuation dropped.
    static func normalised(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
            .filter { !$0.hasPrefix("@") && !$0.lowercased().hasPrefix("http") }
            .map { String($0.lowercased().filter { $0.isLetter || $0.isNumber }) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    public init?(parameters: MappingReader, scale: Scale) {
        guard let sample = MinimumSample(parameters: parameters, default: Self.defaultMinimumReceived,
                                         unit: "comments, mentions and messages received") else { return nil }
        self.sample = sample
        cannedLimit = parameters["canned-limit"]?.number(in: 0...100) ?? 50
        cannedCap = parameters["canned-cap"]?.integer(in: 1...scale.top) ?? min(2, scale.top)
        guard let thresholds = Thresholds(parameters: parameters, scale: scale) else { return nil }
        var t = thresholds
        if t.unit.isEmpty { t.unit = "%" }
        self.thresholds = t
    }

    /// Counts for one platform.
    struct Counts: Sendable {
        var posts: Double? = nil
        var received: Double = 0
        var replies: Double = 0
        var impressions: Double? = nil
        var engagements: Double? = nil
        /// Each reply's text reduced to its words, when the export has it.
        var replyTexts: [String] = []
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        guard input.hasFile("replies") else {
            let replies = try input.number("replies")
            let received = try input.number("received")
            guard received > 0 else {
                throw input.invalid("nothing received: \(input.bindings["received"] ?? "received") is \(Format.number(received))",
                                    at: try input.value("received"), hint: "count the comments, mentions and messages people sent")
            }
            guard replies >= 0 else { throw input.invalid("replies sent cannot be negative", at: try input.value("replies")) }
            let ratio = replies / received * 100
            return try sample.apply(measured: received, to: AssessorResult(
                .level(thresholds.level(for: ratio)),
                rationale: "\(Format.number(replies, decimals: 0)) replies to \(Format.number(received, decimals: 0)) comments, mentions and messages received "
                    + "(\(Format.number(ratio, decimals: 1)) per 100). " + thresholds.explain(ratio, measure: "The conversation ratio"),
                findings: [
                    Finding("replies-sent", "Replies sent", .number(replies, unit: nil)),
                    Finding("received", "Comments, mentions and messages received", .number(received, unit: nil)),
                    Finding("conversation-ratio", "Replies per 100 received", .number(ratio, unit: "%")),
                ]))
        }
        let export = try SocialExport(try input.file("replies"))
        let (platforms, counts, kinds) = try read(export)
        let total = counts.values.reduce(Counts()) { sum, next in
            var sum = sum
            sum.received += next.received
            sum.replies += next.replies
            if let posts = next.posts { sum.posts = (sum.posts ?? 0) + posts }
            if let value = next.impressions { sum.impressions = (sum.impressions ?? 0) + value }
            if let value = next.engagements { sum.engagements = (sum.engagements ?? 0) + value }
            sum.replyTexts += next.replyTexts
            return sum
        }
        guard total.received > 0 else {
            throw export.file.error("nothing received: the export counts no \(kinds) in any row", line: export.headerLine,
                                    hint: "a conversation ratio needs what people sent the organisation")
        }
        let ratio = total.replies / total.received * 100
        var findings = [
            Finding("export", "Social media analytics export", .text(export.summary())),
            Finding("platforms", "Platforms present", .list(platforms)),
            Finding("received", "Received (\(kinds))", .number(total.received, unit: nil)),
            Finding("replies-sent", "Replies sent", .number(total.replies, unit: nil)),
        ]
        var broadcast: Double?
        if let posts = total.posts {
            findings.insert(Finding("posts", "Posts (broadcasts)", .number(posts, unit: nil)), at: 2)
            if posts + total.replies > 0 {
                let share = posts / (posts + total.replies) * 100
                broadcast = share
                findings.append(Finding("broadcast-share", "Broadcasts as a share of everything published", .number(share, unit: "%")))
            }
        }
        findings.append(Finding("conversation-ratio", "Replies per 100 received", .number(ratio, unit: "%")))
        if platforms.count > 1 || export.layout == .neutral {
            findings.append(Finding("by-platform", "By platform", .list(platforms.map { name in
                let c = counts[name] ?? Counts()
                let r = c.received > 0 ? Format.number(c.replies / c.received * 100, decimals: 1) + " per 100" : "nothing received"
                return "\(name): \(Format.number(c.replies, decimals: 0)) replies to \(Format.number(c.received, decimals: 0)) received (\(r))"
                    + (c.posts.map { "; \(Format.number($0, decimals: 0)) posts" } ?? "")
            })))
        }
        if let impressions = total.impressions, let engagements = total.engagements, impressions > 0 {
            findings.append(Finding("impressions", "Impressions", .number(impressions, unit: nil)))
            findings.append(Finding("engagements", "Engagements", .number(engagements, unit: nil)))
            findings.append(Finding("engagement-rate", "Engagement rate", .number(engagements / impressions * 100, unit: "%")))
        }
        if export.layout == .tweetActivity {
            findings.append(Finding("method", "How the X export was read",
                                    .text("a tweet whose text starts with @ is a reply sent; 'replies' counts replies received to the account's tweets (mentions outside reply threads are not in this export)")))
        }
        var rationale = "\(Format.number(total.replies, decimals: 0)) \(total.replies == 1 ? "reply" : "replies") to \(Format.number(total.received, decimals: 0)) \(kinds) received "
            + "(\(Format.number(ratio, decimals: 1)) per 100)"
        if let broadcast { rationale += "; \(Format.number(broadcast, decimals: 0))% of what was published was broadcast" }
        rationale += ". " + thresholds.explain(ratio, measure: "The conversation ratio")
        var level = thresholds.level(for: ratio)
        if total.replyTexts.count >= Self.cannedMinimumReplies {
            var seen: [String: Int] = [:]
            for text in total.replyTexts { seen[text, default: 0] += 1 }
            let repeated = total.replyTexts.filter { (seen[$0] ?? 0) > 1 }.count
            let share = Double(repeated) / Double(total.replyTexts.count) * 100
            findings.append(Finding("repeated-replies", "Replies repeating another reply word for word", .number(share, unit: "%")))
            if share > cannedLimit, level > Double(cannedCap) {
                level = Double(cannedCap)
                rationale += " Level capped at \(cannedCap): \(Format.number(share, decimals: 0))% of the \(total.replyTexts.count) replies repeat another reply word for word "
                    + "(more than \(Format.number(cannedLimit))%), so they are canned acknowledgements rather than conversation."
            }
        }
        return try sample.apply(measured: total.received,
                                to: AssessorResult(.level(level), rationale: rationale, findings: findings))
    }

    /// Counts by platform, the platforms in order, and what "received" counts.
    func read(_ export: SocialExport) throws(AssessmentIssue) -> ([String], [String: Counts], String) {
        let table = export.table
        var counts: [String: Counts] = [:]
        var order: [String] = []
        func add(_ platform: String, _ change: (inout Counts) -> Void) {
            if counts[platform] == nil { order.append(platform) }
            change(&counts[platform, default: Counts()])
        }
        switch export.layout {
        case .dailyTweetActivity:
            throw export.cannotGive("the conversation ratio", because: "its 'replies' column counts replies received, and 'Tweets published' does not separate the account's replies from its broadcasts",
                                    hint: "use the tweet activity export (tweet_activity_metrics_….csv), which has each tweet's text")
        case .tweetActivity:
            let text = try table.require(["tweet text"], for: "the conversation ratio")
            let replies = try table.require(["replies"], for: "the conversation ratio")
            let impressions = table.column(["impressions"]), engagements = table.column(["engagements"])
            for row in table.rows {
                let isReply = table.text(row, text).hasPrefix("@")
                let received = try table.count(row, replies)
                var shown: Double?, engaged: Double?
                if let column = impressions { shown = try table.optionalCount(row, column) }
                if let column = engagements { engaged = try table.optionalCount(row, column) }
                let words = isReply ? Self.normalised(table.text(row, text)) : ""
                add(SocialExport.twitter) { c in
                    c.received += received
                    if isReply { c.replies += 1; c.replyTexts.append(words) } else { c.posts = (c.posts ?? 0) + 1 }
                    if let shown { c.impressions = (c.impressions ?? 0) + shown }
                    if let engaged { c.engagements = (c.engagements ?? 0) + engaged }
                }
            }
            return (order, counts, "replies")
        case .neutral:
            let platform = try export.platformColumn(for: "the conversation ratio")
            let sent = try table.require(SocialExport.Columns.repliesSent, for: "the conversation ratio")
            let posts = table.column(SocialExport.Columns.posts)
            var inbound: [(column: Int, kind: String)] = []
            if let column = table.column(SocialExport.Columns.received) {
                inbound = [(column, "comments, mentions and messages")]
            } else {
                for (names, kind) in [(SocialExport.Columns.comments, "comments"), (SocialExport.Columns.mentions, "mentions"),
                                      (SocialExport.Columns.messages, "messages")] {
                    if let column = table.column(names) { inbound.append((column, kind)) }
                }
            }
            guard !inbound.isEmpty else {
                throw export.file.error("no column of comments, mentions or messages received, which the conversation ratio needs",
                                        line: export.headerLine, column: 1,
                                        hint: "add 'comments received', 'mentions received' and/or 'messages received'; the columns are: \(table.table.header.joined(separator: ", "))")
            }
            for row in table.rows {
                let name = try export.platform(row, platform)
                var received = 0.0
                for column in inbound { received += try table.count(row, column.column) }
                let replies = try table.count(row, sent)
                var published: Double?
                if let posts { published = try table.count(row, posts) }
                add(name) { c in
                    c.received += received
                    c.replies += replies
                    if let published { c.posts = (c.posts ?? 0) + published }
                }
            }
            let kinds = inbound.map(\.kind)
            let described = kinds.count <= 1 ? kinds.joined() : kinds.dropLast().joined(separator: ", ") + " and " + (kinds.last ?? "")
            return (order, counts, described)
        }
    }
}
