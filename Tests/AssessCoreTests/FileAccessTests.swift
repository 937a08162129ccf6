import AssessCore
import AssessKit
import Foundation
import Testing

/// `FileAccess` (which files third-party input may read) and `OutputFile` (how outputs are written).
@Suite("Files read and written")
struct FileAccessTests {
    /// A fresh folder holding `inside/` (the allowed root) and `outside/`, with real paths.
    static func folders() throws -> (root: String, inside: String, outside: String) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("assess-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("inside/sub"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: url.appendingPathComponent("outside"), withIntermediateDirectories: true)
        let root = try #require(FileAccess.realPath(url.path))
        try Data("a,b\n1,2\n".utf8).write(to: URL(fileURLWithPath: root + "/inside/sub/data.csv"))
        try Data("secret\n".utf8).write(to: URL(fileURLWithPath: root + "/outside/secret.csv"))
        return (root, root + "/inside", root + "/outside")
    }

    @Test func pathsAreJudgedByWhereTheyReallyLead() throws {
        let (root, inside, outside) = try Self.folders()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let access = FileAccess(roots: [inside])
        try FileManager.default.createSymbolicLink(atPath: inside + "/in-link.csv", withDestinationPath: "sub/data.csv")
        try FileManager.default.createSymbolicLink(atPath: inside + "/out-link.csv", withDestinationPath: "../outside/secret.csv")
        try FileManager.default.createSymbolicLink(atPath: inside + "/out-folder", withDestinationPath: outside)

        #expect(access.place(of: inside + "/sub/data.csv") == .inside(realPath: inside + "/sub/data.csv"))
        #expect(access.place(of: inside + "/sub/../sub/./data.csv") == .inside(realPath: inside + "/sub/data.csv"))
        #expect(access.place(of: inside + "/in-link.csv") == .inside(realPath: inside + "/sub/data.csv"))
        #expect(access.place(of: inside + "/../outside/secret.csv") == .outside)
        #expect(access.place(of: outside + "/secret.csv") == .outside)
        #expect(access.place(of: inside + "/out-link.csv") == .outside)
        #expect(access.place(of: inside + "/out-folder/secret.csv") == .outside)
        #expect(access.place(of: inside + "/sub/../../outside/missing.csv") == .outside, "a missing file outside is outside, not missing")
        #expect(access.place(of: inside + "/sub/missing.csv") == .missing)
        #expect(access.place(of: "/etc/passwd") == .outside)
        #expect(access.place(of: root + "/inside-not") == .outside, "a sibling whose name starts like the root is not inside it")

        #expect(throws: FileRefusal.outside) { _ = try access.read(inside + "/out-link.csv") }
        #expect(try access.read(inside + "/in-link.csv") == Array("a,b\n1,2\n".utf8))
        #expect(try access.allowing(outside).read(inside + "/out-link.csv") == Array("secret\n".utf8))
        #expect(FileAccess(roots: ["/"]).place(of: "/etc/passwd") == .inside(realPath: "/etc/passwd"))
    }

    @Test func onlyRegularFilesAreReadAndNeverPastTheLimit() throws {
        let (root, inside, _) = try Self.folders()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fifo = inside + "/pipe.csv"
        #expect(mkfifo(fifo, 0o644) == 0)
        // Nothing writes to the FIFO: opening it would block, so returning at all shows it was refused first.
        #expect(throws: FileRefusal.notRegular(.fifo)) { _ = try FileAccess(roots: [inside]).read(fifo) }
        #expect(throws: FileRefusal.notRegular(.folder)) { _ = try FileAccess(roots: [inside]).read(inside + "/sub") }
        #expect(throws: FileRefusal.notRegular(.device)) { _ = try FileAccess(roots: ["/dev"]).read("/dev/zero") }
        #expect(throws: FileRefusal.tooLarge(bytes: 8, limit: 4)) { _ = try FileAccess(roots: [inside], maxBytes: 4).read(inside + "/sub/data.csv") }
        #expect(try FileAccess(roots: [inside], maxBytes: 8).read(inside + "/sub/data.csv").count == 8, "a file of exactly the limit is read")
        #expect(try FileAccess(roots: [inside]).read(inside + "/sub/data.csv") == Array("a,b\n1,2\n".utf8))
        #expect(throws: FileRefusal.missing) { _ = try FileReader.readRegular(inside + "/none.csv", limit: 10) }
        #expect(FileAccess(roots: [inside]).check(inside + "/sub", folders: true) == nil)
        #expect(FileAccess(roots: [inside]).check(inside + "/sub") == .notRegular(.folder))
        #expect(FileAccess(roots: [inside]).check(fifo, folders: true) == .notRegular(.fifo))

        // The command-line reader refuses them too, with a located message and no hang.
        #expect(throws: LoadError.self) { _ = try FileReader.read(fifo) }
        do {
            _ = try FileReader.read("/dev/zero")
            Issue.record("/dev/zero was read")
        } catch {
            #expect(error.diagnostics.first?.message == "this is a device, not a regular file")
        }
    }

