@testable import AssessCore
import AssessKit
import Foundation
import Testing

/// The built-in framework ships its files already parsed (`DefaultFramework.parsedFiles`); a run rebuilds each
/// tree from that archive instead of parsing the YAML. The archives must be exactly what the parser makes of the
/// embedded text. With `ASSESS_RECORD_PARSED=1` the test records them from a fresh parse instead.
@Suite("Embedded parsed trees")
struct EmbeddedParsedTreesTests {
    static let generatedFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/AssessKit/DefaultFramework+Parsed+Generated.swift")

    static var recording: Bool { ProcessInfo.processInfo.environment["ASSESS_RECORD_PARSED"] == "1" }

    /// Every embedded file's tree, rebuilt from its archive, equals a fresh parse of its text node for node.
    @Test func eachArchiveRebuildsTheTreeTheParserMakes() throws {
        let files = DefaultFramework.embeddedFiles
        if Self.recording {
            try record(files)
            Issue.record("recorded \(Self.generatedFile.lastPathComponent); rebuild and rerun without ASSESS_RECORD_PARSED")
            return
        }
        let hint = "stale: run ASSESS_RECORD_PARSED=1 swift test --filter EmbeddedParsedTrees, then rerun without it"
        #expect(Set(DefaultFramework.parsedFiles.keys) == Set(files.keys), "\(hint)")
        #expect(files.count == 7)
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let parsed = try YAMLParser.parse(text, file: path)
            let archive = try #require(DefaultFramework.parsedFiles[path], "\(path) has no archive: \(hint)")
            let rebuilt = try #require(YAMLDocument(file: path, bytes: Array(text.utf8), archive: archive), "\(path): \(hint)")
            #expect(rebuilt.file == path)
            #expect(rebuilt.bytes == parsed.bytes)
            #expect(rebuilt.problems.isEmpty && parsed.problems.isEmpty)
            let expected = try #require(parsed.root?.arena), actual = try #require(rebuilt.root?.arena)
            #expect(actual.index == expected.index, "\(path): root")
            #expect(actual.tree.nodes.count == expected.tree.nodes.count, "\(path): \(hint)")
            for (slot, (a, b)) in zip(actual.tree.nodes, expected.tree.nodes).enumerated()
            where a.kind != b.kind || a.line != b.line || a.column != b.column || a.start != b.start || a.count != b.count {
                Issue.record("\(path): node \(slot) is \(a), the parser makes \(b): \(hint)")
                break
            }
            #expect(actual.tree.children == expected.tree.children, "\(path): \(hint)")
            #expect(actual.tree.text == expected.tree.text, "\(path): \(hint)")
            #expect(actual.tree.holdsUnusableNumber == expected.tree.holdsUnusableNumber)
            // The same through the public API: every node's kind, location and text, and its children, in order.
            var differences: [String] = []
            Self.compare(try #require(rebuilt.root), try #require(parsed.root), path: path, into: &differences)
            #expect(differences.isEmpty, "\(differences.prefix(5))")
        }
    }

