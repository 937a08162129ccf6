import Foundation
import Testing

/// Which files evidence may read, and how output files are written, end to end through the built binary.
@Suite("assess CLI: files read and written")
struct FileSafetyTests {
    /// A temporary folder holding `evidence/` (with the evidence file) and `elsewhere/`.
    struct Workspace {
        let root: URL
        var evidenceFolder: URL { root.appendingPathComponent("evidence") }
        var elsewhere: URL { root.appendingPathComponent("elsewhere") }
        var evidence: String { evidenceFolder.appendingPathComponent("evidence.yaml").path }

        init(facts: String) throws {
            root = try CLI.temporaryFolder()
            try FileManager.default.createDirectory(at: root.appendingPathComponent("evidence"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: root.appendingPathComponent("elsewhere"), withIntermediateDirectories: true)
            try Self.write("organisation:\n  name: Test Council\nfacts:\n\(facts)\n", to: root.appendingPathComponent("evidence/evidence.yaml").path)
        }

        static func write(_ text: String, to path: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }

        /// The names in a folder, to check that nothing was left behind.
        func names(in folder: URL) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    /// A real channel-volumes export that the built-in assessor scores.
    static let contacts = CLI.root.appendingPathComponent("examples/exports/ashdown/channel-contacts-2025-26.csv").path

    /// The first line of /etc/passwd, which must never appear in any output.
    static func secret() throws -> String {
        let text = try String(contentsOfFile: "/etc/passwd", encoding: .utf8)
        return String(text.split(separator: "\n").first ?? "root:x:0:0")
    }

    static func status(_ json: String, criterion: String) throws -> String? {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        for dimension in object?["dimensions"] as? [[String: Any]] ?? [] {
            for item in dimension["criteria"] as? [[String: Any]] ?? [] where item["id"] as? String == criterion {
                return item["status"] as? String
            }
        }
        return nil
    }

    // MARK: - Reading

    @Test(arguments: ["../../../../../../../../etc/passwd", "/etc/passwd"])
    func evidenceCannotReadAFileOutsideItsFolder(path: String) throws {
        let space = try Workspace(facts: "  channel.volumes:\n    file: \(path)")
        defer { space.remove() }
        let secret = try Self.secret()

        let plain = try CLI.run(["score", space.evidence, "--format", "json"])
        #expect(plain.status == 0, "plain score reports the criterion as an error and goes on: \(plain.stderr)")
        #expect(plain.stderr.contains("evidence.yaml:5:11: warning: criterion cs-digital-share: 'file: \(path)' is outside the evidence folder "))
        #expect(plain.stderr.contains("move the file beside the evidence or allow its folder with --files-root DIR"))
        #expect(try Self.status(plain.stdout, criterion: "cs-digital-share") == "error")

        let strict = try CLI.run(["score", "--strict", space.evidence])
        #expect(strict.status == 65)
        let validate = try CLI.run(["validate", space.evidence])
        #expect(validate.status == 65)
        #expect(validate.stderr.contains("evidence.yaml:5:11: error: 'file: \(path)' is outside the evidence folder"))

        let report = space.root.appendingPathComponent("report.html").path
        let reported = try CLI.run(["report", space.evidence, "-o", report])
        #expect(reported.status == 0, "\(reported.stderr)")
        let html = try String(contentsOfFile: report, encoding: .utf8)
        for text in [plain.stdout, plain.stderr, strict.stdout, strict.stderr, validate.stdout, validate.stderr, reported.stderr, html] {
            #expect(!text.contains(secret), "the refused file's contents were echoed")
        }
    }

    @Test func aSymlinkLeadingOutIsRefusedAndOneStayingInsideIsRead() throws {
        let space = try Workspace(facts: "  channel.volumes: {file: inside.csv}\n  engagement.replies-sent: {file: out.csv}")
        defer { space.remove() }
        try FileManager.default.copyItem(atPath: Self.contacts, toPath: space.evidenceFolder.appendingPathComponent("real.csv").path)
        try FileManager.default.createSymbolicLink(atPath: space.evidenceFolder.appendingPathComponent("inside.csv").path, withDestinationPath: "real.csv")
        try FileManager.default.createSymbolicLink(atPath: space.evidenceFolder.appendingPathComponent("out.csv").path, withDestinationPath: "/etc/passwd")

        let result = try CLI.run(["score", space.evidence, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.status(result.stdout, criterion: "cs-digital-share") == "assessed", "\(result.stderr)")
        #expect(try Self.status(result.stdout, criterion: "de-conversation-ratio") == "error")
        #expect(result.stderr.contains("'file: out.csv' is outside the evidence folder"))
        #expect(!result.stderr.contains("inside.csv"), "the symlink inside is allowed")
        #expect(!(result.stdout + result.stderr).contains(try Self.secret()))
    }

    @Test func foldersOfExportsAndIndexFilesStayInsideToo() throws {
        let space = try Workspace(facts: """
              mobile.lighthouse-performance: {file: reports}
              mobile.lighthouse-mobile-checks: {file: index.yaml}
              channel.volumes: {file: /etc}
            """)
        defer { space.remove() }
        let report = CLI.root.appendingPathComponent("examples/exports/ashdown/mobile-lighthouse/home-psi-2025-10-06.json").path
        let reports = space.evidenceFolder.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: report, toPath: reports.appendingPathComponent("home.json").path)
        try FileManager.default.copyItem(atPath: report, toPath: space.elsewhere.appendingPathComponent("away.json").path)
        try FileManager.default.createSymbolicLink(atPath: reports.appendingPathComponent("away.json").path,
                                                   withDestinationPath: space.elsewhere.appendingPathComponent("away.json").path)
        try Workspace.write("- reports/home.json\n- ../elsewhere/away.json\n", to: space.evidenceFolder.appendingPathComponent("index.yaml").path)

        let result = try CLI.run(["score", space.evidence, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("'file: reports/away.json' is outside the evidence folder"), "\(result.stderr)")
        #expect(result.stderr.contains("index.yaml:2:3: warning: criterion mob-lighthouse-mobile-checks: 'entry: ../elsewhere/away.json' is outside the evidence folder"), "\(result.stderr)")
        #expect(result.stderr.contains("'file: /etc' is outside the evidence folder"), "\(result.stderr)")

        let allowed = try CLI.run(["score", space.evidence, "--format", "json", "--files-root", space.elsewhere.path])
        #expect(!allowed.stderr.contains("away.json"), "\(allowed.stderr)")
    }

    @Test func filesRootAllowsAnotherFolder() throws {
        let space = try Workspace(facts: "  channel.volumes: {file: ../elsewhere/contacts.csv}")
        defer { space.remove() }
        try FileManager.default.copyItem(atPath: Self.contacts, toPath: space.elsewhere.appendingPathComponent("contacts.csv").path)

        let refused = try CLI.run(["score", "--strict", space.evidence])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("'file: ../elsewhere/contacts.csv' is outside the evidence folder"))

        for command in ["score", "validate", "roadmap"] {
            let allowed = try CLI.run([command, space.evidence, "--files-root", space.elsewhere.path] + (command == "score" ? ["--strict"] : []))
            #expect(allowed.status == 0, "\(command): \(allowed.stderr)")
            #expect(!allowed.stderr.contains("outside"), "\(command): \(allowed.stderr)")
        }
        let missing = try CLI.run(["score", space.evidence, "--files-root", space.root.appendingPathComponent("nowhere").path])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("is not a folder"))
    }

