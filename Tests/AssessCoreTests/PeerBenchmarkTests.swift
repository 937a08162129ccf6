import AssessCore
import AssessKit
import Foundation
import Testing

/// Peer benchmarks: the statistics by their stated methods, the configuration with located errors, and the
/// benchmark of every UK council prefilled from public data, scored and read back.
@Suite("Peer benchmarks")
struct PeerBenchmarkTests {
    // MARK: - Statistics, checked by hand

    @Test("quartiles are R's type 7 (linear interpolation), checked by hand")
    func quartilesType7() throws {
        // R: quantile(1:10) gives 3.25, 5.5, 7.75.
        let ten = try #require(PeerStatistics.quartiles((1...10).map(Double.init).reversed()))
        #expect(ten == PeerStatistics.Quartiles(lower: 3.25, median: 5.5, upper: 7.75))
        // Sorted 1, 2.5, 4: h = 0.5, 1, 1.5 → 1.75, 2.5, 3.25.
        #expect(PeerStatistics.quartiles([2.5, 1, 4]) == PeerStatistics.Quartiles(lower: 1.75, median: 2.5, upper: 3.25))
        // Six scores 1, 2, 2.5, 3, 4, 4.5: h = 1.25, 2.5, 3.75 → 2.125, 2.75, 3.75.
        #expect(PeerStatistics.quartiles([4.5, 1, 3, 2, 4, 2.5]) == PeerStatistics.Quartiles(lower: 2.125, median: 2.75, upper: 3.75))
        #expect(PeerStatistics.quartiles([7]) == PeerStatistics.Quartiles(lower: 7, median: 7, upper: 7))
        #expect(PeerStatistics.quartiles([]) == nil)
        #expect(PeerStatistics.quantile([1, 2], 1.5) == nil)
    }

    @Test("the percentile rank counts peers below and half the ties, itself included")
    func percentileRank() {
        let five: [Double] = [1, 2, 3, 4, 5]
        #expect(PeerStatistics.percentileRank(of: 1, in: five) == 10)
        #expect(PeerStatistics.percentileRank(of: 3, in: five) == 50)
        #expect(PeerStatistics.percentileRank(of: 5, in: five) == 90)
        #expect(PeerStatistics.percentileRank(of: 2, in: [2, 2, 2, 2, 2]) == 50)
        // 4.0 among 1, 2, 2.5, 3, 4, 4.5: four below, one equal → 100 × 4.5 / 6 = 75.
        #expect(PeerStatistics.percentileRank(of: 4, in: [1, 2, 2.5, 3, 4, 4.5]) == 75)
        #expect(PeerStatistics.percentileRank(of: 1, in: []) == nil)
    }

    @Test("scores for people have exactly one decimal")
    func oneDecimal() {
        #expect(PeerStatistics.oneDecimal(3) == "3.0")
        #expect(PeerStatistics.oneDecimal(-0.44) == "−0.4")
        #expect(PeerStatistics.oneDecimal(2.96) == "3.0")
        #expect(PeerStatistics.oneDecimal(.nan) == "n/a")
    }

    // MARK: - Configuration

    static func config(_ yaml: String) throws(LoadError) -> PeerConfig {
        let document: YAMLDocument
        do { document = try YAMLParser.parse(yaml, file: "peers.yaml") } catch { throw .invalid(error) }
        return try PeerConfig.decode(document)
    }

    @Test("a configuration is read whole")
    func readsConfig() throws {
        let config = try Self.config("""
            groups:
              - by: [type, nation]
              - by: []
            neighbours: {k: 3, features: [population, inc-gigabit], standardise: range}
            minimum-group: 4
            """)
        #expect(config.groups == [[.type, .nation], []])
        #expect(config.neighbours == PeerConfig.Neighbours(k: 3, features: ["population", "inc-gigabit"], standardise: .range))
        #expect(config.minimumGroup == 4)
    }

    @Test("every problem in a configuration is reported at its line and column")
    func configErrors() throws {
        do {
            _ = try Self.config("""
                groups:
                  - by: [type, region]
                neighbours: {k: 0, features: [population, population]}
                minimum-group: 1
                colour: blue
                """)
            Issue.record("accepted a bad configuration")
        } catch {
            let text = error.diagnostics.map(\.description)
            #expect(text.contains { $0.hasPrefix("peers.yaml:2:") && $0.contains("region") && $0.contains("nation") }, "\(text)")
            #expect(text.contains { $0.hasPrefix("peers.yaml:3:") && $0.contains("k") }, "\(text)")
            #expect(text.contains { $0.hasPrefix("peers.yaml:3:") && $0.contains("listed twice") }, "\(text)")
            #expect(text.contains { $0.hasPrefix("peers.yaml:4:") && $0.contains("minimum-group") }, "\(text)")
            #expect(text.contains { $0.hasPrefix("peers.yaml:5:") && $0.contains("colour") }, "\(text)")
        }
        #expect(throws: LoadError.self) { try Self.config("minimum-group: 5") }
        #expect(throws: LoadError.self) { try Self.config("groups: []") }
    }