    /// The built-in framework loaded from the archives is the one loaded by parsing its files.
    @Test func theFrameworkFromArchivesIsTheParsedOne() throws {
        let loader = FrameworkLoader(registry: AssessKit.registry, startPlugins: false)
        let fromArchives = try loader.load(embedded: DefaultFramework.embeddedFiles, parsed: DefaultFramework.parsedFiles,
                                           frameworkFile: DefaultFramework.frameworkFile)
        let parsed = try loader.load(embedded: DefaultFramework.embeddedFiles, frameworkFile: DefaultFramework.frameworkFile)
        #expect(fromArchives.dimensions.count == 6)
        #expect(fromArchives.dimensions.map(\.rubric.id) == parsed.dimensions.map(\.rubric.id))
        #expect(fromArchives.dimensions.map(\.weight) == parsed.dimensions.map(\.weight))
        #expect(fromArchives.dimensions.flatMap { $0.rubric.criteria.map(\.id) }
            == parsed.dimensions.flatMap { $0.rubric.criteria.map(\.id) })
        #expect(fromArchives.dimensions.flatMap { $0.rubric.criteria.map(\.title) }
            == parsed.dimensions.flatMap { $0.rubric.criteria.map(\.title) })
    }

    /// An archive is used only with the text it was made from: after an edit the file is parsed again, so a
    /// stale archive can never stand in for the new text.
    @Test func aStaleArchiveIsNotUsed() throws {
        let path = "rubrics/mobile.yaml"
        let text = try #require(DefaultFramework.embeddedFiles[path])
        let archive = try #require(DefaultFramework.parsedFiles[path])
        let title = try #require(text.range(of: "title: "))
        var edited = text
        edited.replaceSubrange(title, with: "title: Edited ")
        #expect(YAMLDocument(file: path, bytes: Array(edited.utf8), archive: archive) == nil)
        var files = DefaultFramework.embeddedFiles
        files[path] = edited
        let framework = try FrameworkLoader(registry: AssessKit.registry, startPlugins: false)
            .load(embedded: files, parsed: DefaultFramework.parsedFiles, frameworkFile: DefaultFramework.frameworkFile)
        let rubric = try #require(framework.dimensions.first { $0.rubric.id == "mobile" }?.rubric)
        #expect(rubric.title.hasPrefix("Edited "))
    }

    /// A malformed archive is refused (and the file parsed), never read out of bounds.
    @Test func aMalformedArchiveIsRefused() throws {
        let text = "a: [1, 'two', {b: c}]\nd: e\n"
        let document = try YAMLParser.parse(text, file: "t.yaml")
        let archive = try #require(document.archive)
        let bytes = Array(text.utf8)
        #expect(YAMLDocument(file: "t.yaml", bytes: bytes, archive: archive) != nil)
        #expect(YAMLDocument(file: "t.yaml", bytes: bytes, archive: "not base64!") == nil)
        #expect(YAMLDocument(file: "t.yaml", bytes: bytes, archive: String(archive.dropLast(8))) == nil)
        var data = try #require(Data(base64Encoded: archive))
        let headerSize = 29, nodeSize = 17
        // A child slot past the last node.
        var badChild = data
        let nodeCount = Int(data[17]) | Int(data[18]) << 8
        let childOffset = headerSize + nodeCount * nodeSize
        badChild[childOffset] = 0xFF
        badChild[childOffset + 1] = 0xFF
        #expect(YAMLDocument(file: "t.yaml", bytes: bytes, archive: badChild.base64EncodedString()) == nil)
        // A node kind that does not exist, and a scalar whose text runs past the end.
        var badKind = data
        badKind[headerSize + nodeSize] = 9
        #expect(YAMLDocument(file: "t.yaml", bytes: bytes, archive: badKind.base64EncodedString()) == nil)
        data[headerSize + nodeSize + 13] = 0x7F
        #expect(YAMLDocument(file: "t.yaml", bytes: bytes, archive: data.base64EncodedString()) == nil)
        // A document with problems (a duplicate key) has no archive: the problems would be lost.
        #expect(try YAMLParser.parse("a: 1\na: 2\n", file: "t.yaml").archive == nil)
        // An empty document round-trips with no root.
        let empty = try YAMLParser.parse("", file: "e.yaml")
        let emptyArchive = try #require(empty.archive)
        let rebuilt = try #require(YAMLDocument(file: "e.yaml", bytes: [], archive: emptyArchive))
        #expect(rebuilt.root == nil)
    }

    static func compare(_ a: YAMLNode, _ b: YAMLNode, path: String, into differences: inout [String]) {
        guard differences.count < 5 else { return }
        if a.location != b.location { differences.append("\(path):\(b.location): rebuilt at \(a.location)") }
        switch (a.content, b.content) {
        case (.scalar(let x), .scalar(let y)):
            if x != y { differences.append("\(path):\(b.location): \(x) is not \(y)") }
        case (.sequence(let x), .sequence(let y)):
            guard x.count == y.count else { return differences.append("\(path):\(b.location): \(x.count) items, not \(y.count)") }
            for (p, q) in zip(x, y) { compare(p, q, path: path, into: &differences) }
        case (.mapping(let x), .mapping(let y)):
            guard x.count == y.count else { return differences.append("\(path):\(b.location): \(x.count) pairs, not \(y.count)") }
            for (p, q) in zip(x, y) {
                compare(p.key, q.key, path: path, into: &differences)
                compare(p.value, q.value, path: path, into: &differences)
            }
        default:
            differences.append("\(path):\(b.location): rebuilt as \(a.kindDescription), parsed as \(b.kindDescription)")
        }
    }

    /// Writes the generated file from a fresh parse of every embedded file.
    func record(_ files: [String: String]) throws {
        var out = """
            // Generated by `ASSESS_RECORD_PARSED=1 swift test --filter EmbeddedParsedTrees` from a parse of the embedded
            // rubrics/ files (DefaultFramework+Generated.swift). Do not edit: rerun that after scripts/embed-rubrics.

            extension DefaultFramework {
                /// The parsed tree of each embedded file, as ``YAMLDocument/archive`` text, keyed by its path in the repository.
                static let parsed: [String: String] = [

            """
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let document = try YAMLParser.parse(text, file: path)
            let archive = try #require(document.archive, "\(path) has problems")
            out += "        \"\(path)\": \"\(archive)\",\n"
        }
        out += "    ]\n}\n"
        try out.write(to: Self.generatedFile, atomically: true, encoding: .utf8)
    }
}
