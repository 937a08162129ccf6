@testable import AssessCore
import AssessKit
import Testing

// Work bounded by the size of the input: checked by deterministic measures (cells computed, passes over a
// file, bytes kept), never by timing, so a busy machine cannot make these fail.

@Suite("Bounded work")
struct BoundedWorkTests {
    // MARK: Suggestions

    @Test("did you mean: one- and two-letter typos are suggested")
    func typosAreSuggested() {
        let keys = ["channel.volumes", "channel.unit-costs", "web.accessibility", "data.published"]
        #expect(Suggestion.nearest(to: "channel.volume", in: keys) == "channel.volumes")  // a letter missing
        #expect(Suggestion.nearest(to: "channel.volumez", in: keys) == "channel.volumes")  // a letter wrong
        #expect(Suggestion.nearest(to: "chanel.volumess", in: keys) == "channel.volumes")  // one missing, one extra
        #expect(Suggestion.nearest(to: "chanenl.volumes", in: keys) == "channel.volumes")  // two swapped
        #expect(Suggestion.nearest(to: "Web.Accessibility", in: keys) == "web.accessibility")  // case ignored
        #expect(Suggestion.nearest(to: "sorce", in: EvidenceLoader.factKeys) == "source")
    }

    @Test("did you mean: unrelated or too distant words get no suggestion")
    func unrelatedWordsAreNot() {
        let keys = ["channel.volumes", "channel.unit-costs", "web.accessibility"]
        #expect(Suggestion.nearest(to: "unused.fact-0000001", in: keys) == nil)
        #expect(Suggestion.nearest(to: "chnnl.volums", in: keys) == nil)  // three letters missing
        #expect(Suggestion.nearest(to: "channel.volumes.extra", in: keys) == nil)  // six letters longer
        #expect(Suggestion.nearest(to: "", in: keys) == nil)
        #expect(Suggestion.nearest(to: "anything", in: []) == nil)
    }

    @Test("did you mean: the nearest wins, and the first listed on a tie")
    func nearestAndTies() {
        #expect(Suggestion.nearest(to: "mean", in: ["median", "meen", "mean"]) == "mean")
        #expect(Suggestion.nearest(to: "cat", in: ["bat", "hat"]) == "bat")
        #expect(Suggestion.nearest(to: "cat", in: ["hat", "bat"]) == "hat")
        #expect(Suggestion.nearest(to: "cost", in: ["costs", "cast"]) == "costs")
    }

    @Test("the banded distance agrees with the full Levenshtein distance within its bound")
    func bandedDistanceAgrees() {
        let words = ["", "a", "ab", "ba", "abc", "kitten", "sitting", "channel", "chanel", "channle", "flaw", "lawn",
                     "intention", "execution", "données", "donnees", "réponse", "response"]
        for a in words {
            for b in words {
                let full = fullDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
                #expect(Suggestion.editDistance(a, b) == full, "\(a) / \(b)")
                for bound in 0...3 {
                    let banded = Suggestion.distance(Array(a.unicodeScalars), Array(b.unicodeScalars), within: bound)
                    #expect(banded == (full <= bound ? full : nil), "\(a) / \(b) within \(bound)")
                }
            }
        }
    }

    @Test("a suggestion's work is bounded by the word's length and the candidates of a similar length")
    func suggestionWorkIsBounded() {
        let keys = (0..<200).map { "criterion.key-\($0)" }
        let index = Suggestion.Index(keys)
        // A huge word is not compared with anything: no cell is computed.
        var cells = 0
        #expect(index.nearest(to: String(repeating: "x", count: 1_000_000), cells: &cells) == nil)
        #expect(cells == 0)
        // A word of similar length: at most (2 × 2 + 1) cells per scalar per candidate, whatever it is.
        for word in ["criterion.key-7", "criterion.kez-42", "unrelated.fact-00", "zzzzzzzzzzzzzzzzz"] {
            var cells = 0
            _ = index.nearest(to: word, cells: &cells)
            #expect(cells <= 5 * word.unicodeScalars.count * keys.count, "\(word): \(cells) cells")
        }
        // Doubling the number of unknown words (all of one length, as in a generated file) doubles the work.
        func work(_ count: Int) -> Int {
            var cells = 0
            for number in 0..<count { _ = index.nearest(to: "unused.fact-\(100_000 + number)", cells: &cells) }
            return cells
        }
        let (one, two, four) = (work(500), work(1000), work(2000))
        #expect(one > 0)
        #expect(Double(two) <= 2.1 * Double(one) && Double(four) <= 2.1 * Double(two), "\(one), \(two), \(four)")
    }

    // MARK: Lines quoted in diagnostics

    @Test("many diagnostics in one file index its lines once")
    func linesAreIndexedOnce() throws {
        let text = (1...5000).map { "  key\($0): value" }.joined(separator: "\n")
        let document = YAMLDocument(file: "f.yaml", root: nil, bytes: Array(text.utf8))
        for line in stride(from: 5000, through: 1, by: -1) {
            let diagnostic = document.diagnostic("problem", at: SourceLocation(line: line, column: 3))
            #expect(diagnostic.sourceLine == "  key\(line): value")
        }
        #expect(document.lines.passes == 1)
    }

