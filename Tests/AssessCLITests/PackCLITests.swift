import Foundation
import Testing
import TestSupport

/// `assess packs`, `assess packs validate` and `--framework ID`, run as a user would.
@Suite("Packs from the command line")
struct PackCLITests {
    static let packs = "Tests/AssessCoreTests/Fixtures/packs"
    static let tiny = packs + "/tiny-pack"
    static let example = tiny + "/examples/tiny-council.yaml"

    /// The run's environment without any ASSESS_PACKS of the machine running the tests.
    static let noEnvironmentPacks = ["ASSESS_PACKS": ""]

    @Test("assess packs lists each pack found, as text and as JSON")
    func list() throws {
        let text = try CLI.run(["packs", "--packs", Self.packs], environment: Self.noEnvironmentPacks)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("tiny-pack 2025.1: Tiny test method\n    The assess test suite · licence CC0-1.0 · \(Self.tiny)\n"), "\(text.stdout)")

        let json = try CLI.run(["packs", "--packs", Self.packs, "--format", "json"], environment: Self.noEnvironmentPacks)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let entries = object?["packs"] as? [[String: Any]] ?? []
        let tiny = entries.first { $0["id"] as? String == "tiny-pack" }
        #expect(tiny?["version"] as? String == "2025.1")
        #expect(tiny?["publisher"] as? String == "The assess test suite")
        #expect(tiny?["licence"] as? String == "CC0-1.0")
        #expect(tiny?["origin"] as? String == "folder")
        #expect(tiny?["where"] as? String == Self.tiny)
        #expect(tiny?["hidden"] as? Bool == false)
        // The same packs through the environment.
        let environment = try CLI.run(["packs", "list", "--format", "json"], environment: ["ASSESS_PACKS": Self.packs])
        #expect(environment.stdout == json.stdout)
    }

    @Test("assess packs validate checks the pack and scores every example, by path and by id")
    func validate() throws {
        for arguments in [["packs", "validate", Self.tiny], ["packs", "validate", "tiny-pack", "--packs", Self.packs]] {
            let result = try CLI.run(arguments, environment: Self.noEnvironmentPacks)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout.contains("pack 'tiny-pack' 2025.1"), "\(result.stdout)")
            #expect(result.stdout.contains("tiny-council.yaml: Tiny Council: Level 3 Defined · 50.0%"), "\(result.stdout)")
            #expect(result.stdout.hasSuffix("\(Self.tiny): ok\n"), "\(result.stdout)")
        }
    }

    @Test("a zipped pack validates and scores like its folder")
    func validateArchive() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let zip = folder.appendingPathComponent("tiny-pack.zip")
        try ZipFixtures.zip(folder: CLI.root.appendingPathComponent(Self.tiny), to: zip)
        let result = try CLI.run(["packs", "validate", zip.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\(zip.path)/examples/tiny-council.yaml: Tiny Council: Level 3 Defined · 50.0%"), "\(result.stdout)")
        let byFolder = try CLI.run(["score", Self.example, "--framework", Self.tiny, "--format", "json"])
        let byZip = try CLI.run(["score", Self.example, "--framework", zip.path, "--format", "json"])
        #expect(byZip.status == 0, "\(byZip.stderr)")
        #expect(byZip.stdout == byFolder.stdout)
        // The archive is an input of the run: an --output naming it is refused, and the archive is left whole.
        let before = try Data(contentsOf: zip)
        let overwrite = try CLI.run(["score", Self.example, "--framework", zip.path, "--output", zip.path])
        #expect(overwrite.status == 64, "\(overwrite.stderr)")
        #expect(try Data(contentsOf: zip) == before)
    }

    @Test("a broken pack fails validation with exit 65 and each problem at its place; an unknown pack exits 66")
    func validateFailures() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("tiny-pack")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent(Self.tiny), to: copy)
        let metadata = copy.appendingPathComponent("pack.yaml")
        let text = try String(contentsOf: metadata, encoding: .utf8).replacingOccurrences(of: "publisher:", with: "publsher:")
        try text.write(to: metadata, atomically: true, encoding: .utf8)
        let broken = try CLI.run(["packs", "validate", copy.path])
        #expect(broken.status == 65)
        #expect(broken.stderr.contains("\(metadata.path):5:1: error: unknown key 'publsher' in the document; did you mean 'publisher'?"), "\(broken.stderr)")

        // An example that is not valid evidence fails validation too.
        try String(contentsOf: CLI.root.appendingPathComponent(Self.tiny + "/pack.yaml"), encoding: .utf8).write(to: metadata, atomically: true, encoding: .utf8)
        try "organisation: {name: Tiny}\nfacts: [1, 2]\n".write(to: copy.appendingPathComponent("examples/tiny-council.yaml"), atomically: true, encoding: .utf8)
        let badExample = try CLI.run(["packs", "validate", copy.path])
        #expect(badExample.status == 65)
        #expect(badExample.stderr.contains("examples/tiny-council.yaml:2:8: error:"), "\(badExample.stderr)")

        let unknown = try CLI.run(["packs", "validate", "tiny-pak", "--packs", Self.packs], environment: Self.noEnvironmentPacks)
        #expect(unknown.status == 66)
        #expect(unknown.stderr.contains("did you mean 'tiny-pack'?"), "\(unknown.stderr)")
    }

    @Test("a hostile archive is refused with exit 65 and nothing written beside it")
    func hostileArchive() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let zip = folder.appendingPathComponent("evil.zip")
        try ZipFixtures.write([
            ZipFixtures.Entry("pack.yaml", "id: evil\ntitle: E\nversion: '1'\npublisher: P\nlicence: CC0-1.0\n"),
            ZipFixtures.Entry("../escaped.yaml", "x: 1\n"),
        ], to: zip)
        let result = try CLI.run(["packs", "validate", zip.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(zip.path): error: the entry '../escaped.yaml' contains '..', which leads outside the pack"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["evil.zip"])
        #expect(!FileManager.default.fileExists(atPath: folder.deletingLastPathComponent().appendingPathComponent("escaped.yaml").path))
    }

    @Test("score --framework takes a pack id from --packs or ASSESS_PACKS, and the result names the pack")
    func scoreByID() throws {
        let byOption = try CLI.run(["score", Self.example, "--framework", "tiny-pack", "--packs", Self.packs, "--format", "json"],
                                   environment: Self.noEnvironmentPacks)
        #expect(byOption.status == 0, "\(byOption.stderr)")
        #expect(byOption.stdout.contains("\"pack\": {\n    \"id\": \"tiny-pack\",\n    \"version\": \"2025.1\"\n  }"), "\(byOption.stdout)")
        let byEnvironment = try CLI.run(["score", Self.example, "--framework", "tiny-pack", "--format", "json"],
                                        environment: ["ASSESS_PACKS": Self.packs])
        #expect(byEnvironment.stdout == byOption.stdout)
        let text = try CLI.run(["score", Self.example, "--framework", "tiny-pack", "--packs", Self.packs], environment: Self.noEnvironmentPacks)
        #expect(text.stdout.contains("Tiny method 1 (pack tiny-pack 2025.1)"), "\(text.stdout)")
        let rubrics = try CLI.run(["rubrics", "--framework", "tiny-pack", "--packs", Self.packs], environment: Self.noEnvironmentPacks)
        #expect(rubrics.status == 0)
        #expect(rubrics.stdout.hasPrefix("Tiny method (tiny 1, pack tiny-pack 2025.1)"), "\(rubrics.stdout)")

        let unknown = try CLI.run(["score", Self.example, "--framework", "tiny-pak", "--packs", Self.packs], environment: Self.noEnvironmentPacks)
        #expect(unknown.status == 66)
        #expect(unknown.stderr.contains("tiny-pak: error: no such file or folder; no pack has that id either; did you mean 'tiny-pack'?"), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("packs found: tiny-pack (\(Self.tiny))"), "\(unknown.stderr)")
        let notAFolder = try CLI.run(["score", Self.example, "--framework", "tiny-pack", "--packs", "no-such-folder"])
        #expect(notAFolder.status == 64)
        #expect(notAFolder.stderr.contains("--packs 'no-such-folder' is not a folder"), "\(notAFolder.stderr)")
    }
}
