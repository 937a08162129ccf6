import AssessCore
import AssessKit
import Foundation
import Testing
import TestSupport

/// The channel-shift and digital-engagement plugins against genuine files (Fixtures/channel-engagement, see
/// its README): every measure is checked against figures worked out by hand from the same files.
@Suite("Channel shift and digital engagement plugins")
struct ChannelShiftAndEngagementPluginTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/channel-engagement")

    static let tweets = "tweet_activity_metrics_LisaDeBruine_20210801_20210901_en.trimmed.csv"
    static let daily = "daily_tweet_activity_metrics_LisaDeBruine_20210801_20210901_en.csv"
    static let welwyn = "welwyn-hatfield-contacts-2018-19.csv"

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// Runs an assessor on evidence whose facts may name the given files (written beside the evidence).
    static func run(_ id: String, _ parameters: String, _ evidence: String, files: [String: String] = [:]) throws -> ExampleRunner.Outcome {
        let factory = try #require(AssessKit.registry.factory(id))
        return ExampleRunner.run(factory, AssessorExample(parameters: parameters, evidence: evidence, files: files, expect: .notAssessed))
    }

    static func value(_ outcome: ExampleRunner.Outcome, _ id: String) -> Finding.Value? {
        outcome.result?.findings.first(where: { $0.id == id })?.value
    }

    static func number(_ outcome: ExampleRunner.Outcome, _ id: String) -> Double? {
        if case .number(let value, _) = value(outcome, id) { return value }
        return nil
    }

    static func list(_ outcome: ExampleRunner.Outcome, _ id: String) -> [String] {
        if case .list(let items) = value(outcome, id) { return items }
        return []
    }

    static func close(_ a: Double?, _ b: Double, within: Double = 1e-6) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= within
    }

    // MARK: - Channel shift

    @Test func socitmDefaultsAreThePublishedBenchmark() throws {
        // GDS Digital Efficiency Report, annex 5, figure 23: "£8.62 per face-to-face visit; £2.83 per phone call; £0.15 per online visit".
        let text = try Self.fixture("efficiency_annex5_table04.csv")
        let table = try CSVTable(text: text, file: "efficiency_annex5_table04.csv", headerContaining: "Source")
        let socitm = try #require(table.rows.first(where: { $0[2].contains("Socitm") }))
        var published: [String: Double] = [:]
        for part in socitm[0].split(separator: ";") {
            let words = part.split(separator: " ")
            guard let amount = words.first.flatMap({ Double($0.dropFirst()) }) else { continue }
            if part.contains("face-to-face") { published["face-to-face"] = amount }
            if part.contains("phone") { published["phone"] = amount }
            if part.contains("online") { published["web"] = amount }
        }
        let expected: [String: Double] = ["face-to-face": 8.62, "phone": 2.83, "web": 0.15]
        #expect(published == expected)
        // The assessor's defaults are those figures: one contact on each channel costs £8.62 + £2.83 + £0.15.
        let outcome = try Self.run("channel-shift.channel-mix", "thresholds: [20, 35, 50, 65, 80]",
                                   "volumes: {face-to-face: 1, phone: 1, web: 1}")
        #expect(Self.close(Self.number(outcome, "cost-to-serve"), 8.62 + 2.83 + 0.15))
        #expect(Self.value(outcome, "unit-costs") == .text("face-to-face £8.62, phone £2.83, web £0.15"))
    }

    @Test func theSocitmDefaultsStateTheirPriceYearAndAreUpratedOnlyByANamedIndex() throws {
        let plain = try Self.run("channel-shift.channel-mix", "thresholds: [20, 35, 50, 65, 80]", "volumes: {face-to-face: 1, phone: 1, web: 1}")
        #expect(Self.value(plain, "price-basis") == .text("2012 prices (Socitm 2012 unit costs, not uprated)"))
        // Index values here are test numbers (100 → 150), not published figures: the factor is their ratio.
        let uprate = "{thresholds: [20, 35, 50, 65, 80], uprate: {index: Test index, from: 2012-13, to: 2025-26, from-value: 100, to-value: 150}}"
        let uprated = try Self.run("channel-shift.channel-mix", uprate, "volumes: {face-to-face: 1, phone: 1, web: 1}")
        #expect(uprated.diagnostics.isEmpty, "\(uprated.diagnostics)")
        #expect(Self.close(Self.number(uprated, "cost-to-serve"), (8.62 + 2.83 + 0.15) * 1.5))
        #expect(Self.value(uprated, "price-basis") == .text("2025-26 prices (Socitm 2012 unit costs uprated from 2012-13 to 2025-26 by Test index)"))
        // The organisation's own cost wins over the uprated default.
        let own = try Self.run("channel-shift.channel-mix", uprate, "{volumes: {face-to-face: 1, phone: 1, web: 1}, unit-costs: {phone: 3}}")
        #expect(Self.close(Self.number(own, "cost-to-serve"), (8.62 + 0.15) * 1.5 + 3))
        #expect(Self.value(own, "price-basis") == .text("the organisation's own unit costs where given, 2025-26 prices (Socitm 2012 unit costs uprated from 2012-13 to 2025-26 by Test index) for the rest"))
        // When the organisation's own costs cover every channel with contacts, no default is used or named.
        let allOwn = try Self.run("channel-shift.channel-mix", uprate, "{volumes: {phone: 10, web: 10, face-to-face: 0}, unit-costs: {phone: 3, web: 0.2}}")
        #expect(Self.value(allOwn, "price-basis") == .text("the organisation's own unit costs"))
    }

    @Test func welwynHatfieldPublishedContactsEmailIsAssisted() throws {
        let outcome = try Self.run("channel-shift.channel-mix", "thresholds: [20, 35, 50, 65, 80]", "volumes: {file: contacts.csv}",
                                   files: ["contacts.csv": try Self.fixture(Self.welwyn)])
        let result = try #require(outcome.result)
        // By default only the website's 360,000 are self-service; email's 400,000 are assisted contact.
        #expect(Self.number(outcome, "digital-contacts") == 360_000)
        #expect(Self.close(Self.number(outcome, "digital-share"), 360_000.0 / 1_530_000 * 100))
        let share: Double = 360_000.0 / 1_530_000 * 100
        let expectedLevel: Double = 1 + (share - 20) / 15
        #expect(Self.close(result.level, expectedLevel))
        // To reach 80% (1,224,000): move 864,000 from phone (600k), visits (20k), letters (150k) and email (400k);
        // email and letters have no benchmark cost, so only phone and visits save money.
        #expect(Self.close(Self.number(outcome, "contacts-to-move"), 864_000, within: 0.01))
        let phoneSaving: Double = 864_000.0 * 600 / 1_170 * (2.83 - 0.15)
        let visitSaving: Double = 864_000.0 * 20 / 1_170 * (8.62 - 0.15)
        #expect(Self.close(Self.number(outcome, "saving-at-target"), phoneSaving + visitSaving, within: 0.01))
        #expect(result.rationale.contains("360,000 of 1,530,000 contacts are digital (23.5%)"))
    }

    @Test func welwynHatfieldPublishedContacts() throws {
        // Counting email as digital, as a rubric may still choose with 'digital:'.
        let outcome = try Self.run("channel-shift.channel-mix", "{thresholds: [20, 35, 50, 65, 80], digital: [web, email, chat, social, app]}",
                                   "volumes: {file: contacts.csv}", files: ["contacts.csv": try Self.fixture(Self.welwyn)])
        let result = try #require(outcome.result)
        #expect(result.status == .assessed, "\(result.rationale)")
        // 1,530,000 contacts; email 400,000 and website 360,000 are digital: 760,000 / 1,530,000 = 49.673%.
        #expect(Self.number(outcome, "total-contacts") == 1_530_000)
        #expect(Self.number(outcome, "digital-contacts") == 760_000)
        #expect(Self.close(Self.number(outcome, "digital-share"), 760_000.0 / 1_530_000 * 100))
        let expected1: Double = 2 + (760_000.0 / 1_530_000 * 100 - 35) / 15
        #expect(Self.close(result.level, expected1))
        // Socitm 2012: 600,000 × £2.83 + 20,000 × £8.62 + 360,000 × £0.15 = £1,924,400 (email and letters have no benchmark).
        #expect(Self.close(Self.number(outcome, "cost-to-serve"), 1_924_400, within: 0.01))
        #expect(Self.close(Self.number(outcome, "cost-per-contact"), 1_924_400.0 / 980_000))
        #expect(Set(Self.list(outcome, "uncosted-channels")) == ["email", "post"])
        // To reach 80%: move 464,000 contacts, in proportion, from phone (600k), visits (20k) and letters (150k) to the web.
        #expect(Self.close(Self.number(outcome, "contacts-to-move"), 464_000, within: 0.01))
        let saving = 464_000.0 * 600 / 770 * (2.83 - 0.15) + 464_000.0 * 20 / 770 * (8.62 - 0.15)
        #expect(Self.close(Self.number(outcome, "saving-at-target"), saving, within: 0.01))
        #expect(Self.close(saving, 1_071_056.62, within: 0.01))
        #expect(result.rationale.contains("760,000 of 1,530,000 contacts are digital (49.7%)"))
    }

    @Test func unitCostsFromEvidenceOverrideTheBenchmark() throws {
        let costs = "channel,cost per contact\nTelephone,3.10\nEmail,1.85\nLetter,5.40\n"
        let outcome = try Self.run("channel-shift.channel-mix", "thresholds: [20, 35, 50, 65, 80]",
                                   "{volumes: {file: contacts.csv}, unit-costs: {file: costs.csv}}",
                                   files: ["contacts.csv": try Self.fixture(Self.welwyn), "costs.csv": costs])
        // Own costs for phone, email and letters; the benchmark still prices visits and the web.
        let expected = 600_000 * 3.10 + 400_000 * 1.85 + 20_000 * 8.62 + 150_000 * 5.40 + 360_000 * 0.15
        #expect(Self.close(Self.number(outcome, "cost-to-serve"), expected, within: 0.01))
        #expect(Self.value(outcome, "uncosted-channels") == nil)
    }

    @Test func gdsCaseStudiesAsAContactExport() throws {
        // The 17 GDS case-study services (volume, % digital), written as a contact export: one online row and one
        // offline row per service. Digital share by hand: 61,523,890 of 97,035,000 transactions = 63.4038%.
        let text = try Self.fixture("efficiency_annex1_table01.csv")
        let table = try CSVTable(text: text, file: "efficiency_annex1_table01.csv", headerContaining: "Service")
        #expect(table.rows.count == 17)
        var export = "service,channel,contacts\n"
        for row in table.rows {
            let volume = try table.number(row, 2), share = try table.number(row, 3)
            export += "\"\(row[1])\",Online,\(volume * share / 100)\n\"\(row[1])\",Offline,\(volume * (100 - share) / 100)\n"
        }
        let outcome = try Self.run("channel-shift.channel-mix", "thresholds: [20, 35, 50, 65, 80]", "volumes: {file: gds.csv}",
                                   files: ["gds.csv": export])
        #expect(Self.close(Self.number(outcome, "total-contacts"), 97_035_000, within: 0.01))
        #expect(Self.close(Self.number(outcome, "digital-share"), 61_523_890.0 / 97_035_000 * 100))
        #expect(Self.list(outcome, "digital-share-by-service").first == "Vehicle excise duty: 47% of 43,630,000")
        #expect(Self.list(outcome, "digital-share-by-service").last == "and 7 more services")
    }

    @Test func aBadCellNamesTheFileAndLine() throws {
        let broken = try Self.fixture(Self.welwyn).replacingOccurrences(of: "Telephone,600000", with: "Telephone,six hundred thousand")
        let outcome = try Self.run("channel-shift.channel-mix", "thresholds: [20, 35, 50, 65, 80]", "volumes: {file: exports/contacts.csv}",
                                   files: ["exports/contacts.csv": broken])
        #expect(outcome.result?.status == .error)
        let diagnostic = try #require(outcome.diagnostics.first)
        #expect(diagnostic.file.hasSuffix("exports/contacts.csv"))
        #expect(diagnostic.location.line == 2)
        #expect(diagnostic.location.column == 2)
        #expect(diagnostic.message.contains("'six hundred thousand' in column 'contacts' is not a number"))
        #expect(diagnostic.sourceLine == "Telephone,six hundred thousand")
    }

    @Test func aMissingFileIsAnErrorNamingIt() throws {
        let outcome = try Self.run("channel-shift.digital-trend", "thresholds: [0, 1, 3, 5, 8]", "volumes: {file: exports/nowhere.csv}",
                                   files: ["exports/other.csv": "x\n"])
        #expect(outcome.result?.status == .error)
        #expect(outcome.result?.rationale.contains("the file 'exports/nowhere.csv' named by volumes does not exist") == true)
    }

    @Test func digitalTrendOverAYear() throws {
        // Twelve months; the digital share rises by one point a month from 40% (phone 600, web 400 of 1,000).
        var text = "Month,Service,Channel,Contacts\n"
        let months = ["2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12",
                      "2026-01", "2026-02", "2026-03"]
        for (index, month) in months.enumerated() {
            text += "\(month),Council tax,Telephone,\(600 - 10 * index)\n\(month),Council tax,Web form,\(400 + 10 * index)\n"
        }
        let outcome = try Self.run("channel-shift.digital-trend", "thresholds: [0, 1, 3, 5, 8]", "volumes: {file: contacts.csv}",
                                   files: ["contacts.csv": text])
        // First quarter 41% (40, 41, 42), last quarter 50% (49, 50, 51): +9 points, level 5.
        #expect(Self.close(Self.number(outcome, "start-share"), 41))
        #expect(Self.close(Self.number(outcome, "end-share"), 50))
        #expect(Self.close(Self.number(outcome, "change"), 9))
        #expect(Self.number(outcome, "months-apart") == 9)
        #expect(outcome.result?.level == 5)
        #expect(Self.list(outcome, "monthly-digital-share").first == "2025-04: 40%")
    }

    @Test func avoidableContactFromARowPerContactExport() throws {
        let text = """
            Case ref,Date received,Channel,Service,Demand type
            CT-1,01/02/2026,Telephone,Council tax,Failure
            CT-2,01/02/2026,Telephone,Council tax,Value
            CT-3,02/02/2026,Telephone,Council tax,Failure
            WR-1,02/02/2026,Web form,Waste and recycling,Value
            WR-2,03/02/2026,Email,Waste and recycling,Failure
            WR-3,03/02/2026,Email,Waste and recycling,
            HB-1,03/02/2026,Office visits,Housing benefit,Value
            HB-2,04/02/2026,Office visits,Housing benefit,Maybe

            """
        let outcome = try Self.run("channel-shift.avoidable-contact", "{thresholds: [50, 40, 30, 20, 10], direction: lower}",
                                   "avoidable: {file: sample.csv}", files: ["sample.csv": text])
        let diagnostic = try #require(outcome.diagnostics.first)
        #expect(diagnostic.location.line == 9)
        #expect(diagnostic.message.contains("'Maybe' in column 'Demand type' is not a demand type"))

        let fixed = text.replacingOccurrences(of: "Maybe", with: "Value")
        let good = try Self.run("channel-shift.avoidable-contact", "{thresholds: [50, 40, 30, 20, 10], direction: lower}",
                                "avoidable: {file: sample.csv}", files: ["sample.csv": fixed])
        // 3 failure of 7 classified (WR-3 is not classified): 42.857%.
        #expect(Self.number(good, "contacts-classified") == 7)
        #expect(Self.number(good, "avoidable-contacts") == 3)
        #expect(Self.number(good, "not-classified") == 1)
        #expect(Self.close(Self.number(good, "avoidable-share"), 300.0 / 7))
        let expected2: Double = 1 + (50 - 300.0 / 7) / 10
        #expect(Self.close(good.result?.level, expected2))
        let byChannel: [String] = ["phone: 2 of 3 (66.7%)", "email: 1 of 1 (100%)", "face-to-face: 0 of 2 (0%)", "web: 0 of 1 (0%)"]
        #expect(Self.list(good, "by-channel") == byChannel)
    }

    @Test func endToEndFromAServiceList() throws {
        let text = """
            LGSL,Service,Transactional,End to end,Annual transactions
            524,Report a missed bin collection,Yes,Yes,14200
            1161,Pay council tax,Yes,Yes,61000
            1152,Apply for a council tax discount,Yes,No,5200
            1134,Apply for a resident parking permit,Yes,No,3100
            1002,Apply for a blue badge,Yes,No,2400
            35,Find your bin collection day,No,No,

            """
        let outcome = try Self.run("channel-shift.end-to-end", "thresholds: [10, 25, 45, 65, 85]", "services: {file: services.csv}",
                                   files: ["services.csv": text])
        #expect(Self.number(outcome, "services-total") == 5)
        #expect(Self.number(outcome, "services-end-to-end") == 2)
        #expect(Self.close(Self.number(outcome, "end-to-end-share"), 40))
        #expect(Self.close(Self.number(outcome, "transactions-end-to-end-share"), 75_200.0 / 85_900 * 100))
        let expected3: Double = 2 + 15.0 / 20
        #expect(Self.close(outcome.result?.level, expected3))
        #expect(Self.list(outcome, "not-end-to-end").first == "Apply for a council tax discount (not online, 5,200 a year)")
    }

    // MARK: - Digital engagement

    @Test func conversationRatioFromTheRealTweetExport() throws {
        let outcome = try Self.run("digital-engagement.conversation-ratio", "thresholds: [5, 15, 30, 45, 60]",
                                   "replies: {file: tweets.csv}", files: ["tweets.csv": try Self.fixture(Self.tweets)])
        let result = try #require(outcome.result)
        #expect(result.status == .assessed, "\(result.rationale)")
        // Of the 20 tweets, 18 start with @ (replies sent) and 2 are broadcasts; the 'replies' column adds up to 30.
        #expect(Self.number(outcome, "replies-sent") == 18)
        #expect(Self.number(outcome, "posts") == 2)
        #expect(Self.number(outcome, "received") == 30)
        #expect(Self.close(Self.number(outcome, "conversation-ratio"), 60))
        #expect(Self.close(Self.number(outcome, "broadcast-share"), 10))
        #expect(Self.number(outcome, "impressions") == 5505)
        #expect(Self.number(outcome, "engagements") == 276)
        #expect(Self.close(Self.number(outcome, "engagement-rate"), 276.0 / 5505 * 100))
        #expect(result.level == 5)
        #expect(Self.list(outcome, "platforms") == ["X (Twitter)"])
        #expect(Self.value(outcome, "export") == .text("tweets.csv (X (Twitter) tweet activity export, 20 rows, 2021-08-31)"))
    }

    @Test func aBadCellInTheRealTweetExportNamesItsLine() throws {
        // Tweet 1432745435295371269 starts on line 8: the tweet before it spans lines 3 to 7 (line breaks in its text). Its 'replies' is column 9.
        let text = try Self.fixture(Self.tweets)
        let start = try #require(text.range(of: "\"1432745435295371269\""))
        let line = text[..<start.lowerBound].filter { $0 == "\n" }.count + 1
        #expect(line == 8)
        let cell = try #require(text.range(of: "\"0.09090909090909091\",\"0.0\",\"1.0\"", range: start.lowerBound..<text.endIndex))
        let broken = text.replacingCharacters(in: cell, with: "\"0.09090909090909091\",\"0.0\",\"n/a\"")
        let outcome = try Self.run("digital-engagement.conversation-ratio", "thresholds: [5, 15, 30, 45, 60]",
                                   "replies: {file: x/tweets.csv}", files: ["x/tweets.csv": broken])
        #expect(outcome.result?.status == .error)
        let diagnostic = try #require(outcome.diagnostics.first)
        #expect(diagnostic.file.hasSuffix("x/tweets.csv"))
        #expect(diagnostic.location.line == line)
        #expect(diagnostic.location.column == 9)
        #expect(diagnostic.message.contains("'n/a' in column 'replies' is not a number"))
    }

    @Test("the daily X export cannot give these measures, and says so on its header line",
          arguments: [("digital-engagement.conversation-ratio", "replies", "the conversation ratio"),
                      ("digital-engagement.response-time", "response-time", "the median response time"),
                      ("digital-engagement.reach", "followers", "the followers")])
    func dailyExportErrors(id: String, role: String, measure: String) throws {
        let outcome = try Self.run(id, "thresholds: [1, 2, 3, 4, 5]", "\(role): {file: daily.csv}",
                                   files: ["daily.csv": try Self.fixture(Self.daily)])
        #expect(outcome.result?.status == .error)
        let diagnostic = try #require(outcome.diagnostics.first)
        #expect(diagnostic.file.hasSuffix("daily.csv"))
        #expect(diagnostic.location.line == 1)
        #expect(diagnostic.message.contains("the X (Twitter) daily activity export cannot give \(measure)"))
    }

    static let neutral = """
        platform,period,posts,comments received,mentions received,messages received,replies sent,median response minutes,followers
        Facebook,2025-04,62,840,0,310,330,420,18400
        X,2025-04,75,90,260,40,120,300,9100
        Facebook,2025-05,58,790,0,290,340,380,18900
        X,2025-05,70,85,240,35,110,280,9300
        Instagram,2025-05,30,210,0,50,50,,6200

        """

    @Test func neutralLayoutGivesAllThreeMeasures() throws {
        let conversation = try Self.run("digital-engagement.conversation-ratio", "thresholds: [5, 15, 30, 45, 60]",
                                        "replies: {file: social.csv}", files: ["social.csv": Self.neutral])
        // Received 1,150 + 390 + 1,080 + 360 + 260 = 3,240; replies 950; posts 295.
        #expect(Self.number(conversation, "received") == 3240)
        #expect(Self.number(conversation, "replies-sent") == 950)
        #expect(Self.close(Self.number(conversation, "conversation-ratio"), 950.0 / 3240 * 100))
        #expect(Self.close(Self.number(conversation, "broadcast-share"), 295.0 / 1245 * 100))
        let platforms: [String] = ["Facebook", "X (Twitter)", "Instagram"]
        #expect(Self.list(conversation, "platforms") == platforms)

        let response = try Self.run("digital-engagement.response-time", "{thresholds: [48, 24, 8, 4, 1], direction: lower}",
                                    "response-time: {file: social.csv}", files: ["social.csv": Self.neutral])
        // Medians weighted by replies: 280 (110), 300 (120), 380 (340), 420 (330): half of 900 is reached at 380 minutes.
        #expect(Self.close(Self.number(response, "median-hours"), 380.0 / 60))
        #expect(Self.number(response, "periods-without-time") == 1)

        let reach = try Self.run("digital-engagement.reach", "thresholds: [50, 125, 250, 400, 550]",
                                 "followers: {file: social.csv}", files: ["social.csv": Self.neutral])
        // Latest: Facebook 18,900 + X 9,300 + Instagram 6,200 = 34,400 for the example's 100,000 residents.
        #expect(Self.number(reach, "followers") == 34_400)
        #expect(Self.close(Self.number(reach, "reach"), 344))
        let byPlatform: [String] = ["Facebook: 18,900 (2025-05)", "X (Twitter): 9,300 (2025-05)", "Instagram: 6,200 (2025-05)"]
        #expect(Self.list(reach, "followers-by-platform") == byPlatform)
    }

    @Test func reachWithoutAPopulationIsNotAssessed() throws {
        let document = YAMLDocument(file: "evidence.yaml", root: nil, bytes: [])
        let fact = Fact(key: "engagement.followers", value: YAMLNode(.scalar(YAMLScalar(text: "41000", isPlain: true)), at: .unknown))
        let input = AssessorInput(criterionID: "de-reach", scale: .standard, organisation: Organisation(name: "Nowhere"),
                                  bindings: ["followers": "engagement.followers"], facts: ["engagement.followers": fact], document: document)
        let factory = try #require(AssessKit.registry.factory("digital-engagement.reach"))
        let parameters = try YAMLParser.parse("thresholds: [50, 125, 250, 400, 550]", file: "p.yaml")
        let context = DecodingContext(document: parameters)
        let root = try #require(parameters.root)
        let reader = try #require(NodeReader(node: root, path: "parameters", context: context).mapping(keys: []))
        let assessor = try #require(factory.make(reader, .standard))
        #expect(throws: AssessmentIssue.missing(role: "population", fact: "organisation.population")) { try assessor.assess(input) }
    }

    // MARK: - The rubrics

    @Test func theRubricsScoreTheseCriteriaWithThePlugins() throws {
        let framework = try AssessKit.loadFramework(path: nil)
        let criteria = framework.dimensions.flatMap(\.rubric.criteria)
        let assessors = Dictionary(uniqueKeysWithValues: criteria.map { ($0.id, $0.assessorID) })
        #expect(assessors["cs-digital-share"] == "channel-shift.channel-mix")
        #expect(assessors["cs-digital-trend"] == "channel-shift.digital-trend")
        #expect(assessors["cs-avoidable-contact"] == "channel-shift.avoidable-contact")
        #expect(assessors["cs-end-to-end"] == "channel-shift.end-to-end")
        #expect(assessors["de-conversation-ratio"] == "digital-engagement.conversation-ratio")
        #expect(assessors["de-response-time"] == "digital-engagement.response-time")
        // Reach per 1,000 residents is context, read by the plugin but never scored.
        let context = framework.dimensions.flatMap(\.rubric.context)
        #expect(assessors["de-reach"] == nil)
        #expect(context.first { $0.id == "de-reach" }?.assessorID == "digital-engagement.reach")
    }

    @Test func aWholeAssessmentReadsTheExports() throws {
        let framework = try AssessKit.loadFramework(path: nil)
        let folder = Self.folder.path
        let evidence = try Fixtures.evidence("""
            organisation: {name: Fixture Council, population: 110000}
            facts:
              channel.volumes: {file: \(folder)/\(Self.welwyn), source: measured}
              engagement.replies-sent: {file: \(folder)/\(Self.tweets), source: measured}
              engagement.median-response-hours: {file: \(folder)/\(Self.daily), source: measured}
            """, file: "\(folder)/evidence.yaml")  // beside the exports: evidence reads only its own folder
        let assessment = Engine(framework: framework).assess(evidence)
        let results = Dictionary(uniqueKeysWithValues: assessment.dimensions.flatMap(\.criteria).map { ($0.id, $0) })
        #expect(results["cs-digital-share"]?.status == .assessed)
        #expect(results["cs-digital-share"]?.confidence == 1)
        #expect(results["de-conversation-ratio"]?.status == .assessed)
        #expect(results["de-conversation-ratio"]?.level == 5)
        // A yearly total has no months: the trend asks for the change instead of failing.
        #expect(results["cs-digital-trend"]?.status == .notAssessed)
        // The daily export has no response times: that criterion is in error, and only that one.
        #expect(results["de-response-time"]?.status == .error)
        #expect(assessment.diagnostics.count == 1)
        #expect(assessment.diagnostics.first?.file.hasSuffix(Self.daily) == true)
    }
}