    @Test func aFIFOADeviceAndAFolderAreRefusedWithoutOpeningThem() throws {
        let space = try Workspace(facts: "  channel.volumes: {file: pipe.csv}\n  engagement.replies-sent: {file: /dev/zero}\n  engagement.median-response-hours: {file: sub}")
        defer { space.remove() }
        let fifo = space.evidenceFolder.appendingPathComponent("pipe.csv").path
        #expect(mkfifo(fifo, 0o644) == 0)
        try FileManager.default.createDirectory(at: space.evidenceFolder.appendingPathComponent("sub"), withIntermediateDirectories: true)

        // Nobody writes to the FIFO: opening it for reading would wait for ever, so finishing at all shows it was not opened.
        let result = try CLI.run(["score", "--strict", space.evidence, "--files-root", "/dev"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("the file 'pipe.csv' named by channel.volumes is a named pipe (FIFO), not a regular file"))
        #expect(result.stderr.contains("the file '/dev/zero' named by engagement.replies-sent is a device, not a regular file"))
        #expect(result.stderr.contains("the file 'sub' named by engagement.median-response-hours is a folder, not a regular file"))

        let validate = try CLI.run(["validate", space.evidence, "--files-root", "/dev"])
        #expect(validate.status == 65)
        #expect(validate.stderr.contains("is a named pipe (FIFO)"))
        #expect(validate.stderr.contains("is a device"))
    }

    @Test func aRubricOutsideTheFrameworkFolderIsRefused() throws {
        let space = try Workspace(facts: "  channel.volumes: 1")
        defer { space.remove() }
        let framework = space.root.appendingPathComponent("framework")
        try FileManager.default.createDirectory(at: framework, withIntermediateDirectories: true)
        let rubrics = CLI.root.appendingPathComponent("rubrics")
        for name in try FileManager.default.contentsOfDirectory(atPath: rubrics.path) where name.hasSuffix(".yaml") {
            try FileManager.default.copyItem(at: rubrics.appendingPathComponent(name), to: framework.appendingPathComponent(name))
        }
        let file = framework.appendingPathComponent("framework.yaml").path
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try Workspace.write(text.replacingOccurrences(of: "rubric: mobile.yaml", with: "rubric: ../../../../../../../etc/passwd"), to: file)

        let result = try CLI.run(["validate", file])
        #expect(result.status == 65)
        #expect(result.stderr.contains("'rubric: ../../../../../../../etc/passwd' is outside the framework folder"), "\(result.stderr)")
        #expect(result.stderr.contains("move the rubric into the framework's folder"))
        #expect(!(result.stdout + result.stderr).contains(try Self.secret()))
    }

    @Test func aBrandLogoMustSitInTheTemplateFolder() throws {
        let space = try Workspace(facts: "  channel.volumes: 1")
        defer { space.remove() }
        let templates = space.root.appendingPathComponent("brand")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Workspace.write("<svg xmlns='http://www.w3.org/2000/svg'><title>away</title></svg>", to: space.elsewhere.appendingPathComponent("logo.svg").path)
        try Workspace.write("name: Acme\nlogo: ../elsewhere/logo.svg\n", to: templates.appendingPathComponent("brand.yaml").path)
        let output = space.root.appendingPathComponent("r.html").path
        let result = try CLI.run(["report", space.evidence, "--template", templates.path, "-o", output])
        #expect(result.status == 65)
        #expect(result.stderr.contains("brand.yaml:2:7: error: 'logo: ../elsewhere/logo.svg' is outside the template folder"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    // MARK: - Writing

    @Test func rewritingKeepsTheFilesPermissionsAndWritesThroughASymlink() throws {
        let space = try Workspace(facts: "  channel.volumes: 1")
        defer { space.remove() }
        let output = space.root.appendingPathComponent("private.json").path
        try Workspace.write("old", to: output)
        #expect(chmod(output, 0o600) == 0)
        let first = try CLI.run(["score", space.evidence, "--format", "json", "-o", output])
        #expect(first.status == 0, "\(first.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: output)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try String(contentsOfFile: output, encoding: .utf8).hasPrefix("{"))

        let link = space.root.appendingPathComponent("link.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "private.json")
        try Workspace.write("old", to: output)
        let second = try CLI.run(["score", space.evidence, "--format", "json", "-o", link])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "private.json", "the link is kept")
        #expect(try String(contentsOfFile: output, encoding: .utf8).hasPrefix("{"), "its target is written")

        let dangling = space.root.appendingPathComponent("dangling.md").path
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: "made.md")
        let third = try CLI.run(["roadmap", space.evidence, "--format", "markdown", "-o", dangling])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(FileManager.default.fileExists(atPath: space.root.appendingPathComponent("made.md").path))
        #expect(try space.names(in: space.root) == ["dangling.md", "elsewhere", "evidence", "link.json", "made.md", "private.json"], "no temporary files are left")
    }

    @Test func aReadOnlyFileIsLeftAsItIs() throws {
        let space = try Workspace(facts: "  channel.volumes: 1")
        defer { space.remove() }
        let output = space.root.appendingPathComponent("locked.txt").path
        try Workspace.write("keep me", to: output)
        #expect(chmod(output, 0o444) == 0)
        let result = try CLI.run(["score", space.evidence, "-o", output])
        #expect(result.status == 73)
        #expect(result.stderr.contains("locked.txt: error: the output file is read-only, so it was left as it is"))
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "keep me")
        #expect(try space.names(in: space.root) == ["elsewhere", "evidence", "locked.txt"], "no temporary files are left")
    }

