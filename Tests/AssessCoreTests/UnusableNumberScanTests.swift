@testable import AssessCore
import Testing

// The parser notes, while it builds the tree, whether any plain scalar reads as an unusable number, so the
// evidence loader's check of fact values walks nothing in the usual file that holds none (issue 10: the
// loader's speed). The note must never hide a number the full walk would find.

@Suite("unusable numbers found while parsing")
struct UnusableNumberScanTests {
    /// Every plain scalar reported by the walk from the root, as (text, line:column).
    func walk(_ node: YAMLNode?) -> [String] {
        var found: [String] = []
        node?.forEachUnusableNumber { text, location, _ in found.append("\(text)@\(location.line):\(location.column)") }
        return found
    }

    /// The same document with the parser's note ignored: the walk visits every value.
    func walkIgnoringTheNote(_ document: YAMLDocument) throws -> [String] {
        guard let (tree, index) = document.root?.arena else {
            Issue.record("not an arena document")
            return []
        }
        let full = YAMLTree(nodes: tree.nodes, children: tree.children, text: tree.text, holdsUnusableNumber: true)
        return walk(YAMLNode(tree: full, index: index))
    }

    @Test func theNoteIsSetExactlyWhenAPlainScalarIsUnusable() throws {
        let unusable = ["1e19", ".nan", "-.INF", "1e999", "9007199254740993", "1_000_000_000_000_000_000", "+.inf"]
        let usable = ["12", "1e5", "9007199254740991", "2025-03-10", "abc", "'1e19'", "\"1e19\"", "!!str 1e19",
                      "inf", "nan", "-12.5e3", "123456789012345", "~", "0x10", "1e1x"]
        for text in unusable + usable {
            for shape in ["a: \(text)\n", "a: [1, \(text)]\n", "a: {b: \(text)}\n", "\(text): b\n", "a:\n  - b: \(text)\n"] {
                let document = try YAMLParser.parse(shape, file: "t.yaml")
                guard let tree = document.root?.arena?.tree else {
                    Issue.record("no tree for \(shape)")
                    continue
                }
                #expect(tree.holdsUnusableNumber == unusable.contains(text), "\(shape)")
                #expect(walk(document.root) == (try walkIgnoringTheNote(document)), "\(shape)")
            }
        }
    }

    @Test func aliasesAndManyValuesAreFoundAsBeforeWhenTheNoteIsSet() throws {
        let text = "a: &big 1e19\nb: [1, 2, *big]\nc: {d: .nan, e: '1e19', f: 3}\n"
        let document = try YAMLParser.parse(text, file: "t.yaml")
        #expect(walk(document.root) == ["1e19@1:4", "1e19@2:11", ".nan@3:8"])
        #expect(walk(document.root) == (try walkIgnoringTheNote(document)))
    }

    @Test func theEvidenceLoaderStillRefusesAnUnusableValue() throws {
        let text = "organisation: {name: Test Council}\nfacts:\n  channel.volumes: {phone: 120000, web: 1e19}\n  engagement.followers: 12\n"
        do {
            _ = try EvidenceLoader().decode(YAMLParser.parse(text, file: "e.yaml"))
            Issue.record("1e19 was accepted")
        } catch {
            #expect(String(describing: error).contains("e.yaml:3:41"))
        }
        let fine = "organisation: {name: Test Council}\nfacts:\n  channel.volumes: {phone: 120000, web: '1e19'}\n"
        #expect(try EvidenceLoader().decode(YAMLParser.parse(fine, file: "e.yaml")).facts.count == 1)
    }
}
