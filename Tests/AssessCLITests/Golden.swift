import Foundation
import Testing

/// Golden files: output compared byte for byte with a file under `Tests/AssessCLITests/Golden/`.
///
/// The files change only when a developer asks: with `ASSESS_RECORD_GOLDEN=1` a test whose output differs
/// writes the new output and then fails, so a recording run can never pass unnoticed; review the diff and
/// rerun without the variable.
enum Golden {
    /// Whether this run records (`ASSESS_RECORD_GOLDEN=1`).
    static var recording: Bool { ProcessInfo.processInfo.environment["ASSESS_RECORD_GOLDEN"] == "1" }

    /// Compares `content` with the golden file `name`, or records it; records a test failure either way it differs.
    static func check(_ name: String, _ content: String, record: Bool = Golden.recording,
                      directory: URL = CLI.root.appendingPathComponent("Tests/AssessCLITests/Golden"),
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        let existing = try? String(contentsOf: url, encoding: .utf8)
        if let message = try compare(name, content, existing: existing, record: record, url: url) {
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
    }

    /// Why the check fails (nil when the content matches); in record mode, writes the file first.
    static func compare(_ name: String, _ content: String, existing: String?, record: Bool, url: URL) throws -> String? {
        if existing == content { return nil }
        if record {
            try Data(content.utf8).write(to: url)
            return "recorded \(name); review the diff (git diff Tests/AssessCLITests/Golden) and rerun without ASSESS_RECORD_GOLDEN"
        }
        if existing == nil { return "\(name) has no golden file; run once with ASSESS_RECORD_GOLDEN=1 to record it, then review it" }
        return "\(name) differs from its golden file; if the change is intended, rerun with ASSESS_RECORD_GOLDEN=1 and review the diff"
    }
}

@Suite struct GoldenTests {
    /// A recording run writes the file and fails; a matching run passes without writing.
    @Test func recordingWritesAndFails() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assess-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("sample.txt")
        try Data("old\n".utf8).write(to: url)

        let compared = try Golden.compare("sample.txt", "new\n", existing: "old\n", record: false, url: url)
        #expect(compared?.contains("differs") == true)
        #expect(try String(contentsOf: url, encoding: .utf8) == "old\n", "a comparing run must not write")

        let recorded = try Golden.compare("sample.txt", "new\n", existing: "old\n", record: true, url: url)
        #expect(recorded?.hasPrefix("recorded sample.txt") == true, "a run that records must fail")
        #expect(try String(contentsOf: url, encoding: .utf8) == "new\n")

        #expect(try Golden.compare("sample.txt", "new\n", existing: "new\n", record: true, url: url) == nil,
                "nothing to record: the run passes")
        #expect(try Golden.compare("missing.txt", "x", existing: nil, record: false, url: folder.appendingPathComponent("missing.txt"))?
            .contains("no golden file") == true)
    }
}
