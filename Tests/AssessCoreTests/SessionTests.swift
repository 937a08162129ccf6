import AssessCore
import AssessKit
import AssessStore
import Foundation
import TestSupport
import Testing

@Suite("One pipeline, typed organisation fields, batch ordering and the results store")
struct SessionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func example(_ name: String) -> String { root.appendingPathComponent("examples/\(name)").path }

    @Test("the session scores what the engine scores, and reports facts no criterion reads")
    func sessionMatchesEngine() throws {
        let framework = try AssessKit.loadFramework(path: nil)
        let session = AssessmentSession(framework: framework)
        let result = try session.assess(path: Self.example("brackenford.yaml"))
        let direct = Engine(framework: framework).assess(try EvidenceLoader().load(path: Self.example("brackenford.yaml")))
        let context = ReportContext(toolVersion: "9.9.9", date: "2026-04-01")
        #expect(JSONReporter.render(result.assessment, context: context) == JSONReporter.render(direct, context: context))
        #expect(result.inputs.first == Self.example("brackenford.yaml"))
        #expect(result.inputs.count > 1, "the export files the evidence names are inputs too")

        let stray = try Fixtures.evidence("organisation: {name: X}\nfacts:\n  channel.volumez: 3\n")
        #expect(session.assess(stray).warnings.contains { $0.message.contains("channel.volumez") })
    }

    @Test("a malformed financial year is a located error; other periods are free text", arguments: [
        ("2025-27", "2025-27 is not a financial year: one starting in April 2025 ends in March 2026 (2025-26)"),
        ("2025-2027", "2025-2027 is not a financial year: one starting in April 2025 ends in March 2026 (2025-26)"),
    ])
    func financialYearChecked(period: String, message: String) throws {
        do {
            _ = try Fixtures.evidence("organisation:\n  name: X\n  period: \(period)\nfacts: {}\n")
            Issue.record("\(period) was accepted")
        } catch {
            #expect("\(error)".contains("fx/evidence.yaml:3:11: error: \(message)"))
        }
    }

    @Test("periods, nations and types are typed")
    func typedFields() throws {
        for (text, expected) in [("2025-26", "2025-26"), ("2025/26", "2025-26"), ("2025-2026", "2025-26"), ("2025-12", "2025-12"), ("Q1 2026", "Q1 2026")] {
            let evidence = try Fixtures.evidence("organisation:\n  name: X\n  period: \(text)\nfacts: {}\n")
            #expect(evidence.organisation.typedPeriod?.description == expected)
        }
        #expect(Period("2025-26") == .financialYear(2025))
        #expect(Period("2025-12") == .other("2025-12"))
        #expect(Nation(gssCode: "E07000223") == .england)
        #expect(Nation(gssCode: "W06000015") == .wales)
        #expect(Nation(gssCode: "S12000017") == .scotland)
        #expect(Nation(gssCode: "N09000003") == .northernIreland)
        #expect(Nation(gssCode: "EX-ASHDOWN") == .unknown)
        #expect(OrganisationType("district") == .known("district"))
        #expect(OrganisationType("parish-council") == .other("parish-council"))

        let given = try Fixtures.evidence("organisation: {name: X, code: E07000223, nation: wales}\nfacts: {}\n")
        #expect(given.organisation.nation == Nation.wales)
        do {
            _ = try Fixtures.evidence("organisation: {name: X, nation: cornwall}\nfacts: {}\n")
            Issue.record("an unknown nation was accepted")
        } catch {
            #expect("\(error)".contains("error: 'cornwall' is not a UK nation"))
        }
    }

    @Test("nation and financial year are written and read back")
    func typedFieldsRoundTrip() throws {
        let framework = try AssessKit.loadFramework(path: nil)
        let result = try AssessmentSession(framework: framework).assess(path: Self.example("highland-council.yaml"))
        let json = JSONReporter.render(result.assessment, context: ReportContext(toolVersion: "9.9.9"))
        #expect(json.contains("\"nation\": \"scotland\""))
        let back = try AssessmentReader.read(Data(json.utf8), file: "h.json")
        #expect(back.assessment.organisation.nation == .scotland)
    }

    @Test("batch results come back in input order whatever the number of threads", arguments: [1, 2, 4, 7])
    func orderedWhateverTheJobs(jobs: Int) {
        var seen: [Int] = []
        Batch.run(count: 103, jobs: jobs, window: 10, work: { index in index * index }) { (index: Int, value: Int) throws(Never) in
            #expect(value == index * index)
            seen.append(index)
        }
        #expect(seen == Array(0..<103))
    }

    @Test("summary CSV cells are quoted by RFC 4180 and cannot start a formula")
    func csvCells() {
        #expect(SummaryTable.cell("plain") == "plain")
        #expect(SummaryTable.cell("a, b") == "\"a, b\"")
        #expect(SummaryTable.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(SummaryTable.cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(SummaryTable.cell("@SUM(A1)") == "'@SUM(A1)")
        #expect(SummaryTable.cell("+44 1234") == "'+44 1234")
        #expect(SummaryTable.cell("-1.5") == "-1.5", "a negative number is data")
        #expect(SummaryTable.line(["a", "b"]) == "a,b\r\n")
    }

    @Test("folders give their evidence files sorted, skipping index.csv")
    func evidenceFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assess-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["b.yaml", "a.json", "index.csv", "c.yml", ".hidden.yaml"] {
            try Data().write(to: folder.appendingPathComponent(name))
        }
        let files = try Batch.evidenceFiles([folder.path])
        #expect(files.map { ($0 as NSString).lastPathComponent } == ["a.json", "b.yaml", "c.yml"])
        #expect(throws: LoadError.self) { try Batch.evidenceFiles([folder.appendingPathComponent("none").path]) }
    }

    @Test("the store keeps one assessment per organisation, period and framework version, and gives documents back")
    func storeRoundTrip() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assess-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("results.sqlite").path
        let framework = try AssessKit.loadFramework(path: nil)
        let session = AssessmentSession(framework: framework)
        let context = ReportContext(toolVersion: "9.9.9", date: "2026-04-01")
        let brackenford = try session.assess(path: Self.example("brackenford.yaml")).assessment
        var earlier = brackenford
        earlier.organisation.period = "2024-25"

        let store = try ResultStore(path: path)
        try store.save([ResultStore.Entry(assessment: brackenford, context: context),
                        ResultStore.Entry(assessment: earlier, context: context)])
        // Scoring 2025-26 again replaces it.
        try ResultStore(path: path).save(ResultStore.Entry(assessment: brackenford, context: context))

        let history = try store.query("""
            SELECT a.period, a.overall_status, d.dimension_id, d.level FROM assessments a
            JOIN organisations o ON o.id = a.organisation_id JOIN dimensions d ON d.assessment_id = a.id
            WHERE o.code = 'EX-BRACKENFORD' AND d.dimension_id = 'channel-shift' ORDER BY a.period
            """)
        #expect(history.map { $0[0] } == ["2024-25", "2025-26"])
        #expect(history.map { $0[3] } == Array(repeating: brackenford.dimensions[0].level.map(String.init), count: 2))
        #expect(try store.query("SELECT count(*) FROM assessments") == [["2"]])
        let criteria = brackenford.allCriteria.count
        #expect(try store.query("SELECT count(*) FROM criteria") == [["\(criteria * 2)"]], "the replaced assessment's rows went with it")

        let documents = try store.documents(code: "EX-BRACKENFORD", period: "2025-26")
        #expect(documents.count == 1)
        let written = JSONReporter.render(brackenford, context: context)
        #expect(documents.map { JSONReporter.render($0.assessment, context: $0.context) } == [written])
    }

    @Test("a file that is not a store is refused with a message, not a crash")
    func notAStore() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assess-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("notes.txt").path
        try Data("these are notes, not a database\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ResultStore.StoreError.self) { try ResultStore(path: path) }
    }
}