    @Test func aFolderAsOutputIsAPlainError() throws {
        let space = try Workspace(facts: "  channel.volumes: 1")
        defer { space.remove() }
        for arguments in [["score", space.evidence], ["roadmap", space.evidence], ["report", space.evidence, "--format", "markdown"],
                          ["report", space.evidence, "--format", "pdf"]] {  // refused before any PDF is rendered
            let result = try CLI.run(arguments + ["-o", space.elsewhere.path])
            #expect(result.status == 73, "\(arguments[0]): \(result.stderr)")
            #expect(result.stderr.contains("error: the output is a folder; name a file to write (a new file inside that folder, for example)"))
            #expect(!result.stderr.contains("NSCocoaErrorDomain"))
            #expect(try space.names(in: space.elsewhere).isEmpty)
        }
    }

    @Test func theOutputMayNotBeAnInputOfTheRun() throws {
        let space = try Workspace(facts: "  channel.volumes: {file: contacts.csv}")
        defer { space.remove() }
        let export = space.evidenceFolder.appendingPathComponent("contacts.csv").path
        try FileManager.default.copyItem(atPath: Self.contacts, toPath: export)
        let hardLink = space.root.appendingPathComponent("hard.yaml").path
        try FileManager.default.linkItem(atPath: space.evidence, toPath: hardLink)
        let before = try Data(contentsOf: URL(fileURLWithPath: space.evidence))
        let exportBefore = try Data(contentsOf: URL(fileURLWithPath: export))
        let dotted = space.evidenceFolder.path + "/./evidence.yaml"
        for (command, output) in [("score", space.evidence), ("score", dotted), ("roadmap", hardLink), ("report", space.evidence), ("score", export)] {
            let result = try CLI.run([command, space.evidence, "-o", output] + (command == "report" ? ["--format", "markdown"] : []))
            #expect(result.status == 64, "\(command) -o \(output): \(result.stderr)")
            #expect(result.stderr.contains("error: the output file is also an input of this run"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: space.evidence)) == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: export)) == exportBefore)
        #expect(try space.names(in: space.evidenceFolder) == ["contacts.csv", "evidence.yaml"])
        #expect(try space.names(in: space.root) == ["elsewhere", "evidence", "hard.yaml"])

        let framework = CLI.root.appendingPathComponent("rubrics").path
        let copy = space.root.appendingPathComponent("framework")
        try FileManager.default.copyItem(atPath: framework, toPath: copy.path)
        let rubric = copy.appendingPathComponent("mobile.yaml").path
        let result = try CLI.run(["score", space.evidence, "--framework", copy.path, "-o", rubric])
        #expect(result.status == 64, "a rubric of the run is an input too: \(result.stderr)")
    }
}