    @Test("line lookup: LF, CRLF, a last line without a break, and lines past the end")
    func lineLookup() {
        let document = YAMLDocument(file: "f", root: nil, bytes: Array("one\r\ntwo\n\nfour".utf8))
        #expect(document.line(1) == "one")
        #expect(document.line(2) == "two")
        #expect(document.line(3) == "")
        #expect(document.line(4) == "four")
        #expect(document.line(5) == nil)
        #expect(document.line(0) == nil)
        #expect(YAMLDocument(file: "f", root: nil, bytes: Array("a\n".utf8)).line(2) == "")
        #expect(YAMLDocument(file: "f", root: nil, bytes: []).line(1) == "")
    }

    @Test("a diagnostic on a very long line quotes its start, or nothing far along it")
    func longLinesAreClipped() {
        let line = "{" + (0..<20_000).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + "}"
        let document = YAMLDocument(file: "min.json", root: nil, bytes: Array(line.utf8))
        let near = document.diagnostic("problem", at: SourceLocation(line: 1, column: 10))
        let quoted = near.sourceLine ?? ""
        #expect(quoted.hasPrefix("{\"k0\": 0, ") && quoted.hasSuffix(" …"))
        #expect(quoted.utf8.count <= YAMLDocument.quotedLineLimit + 4)
        #expect(near.description.contains("^"))
        let far = document.diagnostic("problem", at: SourceLocation(line: 1, column: 50_000))
        #expect(far.sourceLine == nil)
        #expect(far.description == far.headline)
        // A multi-byte character at the cut is not split.
        let accented = String(repeating: "é", count: 500)
        let clipped = YAMLDocument(file: "f", root: nil, bytes: Array(accented.utf8))
            .diagnostic("problem", at: SourceLocation(line: 1, column: 2)).sourceLine ?? ""
        #expect(clipped.hasPrefix("éé") && clipped.hasSuffix("é …") && !clipped.contains("\u{FFFD}"))
    }

    // MARK: Unused facts

    static func evidence(unused count: Int, extra: String = "") throws -> Evidence {
        var text = "organisation:\n  name: Anytown\nfacts:\n" + extra
        for number in 0..<count { text += "  unused.fact-\(number): \(number)\n" }
        return try EvidenceLoader().decode(YAMLParser.parse(text, file: "e.yaml"))
    }

    @Test("unused facts: the first twenty listed in file order, the rest counted in one warning")
    func unusedFactsAreCapped() throws {
        let framework = try AssessKit.loadFramework(path: nil)
        let evidence = try Self.evidence(unused: 5000)
        let warnings = EvidenceLoader.unusedFacts(evidence, framework: framework)
        try #require(warnings.count == EvidenceLoader.unusedFactsListed + 1)
        for (number, warning) in warnings.prefix(20).enumerated() {
            #expect(warning.severity == .warning)
            #expect(warning.location == SourceLocation(line: 4 + number, column: 3))
            #expect(warning.message.hasSuffix("reads the fact 'unused.fact-\(number)'"))
            #expect(warning.hint == "it is kept but not scored")
        }
        let summary = try #require(warnings.last)
        #expect(summary.message.hasSuffix("reads 4,980 more facts, from 'unused.fact-20' on"))
        #expect(summary.location == SourceLocation(line: 24, column: 3))
        #expect(EvidenceLoader.unusedFacts(evidence, framework: framework, listing: 5000).count == 5000)
    }

    @Test("unused facts: a typo of a key a criterion reads is suggested; the used key is not reported")
    func unusedFactTypo() throws {
        let framework = try AssessKit.loadFramework(path: nil)
        let used = try #require(framework.allCriteria.first?.criterion.evidence.first?.fact)
        let typo = String(used.dropLast()) + (used.hasSuffix("x") ? "y" : "x")
        let evidence = try Self.evidence(unused: 1, extra: "  \(used): 1\n  \(typo): 2\n")
        let warnings = EvidenceLoader.unusedFacts(evidence, framework: framework)
        try #require(warnings.count == 2)
        #expect(warnings[0].message.hasSuffix("reads the fact '\(typo)'"))
        #expect(warnings[0].hint == "did you mean '\(used)'?")
        #expect(warnings[0].location == SourceLocation(line: 5, column: 3))
        #expect(warnings[1].message.hasSuffix("reads the fact 'unused.fact-0'"))
    }

    // MARK: CSV memory

    @Test("a CSV table keeps its cells in one buffer: a few bytes a cell beyond the text")
    func csvTableIsCompact() throws {
        var text = "date,service,channel,contacts\n"
        for number in 0..<20_000 { text += "2025-04-\(number % 28 + 1),\"Council \"\"tax\"\"\",Telephone,\(number)\n" }
        let table = try CSVTable(text: text, file: "c.csv")
        #expect(table.rows.count == 20_000)
        #expect(table.rows[19_999][3] == "19999" && table.rows[7][1] == "Council \"tax\"" && table.rows[7].line == 9)
        #expect(table.rows[0].cells == ["2025-04-1", "Council \"tax\"", "Telephone", "0"])
        let cells = 20_001 * 4
        #expect(table.storedBytes <= text.utf8.count + 4 * cells + 8 * 20_001)
    }
}

/// The textbook Levenshtein distance, to check the banded one against.
private func fullDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + [Int](repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
