import AssessCore
import AssessKit
import Testing
import TestSupport

/// Issue 8 §3: required practices, minimum samples, whole-level self-ratings, working-hour response times,
/// canned replies, email as assisted contact and sitemap lastmod as "updated".
@Suite("Assessor rigour")
struct AssessorRigourTests {
    static func run(_ id: String, _ parameters: String, _ evidence: String, files: [String: String] = [:]) throws -> ExampleRunner.Outcome {
        let factory = try #require(AssessKit.registry.factory(id))
        return ExampleRunner.run(factory, AssessorExample(parameters: parameters, evidence: evidence, files: files, expect: .notAssessed))
    }

    static func finding(_ outcome: ExampleRunner.Outcome, _ id: String) -> Finding.Value? {
        outcome.result?.findings.first { $0.id == id }?.value
    }

    static let accessibility = """
        items:
          - {id: statement-published, label: Accessibility statement published, required-for: 3}
          - {id: style-guide, label: Style guide}
          - {id: owners, label: Every page has an owner}
          - {id: analytics, label: Analytics reviewed monthly}
        """

    // MARK: - Required practices

    @Test("a missing required practice caps a checklist below its level and says which practice holds it down")
    func checklistCap() throws {
        let outcome = try Self.run("checklist", Self.accessibility, "items: {statement-published: no, style-guide: yes, owners: yes, analytics: yes}")
        let result = try #require(outcome.result)
        #expect(result.level == 2)
        #expect(result.rationale.contains("Level capped at 2: 'Accessibility statement published' is required for level 3 and is not in place."))
        #expect(Self.finding(outcome, "capped-by") == .list(["Accessibility statement published"]))
        #expect(Self.finding(outcome, "required-missing") == .list(["Accessibility statement published (required for level 3)"]))

        // With it in place, the share decides and nothing is capped.
        let met = try Self.run("checklist", Self.accessibility, "items: {statement-published: yes, style-guide: yes, owners: yes, analytics: no}")
        #expect(met.result?.level == 4)
        #expect(met.result?.rationale.contains("capped") == false)
        #expect(Self.finding(met, "capped-by") == nil)
    }

    @Test("two missing practices required for the same level are both named")
    func checklistCapNamesEveryPractice() throws {
        let outcome = try Self.run("checklist", "{items: [{id: a, label: Audit, required-for: 4}, {id: b, label: Statement., required-for: 4}, {id: c, label: C}, {id: d, label: D}, {id: e, label: E}], thresholds: [0, 10, 20, 30, 40]}",
                                   "items: [c, d, e]")
        #expect(outcome.result?.level == 3)
        #expect(outcome.result?.rationale.contains("Level capped at 3: 'Audit' and 'Statement' are required for level 4 and are not in place.") == true)
    }

    @Test("required practices as a requires map: unknown ids, levels off the scale and clashes are located errors")
    func requiresValidation() throws {
        let items = "items: [{id: statement-published, label: S}, {id: audit, label: A, required-for: 4}]"
        let unknown = try Self.run("checklist", "{\(items), requires: {3: [statment-published]}}", "items: []")
        #expect(unknown.result == nil)
        let message = unknown.diagnostics.map(\.description).joined(separator: "\n")
        #expect(message.contains("unknown checklist item 'statment-published' under requires"))
        #expect(message.contains("did you mean 'statement-published'?"))
        #expect(unknown.diagnostics.first?.location.line == 1)

        let level = try Self.run("checklist", "{\(items), requires: {6: [statement-published]}}", "items: []")
        #expect(level.diagnostics.map(\.description).joined().contains("'6' under requires is not a level from 2 to 5"))

        let clash = try Self.run("checklist", "{\(items), requires: {3: [audit]}}", "items: []")
        #expect(clash.diagnostics.map(\.description).joined().contains("item 'audit' is already required for level 4"))

        let inline = try Self.run("checklist", "items: [{id: a, label: A, required-for: 6}]", "items: []")
        #expect(inline.diagnostics.map(\.description).joined().contains("must be a whole number from 2 to 5, found 6"))
        let one = try Self.run("checklist", "items: [{id: a, label: A, required-for: 1}]", "items: []")
        #expect(one.diagnostics.map(\.description).joined().contains("from 2 to 5, found 1"))
    }