    // MARK: - A synthetic set with enough evidence, to exercise ranking

    /// An assessment to reshape: a real council prefilled and scored, whose headline values are then set.
    static let template: Assessment = {
        let data = try? PublicDataBundle.data.get()
        let framework = try? AssessKit.loadFramework(path: nil)
        guard let data, let framework, let council = data.council(gss: "E07000223") else { fatalError("the bundled data and framework load") }
        let text = Prefill.evidence(for: council, data: data)
        guard let document = try? YAMLParser.parse(text, file: "adur.yaml"), let evidence = try? EvidenceLoader().decode(document)
        else { fatalError("prefilled evidence loads") }
        return Engine(framework: framework).assess(evidence)
    }()

    /// A council with every headline scored at `score` (or without enough evidence when nil).
    static func council(_ code: String, type: String, population: Double, score: Double?) -> Assessment {
        var a = template
        a.organisation = Organisation(name: "Council \(code)", type: type, code: code, population: population)
        a.overall.score = score
        a.overall.status = score == nil ? .notEnoughEvidence : .scored
        for d in a.dimensions.indices {
            a.dimensions[d].score = score
            a.dimensions[d].status = score == nil ? .notEnoughEvidence : .scored
        }
        return a
    }

    /// Six English districts (hand-checked above), one without enough evidence, and three Welsh unitaries.
    static let synthetic: [Assessment] = [
        council("E07000001", type: "district", population: 100_000, score: 1.0),
        council("E07000002", type: "district", population: 200_000, score: 2.0),
        council("E07000003", type: "district", population: 300_000, score: 2.5),
        council("E07000004", type: "district", population: 1_000_000, score: 3.0),
        council("E07000005", type: "district", population: 5_000_000, score: 4.0),
        council("E07000006", type: "district", population: 110_000, score: 4.5),
        council("E07000007", type: "district", population: 120_000, score: nil),
        council("W06000001", type: "unitary", population: 90_000, score: 3.0),
        council("W06000002", type: "unitary", population: 95_000, score: 3.5),
        council("W06000003", type: "unitary", population: 97_000, score: 2.0),
    ]

    @Test("a group publishes hand-checked quartiles and percentiles; the council without enough evidence is listed apart")
    func ranking() throws {
        let result = try PeerBenchmark.run(Self.synthetic.reversed(), config: PeerConfig(groups: [[.type, .nation]], neighbours: nil))
        #expect(result.members.map(\.code) == Self.synthetic.map { $0.organisation.code ?? "" }, "sorted by code")
        let districts = try #require(result.groups.first { $0.label == "type district, nation England" })
        let overall = districts.statistics[0]
        #expect(overall.ranked == 6)
        #expect(overall.quartiles == PeerStatistics.Quartiles(lower: 2.125, median: 2.75, upper: 3.75))
        #expect(overall.percentiles[4] == 75)
        #expect(overall.percentiles[0] == 100 * 0.5 / 6)
        #expect(overall.percentiles[6] == nil, "not ranked")
        #expect(overall.notRanked == [6])
        let welsh = try #require(result.groups.first { $0.label == "type unitary, nation Wales" })
        #expect(welsh.statistics[0].quartiles == nil)
        #expect(welsh.statistics[0].withheld == "group too small (3 < 5)")
        #expect(welsh.statistics[0].percentiles.isEmpty)
        let csv = BenchmarkReporter.csv(result)
        #expect(csv.contains("type+nation,\"type district, nation England\",overall,E07000005,Council E07000005,district,England,scored,4,7,6,2.75,2.125,3.75,75,\n"))
        #expect(csv.contains(",E07000007,Council E07000007,district,England,not-enough-evidence,,7,6,2.75,2.125,3.75,,not ranked: not enough evidence\n"))
        #expect(csv.contains(",W06000001,Council W06000001,unitary,Wales,scored,3,3,3,,,,,group too small (3 < 5)\n"))
    }

    @Test("nearest neighbours: standardised distance, ties to the earlier code, k configurable")
    func neighbours() throws {
        let config = PeerConfig(groups: [], neighbours: PeerConfig.Neighbours(k: 2, features: ["population"]), minimumGroup: 3)
        let result = try PeerBenchmark.run(Self.synthetic, config: config)
        // 110,000 (E07000006): nearest are 100,000 and 120,000 (both 10,000 away).
        let group = try #require(result.groups.first { $0.subjects == [5] })
        #expect(group.members.map { result.members[$0].code } == ["E07000001", "E07000006", "E07000007"])
        // E07000007 has no score: two ranked, under the minimum of 3.
        #expect(group.statistics[0].withheld == "group too small (2 < 3)")
        // 97,000 (W06000003): 95,000 (2,000 away) and 100,000 (3,000 away).
        let welsh = try #require(result.groups.first { $0.subjects == [9] })
        #expect(welsh.members.map { result.members[$0].code } == ["E07000001", "W06000002", "W06000003"])
        #expect(welsh.statistics[0].quartiles?.median == 2.0)
        #expect(welsh.statistics[0].percentiles[9] == 50)
        // A feature nobody has places nobody, and says why.
        let none = try PeerBenchmark.run(Self.synthetic, config: PeerConfig(groups: [], neighbours: .init(k: 2, features: ["no-such-indicator"])))
        #expect(none.groups.isEmpty)
        #expect(none.groupings[0].unplaced.count == 10)
        #expect(none.groupings[0].unplaced[0].reason == "no-such-indicator not known")
    }

