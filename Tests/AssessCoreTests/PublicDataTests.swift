import AssessCore
import AssessKit
import Foundation
import Testing

/// Issue 10 part 4: evidence prefilled from public data for every current UK council.
@Suite("Public data and prefill")
struct PublicDataTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func data() throws -> PublicData { try PublicDataBundle.data.get() }

    static let framework: Framework = {
        // The built-in framework always loads (its own tests check it); a failure here shows as a test failure below.
        (try? AssessKit.loadFramework(path: nil))!
    }()

    /// Loads prefilled text as the evidence loader would, from a file path in a temporary folder.
    static func load(_ text: String, file: String = "/tmp/prefill-test/council.yaml") throws -> Evidence {
        try EvidenceLoader().decode(YAMLParser.parse(text, file: file))
    }

    // MARK: - The register

    @Test func theRegisterHolds397CurrentCouncilsWithMappedTypes() throws {
        let data = try Self.data()
        #expect(data.councils.count == 397)
        #expect(Set(data.councils.map(\.gss)).count == 397)
        var byType: [String: Int] = [:]
        for council in data.councils { byType[council.type, default: 0] += 1 }
        // The register's README: 164 non-met districts, 63 unitaries, 36 met districts, 32 Scottish, 32 London
        // boroughs (+ the City of London), 22 Welsh, 21 counties, 14 combined authorities, 11 NI, the GLA.
        #expect(byType == ["district": 164, "unitary": 63, "metropolitan-district": 36, "scottish-unitary": 32,
                           "london-borough": 33, "welsh-unitary": 22, "county": 21, "combined-authority": 14,
                           "northern-ireland-district": 11, "other": 1])
        #expect(data.council(gss: "e09000001")?.type == "london-borough")
        #expect(data.council(gss: "E61000001")?.type == "other")
        #expect(Set(data.councils.map(\.nation)) == ["England", "Scotland", "Wales", "Northern Ireland"])
    }

    @Test func populationIsPresentExceptTheThreeKnownGaps() throws {
        let missing = try Self.data().councils.filter { $0.population == nil }.map(\.gss).sorted()
        #expect(missing == ["E47000013", "E47000016", "E47000017"])
        #expect(try Self.data().council(gss: "S12000017")?.population == 235_430)
    }

    @Test func ofcomCoverageJoinsEveryCouncilButTwoStaleCombinedAuthorities() throws {
        let data = try Self.data()
        let without = data.councils.filter { $0.gigabit == nil }.map(\.gss).sorted()
        #expect(without == ["E47000010", "E47000011"])
        // Barnsley and Sheffield have new codes in the ONS files; the GLA's area is the London region.
        #expect(data.council(gss: "E08000016")?.ofcomArea == "E08000038")
        #expect(data.council(gss: "E08000019")?.ofcomArea == "E08000039")
        #expect(data.council(gss: "E61000001")?.ofcomArea == "E12000007")
        let highland = try #require(data.council(gss: "S12000017"))
        #expect(highland.gigabit == 63.3 && highland.mobile4G == 83.74 && highland.below30 == 12.7)
        #expect(highland.catalogue == PublicData.CatalogueCounts(datasets: 45, openLicence: 45, machineReadable: 43, updated12Months: 26))
        #expect(data.councils.filter { $0.catalogue != nil }.count == 32)
        #expect(data.councils.filter { $0.catalogue != nil }.allSatisfy { $0.nation == "Scotland" })
    }

    @Test func everySourceHasALicenceAndAttribution() throws {
        let sources = try Self.data().sources
        #expect(sources.count == 5)
        for source in sources.values {
            #expect(!source.licence.isEmpty && !source.attribution.isEmpty && source.url.hasPrefix("https://"), "\(source.id)")
            #expect(source.commit.count == 40, "\(source.id)")
        }
    }

    @Test func aBrokenBundleIsAnErrorWithItsLine() {
        let sources = "id,dataset,publisher,url,repository,commit,date,licence,attribution\n"
        #expect(throws: PublicData.Problem.self) { try PublicData(councilsCSV: "gss\nE1\n", sourcesCSV: sources) }
        let good = try? String(contentsOf: Self.root.appendingPathComponent("data/public/sources.csv"), encoding: .utf8)
        let header = "gss,code,name,short-name,type,register-type,nation,region,population,ofcom-area,ofcom-period,gigabit,4g,below-30,website,twitter,open-data-portal,od-datasets,od-open-licence,od-machine-readable,od-updated-12m,planning-datasets,planning-dataset-list\n"
        do {
            _ = try PublicData(councilsCSV: header + "E1,X,Name,N,parish,,,,12x,,,,,,,,,,,,,,\n", sourcesCSV: good ?? "")
            Issue.record("an unknown type was accepted")
        } catch {
            #expect(error.description == "data/public/councils.csv:2: unknown organisation type 'parish'")
        }
        do {
            _ = try PublicData(councilsCSV: header + "E1,X,Name,N,district,,,,12x,,,,,,,,,,,,,,\n", sourcesCSV: good ?? "")
            Issue.record("a bad population was accepted")
        } catch {
            #expect(error.description == "data/public/councils.csv:2: '12x' in column population is not a number")
        }
    }

    // MARK: - Finding a council

    @Test func namesMatchExactlyThenByWordsWithSuggestions() throws {
        let data = try Self.data()
        #expect(data.councils(named: "Highland").map(\.gss) == ["S12000017"])
        #expect(data.councils(named: "the highland council").map(\.gss) == ["S12000017"])
        #expect(data.councils(named: "Cardiff").map(\.gss) == ["W06000015"])
        #expect(data.councils(named: "Perth & Kinross").map(\.gss) == ["S12000048"])
        #expect(data.councils(named: "Adur District Council").map(\.gss) == ["E07000223"])
        #expect(data.councils(named: "Cardif").isEmpty)
        #expect(data.suggestions(for: "Cardif").first?.gss == "W06000015")
        #expect(data.suggestions(for: "Anytown Borough Council").isEmpty)
        // An exact name wins over names that contain it; otherwise every council with all the words.
        #expect(data.councils(named: "Lincolnshire").map(\.gss) == ["E10000019"])
        #expect(data.councils(named: "Ayrshire").map(\.shortName).sorted() == ["East Ayrshire", "North Ayrshire", "South Ayrshire"])
    }

    // MARK: - Prefilled evidence

    @Test(arguments: ["S12000017", "W06000015", "E07000223"])
    func aPrefilledCouncilValidatesAndScoresWithProvenanceOnEveryFact(gss: String) throws {
        let data = try Self.data()
        let council = try #require(data.council(gss: gss))
        let keys = Self.framework.factKeysRead
        let text = Prefill.evidence(for: council, data: data, reads: { keys.contains($0) })
        let evidence = try Self.load(text)
        #expect(evidence.organisation.name == council.name)
        #expect(evidence.organisation.code == gss)
        #expect(evidence.organisation.type == council.type)
        #expect(evidence.organisation.population == council.population)
        let expected = gss.hasPrefix("S") ? 7 : 3
        #expect(evidence.facts.count == expected)
        for fact in evidence.facts.values {
            #expect(fact.source == .measured, "\(fact.key)")
            #expect(fact.reference?.contains("licence ") == true, "\(fact.key): \(fact.reference ?? "")")
            #expect(fact.reference?.contains("https://") == true, "\(fact.key)")
            #expect(fact.date?.count == 10, "\(fact.key)")
            #expect(fact.note?.isEmpty == false, "\(fact.key)")
            #expect(keys.contains(fact.key), "\(fact.key) is read by no criterion")
        }
        let check = EvidenceCheck(evidence, framework: Self.framework)
        #expect(check.errors.isEmpty, "\(check.errors)")
        #expect(check.warnings.isEmpty, "\(check.warnings)")
        // The Ofcom figures are context indicators (shown, never scored); the catalogue counts are scored.
        #expect(check.assessed == (gss.hasPrefix("S") ? 4 : 0))
        let assessment = Engine(framework: Self.framework).assess(evidence)
        #expect(!assessment.dimensions.flatMap(\.criteria).contains { $0.status == .error })
        let context = assessment.dimensions.flatMap(\.context)
        for (id, value) in [("inc-gigabit", council.gigabit), ("inc-mobile-4g", council.mobile4G), ("inc-slow-broadband", council.below30)] {
            #expect(value != nil && context.first { $0.id == id }?.value == value, "\(id)")
        }
    }

    @Test func highlandsPrefilledOpenDataScoresAsTheExampleCatalogueDoes() throws {
        // examples/highland-council.yaml points the open data criteria at the catalogue rows themselves; the
        // prefilled counts must give the open-data plugin the same figures.
        let data = try Self.data()
        let council = try #require(data.council(gss: "S12000017"))
        let prefilled = Engine(framework: Self.framework).assess(try Self.load(Prefill.evidence(for: council, data: data)))
        let example = Engine(framework: Self.framework).assess(
            try EvidenceLoader().load(path: Self.root.appendingPathComponent("examples/highland-council.yaml").path))
        for id in ["od-datasets-per-10k", "od-open-licence", "od-machine-readable", "od-freshness"] {
            let mine = prefilled.dimensions.flatMap(\.criteria).first { $0.id == id }
            let theirs = example.dimensions.flatMap(\.criteria).first { $0.id == id }
            #expect(mine?.score != nil && mine?.score == theirs?.score, "\(id): \(String(describing: mine?.score)) vs \(String(describing: theirs?.score))")
        }
    }

    @Test func everyCouncilsPrefilledFileLoadsAndChecksClean() throws {
        let data = try Self.data()
        let keys = Self.framework.factKeysRead
        var facts = 0
        for council in data.councils {
            let evidence = try Self.load(Prefill.evidence(for: council, data: data, reads: { keys.contains($0) }), file: "/tmp/x/\(council.gss).yaml")
            let check = EvidenceCheck(evidence, framework: Self.framework)
            #expect(check.errors.isEmpty && check.warnings.isEmpty, "\(council.gss): \(check.errors) \(check.warnings)")
            facts += evidence.facts.count
        }
        // 395 councils with Ofcom coverage (3 facts each) and 32 Scottish councils with 4 catalogue counts.
        #expect(facts == 395 * 3 + 32 * 4)
    }

    @Test func aFrameworkThatReadsNoneOfTheKeysGetsOnlyTheOrganisation() throws {
        let data = try Self.data()
        let text = Prefill.evidence(for: try #require(data.council(gss: "E07000223")), data: data, reads: { _ in false })
        let evidence = try Self.load(text)
        #expect(evidence.facts.isEmpty)
        #expect(evidence.organisation.population == 64187)
    }

    @Test func prefillIsDeterministic() throws {
        let data = try Self.data()
        let council = try #require(data.council(gss: "S12000017"))
        #expect(Prefill.evidence(for: council, data: data) == Prefill.evidence(for: council, data: data))
    }

    // MARK: - Never overwriting a person's value

    static let personal = """
        # Our own notes: keep me.
        organisation:
          name: Adur & Worthing (our name)
          code: E07000223
          population: ~
        facts:
          inclusion.gigabit-coverage:
            value: 97   # from our own survey
            source: self-reported
          inclusion.premises-below-30mbps: ~   # still to check
          # a comment between facts
          inclusion.staff-confidence: 7
        targets:
          channel-shift: 4

        """

    @Test func prefillKeepsEveryValueAPersonWroteAndItsComments() throws {
        let data = try Self.data()
        let council = try #require(data.council(gss: "E07000223"))
        let merge = try Prefill.merge(into: Self.personal, file: "/tmp/x/E07000223.yaml", council: council, data: data)
        #expect(merge.kept.sorted() == ["inclusion.gigabit-coverage", "organisation.code", "organisation.name"])
        #expect(merge.filled.sorted() == ["inclusion.mobile-4g-coverage", "inclusion.premises-below-30mbps", "organisation.population", "organisation.type"])
        for line in ["# Our own notes: keep me.", "  name: Adur & Worthing (our name)", "    value: 97   # from our own survey",
                     "  # a comment between facts", "  inclusion.staff-confidence: 7", "targets:", "  channel-shift: 4",
                     "  inclusion.premises-below-30mbps:  # still to check"] {
            #expect(merge.text.contains(line + "\n"), "lost: \(line)")
        }
        let evidence = try Self.load(merge.text)
        #expect(evidence.organisation.name == "Adur & Worthing (our name)")
        #expect(evidence.organisation.population == 64187)
        #expect(evidence.organisation.type == "district")
        #expect(evidence.facts["inclusion.gigabit-coverage"]?.value?.scalar?.text == "97")
        #expect(evidence.facts["inclusion.gigabit-coverage"]?.source == .selfReported)
        #expect(evidence.facts["inclusion.premises-below-30mbps"]?.value?.scalar?.text == "0.9")
        #expect(evidence.facts["inclusion.mobile-4g-coverage"]?.source == .measured)
        #expect(evidence.targets == ["channel-shift": 4])
        // A second prefill changes nothing.
        let again = try Prefill.merge(into: merge.text, file: "/tmp/x/E07000223.yaml", council: council, data: data)
        #expect(again.filled.isEmpty)
        #expect(again.text == merge.text)
    }

    @Test func prefillFillsTheStarterThatInitWrites() throws {
        let data = try Self.data()
        let council = try #require(data.council(gss: "W06000015"))
        let starter = EvidenceTemplate.starter(framework: Self.framework, organisation: Organisation(name: "Your organisation"))
        let merge = try Prefill.merge(into: starter, file: "/tmp/x/W06000015.yaml", council: council, data: data)
        #expect(merge.kept == ["organisation.name"])
        let evidence = try Self.load(merge.text)
        #expect(evidence.facts.keys.sorted() == ["inclusion.gigabit-coverage", "inclusion.mobile-4g-coverage", "inclusion.premises-below-30mbps"])
        #expect(evidence.organisation.code == "W06000015")
        // Every other question is still there, unanswered: of the ~ answers only type, code and population were
        // filled (the starter asks only what criteria read; the coverage facts, read by context indicators,
        // are added at the end of facts:).
        let unanswered = starter.components(separatedBy: ": ~").count - 1
        #expect(merge.text.components(separatedBy: ": ~").count - 1 == unanswered - 3)
        #expect(merge.text.hasSuffix("    note: Contains public sector information licensed under the Open Government Licence v3.0.\n"))
    }

    @Test func prefillRefusesAFileItCannotAddToSafely() throws {
        let data = try Self.data()
        let council = try #require(data.council(gss: "E07000223"))
        let cases = [
            ("{\"organisation\": {\"name\": \"A\"}, \"facts\": {}}", "top level is a block mapping"),
            ("organisation:\n  name: A\nfacts: {inclusion.staff-confidence: 7}\n", "'facts:' is not written as a block mapping"),
            ("organisation:\n  name: A\n  code: S12000017\nfacts:\n  inclusion.staff-confidence: 7\n", "describes the organisation with code 'S12000017'"),
        ]
        for (text, message) in cases {
            do {
                _ = try Prefill.merge(into: text, file: "/tmp/x/E07000223.yaml", council: council, data: data)
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.diagnostics.first?.message.contains(message) == true, "\(error.diagnostics)")
            }
        }
        // Lines ending in CRLF keep their endings; a lone CR is refused.
        let crlf = try Prefill.merge(into: "organisation:\r\n  name: A  # mine\r\nfacts:\r\n  inclusion.gigabit-coverage: ~\r\n",
                                     file: "/tmp/x/a.yaml", council: council, data: data)
        #expect(crlf.text.hasPrefix("organisation:\r\n  name: A  # mine\r\n"))
        #expect(!crlf.text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(try Self.load(crlf.text).facts["inclusion.gigabit-coverage"]?.value?.scalar?.text == "95.4")
        #expect(throws: DiagnosticError.self) {
            try Prefill.merge(into: "organisation:\r  name: A\rfacts:\r", file: "/tmp/x/a.yaml", council: council, data: data)
        }
        // An empty flow mapping and a missing facts block are fine.
        let empty = try Prefill.merge(into: "organisation:\n  name: A\nfacts: {}\n", file: "/tmp/x/a.yaml", council: council, data: data)
        #expect(try Self.load(empty.text).facts.count == 3)
        let none = try Prefill.merge(into: "organisation:\n  name: A\n", file: "/tmp/x/a.yaml", council: council, data: data)
        #expect(try Self.load(none.text).facts.count == 3)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: upstream.appendingPathComponent("scotland_council_open_data").path),
                   "needs the upstream data in ../shared/data"))
    func everyScottishCouncilsCountsScoreAsTheCatalogueRowsDo() throws {
        // The rebuild script counts licences, formats and dates in Python; the open-data plugin reads the same
        // rows itself when pointed at the catalogue. Both must give every Scottish council the same scores.
        let data = try Self.data()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prefill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let scotland = Self.upstream.appendingPathComponent("scotland_council_open_data")
        try FileManager.default.copyItem(at: scotland.appendingPathComponent("opendata_scot_all_datasets_2024-10.csv"),
                                         to: folder.appendingPathComponent("catalogue.csv"))
        let organisations = try CSVTable(text: String(contentsOf: scotland.appendingPathComponent("opendata_scot_organisations.csv"), encoding: .utf8),
                                         file: "opendata_scot_organisations.csv")
        let title = try organisations.requireColumn(["title"]), gssColumn = try organisations.requireColumn(["gss_code"])
        let type = try organisations.requireColumn(["type"])
        var compared = 0
        for row in organisations.rows where row[type] == "Local authority" {
            let council = try #require(data.council(gss: row[gssColumn]))
            let catalogueFact = "{file: catalogue.csv, source: measured, date: 2024-10-18}"
            let fromRows = """
                organisation: {name: \(Self.quote(council.name)), code: \(council.gss), type: scottish-unitary, population: \(Int(council.population ?? 0))}
                facts:
                  opendata.publisher: \(Self.quote(row[title]))
                  opendata.datasets-published: \(catalogueFact)
                  opendata.datasets-open-licence: \(catalogueFact)
                  opendata.datasets-machine-readable: \(catalogueFact)
                  opendata.datasets-updated-12m: \(catalogueFact)
                """
            let engine = Engine(framework: Self.framework)
            let theirs = engine.assess(try Self.load(fromRows, file: folder.appendingPathComponent("rows.yaml").path))
            let mine = engine.assess(try Self.load(Prefill.evidence(for: council, data: data), file: folder.appendingPathComponent("mine.yaml").path))
            for id in ["od-datasets-per-10k", "od-open-licence", "od-machine-readable", "od-freshness"] {
                let a = mine.dimensions.flatMap { $0.criteria }.first { $0.id == id }
                let b = theirs.dimensions.flatMap { $0.criteria }.first { $0.id == id }
                #expect(a?.score != nil && a?.score == b?.score, "\(council.gss) \(id): \(String(describing: a?.rationale)) | \(String(describing: b?.rationale))")
            }
            compared += 1
        }
        #expect(compared == 32)
    }

    // MARK: - The bundle

    @Test func theEmbeddedDataMatchesDataPublic() throws {
        for (path, text) in PublicDataBundle.embeddedFiles {
            let onDisk = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
            #expect(onDisk == text, "\(path) is stale: run scripts/rebuild-public-data")
        }
    }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    static var upstream: URL { root.deletingLastPathComponent().appendingPathComponent("shared/data") }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: upstream.appendingPathComponent("uk_la_register").path),
                   "needs the upstream data in ../shared/data"))
    func theRebuildScriptReproducesTheCommittedFiles() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.root.appendingPathComponent("scripts/rebuild-public-data").path, "--check",
                             "--from", Self.upstream.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("public data is up to date"))
    }
}