    @Test("explain and evidence templates say 'required for level N' for required items and staged statements")
    func factSpecShowsRequiredLevel() throws {
        let factory = try #require(AssessKit.registry.factory("checklist"))
        let document = try YAMLParser.parse("{items: [{id: s, label: Statement, required-for: 3}, {id: t, label: Training}]}", file: "p.yaml")
        let context = DecodingContext(document: document)
        let root = try #require(document.root)
        let reader = try #require(NodeReader(node: root, path: "parameters", context: context)
            .mapping(keys: factory.description.parameters.map(\.name)))
        let assessor = try #require(factory.make(reader, .standard))
        let spec = try #require(assessor.evidenceSpec.first)
        #expect(spec.forms.first?.choices.map(\.requiredFor) == [3, nil])
        let text = EvidenceTemplate.describe(spec).joined(separator: "\n")
        #expect(text.contains("s (required for level 3): Statement"))
        #expect(!text.contains("t (required"))

        let staged = try #require(AssessKit.registry.factory("staged"))
        let stagedDoc = try YAMLParser.parse("statements: [{id: policy, level: 2, text: A policy}]", file: "q.yaml")
        let stagedContext = DecodingContext(document: stagedDoc)
        let stagedRoot = try #require(stagedDoc.root)
        let stagedReader = try #require(NodeReader(node: stagedRoot, path: "parameters", context: stagedContext)
            .mapping(keys: staged.description.parameters.map(\.name)))
        let stagedSpec = try #require(staged.make(stagedReader, .standard)?.evidenceSpec.first)
        #expect(EvidenceTemplate.describe(stagedSpec).joined(separator: "\n").contains("policy (required for level 2): A policy"))
    }

    // MARK: - Self-ratings

    @Test("a 1-10 self-rating gives whole levels by even bands, capped at self-reported confidence")
    func selfRatingBands() throws {
        var levels: [Double] = []
        for rating in 1...10 {
            let outcome = try Self.run("self-rating", "{min: 1, max: 10}", "rating: \(rating)")
            levels.append(outcome.result?.level ?? -1)
            #expect(outcome.result?.confidence == 0.5)
        }
        #expect(levels == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
        let seven = try Self.run("self-rating", "{min: 1, max: 10}", "rating: 7")
        #expect(seven.result?.rationale.contains("in the band 7-8, which gives level 4") == true)
        // The older fractional mapping only when asked for.
        let linear = try Self.run("self-rating", "{min: 1, max: 10, mapping: linear}", "rating: 3")
        #expect(abs((linear.result?.level ?? 0) - 1.8889) < 0.001)
        #expect(linear.result?.confidence == 0.5)
        // 0-10 (eleven ratings) on five levels: 0-2, 3-4, 5-6, 7-8, 9-10.
        let zeroBased = try (0...10).map { try Self.run("self-rating", "{min: 0, max: 10}", "rating: \($0)").result?.level ?? -1 }
        #expect(zeroBased == [1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
    }

    @Test("declared bands must cover the range, not overlap and rise with the ratings")
    func selfRatingBandErrors() throws {
        let gap = try Self.run("self-rating", "{min: 1, max: 10, bands: [{from: 1, to: 5, level: 1}, {from: 6, to: 9, level: 3}]}", "rating: 1")
        #expect(gap.diagnostics.map(\.description).joined().contains("must cover every rating from 1 to 10"))
        let overlap = try Self.run("self-rating", "{min: 1, max: 10, bands: [{from: 1, to: 5, level: 1}, {from: 5, to: 10, level: 3}]}", "rating: 1")
        #expect(overlap.diagnostics.map(\.description).joined().contains("overlaps the band 1-5"))
        let falling = try Self.run("self-rating", "{min: 1, max: 10, bands: [{from: 1, to: 5, level: 3}, {from: 6, to: 10, level: 2}]}", "rating: 1")
        #expect(falling.diagnostics.map(\.description).joined().contains("cannot give a lower level"))
        let outside = try Self.run("self-rating", "{min: 1, max: 10, bands: [{from: 0, to: 10, level: 1}]}", "rating: 1")
        #expect(outside.diagnostics.map(\.description).joined().contains("between 1 and 10, found 0"))
        let ok = try Self.run("self-rating", "{min: 1, max: 10, bands: [{from: 1, to: 5, level: 1}, {from: 6, to: 10, level: 3}]}", "rating: 5.5")
        #expect(ok.result?.level == 1)
    }

    // MARK: - Minimum samples

    @Test("below the minimum sample: confidence capped, or no level with the reason")
    func minimumSample() throws {
        let result = AssessorResult(.level(4), rationale: "Measured.")
        let lower = MinimumSample(minimum: 20, unit: "pages")
        let capped = try lower.apply(count: 3, to: result)
        #expect(capped.outcome == .level(4))
        #expect(capped.confidenceCap == 0.5)
        #expect(capped.rationale == "Measured. Confidence is capped at 50%: only 3 pages were measured, fewer than the minimum of 20 this criterion needs.")
        #expect(try lower.apply(count: 20, to: result) == result)
        let refuse = MinimumSample(minimum: 20, below: .notAssessed, unit: "pages")
        #expect(throws: AssessmentIssue.self) { try refuse.apply(count: 19, to: result) }

        // Through an assessor: three sample pages against the default minimum of 20.
        let page = "Report a missed bin. You can report it online. We will collect it in 3 days.\n"
        let files = ["pages/a.txt": page, "pages/b.txt": page, "pages/c.txt": page]
        let few = try Self.run("content.readability", "{thresholds: [16, 14, 12, 10, 9], direction: lower}", "text: {file: pages, source: measured}", files: files)
        #expect(few.result?.status == .assessed)
        #expect(few.result?.confidence == 0.5)
        #expect(few.result?.rationale.contains("only 3 pages were measured, fewer than the minimum of 20") == true)
        let refused = try Self.run("content.readability", "{thresholds: [16, 14, 12, 10, 9], direction: lower, below-minimum: not-assessed}",
                                   "text: {file: pages, source: measured}", files: files)
        #expect(refused.result?.status == .notAssessed)
        #expect(refused.result?.rationale.contains("Only 3 pages were measured") == true)
        let enough = try Self.run("content.readability", "{thresholds: [16, 14, 12, 10, 9], direction: lower, minimum-sample: 3}",
                                  "text: {file: pages, source: measured}", files: files)
        #expect(enough.result?.confidence == 1)

        let bad = try Self.run("content.readability", "{thresholds: [16, 14, 12, 10, 9], direction: lower, below-minimum: ignore}", "text: 12")
        #expect(bad.diagnostics.map(\.description).joined().contains("below-minimum"))
    }

    // MARK: - Response time in working hours

    @Test("response time counts working hours: Friday evening to Monday morning is half an hour, not 64 hours")
    func workingHours() throws {
        let inbox = """
            platform,received,response minutes
            Facebook,2025-04-04 17:30,3840
            Facebook,2025-04-05 10:00,1440
            Facebook,04/04/2025 16:30,60
            """
        let outcome = try Self.run("digital-engagement.response-time", "{thresholds: [16, 8, 4, 2, 1], direction: lower, minimum-sample: 1}",
                                   "response-time: {file: inbox.csv}", files: ["inbox.csv": inbox])
        // Friday 17:30 + 64h = Monday 09:30: 30 working minutes. Saturday 10:00 + 24h = Sunday 10:00: none.
        // Friday 16:30 + 1h = 17:30: 30 working minutes. Median 30 minutes = 0.5 working hours.
        #expect(Self.finding(outcome, "median-hours") == .number(0.5, unit: "working hours"))
        #expect(outcome.result?.level == 5)
        #expect(outcome.result?.rationale.contains("0.5 working hours") == true)
        let elapsed = try Self.run("digital-engagement.response-time", "{thresholds: [16, 8, 4, 2, 1], direction: lower, clock: elapsed, minimum-sample: 1}",
                                   "response-time: {file: inbox.csv}", files: ["inbox.csv": inbox])
        #expect(Self.finding(elapsed, "median-hours") == .number(24, unit: "hours"))

        let bad = try Self.run("digital-engagement.response-time", "{thresholds: [16, 8, 4, 2, 1], direction: lower}",
                               "response-time: {file: inbox.csv}", files: ["inbox.csv": "platform,received,response minutes\nFacebook,soon,30\n"])
        #expect(bad.result?.status == .error)
        #expect(bad.result?.rationale.contains("'soon' in column 'received' is not a date and time") == true)
        let hours = try Self.run("digital-engagement.response-time", "{thresholds: [16, 8, 4, 2, 1], direction: lower, working-hours: 17:00-09:00}", "response-time: 3")
        #expect(hours.diagnostics.map(\.description).joined().contains("working-hours must be two times"))
    }

    // MARK: - Canned replies

    @Test("replies that repeat one text cap the conversation ratio")
    func cannedReplies() throws {
        var rows = ["\"Tweet id\",\"Tweet text\",\"time\",\"impressions\",\"engagements\",\"replies\""]
        for index in 0..<12 {
            let text = index < 4 ? "@r\(index) Sorry to hear that, the crew will be back on street \(index)." : "@r\(index) Thanks for getting in touch! Please report it at https://t.co/\(index)"
            rows.append("\"\(index)\",\"\(text)\",\"2025-08-01 10:00 +0000\",\"10\",\"1\",\"1\"")
        }
        let outcome = try Self.run("digital-engagement.conversation-ratio", "thresholds: [5, 15, 30, 45, 60]",
                                   "replies: {file: tweets.csv}", files: ["tweets.csv": rows.joined(separator: "\n") + "\n"])
        // 12 replies to 12 received (100 per 100, level 5); 8 of the 12 replies are one text: 67% > 50%.
        #expect(outcome.result?.level == 2)
        #expect(outcome.result?.rationale.contains("Level capped at 2: 67% of the 12 replies repeat another reply word for word") == true)
        let relaxed = try Self.run("digital-engagement.conversation-ratio", "{thresholds: [5, 15, 30, 45, 60], canned-limit: 70}",
                                   "replies: {file: tweets.csv}", files: ["tweets.csv": rows.joined(separator: "\n") + "\n"])
        #expect(relaxed.result?.level == 5)
    }

    @Test("the largest figures the readers accept give a result or an error, never a trap")
    func hugeNumbersDoNotTrap() throws {
        // 9e15 is about the largest figure the number readers accept (larger is refused where it is read).
        let ratio = try Self.run("digital-engagement.conversation-ratio", "thresholds: [5, 15, 30, 45, 60]", "{replies: 9e15, received: 9e15}")
        #expect(ratio.result?.status == .assessed)
        #expect(ratio.result?.rationale.contains("Confidence is capped") == false, "9e15 received is above any minimum")
        let inbox = "platform,received,response minutes\nFacebook,2025-04-04 17:30,9000000000000000\n"
        let slow = try Self.run("digital-engagement.response-time", "{thresholds: [16, 8, 4, 2, 1], direction: lower}",
                                "response-time: {file: inbox.csv}", files: ["inbox.csv": inbox])
        #expect(slow.result?.level == 1)
        let sent = "platform,period,replies sent,median response minutes\nFacebook,2025-04,9000000000000000,30\n"
        let many = try Self.run("digital-engagement.response-time", "{thresholds: [16, 8, 4, 2, 1], direction: lower}",
                                "response-time: {file: social.csv}", files: ["social.csv": sent])
        #expect(many.result?.status == .assessed)
        let scale = try Self.run("self-rating", "{min: 0, max: 9e15}", "rating: 5")
        #expect(scale.diagnostics.map(\.description).joined().contains("at most 1,000,000 points"))
    }

    // MARK: - Email is assisted contact

    @Test("email is assisted contact, not digital self-service, unless a rubric says otherwise")
    func emailIsNotSelfService() throws {
        let outcome = try Self.run("channel-shift.channel-mix", "thresholds: [10, 25, 45, 65, 80]",
                                   "volumes: {phone: 500, email: 400, web: 100}")
        #expect(Self.finding(outcome, "digital-share") == .number(10, unit: "%"))
        let counted = try Self.run("channel-shift.channel-mix", "{thresholds: [10, 25, 45, 65, 80], digital: [web, email]}",
                                   "volumes: {phone: 500, email: 400, web: 100}")
        #expect(Self.finding(counted, "digital-share") == .number(50, unit: "%"))
    }
}