    @Test("absurd populations never make a distance NaN: they count as not known")
    func absurdPopulations() throws {
        var set = Self.synthetic
        set[0].organisation.population = 1e308
        set[1].organisation.population = 1e308
        set[2].organisation.population = -1e308
        let result = try PeerBenchmark.run(set, config: PeerConfig(groups: [], neighbours: .init(k: 2, features: ["population"])))
        #expect(result.groupings[0].unplaced.isEmpty)
        #expect(result.groups.count == 10)
        // The two at 1e308 are each other's nearest; on that scale the ordinary councils are all alike.
        #expect(result.groups[0].members == [0, 1, 3], "1e308 is next to 1e308, then nearer the ordinary councils than -1e308")
        #expect(result.groups.allSatisfy { $0.members.count == 3 })
        let infinite = try PeerBenchmark.run([Self.synthetic[0], Self.synthetic[1]].map { var a = $0; a.organisation.population = .infinity; return a },
                                             config: PeerConfig(groups: [], neighbours: .init(k: 2, features: ["population"])))
        #expect(infinite.groupings[0].unplaced.count == 2, "an infinite population is not known")
    }

    @Test("mixed frameworks, duplicates and nothing at all are refused")
    func refusals() {
        #expect(throws: PeerBenchmark.Problem.empty) { try PeerBenchmark.run([]) }
        #expect(throws: PeerBenchmark.Problem.duplicate(code: "E07000001")) { try PeerBenchmark.run([Self.synthetic[0], Self.synthetic[0]]) }
        var other = Self.synthetic[1]
        other.framework.version = "2.0.0"
        #expect(throws: PeerBenchmark.Problem.self) { try PeerBenchmark.run([Self.synthetic[0], other]) }
    }

    // MARK: - Every UK council, from public data

    /// All 397 councils prefilled into a folder, scored by the engine, written as result JSON and read back.
    static func everyCouncil() throws -> (folder: URL, results: [AssessmentReader.Document]) {
        let data = try PublicDataBundle.data.get()
        let framework = try AssessKit.loadFramework(path: nil)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assess-peers-\(UUID().uuidString)")
        let results = folder.appendingPathComponent("results")
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
        let keys = framework.factKeysRead
        let engine = Engine(framework: framework)
        let context = ReportContext(toolVersion: "9.9.9", date: "2026-04-01")
        for council in data.councils {
            let path = folder.appendingPathComponent("\(council.gss).yaml").path
            try Prefill.evidence(for: council, data: data, reads: { keys.contains($0) }).write(toFile: path, atomically: true, encoding: .utf8)
            let assessment = engine.assess(try EvidenceLoader().load(path: path))
            try JSONReporter.render(assessment, context: context)
                .write(to: results.appendingPathComponent("\(council.gss).json"), atomically: true, encoding: .utf8)
        }
        return (folder, try ResultSource.path(folder.path).load())
    }

    @Test("every UK council from public data: all listed apart overall, small groups publish nothing, the same bytes twice")
    func everyUKCouncil() throws {
        let (folder, documents) = try Self.everyCouncil()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(documents.count == 397)
        let result = try PeerBenchmark.run(documents.map(\.assessment))
        #expect(result.members.count == 397)
        // Public data alone never gives enough evidence for an overall score: nobody is ranked overall.
        #expect(result.values.allSatisfy { !$0[0].ranked })
        for group in result.groups {
            #expect(group.statistics[0].quartiles == nil)
            #expect(group.statistics[0].notRanked.count == group.members.count)
            for stats in group.statistics where stats.ranked < 5 {
                #expect(stats.withheld == "group too small (\(stats.ranked) < 5)")
                #expect(stats.quartiles == nil && stats.percentiles.isEmpty)
            }
        }
        // Northern Ireland's 11 districts form one group; the 15 nearest by population are 16 councils.
        let ni = try #require(result.groups.first { $0.label == "type northern-ireland-district, nation Northern Ireland" })
        #expect(ni.members.count == 11)
        #expect(result.groups.filter { $0.grouping == 1 }.allSatisfy { $0.members.count == 16 })
        // Deterministic: the same input in another order gives the same bytes.
        let again = try PeerBenchmark.run(documents.map(\.assessment).reversed())
        let context = ReportContext(toolVersion: "9.9.9", date: "2026-04-01")
        #expect(BenchmarkReporter.csv(again) == BenchmarkReporter.csv(result))
        #expect(BenchmarkReporter.json(again, context: context) == BenchmarkReporter.json(result, context: context))
        #expect(BenchmarkReporter.html(again, context: context) == BenchmarkReporter.html(result, context: context))
        let html = BenchmarkReporter.html(result, context: context)
        #expect(html.contains("397 of 397 organisations have no claimed overall score"))
    }
}