    @Test func evidenceFilesAreCheckedWithoutReadingThem() throws {
        let (root, inside, outside) = try Self.folders()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let text = "organisation: {name: X}\nfacts:\n  a.b: {file: ../outside/secret.csv}\n  c.d: {file: sub/data.csv}\n"
        let document = try YAMLParser.parse(text, file: inside + "/evidence.yaml")
        let evidence = try EvidenceLoader().decode(document)
        let refused = EvidenceLoader.refusedFiles(evidence)
        #expect(refused.count == 1)
        #expect(refused.first?.headline == "\(inside)/evidence.yaml:3:15: error: 'file: ../outside/secret.csv' is outside the evidence folder \(inside); move the file beside the evidence or allow its folder with --files-root DIR")
        #expect(refused.first?.description.contains("secret\n") == false)
        let allowed = try EvidenceLoader(fileRoots: [outside]).decode(document)
        #expect(EvidenceLoader.refusedFiles(allowed).isEmpty)
    }

    @Test func rubricPathsStayInTheFrameworkFolderUnlessTheLoaderAllowsMore() throws {
        let (root, inside, outside) = try Self.folders()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let rubrics = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("rubrics").path
        for name in try FileManager.default.contentsOfDirectory(atPath: rubrics) where name.hasSuffix(".yaml") {
            try FileManager.default.copyItem(atPath: rubrics + "/" + name, toPath: (name == "mobile.yaml" ? outside : inside) + "/" + name)
        }
        let file = inside + "/framework.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "rubric: mobile.yaml", with: "rubric: ../outside/mobile.yaml").utf8).write(to: URL(fileURLWithPath: file))

        do {
            _ = try FrameworkLoader(registry: AssessKit.registry).load(path: inside)
            Issue.record("a rubric outside the framework folder was loaded")
        } catch {
            // The other rubrics' actions that depend on the mobile ones are reported too.
            let messages = error.diagnostics.map(\.headline)
            #expect(messages.contains { $0.hasPrefix(file + ":") && $0.contains(": error: 'rubric: ../outside/mobile.yaml' is outside the framework folder \(inside); move the rubric into the framework's folder") },
                    "\(messages)")
        }
        var loader = FrameworkLoader(registry: AssessKit.registry)
        loader.fileRoots = [outside]
        #expect(try loader.load(path: inside).dimensions.count == 6)
    }

    // MARK: - OutputFile

    @Test func outputFilesAreWrittenWholeKeepingModeAndLinks() throws {
        let (root, inside, _) = try Self.folders()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = inside + "/out.txt"
        try OutputFile.write(Array("one".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one")
        #expect(chmod(path, 0o640) == 0)
        try OutputFile.write(Array("two".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue == 0o640)

        try FileManager.default.createSymbolicLink(atPath: inside + "/link.txt", withDestinationPath: "out.txt")
        try OutputFile.write(Array("three".utf8), to: inside + "/link.txt")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: inside + "/link.txt") == "out.txt")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "three")
        #expect(try FileManager.default.contentsOfDirectory(atPath: inside).sorted() == ["link.txt", "out.txt", "sub"])
    }

    @Test func outputFilesThatMustNotBeWrittenAreRefusedUntouched() throws {
        let (root, inside, _) = try Self.folders()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let input = inside + "/sub/data.csv"
        let hard = inside + "/hard.csv"
        #expect(link(input, hard) == 0)
        #expect(OutputFile.check(input, inputs: [input]) == .isInput(input))
        #expect(OutputFile.check(inside + "/sub/./data.csv", inputs: [input]) == .isInput(input))
        #expect(OutputFile.check(hard, inputs: [input]) == .isInput(input))
        #expect(OutputFile.check(inside + "/new.csv", inputs: [input]) == nil)
        #expect(throws: OutputFile.Failure.folder) { try OutputFile.write([1], to: inside + "/sub") }
        #expect(chmod(hard, 0o444) == 0)
        #expect(throws: OutputFile.Failure.readOnly) { try OutputFile.write([1], to: hard) }
        #expect(try String(contentsOfFile: input, encoding: .utf8) == "a,b\n1,2\n")
        #expect(OutputFile.check(inside + "/none/x.txt") == nil, "a missing folder is found when writing")
        #expect(throws: OutputFile.Failure.cannotWrite("No such file or directory")) { try OutputFile.write([1], to: inside + "/none/x.txt") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: inside).sorted() == ["hard.csv", "sub"], "nothing is left behind")
    }
}
