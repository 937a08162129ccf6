import AssessKit
import AssessReport
import Foundation
import Testing

/// The built-in framework and report templates are embedded in the binary; they must match the files.
@Suite("Embedded files")
struct EmbeddedFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func files(in folder: String, ending suffix: String) throws -> [String: String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent(folder).path)
        var result: [String: String] = [:]
        for name in names where name.hasSuffix(suffix) {
            result["\(folder)/\(name)"] = try String(contentsOf: Self.root.appendingPathComponent("\(folder)/\(name)"), encoding: .utf8)
        }
        return result
    }

    @Test func theEmbeddedRubricsMatchRubricsFolder() throws {
        let onDisk = try files(in: "rubrics", ending: ".yaml")
        #expect(onDisk.count == 7)
        #expect(Set(onDisk.keys) == Set(DefaultFramework.embeddedFiles.keys), "run scripts/embed-rubrics")
        for (path, text) in onDisk {
            #expect(DefaultFramework.embeddedFiles[path] == text.trimmingTrailingNewline(), "\(path) is stale: run scripts/embed-rubrics")
        }
    }

    @Test func theEmbeddedTemplatesMatchTemplatesFolder() throws {
        let onDisk = try files(in: "templates", ending: ".mustache")
        #expect(Set(onDisk.keys) == Set(DefaultTemplates.embeddedFiles.keys), "run scripts/embed-rubrics")
        for (path, text) in onDisk {
            #expect(DefaultTemplates.embeddedFiles[path] == text.trimmingTrailingNewline(), "\(path) is stale: run scripts/embed-rubrics")
        }
    }
}

extension String {
    /// A multi-line string literal drops the file's final newline.
    func trimmingTrailingNewline() -> String { hasSuffix("\n") ? String(dropLast()) : self }
}
