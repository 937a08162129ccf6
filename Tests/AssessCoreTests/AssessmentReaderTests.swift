import AssessCore
import AssessKit
import Foundation
import Testing

@Suite("Reading results back")
struct AssessmentReaderTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func json(_ example: String) throws -> String {
        let framework = try AssessKit.loadFramework(path: nil)
        let evidence = try EvidenceLoader().load(path: root.appendingPathComponent("examples/\(example)").path)
        let assessment = Engine(framework: framework).assess(evidence)
        return JSONReporter.render(assessment, context: ReportContext(toolVersion: "9.9.9", date: "2026-04-01"))
    }

    @Test("a result read back and written again gives the same bytes", arguments: [
        "ashdown.yaml", "brackenford.yaml", "calderbrook.yaml", "harrowmere.yaml", "cwm-taran.yaml", "highland-council.yaml",
    ])
    func roundTrip(example: String) throws {
        let written = try Self.json(example)
        let document = try AssessmentReader.read(Data(written.utf8), file: example)
        #expect(document.schemaVersion == JSONReporter.schemaVersion)
        #expect(document.context.toolVersion == "9.9.9")
        #expect(document.context.date == "2026-04-01")
        let again = JSONReporter.render(document.assessment, context: document.context)
        #expect(again == written)
    }

    @Test("what is read back is the model, not text: levels, statuses and criteria")
    func model() throws {
        let document = try AssessmentReader.read(Data(try Self.json("highland-council.yaml").utf8), file: "h.json")
        #expect(document.assessment.organisation.code == "S12000017")
        #expect(document.assessment.overall.status == .notEnoughEvidence)
        #expect(document.assessment.overall.level == nil)
        #expect(document.assessment.dimensions.count == 6)
        #expect(document.assessment.allCriteria.contains { $0.status == .assessed })
    }

    @Test("not JSON, another major version and a wrong type are refused with what to do")
    func refusals() {
        #expect(throws: AssessmentReader.ReadError.notJSON(file: "x.json", detail: "not valid JSON")) {
            try AssessmentReader.read(Data("{not json".utf8), file: "x.json")
        }
        let future = #"{"schemaVersion": "2.0", "tool": {"name": "assess", "version": "9"}, "framework": {"id": "f", "title": "F", "version": "1", "scoring": "levels"}, "scale": {"levels": []}, "organisation": {"name": "A"}, "overall": {}, "dimensions": [], "diagnostics": []}"#
        #expect(throws: AssessmentReader.ReadError.unsupportedVersion(file: "f.json", found: "2.0")) {
            try AssessmentReader.read(Data(future.utf8), file: "f.json")
        }
        let wrong = future.replacingOccurrences(of: "\"2.0\"", with: "\"1.1\"").replacingOccurrences(of: "\"dimensions\": []", with: "\"dimensions\": 7")
        do {
            _ = try AssessmentReader.read(Data(wrong.utf8), file: "w.json")
            Issue.record("a wrong type was accepted")
        } catch {
            #expect(error.description.contains("w.json: error: dimensions"), "\(error.description)")
        }
    }
}
