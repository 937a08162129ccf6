import AssessCore
@testable import AssessKit
import AssessFuzzing
import AssessReport
import Foundation
import Testing
import TestSupport

/// Packs: metadata, resolution order, archives as untrusted input, and results that name their pack.
@Suite("Packs")
struct PackTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/AssessCoreTests/Fixtures/packs")
    static let tiny = fixtures.appendingPathComponent("tiny-pack")

    /// A fresh folder, removed by the returned closure.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("assess-packs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A copy of the tiny pack in `folder`, under `name`, with its pack.yaml replaced by `metadata` when given.
    static func copyTiny(into folder: URL, name: String = "tiny-pack", metadata: String? = nil) throws -> URL {
        let copy = folder.appendingPathComponent(name)
        try FileManager.default.copyItem(at: tiny, to: copy)
        if let metadata { try metadata.write(to: copy.appendingPathComponent("pack.yaml"), atomically: true, encoding: .utf8) }
        return copy
    }

    static func metadataErrors(_ yaml: String) -> [Diagnostic] {
        do {
            _ = try PackMetadata.decode(YAMLParser.parse(yaml, file: "p/pack.yaml"))
            return []
        } catch let error as LoadError {
            return error.diagnostics
        } catch let error as DiagnosticError {
            return error.diagnostics
        } catch {
            return []
        }
    }

    static let validMetadata = """
        id: demo
        title: Demo method
        version: "2023.1"
        publisher: A publisher
        source: https://example.org/method
        licence: OGL-UK-3.0
        licence-url: https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/
        attribution: "Contains public sector information licensed under the Open Government Licence v3.0."
        framework: method/framework.yaml
        examples: [examples/a.yaml, examples/b.yaml]
        notes: NOTES.md
        """

    // MARK: - Metadata

    @Test("every pack.yaml field is read")
    func metadataFields() throws {
        let metadata = try PackMetadata.decode(YAMLParser.parse(Self.validMetadata, file: "p/pack.yaml"))
        #expect(metadata == PackMetadata(
            id: "demo", title: "Demo method", version: "2023.1", publisher: "A publisher", source: "https://example.org/method",
            licence: "OGL-UK-3.0", licenceURL: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            attribution: "Contains public sector information licensed under the Open Government Licence v3.0.",
            framework: "method/framework.yaml", examples: ["examples/a.yaml", "examples/b.yaml"], notes: "NOTES.md"))
        let minimal = try PackMetadata.decode(YAMLParser.parse("id: m\ntitle: M\nversion: '1'\npublisher: P\nlicence: CC0-1.0\n", file: "p/pack.yaml"))
        #expect(minimal.framework == "framework.yaml")
        #expect(minimal.examples.isEmpty && minimal.notes == nil && minimal.source == nil)
    }

    @Test("metadata problems are each reported at their line and column, with what to do")
    func metadataErrors() {
        let errors = Self.metadataErrors("""
            id: Demo Pack
            title: Demo
            version: "1"
            licnce: OGL-UK-3.0
            source: example.org
            examples: [../outside.yaml, /etc/passwd]
            notes: notes\\NOTES.md
            """)
        let lines = errors.map { "\($0.file):\($0.location.line):\($0.location.column): \($0.message)" + ($0.hint.map { "; \($0)" } ?? "") }
        #expect(lines.contains { $0.hasPrefix("p/pack.yaml:1:5: 'Demo Pack' is not a valid pack id") })
        #expect(lines.contains { $0.hasPrefix("p/pack.yaml:4:1: unknown key 'licnce'") && $0.contains("did you mean 'licence'?") })
        #expect(lines.contains { $0.hasPrefix("p/pack.yaml:1:1: missing key 'publisher'") })
        #expect(lines.contains { $0.hasPrefix("p/pack.yaml:1:1: missing key 'licence'") })
        #expect(lines.contains { $0.hasPrefix("p/pack.yaml:5:9: source must be a web address") })
        #expect(lines.contains { $0.hasPrefix("p/pack.yaml:6:12: '../outside.yaml' contains '..'") })
        #expect(lines.contains { $0.hasPrefix("p/pack.yaml:6:29: '/etc/passwd' is an absolute path") })
        #expect(lines.contains { $0.hasPrefix("p/pack.yaml:7:8: 'notes\\NOTES.md' contains a backslash") })
        #expect(errors.count == 8, "\(lines)")
    }

    @Test("an empty pack.yaml, or one that is not a mapping, says what it should hold")
    func metadataShape() {
        #expect(Self.metadataErrors("").first?.message == "the file is empty")
        #expect(Self.metadataErrors("- id: x\n").first?.message.contains("must be a mapping") == true)
    }

    // MARK: - Resolution

    @Test("an id is looked up in --packs folders in order, then ASSESS_PACKS, first match winning")
    func resolutionOrder() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (first, second, third) = (folder.appendingPathComponent("first"), folder.appendingPathComponent("second"),
                                      folder.appendingPathComponent("third"))
        for place in [first, second, third] { try FileManager.default.createDirectory(at: place, withIntermediateDirectories: true) }
        let metadata = { (version: String) in
            "id: tiny-pack\ntitle: Tiny\nversion: '\(version)'\npublisher: P\nlicence: CC0-1.0\nexamples: [examples/tiny-council.yaml]\n"
        }
        _ = try Self.copyTiny(into: first, metadata: metadata("first"))
        _ = try Self.copyTiny(into: second, metadata: metadata("second"))
        _ = try Self.copyTiny(into: third, name: "other-name", metadata: metadata("third"))
        let environment = ["ASSESS_PACKS": "\(third.path)::\(second.path)"]

        let library = PackLibrary(folders: [first.path], environment: environment)
        #expect(library.folders == [first.path, third.path, second.path])
        #expect(try library.find(id: "tiny-pack").metadata.version == "first")
        // Without --packs, the environment's folders in their order: the pack's id, not its folder's name, counts.
        #expect(try PackLibrary(environment: environment).find(id: "tiny-pack").metadata.version == "third")
        #expect(try PackLibrary(folders: [second.path, first.path]).find(id: "tiny-pack").metadata.version == "second")
        // Every pack is listed in lookup order, the hidden ones too.
        let listed = library.available().packs.filter { $0.metadata.id == "tiny-pack" }.map(\.metadata.version)
        #expect(listed == ["first", "third", "second"])
    }

    @Test("a path is used as it is: a pack folder or .zip is a pack, a framework folder is a framework")
    func resolutionOfPaths() throws {
        let library = PackLibrary(folders: [Self.fixtures.path])
        guard case .pack(let byPath) = try library.resolve(Self.tiny.path) else { Issue.record("a pack folder is a pack"); return }
        #expect(byPath.origin == .folder(Self.tiny.path))
        guard case .pack(let byFile) = try library.resolve(Self.tiny.appendingPathComponent("pack.yaml").path) else {
            Issue.record("pack.yaml names its pack"); return
        }
        #expect(byFile.metadata.id == "tiny-pack")
        let frameworkFolder = Self.root.appendingPathComponent("rubrics").path
        guard case .framework(let path) = try library.resolve(frameworkFolder) else { Issue.record("rubrics/ is a framework"); return }
        #expect(path == frameworkFolder)
        guard case .framework = try library.resolve("no/such/framework.yaml") else { Issue.record("a path is never an id"); return }
        guard case .pack(let byID) = try library.resolve("tiny-pack") else { Issue.record("an id is a pack"); return }
        #expect(byID.origin == .folder(Self.tiny.path))
    }

    @Test("an unknown id is not found (exit 66), with the nearest id and the packs there are")
    func unknownID() {
        let library = PackLibrary(folders: [Self.fixtures.path], includesBuiltIn: false)
        #expect(throws: LoadError.self) { try library.resolve("tiny-pak") }
        do {
            _ = try library.resolve("tiny-pak")
        } catch {
            guard case .notFound(let path, let hint) = error else { Issue.record("not found, not \(error)"); return }
            #expect(path == "tiny-pak")
            #expect(hint?.contains("did you mean 'tiny-pack'?") == true)
            #expect(hint?.contains("packs found: tiny-pack (\(Self.tiny.path))") == true)
        }
        let empty = PackLibrary(includesBuiltIn: false)
        do {
            _ = try empty.find(id: "x")
            Issue.record("no packs, no pack")
        } catch {
            #expect(error.diagnostics.first?.hint?.contains("no packs were found") == true)
        }
    }

    @Test("a packs folder that does not exist is a warning; a broken pack in it is an error, the others still listed")
    func brokenPacksAreReported() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.copyTiny(into: folder)
        _ = try Self.copyTiny(into: folder, name: "broken", metadata: "id: broken\ntitle: B\n")
        try Data("not a zip".utf8).write(to: folder.appendingPathComponent("junk.zip"))
        let (packs, problems) = PackLibrary(folders: [folder.path, folder.appendingPathComponent("missing").path],
                                            includesBuiltIn: false).available()
        #expect(packs.map(\.metadata.id) == ["tiny-pack"])
        #expect(problems.contains { $0.file.hasSuffix("broken/pack.yaml") && $0.message == "missing key 'version' in the document" })
        #expect(problems.contains { $0.file.hasSuffix("junk.zip") && $0.message.hasPrefix("this is not a zip archive") })
        #expect(problems.contains { $0.severity == .warning && $0.message == "this packs folder does not exist" })
    }

    // MARK: - Loading

    @Test("a pack's framework loads, names the pack, and its example scores")
    func loadAndScore() throws {
        let pack = try PackLibrary().read(Self.tiny.path)
        let framework = try AssessKit.loadFramework(pack: pack)
        #expect(framework.pack == PackLabel(id: "tiny-pack", version: "2025.1"))
        #expect(framework.id == "tiny")
        let evidence = try pack.loadExample("examples/tiny-council.yaml", loader: EvidenceLoader())
        let assessment = Engine(framework: framework).assess(evidence)
        #expect(assessment.pack == PackLabel(id: "tiny-pack", version: "2025.1"))
        // Yes (2 of 2) and No (0 of 2): 2 of 4 points.
        #expect(assessment.overall.score == 50)
    }

    @Test("a rubric outside the pack folder is refused, in a folder and in an archive")
    func rubricsStayInsideThePack() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = try Self.copyTiny(into: folder)
        try FileManager.default.copyItem(at: copy.appendingPathComponent("rubrics/data.yaml"), to: folder.appendingPathComponent("outside.yaml"))
        let framework = copy.appendingPathComponent("framework.yaml")
        let text = try String(contentsOf: framework, encoding: .utf8).replacingOccurrences(of: "rubrics/data.yaml", with: "../outside.yaml")
        try text.write(to: framework, atomically: true, encoding: .utf8)
        let pack = try PackLibrary().read(copy.path)
        #expect(throws: LoadError.self) { try AssessKit.loadFramework(pack: pack) }
        do {
            _ = try AssessKit.loadFramework(pack: pack)
        } catch {
            #expect(error.diagnostics.contains { $0.file == framework.path && $0.message.contains("outside") }, "\(error.diagnostics)")
        }
        let zip = folder.appendingPathComponent("pack.zip")
        try ZipFixtures.zip(folder: copy, to: zip)
        let archived = try PackArchive.read(zip.path)
        do {
            _ = try AssessKit.loadFramework(pack: archived)
            Issue.record("an archive's rubric cannot lead outside it")
        } catch {
            #expect(error.diagnostics.contains { $0.message == "the rubric file '../outside.yaml' does not exist" }, "\(error.diagnostics)")
        }
    }

    // MARK: - Archives

    @Test("a zipped pack scores its example as the folder does, whether its files sit in a folder or at the top")
    func archiveMatchesFolder() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let folderPack = try PackLibrary().read(Self.tiny.path)
        let folderScore = Engine(framework: try AssessKit.loadFramework(pack: folderPack))
            .assess(try folderPack.loadExample("examples/tiny-council.yaml", loader: EvidenceLoader()))
        for top in [true, false] {
            let zip = folder.appendingPathComponent("tiny-\(top).zip")
            try ZipFixtures.zip(folder: Self.tiny, to: zip, top: top)
            guard case .pack(let pack) = try PackLibrary().resolve(zip.path) else { Issue.record("a .zip is a pack"); continue }
            #expect(pack.origin == .archive(zip.path))
            #expect(pack.frameworkFile == zip.path + "/framework.yaml")
            let framework = try AssessKit.loadFramework(pack: pack)
            let assessment = Engine(framework: framework).assess(try pack.loadExample("examples/tiny-council.yaml", loader: EvidenceLoader()))
            #expect(assessment.overall.score == folderScore.overall.score)
            #expect(JSONReporter.render(assessment, context: ReportContext(toolVersion: "1"))
                    == JSONReporter.render(folderScore, context: ReportContext(toolVersion: "1")))
        }
    }

    /// The refusal an archive gets, as text.
    static func refusal(_ entries: [ZipFixtures.Entry], limits: PackArchive.Limits = PackArchive.Limits()) throws -> String {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let zip = folder.appendingPathComponent("hostile.zip")
        try ZipFixtures.write(entries, to: zip)
        do {
            _ = try PackArchive.read(zip.path, limits: limits)
            return "accepted"
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics.first?.file == zip.path)
            return error.diagnostics.map { $0.message }.joined(separator: "\n")
        }
    }

    static let packYAML = ZipFixtures.Entry("pack.yaml", "id: x\ntitle: X\nversion: '1'\npublisher: P\nlicence: CC0-1.0\n")

    @Test("archive entries that lead outside the pack are refused before anything is read", arguments: [
        ("../evil.yaml", "the entry '../evil.yaml' contains '..', which leads outside the pack; the archive is refused"),
        ("pack/../../evil.yaml", "the entry 'pack/../../evil.yaml' contains '..', which leads outside the pack; the archive is refused"),
        ("/etc/cron.d/evil", "the entry '/etc/cron.d/evil' is an absolute path, which leads outside the pack; the archive is refused"),
        ("C:/evil.yaml", "the entry 'C:/evil.yaml' starts with a drive letter, which leads outside the pack; the archive is refused"),
        ("a\\..\\..\\evil.yaml", "the entry 'a\\..\\..\\evil.yaml' contains a backslash; write '/' between folders; the archive is refused"),
    ])
    func traversalRefused(path: String, expected: String) throws {
        #expect(try Self.refusal([Self.packYAML, ZipFixtures.Entry(path, "x: 1\n")]) == expected)
    }

    @Test("a symbolic link in an archive is refused")
    func symlinkRefused() throws {
        let message = try Self.refusal([Self.packYAML, ZipFixtures.Entry("rubrics/data.yaml", bytes: Array("/etc/passwd".utf8), symlink: true)])
        #expect(message == "the entry 'rubrics/data.yaml' is a symbolic link, which a pack archive may not hold")
    }

    @Test("an archive that inflates past the cap is refused as a possible zip bomb, and so is one with too many entries")
    func bombRefused() throws {
        let limits = PackArchive.Limits(maxTotalBytes: 1 << 20, maxEntries: 50)
        // 2 MB of zeros deflates to a few kilobytes: the archive is small, its content is not.
        let zeros = ZipFixtures.Entry("examples/zeros.yaml", bytes: [UInt8](repeating: 0x20, count: 2 << 20))
        let message = try Self.refusal([Self.packYAML, zeros], limits: limits)
        #expect(message == "the archive holds more than 1048576 bytes once uncompressed, over the limit for a pack")
        // Many small entries that together pass the cap are counted together.
        let parts = (0..<4).map { ZipFixtures.Entry("examples/part\($0).yaml", bytes: [UInt8](repeating: 0x20, count: 300_000)) }
        #expect(try Self.refusal([Self.packYAML] + parts, limits: limits).hasPrefix("the archive holds more than 1048576 bytes"))
        let many = (0..<60).map { ZipFixtures.Entry("examples/e\($0).yaml", "x: 1\n") }
        #expect(try Self.refusal([Self.packYAML] + many, limits: limits) == "the archive has more than 50 entries")
        // Under the cap, the same archive is read.
        #expect(try Self.refusal([Self.packYAML] + parts.prefix(3), limits: limits) == "accepted")
    }

    @Test("an archive without pack.yaml at its top, or not a zip at all, says what a pack archive is")
    func archiveShape() throws {
        #expect(try Self.refusal([ZipFixtures.Entry("a/pack.yaml", "id: x\n"), ZipFixtures.Entry("b/framework.yaml", "id: y\n")])
                == "the archive has no pack.yaml at its top or in a single folder at its top")
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fake = folder.appendingPathComponent("fake.zip")
        try Data("PK not really".utf8).write(to: fake)
        do {
            _ = try PackArchive.read(fake.path)
            Issue.record("not a zip")
        } catch {
            #expect(error.diagnostics.first?.message.hasPrefix("this is not a zip archive") == true)
        }
    }

    @Test("the fuzzer's pack seeds are valid, so mutation starts from a pack that loads")
    func fuzzSeeds() throws {
        let archive = try #require(FuzzTargets.all.first { $0.name == "pack-archive" }?.seeds.first)
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let zip = folder.appendingPathComponent("fuzz.zip")
        try Data(archive).write(to: zip)
        let pack = try PackArchive.read(zip.path)
        #expect(pack.metadata.id == "fuzz-pack")
        let framework = try AssessKit.loadFramework(pack: pack, startPlugins: false)
        #expect(framework.dimensions.count == 1)
        let metadata = try #require(FuzzTargets.all.first { $0.name == "pack-metadata" }?.seeds.first)
        #expect(try PackMetadata.decode(YAMLParser.parse(metadata, file: "pack.yaml")).id == "fuzz-pack")
        #expect(FuzzTargets.run([try #require(FuzzTargets.selector(forNamePrefix: "pack-archive"))] + archive) == "pack-archive")
    }

    // MARK: - Results name the pack

    @Test("JSON, Markdown, text and the HTML report name the pack beside the framework; JSON reads back to the same bytes and has no pack field without one")
    func jsonRoundTrip() throws {
        let pack = try PackLibrary().read(Self.tiny.path)
        let framework = try AssessKit.loadFramework(pack: pack)
        let assessment = Engine(framework: framework).assess(try pack.loadExample("examples/tiny-council.yaml", loader: EvidenceLoader()))
        let written = JSONReporter.render(assessment, context: ReportContext(toolVersion: "9.9.9", date: "2026-04-01"))
        #expect(written.contains("\"pack\": {\n    \"id\": \"tiny-pack\",\n    \"version\": \"2025.1\"\n  },\n  \"scale\""))
        let document = try AssessmentReader.read(Data(written.utf8), file: "tiny.json")
        #expect(document.assessment.pack == PackLabel(id: "tiny-pack", version: "2025.1"))
        #expect(JSONReporter.render(document.assessment, context: document.context) == written)
        var unpacked = assessment
        unpacked.pack = nil
        #expect(!JSONReporter.render(unpacked, context: ReportContext(toolVersion: "1")).contains("\"pack\""))
        #expect(MarkdownReporter.render(assessment, context: ReportContext(toolVersion: "1")).contains("| Pack | tiny-pack 2025.1 |"))
        let html = ExecutiveReport.render(assessment, roadmap: nil, format: .html, templates: try ReportTemplates.standard(),
                                          context: ReportContext(toolVersion: "1"))
        #expect(html.contains("with the Tiny method framework (tiny 1, pack tiny-pack 2025.1)."))
        #expect(TextReporter.render(assessment, context: ReportContext(toolVersion: "1")).contains("Tiny method 1 (pack tiny-pack 2025.1)"))
    }

    // MARK: - Built-in packs

    @Test("every built-in pack reads, loads its framework and scores each example without an error")
    func builtInPacks() throws {
        let (packs, problems) = BuiltInPacks.packs()
        #expect(problems.isEmpty, "\(problems.map(\.description))")
        let folders = Set(BuiltInPacks.embeddedFiles.keys.compactMap { $0.split(separator: "/").dropFirst().first.map(String.init) })
        #expect(packs.count == folders.count, "every folder under packs/ is a pack with a pack.yaml")
        for pack in packs {
            #expect(pack.origin == .builtIn)
            #expect(pack.root == "packs/\(pack.metadata.id)", "a built-in pack's folder is named by its id")
            let framework = try AssessKit.loadFramework(pack: pack)
            for example in pack.metadata.examples {
                let assessment = Engine(framework: framework).assess(try pack.loadExample(example, loader: EvidenceLoader()))
                #expect(assessment.diagnostics.filter { $0.severity == .error }.isEmpty, "\(pack.metadata.id): \(example)")
            }
        }
    }

    @Test("the embedded packs match packs/ (run scripts/embed-rubrics after editing a pack)")
    func embeddedPacksMatch() throws {
        let folder = Self.root.appendingPathComponent("packs")
        var onDisk: [String: String] = [:]
        if let enumerator = FileManager.default.enumerator(atPath: folder.path) {
            while let relative = enumerator.nextObject() as? String {
                guard relative.contains("/"), [".yaml", ".yml", ".md"].contains(where: { relative.hasSuffix($0) }) else { continue }
                let text = try String(contentsOf: folder.appendingPathComponent(relative), encoding: .utf8)
                onDisk["packs/\(relative)"] = text.hasSuffix("\n") ? String(text.dropLast()) : text
            }
        }
        #expect(Set(onDisk.keys) == Set(BuiltInPacks.embeddedFiles.keys), "run scripts/embed-rubrics")
        for (path, text) in onDisk {
            #expect(BuiltInPacks.embeddedFiles[path] == text, "\(path) is stale: run scripts/embed-rubrics")
        }
    }
}
