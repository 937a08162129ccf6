import AssessCore
import AssessKit
import Foundation
import Testing

// Tests of the YAML/JSON loader: every class of bad input is reported with its exact line and column, a message
// and (where there is one) a hint; good input, anchors, merge keys and JSON load; hostile input is refused fast.

// MARK: - Fixtures

/// Builders for small rubrics, frameworks and evidence held in strings.
private enum LoaderFixture {
    /// A rubric header taking lines 1-10, so the first criterion appended to it starts on line 11.
    static let header = """
        id: r
        title: R
        version: 1.0.0
        levels:
          1: one
          2: two
          3: three
          4: four
          5: five
        criteria:

        """

    /// One valid criterion. Appended to ``header`` its lines are:
    /// 11 `- id`, 12 title, 13 question, 14 rationale, 15 weight, 16 assessor, 17 evidence, 18 value,
    /// 19 parameters, 20 thresholds, 21 levels.
    static let goodCriterion = """
          - id: c-one
            title: One
            question: Is it one?
            rationale: Because one matters.
            weight: 2
            assessor: threshold
            evidence:
              value: x.share
            parameters:
              thresholds: [10, 25, 45, 65, 80]
            levels: {1: a, 2: b, 3: c, 4: d, 5: e}

        """

    /// A rubric made of the header and the given criteria text.
    static func rubric(_ criteria: String = goodCriterion) -> String { header + criteria }

    /// The valid criterion with one piece of text replaced (which must occur in it).
    static func criterion(replacing old: String, with new: String) -> String {
        precondition(goodCriterion.contains(old), "fixture text '\(old)' not found")
        return goodCriterion.replacingOccurrences(of: old, with: new)
    }

    /// A framework.yaml with a five-level scale and one dimension, `r.yaml`.
    static func framework(extra: String = "") -> String {
        """
        id: test
        title: Test
        version: 1.0.0
        \(extra)scale:
          levels:
            - {level: 1, name: One}
            - {level: 2, name: Two}
            - {level: 3, name: Three}
            - {level: 4, name: Four}
            - {level: 5, name: Five}
        dimensions:
          - rubric: r.yaml
        """
    }

    /// Every diagnostic from parsing and decoding a rubric text on the standard five-level scale.
    static func rubricProblems(_ text: String, file: String = "r.yaml", limits: YAMLLimits = YAMLLimits()) -> [Diagnostic] {
        do throws(DiagnosticError) {
            let document = try YAMLParser.parse(text, file: file, limits: limits)
            let (rubric, problems) = FrameworkLoader(registry: AssessKit.registry).decodeRubric(document, scale: .standard)
            if rubric == nil, problems.isEmpty { Issue.record("no rubric and no problem reported") }
            return problems
        } catch {
            return error.diagnostics
        }
    }

    /// Loads an in-memory framework whose single dimension is the given rubric.
    static func loadFramework(rubric: String, framework: String = framework()) throws(LoadError) -> Framework {
        try FrameworkLoader(registry: AssessKit.registry)
            .load(embedded: ["x/framework.yaml": framework, "x/r.yaml": rubric], frameworkFile: "x/framework.yaml")
    }

    /// Every diagnostic from loading an in-memory framework (none when it loads).
    static func frameworkProblems(rubric: String, framework: String = framework()) -> [Diagnostic] {
        do throws(LoadError) {
            _ = try loadFramework(rubric: rubric, framework: framework)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// Decodes evidence from text.
    static func evidence(_ text: String, file: String = "e.yaml", limits: YAMLLimits = YAMLLimits()) throws(LoadError) -> Evidence {
        let document: YAMLDocument
        do throws(DiagnosticError) {
            document = try YAMLParser.parse(text, file: file, limits: limits)
        } catch {
            throw .invalid(error)
        }
        return try EvidenceLoader(limits: limits).decode(document)
    }

    /// Every diagnostic from decoding evidence text (none when it loads).
    static func evidenceProblems(_ text: String, file: String = "e.yaml") -> [Diagnostic] {
        do throws(LoadError) {
            _ = try evidence(text, file: file)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// The diagnostics of a parse alone: the fatal ones it throws, or the ones it keeps in the document
    /// (duplicate keys, bad merges) for decoding to report with its own.
    static func parseProblems(_ text: String, file: String = "f.yaml", limits: YAMLLimits = YAMLLimits()) -> [Diagnostic] {
        do throws(DiagnosticError) {
            return try YAMLParser.parse(text, file: file, limits: limits).problems
        } catch {
            return error.diagnostics
        }
    }

    /// A fresh temporary folder, removed by the returned closure.
    static func temporaryFolder() throws -> (URL, () -> Void) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("assess-loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return (url, { try? FileManager.default.removeItem(at: url) })
    }

    /// A node written out canonically, for comparing trees regardless of where they came from.
    static func canonical(_ node: YAMLNode?) -> String {
        guard let node else { return "<nil>" }
        switch node.content {
        case .scalar(let scalar): return scalar.isNull ? "null" : "'\(scalar.text)'"
        case .sequence(let items): return "[" + items.map { canonical($0) }.joined(separator: ", ") + "]"
        case .mapping(let pairs):
            return "{" + pairs.map { "\(canonical($0.key)): \(canonical($0.value))" }.joined(separator: ", ") + "}"
        }
    }
}

/// Checks a diagnostic's line, column, message fragment and (when given) hint fragment.
private func checkDiagnostic(
    _ diagnostic: Diagnostic?, line: Int, column: Int, message: String, hint: String? = nil,
    severity: Diagnostic.Severity = .error, sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    guard let diagnostic else {
        Issue.record("expected a diagnostic at \(line):\(column) containing \"\(message)\", found none",
                     sourceLocation: sourceLocation)
        return
    }
    #expect(diagnostic.location.line == line, "line of: \(diagnostic.headline)", sourceLocation: sourceLocation)
    #expect(diagnostic.location.column == column, "column of: \(diagnostic.headline)", sourceLocation: sourceLocation)
    #expect(diagnostic.message.contains(message), "message of: \(diagnostic.headline)", sourceLocation: sourceLocation)
    #expect(diagnostic.severity == severity, sourceLocation: sourceLocation)
    if let hint {
        #expect(diagnostic.hint?.contains(hint) == true, "hint of: \(diagnostic.headline)", sourceLocation: sourceLocation)
    }
}

/// Checks there is exactly one diagnostic, and what it says.
private func checkOnly(
    _ diagnostics: [Diagnostic], line: Int, column: Int, message: String, hint: String? = nil,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    #expect(diagnostics.count == 1, "\(diagnostics.map(\.headline))", sourceLocation: sourceLocation)
    checkDiagnostic(diagnostics.first, line: line, column: column, message: message, hint: hint, sourceLocation: sourceLocation)
}

// MARK: - Tests

@Suite("Loader")
struct LoaderTests {
    // MARK: Sanity

    @Test("the fixture rubric and framework are valid, so each bad-input test changes one thing")
    func fixturesAreValid() throws {
        #expect(LoaderFixture.rubricProblems(LoaderFixture.rubric()).isEmpty)
        let framework = try LoaderFixture.loadFramework(rubric: LoaderFixture.rubric())
        #expect(framework.dimensions.count == 1)
        let criterion = try #require(framework.dimensions.first?.rubric.criteria.first)
        #expect(criterion.id == "c-one")
        #expect(criterion.weight == 2)
        #expect(criterion.location == AssessCore.SourceLocation(line: 11, column: 5))
        #expect(criterion.evidence == [EvidenceBinding(role: "value", fact: "x.share")])
        #expect(criterion.levels == [1: "a", 2: "b", 3: "c", 4: "d", 5: "e"])
    }

    // MARK: YAML syntax

    @Test("an unclosed quote is a syntax error with a hint about quotes")
    func unclosedQuote() {
        let text = "id: r\ntitle: \"Unclosed\nversion: 1.0.0\n"
        let problems = LoaderFixture.rubricProblems(text)
        checkOnly(problems, line: 2, column: 8, message: "YAML syntax error: found unexpected end of stream",
                   hint: "a quote or bracket is opened and never closed")
    }

    @Test("an unclosed quote should point at the opening quote, not at the end of the file")
    func unclosedQuoteLocation() {
        let text = "id: r\ntitle: \"Unclosed\nversion: 1.0.0\n"
        let problems = LoaderFixture.rubricProblems(text)
        checkOnly(problems, line: 2, column: 8, message: "YAML syntax error")
    }

    @Test("a line indented less than its siblings is a syntax error on that line")
    func badIndentation() {
        let text = """
            id: r
            levels:
              1: one
             2: two
            """
        let problems = LoaderFixture.rubricProblems(text)
        checkOnly(problems, line: 4, column: 2, message: "YAML syntax error: did not find expected key",
                   hint: "check that this line is indented like the lines it belongs with")
    }

    @Test("a ': ' inside an unquoted value is a syntax error with a hint to quote it")
    func colonInPlainValue() {
        let text = "id: r\ntitle: Channel shift: the basics\n"
        let problems = LoaderFixture.rubricProblems(text)
        checkOnly(problems, line: 2, column: 21, message: "mapping values are not allowed",
                   hint: "put text containing ': ' in quotes")
    }

    @Test("a tab used for indentation is a syntax error whose hint mentions tabs")
    func tabIndentation() {
        let text = "id: r\nlevels:\n\t1: one\n"
        let problems = LoaderFixture.rubricProblems(text)
        checkOnly(problems, line: 3, column: 1, message: "YAML syntax error",
                   hint: "YAML indentation must use spaces, not tabs")
    }

    @Test("a file with more than one document is refused at the second '---'")
    func moreThanOneDocument() {
        let text = "id: r\ntitle: R\n---\nid: s\n"
        let problems = LoaderFixture.rubricProblems(text)
        checkOnly(problems, line: 3, column: 1, message: "the file holds more than one YAML document",
                   hint: "remove the second '---'")
    }

    @Test("one explicit '---' at the top is a single document")
    func explicitSingleDocument() {
        #expect(LoaderFixture.rubricProblems("---\n" + LoaderFixture.rubric()).isEmpty)
    }

    @Test("an empty file is reported at 1:1")
    func emptyFile() {
        checkOnly(LoaderFixture.rubricProblems(""), line: 1, column: 1, message: "the file is empty",
                   hint: "it should hold a rubric")
        checkOnly(LoaderFixture.evidenceProblems("# only a comment\n"), line: 1, column: 1,
                   message: "the file is empty", hint: "'organisation:'")
    }

    @Test("a document that is not a mapping is reported at its start")
    func rootNotMapping() {
        checkOnly(LoaderFixture.rubricProblems("- id: r\n"), line: 1, column: 1,
                   message: "the document must be a mapping of keys to values, found a list")
    }

    // MARK: Keys

    @Test("a duplicate key is reported at the second one, naming the line of the first")
    func duplicateKey() {
        let text = LoaderFixture.rubric(LoaderFixture.criterion(replacing: "    weight: 2\n", with: "    weight: 2\n    title: Again\n"))
        let problems = LoaderFixture.rubricProblems(text)
        checkOnly(problems, line: 16, column: 5, message: "duplicate key 'title' (first given on line 12)",
                   hint: "remove one of them")
    }

    @Test("duplicate keys do not stop parsing: they are reported with the decoding problems, in line order")
    func duplicateKeyWithOtherProblems() throws {
        let criterion = LoaderFixture.criterion(replacing: "weight: 2", with: "weight: heavy")
            .replacingOccurrences(of: "    question: Is it one?\n", with: "    question: Is it one?\n    title: Again\n")
        let problems = LoaderFixture.rubricProblems("titel: R\n" + LoaderFixture.rubric(criterion))
        try #require(problems.count == 3, "\(problems.map(\.headline))")
        let sorted = DiagnosticError(problems).diagnostics
        checkDiagnostic(sorted[0], line: 1, column: 1, message: "unknown key 'titel' in the document", hint: "did you mean 'title'?")
        checkDiagnostic(sorted[1], line: 15, column: 5, message: "duplicate key 'title' (first given on line 13)")
        checkDiagnostic(sorted[2], line: 17, column: 13, message: "criteria[0].weight must be a number, found \"heavy\"")
        // The parse alone keeps the duplicate in the document rather than throwing it.
        let document = try YAMLParser.parse(LoaderFixture.rubric(criterion), file: "r.yaml")
        #expect(document.problems.map(\.location) == [AssessCore.SourceLocation(line: 14, column: 5)])
    }

    @Test("a duplicate key in a large mapping (past the indexed size) is still found", arguments: [3, 12, 13, 40])
    func duplicateKeyInLargeMapping(keys: Int) throws {
        var text = (1...keys).map { "k\($0): \($0)" }.joined(separator: "\n")
        text += "\nk2: again\nk\(keys): again\n"
        let problems = LoaderFixture.parseProblems(text)
        try #require(problems.count == 2, "\(problems.map(\.headline))")
        checkDiagnostic(problems[0], line: keys + 1, column: 1, message: "duplicate key 'k2' (first given on line 2)")
        checkDiagnostic(problems[1], line: keys + 2, column: 1, message: "duplicate key 'k\(keys)' (first given on line \(keys))")
    }

    @Test("duplicate keys are found in evidence too, and in flow mappings")
    func duplicateKeyInEvidence() {
        let text = """
            organisation: {name: Anytown, type: district, name: Othertown}
            facts:
              x.share: 42
            """
        checkOnly(LoaderFixture.evidenceProblems(text), line: 1, column: 47,
                   message: "duplicate key 'name' (first given on line 1)")
    }

    @Test("an unknown key is reported with the nearest known key")
    func unknownKeySuggestion() {
        let text = LoaderFixture.rubric(LoaderFixture.criterion(replacing: "weight: 2", with: "wieght: 2"))
        let problems = LoaderFixture.rubricProblems(text)
        checkOnly(problems, line: 15, column: 5, message: "unknown key 'wieght' in criteria[0]",
                   hint: "did you mean 'weight'?")
    }

    @Test("an unknown key far from every known key lists the valid keys")
    func unknownKeyWithoutSuggestion() {
        let text = "colour: blue\n" + LoaderFixture.rubric()
        let problems = LoaderFixture.rubricProblems(text)
        checkOnly(problems, line: 1, column: 1, message: "unknown key 'colour' in the document",
                   hint: "valid keys are id, title, version, description, levels, criteria")
    }

    @Test("a missing required key is reported at the mapping that lacks it")
    func missingRequiredKey() {
        let text = LoaderFixture.rubric(LoaderFixture.criterion(replacing: "    question: Is it one?\n", with: ""))
        let problems = LoaderFixture.rubricProblems(text)
        checkOnly(problems, line: 11, column: 5, message: "missing key 'question' in criteria[0]",
                   hint: "add 'question:'")
    }

    @Test("a key with an empty value counts as missing")
    func nullCountsAsMissing() {
        // (rationale and level descriptors are optional, since a published method may have none; question is not.)
        let text = LoaderFixture.rubric(LoaderFixture.criterion(replacing: "question: Is it one?", with: "question:"))
        checkOnly(LoaderFixture.rubricProblems(text), line: 11, column: 5, message: "missing key 'question' in criteria[0]")
    }

    // MARK: Types and values

    @Test("a word where a number is needed is reported at the value")
    func wrongType() {
        let text = LoaderFixture.rubric(LoaderFixture.criterion(replacing: "weight: 2", with: "weight: heavy"))
        let problems = LoaderFixture.rubricProblems(text)
        checkOnly(problems, line: 15, column: 13, message: "criteria[0].weight must be a number, found \"heavy\"",
                   hint: "write digits only")
    }

    @Test("a number with a unit is not a number", arguments: ["42%", "3 hours", "1,5", "£10"])
    func numberWithUnit(value: String) {
        let text = LoaderFixture.rubric(LoaderFixture.criterion(replacing: "weight: 2", with: "weight: \(value)"))
        checkOnly(LoaderFixture.rubricProblems(text), line: 15, column: 13, message: "must be a number",
                   hint: "no units or % sign")
    }

    @Test("numbers may be signed, fractional, exponential, quoted or use '_' separators",
          arguments: [("0.5", 0.5), ("+3", 3), ("1e2", 100), ("\"7\"", 7), ("1_000", 1000), (".25", 0.25)])
    func numberSpellings(text: String, value: Double) throws {
        let rubric = LoaderFixture.rubric(LoaderFixture.criterion(replacing: "weight: 2", with: "weight: \(text)"))
        let framework = try LoaderFixture.loadFramework(rubric: rubric)
        #expect(framework.dimensions[0].rubric.criteria[0].weight == value)
    }

    @Test("an out-of-range value (a negative weight) is reported with the range")
    func outOfRange() {
        let text = LoaderFixture.rubric(LoaderFixture.criterion(replacing: "weight: 2", with: "weight: -1"))
        let problems = LoaderFixture.rubricProblems(text)
        checkOnly(problems, line: 15, column: 13, message: "criteria[0].weight must be between 0 and 1000000, found -1")
    }

    @Test("text where a mapping is needed is reported")
    func scalarForMapping() {
        let text = LoaderFixture.rubric(LoaderFixture.criterion(
            replacing: "levels: {1: a, 2: b, 3: c, 4: d, 5: e}", with: "levels: all good"))
        checkOnly(LoaderFixture.rubricProblems(text), line: 21, column: 13,
                   message: "levels must map each level number to its descriptor, found \"all good\"")
    }

    @Test("a misspelt choice is reported with the nearest option")
    func badChoice() {
        let framework = LoaderFixture.framework(extra: "scoring: pionts\n")
        let problems = LoaderFixture.frameworkProblems(rubric: LoaderFixture.rubric(), framework: framework)
        checkOnly(problems, line: 4, column: 10, message: "scoring must be one of levels, points, found \"pionts\"",
                   hint: "did you mean 'points'?")
        #expect(problems.first?.file == "x/framework.yaml")
    }

    @Test("a misspelt provenance in evidence is reported with the nearest option")
    func badProvenance() {
        let text = """
            organisation:
              name: Anytown
            facts:
              x.share:
                value: 42
                source: measurd
            """
        checkOnly(LoaderFixture.evidenceProblems(text), line: 6, column: 13,
                   message: "facts.x.share.source must be one of measured, documented, self-reported, found \"measurd\"",
                   hint: "did you mean 'measured'?")
    }

    @Test("an unknown assessor id is reported with the nearest registered id")
    func unknownAssessor() {
        let text = LoaderFixture.rubric(LoaderFixture.criterion(replacing: "assessor: threshold", with: "assessor: treshold"))
        let problems = LoaderFixture.rubricProblems(text)
        checkOnly(problems, line: 16, column: 15, message: "unknown assessor 'treshold'", hint: "did you mean 'threshold'?")
    }

    @Test("an assessor id far from every registered id points at 'assess plugins'")
    func unknownAssessorWithoutSuggestion() {
        let text = LoaderFixture.rubric(LoaderFixture.criterion(replacing: "assessor: threshold", with: "assessor: crystal-ball"))
        checkOnly(LoaderFixture.rubricProblems(text), line: 16, column: 15, message: "unknown assessor 'crystal-ball'",
                   hint: "run 'assess plugins'")
    }

    // MARK: Evidence roles

    @Test("an evidence role the assessor does not have is reported with the nearest role")
    func unknownRole() {
        let criterion = LoaderFixture.criterion(replacing: "assessor: threshold", with: "assessor: ratio")
            .replacingOccurrences(of: "      value: x.share\n", with: "      numerater: x.part\n      denominator: x.whole\n")
        let problems = LoaderFixture.rubricProblems(LoaderFixture.rubric(criterion))
        #expect(problems.count == 2, "\(problems.map(\.headline))")
        // The unknown role itself, then the required role it left unbound (reported at the evidence mapping).
        let unknown = problems.first { $0.message.hasPrefix("unknown key") }
        checkDiagnostic(unknown, line: 18, column: 7, message: "unknown key 'numerater' in criteria[0].evidence",
               hint: "did you mean 'numerator'?")
        let missing = problems.first { $0.message.hasPrefix("evidence has no fact") }
        checkDiagnostic(missing, line: 18, column: 7,
               message: "evidence has no fact for the role 'numerator' that assessor 'ratio' needs")
    }

    @Test("a required evidence role left out is reported at the evidence mapping, with the role's meaning")
    func missingRole() {
        let criterion = LoaderFixture.criterion(replacing: "assessor: threshold", with: "assessor: ratio")
            .replacingOccurrences(of: "      value: x.share\n", with: "      numerator: x.part\n")
        let problems = LoaderFixture.rubricProblems(LoaderFixture.rubric(criterion))
        checkOnly(problems, line: 18, column: 7,
                   message: "evidence has no fact for the role 'denominator' that assessor 'ratio' needs",
                   hint: "add 'denominator: FACT-KEY' (the whole, or organisation.population)")
    }

    @Test("a single fact key is enough for a one-role assessor, but not for a two-role one")
    func shorthandEvidence() {
        let one = LoaderFixture.criterion(replacing: "    evidence:\n      value: x.share\n", with: "    evidence: x.share\n")
        #expect(LoaderFixture.rubricProblems(LoaderFixture.rubric(one)).isEmpty)
        let two = one.replacingOccurrences(of: "assessor: threshold", with: "assessor: ratio")
        checkOnly(LoaderFixture.rubricProblems(LoaderFixture.rubric(two)), line: 17, column: 15,
                   message: "assessor 'ratio' reads 2 facts, so 'evidence' must map each role",
                   hint: "numerator: KEY, denominator: KEY")
    }

    @Test("a fact key that is not lower-case dotted words is reported")
    func badFactKey() {
        let text = LoaderFixture.rubric(LoaderFixture.criterion(replacing: "value: x.share", with: "value: X Share"))
        checkOnly(LoaderFixture.rubricProblems(text), line: 18, column: 14, message: "'X Share' is not a valid fact key")
    }

    // MARK: Thresholds and levels

    @Test("thresholds with the wrong count are reported at the list")
    func thresholdsWrongCount() {
        let text = LoaderFixture.rubric(LoaderFixture.criterion(
            replacing: "thresholds: [10, 25, 45, 65, 80]", with: "thresholds: [10, 25, 45]"))
        checkOnly(LoaderFixture.rubricProblems(text), line: 20, column: 19,
                   message: "thresholds needs 5 numbers, one per level, found 3",
                   hint: "list the value at which each of levels 1 to 5 is reached")
    }

    @Test("thresholds out of order are reported at the first value that breaks the order")
    func thresholdsWrongOrder() {
        let text = LoaderFixture.rubric(LoaderFixture.criterion(
            replacing: "thresholds: [10, 25, 45, 65, 80]", with: "thresholds: [10, 45, 25, 65, 80]"))
        checkOnly(LoaderFixture.rubricProblems(text), line: 20, column: 28,
                   message: "thresholds must rise from level to level (direction: higher)",
                   hint: "put them in ascending order, or set direction: lower")
    }

    @Test("descending thresholds are fine with direction: lower, and wrong with direction: higher")
    func thresholdsDirection() {
        let lower = LoaderFixture.criterion(
            replacing: "      thresholds: [10, 25, 45, 65, 80]\n",
            with: "      thresholds: [48, 24, 8, 2, 1]\n      direction: lower\n")
        #expect(LoaderFixture.rubricProblems(LoaderFixture.rubric(lower)).isEmpty)
        let rising = lower.replacingOccurrences(of: "[48, 24, 8, 2, 1]", with: "[1, 2, 8, 24, 48]")
        checkOnly(LoaderFixture.rubricProblems(LoaderFixture.rubric(rising)), line: 20, column: 23,
                   message: "thresholds must fall from level to level (direction: lower)",
                   hint: "put them in descending order, or set direction: higher")
    }

    @Test("a threshold that is not a number is reported at that item")
    func thresholdNotNumber() {
        let text = LoaderFixture.rubric(LoaderFixture.criterion(
            replacing: "thresholds: [10, 25, 45, 65, 80]", with: "thresholds: [10, 25, lots, 65, 80]"))
        checkOnly(LoaderFixture.rubricProblems(text), line: 20, column: 28,
                   message: "criteria[0].parameters.thresholds[2] must be a number, found \"lots\"")
    }

    @Test("a criterion without a descriptor for every level is reported at its levels")
    func criterionLevelMissing() {
        let text = LoaderFixture.rubric(LoaderFixture.criterion(
            replacing: "levels: {1: a, 2: b, 3: c, 4: d, 5: e}", with: "levels: {1: a, 2: b, 4: d, 5: e}"))
        checkOnly(LoaderFixture.rubricProblems(text), line: 21, column: 13,
                   message: "levels has no descriptor for level 3", hint: "describe every level from 1 to 5")
    }

    @Test("a rubric without a descriptor for every level is reported at its levels")
    func rubricLevelMissing() {
        let text = LoaderFixture.rubric().replacingOccurrences(of: "  4: four\n  5: five\n", with: "")
        checkOnly(LoaderFixture.rubricProblems(text), line: 5, column: 3,
                   message: "levels has no descriptor for level 4, 5")
    }

    @Test("a level number off the scale is reported at that key")
    func levelOffScale() {
        let text = LoaderFixture.rubric(LoaderFixture.criterion(
            replacing: "levels: {1: a, 2: b, 3: c, 4: d, 5: e}", with: "levels: {1: a, 2: b, 3: c, 4: d, 5: e, 6: f}"))
        checkOnly(LoaderFixture.rubricProblems(text), line: 21, column: 44,
                   message: "level '6' is not on the scale", hint: "use the level numbers 1 to 5")
    }

    // MARK: Every problem

    @Test("every problem in a file is reported, in line order, not only the first")
    func allProblemsReported() throws {
        let second = LoaderFixture.criterion(replacing: "id: c-one", with: "id: c-two")
            .replacingOccurrences(of: "assessor: threshold", with: "assessor: treshold")
        let first = LoaderFixture.criterion(replacing: "weight: 2", with: "weight: heavy")
        let text = LoaderFixture.rubric(first + second).replacingOccurrences(of: "id: r\n", with: "id: R!\n")
        let problems = LoaderFixture.rubricProblems(text)
        try #require(problems.count == 3, "\(problems.map(\.headline))")
        checkDiagnostic(problems[0], line: 1, column: 5, message: "'R!' is not a valid id", hint: "use lower-case letters")
        checkDiagnostic(problems[1], line: 15, column: 13, message: "criteria[0].weight must be a number")
        checkDiagnostic(problems[2], line: 27, column: 15, message: "unknown assessor 'treshold'")
        // Loading the same rubric as part of a framework reports the same three, in the same order.
        let framed = LoaderFixture.frameworkProblems(rubric: text)
        #expect(framed.map(\.location) == problems.map(\.location))
        #expect(framed.allSatisfy { $0.file == "x/r.yaml" })
    }

    @Test("problems in framework.yaml and in a rubric are all reported together")
    func problemsAcrossFiles() {
        let framework = LoaderFixture.framework(extra: "overall: meen\n")
        let rubric = LoaderFixture.rubric(LoaderFixture.criterion(replacing: "weight: 2", with: "weight: -3"))
        let problems = LoaderFixture.frameworkProblems(rubric: rubric, framework: framework)
        #expect(problems.count == 2, "\(problems.map(\.headline))")
        checkDiagnostic(problems.first { $0.file == "x/framework.yaml" }, line: 4, column: 10,
               message: "overall must be one of weighted-mean, mean, found \"meen\"", hint: "did you mean 'mean'?")
        checkDiagnostic(problems.first { $0.file == "x/r.yaml" }, line: 15, column: 13, message: "must be between 0 and")
    }

    @Test("a dimension naming a rubric file that does not exist is reported at its path")
    func missingRubricFile() {
        let framework = LoaderFixture.framework().replacingOccurrences(of: "rubric: r.yaml", with: "rubric: nope.yaml")
        checkOnly(LoaderFixture.frameworkProblems(rubric: LoaderFixture.rubric(), framework: framework),
                   line: 12, column: 13, message: "the rubric file 'nope.yaml' does not exist",
                   hint: "paths are relative to the folder holding framework.yaml")
    }

    @Test("criterion ids must be unique across the framework")
    func duplicateCriterionIDs() {
        let text = LoaderFixture.rubric(LoaderFixture.goodCriterion + LoaderFixture.goodCriterion)
        checkOnly(LoaderFixture.frameworkProblems(rubric: text), line: 22, column: 5,
                   message: "criterion id 'c-one' is already used at x/r.yaml:11",
                   hint: "criterion ids must be unique across the framework")
    }

    @Test("evidence problems are all reported: unknown keys, a bad fact key, a bad date, a missing name")
    func allEvidenceProblems() throws {
        let text = """
            organisation:
              type: district
              populaton: 1000
            facts:
              Contacts.Share: 42
              x.share:
                value: 42
                date: 12/03/2025
                sorce: measured
            """
        let problems = LoaderFixture.evidenceProblems(text)
        try #require(problems.count == 5, "\(problems.map(\.headline))")
        checkDiagnostic(problems[0], line: 2, column: 3, message: "missing key 'name' in organisation")
        checkDiagnostic(problems[1], line: 3, column: 3, message: "unknown key 'populaton' in organisation",
               hint: "did you mean 'population'?")
        checkDiagnostic(problems[2], line: 5, column: 3, message: "'Contacts.Share' is not a valid fact key")
        checkDiagnostic(problems[3], line: 8, column: 11, message: "date must be written YYYY-MM-DD, YYYY-MM or YYYY")
        checkDiagnostic(problems[4], line: 9, column: 5, message: "unknown key 'sorce' in facts.x.share", hint: "did you mean 'source'?")
    }

    // MARK: Booleans and the Norway problem

    /// A framework with an options criterion (answers `yes`, `no`, `partly`) and a two-item checklist.
    private static let norwayRubric = """
        id: r
        title: R
        version: 1.0.0
        levels: {1: one, 2: two, 3: three, 4: four, 5: five}
        criteria:
          - id: answer
            title: Answer
            question: Q?
            rationale: R.
            core: no
            assessor: options
            evidence: {answer: policy.answer}
            parameters:
              options:
                - {value: yes, level: 5}
                - {value: no, level: 1}
                - {value: partly, level: 3}
            levels: {1: a, 2: b, 3: c, 4: d, 5: e}
          - id: list
            title: List
            question: Q?
            rationale: R.
            core: off
            assessor: checklist
            evidence: {items: practice.list}
            parameters:
              interpolate: on
              items:
                - {id: a, label: A}
                - {id: b, label: B}
            levels: {1: a, 2: b, 3: c, 4: d, 5: e}
        """

    private static func assess(_ evidenceText: String) throws -> [String: CriterionResult] {
        let framework = try LoaderFixture.loadFramework(rubric: norwayRubric)
        let evidence = try LoaderFixture.evidence(evidenceText)
        let results = Engine(framework: framework).assess(evidence).allCriteria
        return Dictionary(uniqueKeysWithValues: results.map { ($0.id, $0) })
    }

    @Test("an options answer 'no' stays the word \"no\", while a checklist 'no' is false")
    func norwayProblem() throws {
        let results = try Self.assess("""
            organisation: {name: Oslo}
            facts:
              policy.answer: no
              practice.list: {a: yes, b: no}
            """)
        let answer = try #require(results["answer"])
        #expect(answer.status == .assessed)
        #expect(answer.level == 1)
        #expect(answer.rationale.contains("Answered \"no\""))
        let list = try #require(results["list"])
        #expect(list.status == .assessed)
        #expect(list.level == 3)  // one of two in place: 50% on thresholds [0, 25, 50, 75, 100]
    }

    @Test("the option 'yes' is matched as text too")
    func optionYes() throws {
        let results = try Self.assess("organisation: {name: Oslo}\nfacts:\n  policy.answer: yes\n")
        #expect(results["answer"]?.level == 5)
        #expect(results["list"]?.status == .notAssessed)
    }

    @Test("yes/no/on/off/true/false (any case, plain or quoted) are booleans where booleans are expected",
          arguments: [("yes", true), ("no", false), ("on", true), ("off", false), ("true", true), ("false", false),
                      ("Yes", true), ("NO", false), ("True", true), ("OFF", false), ("\"yes\"", true), ("'no'", false)])
    func booleanSpellings(text: String, value: Bool) throws {
        let results = try Self.assess("organisation: {name: Oslo}\nfacts:\n  practice.list: {a: \(text), b: yes}\n")
        let list = try #require(results["list"])
        #expect(list.status == .assessed)
        #expect(list.level == (value ? 5 : 3))
    }

    @Test("yes/no/on/off/true/false are booleans in rubric fields too", arguments: ["yes", "on", "true", "True"])
    func booleanRubricField(text: String) throws {
        let criterion = LoaderFixture.criterion(replacing: "    weight: 2\n", with: "    weight: 2\n    core: \(text)\n")
        let framework = try LoaderFixture.loadFramework(rubric: LoaderFixture.rubric(criterion))
        #expect(framework.dimensions[0].rubric.criteria[0].core == true)
    }

    @Test("a word that is not a boolean is reported where a boolean is expected")
    func notBoolean() {
        let criterion = LoaderFixture.criterion(replacing: "    weight: 2\n", with: "    weight: 2\n    core: maybe\n")
        checkOnly(LoaderFixture.rubricProblems(LoaderFixture.rubric(criterion)), line: 16, column: 11,
                   message: "criteria[0].core must be true or false, found \"maybe\"", hint: "write yes or no")
    }

    @Test("a checklist answer that is not a boolean is an error at its line and column when scoring")
    func checklistNotBoolean() throws {
        let results = try Self.assess("organisation: {name: Oslo}\nfacts:\n  practice.list: {a: maybe, b: yes}\n")
        let list = try #require(results["list"])
        #expect(list.status == .error)
        let framework = try LoaderFixture.loadFramework(rubric: Self.norwayRubric)
        let evidence = try LoaderFixture.evidence("organisation: {name: Oslo}\nfacts:\n  practice.list: {a: maybe, b: yes}\n")
        let diagnostic = Engine(framework: framework).assess(evidence).diagnostics.first
        checkDiagnostic(diagnostic, line: 3, column: 22, message: "must be yes or no, found \"maybe\"", hint: "write yes or no")
        #expect(diagnostic?.file == "e.yaml")
    }

    @Test("evidence keeps every scalar as text until a criterion reads it")
    func scalarsStayText() throws {
        let evidence = try LoaderFixture.evidence("""
            organisation: {name: Anytown, code: 0123, period: 2025-26}
            facts:
              a.answer: no
              b.answer: "off"
              c.count: 007
            """)
        #expect(evidence.organisation.code == "0123")
        #expect(evidence.organisation.period == "2025-26")
        #expect(evidence.facts["a.answer"]?.value?.scalar == YAMLScalar(text: "no", isPlain: true))
        #expect(evidence.facts["b.answer"]?.value?.scalar == YAMLScalar(text: "off", isPlain: false))
        #expect(evidence.facts["c.count"]?.value?.scalar?.number == 7)
        #expect(evidence.facts["c.count"]?.value?.scalar?.text == "007")
    }

    // MARK: Anchors, aliases and merge keys

    @Test("anchors and aliases copy a value")
    func anchorsAndAliases() throws {
        let criteria = """
              - id: c-one
                title: One
                question: Q?
                rationale: R.
                assessor: threshold
                evidence: x.share
                parameters: &params
                  thresholds: [10, 25, 45, 65, 80]
                  unit: "%"
                levels: &levels {1: a, 2: b, 3: c, 4: d, 5: e}
              - id: c-two
                title: Two
                question: Q?
                rationale: R.
                assessor: threshold
                evidence: y.share
                parameters: *params
                levels: *levels

            """
        let framework = try LoaderFixture.loadFramework(rubric: LoaderFixture.rubric(criteria))
        let criteriaLoaded = framework.dimensions[0].rubric.criteria
        #expect(criteriaLoaded.count == 2)
        #expect(criteriaLoaded[1].levels == criteriaLoaded[0].levels)
        let evidence = try LoaderFixture.evidence("organisation: {name: A}\nfacts:\n  x.share: 55\n  y.share: 55\n")
        let results = Engine(framework: framework).assess(evidence).allCriteria
        #expect(results.map(\.level) == [3.5, 3.5])
        #expect(results[1].rationale.contains("55%"))
    }

    @Test("merge keys copy a mapping's keys, and keys written beside them win")
    func mergeKeys() throws {
        let criteria = """
              - &base
                id: c-one
                title: One
                question: Q?
                rationale: R.
                weight: 2
                core: yes
                assessor: threshold
                evidence: x.share
                parameters: {thresholds: [10, 25, 45, 65, 80]}
                levels: {1: a, 2: b, 3: c, 4: d, 5: e}
              - <<: *base
                id: c-two
                weight: 5

            """
        let framework = try LoaderFixture.loadFramework(rubric: LoaderFixture.rubric(criteria))
        let loaded = framework.dimensions[0].rubric.criteria
        try #require(loaded.count == 2)
        #expect(loaded[1].id == "c-two")
        #expect(loaded[1].weight == 5)
        #expect(loaded[1].core == true)
        #expect(loaded[1].title == "One")
        #expect(loaded[1].evidence == [EvidenceBinding(role: "value", fact: "x.share")])
    }

    @Test("a merge key takes a list of mappings; the first one listed wins")
    func mergeList() throws {
        let document = try YAMLParser.parse("""
            a: &a {x: 1, y: 1}
            b: &b {y: 2, z: 2}
            c:
              <<: [*a, *b]
              z: 3
            """, file: "m.yaml")
        #expect(LoaderFixture.canonical(document.root?["c"]) == "{'z': '3', 'x': '1', 'y': '1'}")
    }

    @Test("a merge key pointing at a scalar is reported")
    func mergeScalar() {
        checkOnly(LoaderFixture.parseProblems("a: &a 1\nb:\n  <<: *a\n  c: 2\n"), line: 3, column: 7,
                   message: "a merge key '<<' needs a mapping or a list of mappings")
    }

    @Test("an alias to an anchor that is not defined (or defined later) is an error")
    func undefinedAlias() {
        checkOnly(LoaderFixture.parseProblems("a: 1\nb: *nope\n"), line: 2, column: 4,
                   message: "the alias *nope refers to no anchor defined before it", hint: "define '&nope' earlier")
        checkOnly(LoaderFixture.parseProblems("a: *later\nb: &later 1\n"), line: 1, column: 4,
                   message: "the alias *later refers to no anchor")
    }

    @Test("an alias inside its own anchor is refused rather than looping")
    func recursiveAlias() {
        checkOnly(LoaderFixture.parseProblems("a: &a [1, *a]\n"), line: 1, column: 11,
                   message: "the alias *a refers to no anchor defined before it")
    }

    @Test("a 'billion laughs' document fails fast with the alias-expansion message", .timeLimit(.minutes(1)))
    func billionLaughs() {
        var lines = ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
        }
        let text = lines.joined(separator: "\n") + "\n"
        let clock = ContinuousClock()
        var problems: [Diagnostic] = []
        let elapsed = clock.measure { problems = LoaderFixture.parseProblems(text) }
        // Weights: a 10, b 91, c 820, d 7381, e 66430; after e 74,718 of 100,000 are spent, so the first *e fails.
        checkOnly(problems, line: 6, column: 8, message: "aliases expand to more than 100000 nodes",
                   hint: "billion laughs")
        #expect(elapsed < .seconds(1), "took \(elapsed)")
    }

    @Test("the alias budget counts every node an alias adds")
    func aliasBudget() {
        let limits = YAMLLimits(maxAliasExpansion: 10)
        let text = "a: &a [1, 2, 3]\nb: *a\nc: *a\nd: *a\n"
        // [1, 2, 3] is 4 nodes: b and c spend 8 of 10, d would make 12.
        checkOnly(LoaderFixture.parseProblems(text, limits: limits), line: 4, column: 4,
                   message: "aliases expand to more than 10 nodes")
        #expect(LoaderFixture.parseProblems("a: &a [1, 2, 3]\nb: *a\nc: *a\n", limits: limits).isEmpty)
    }

    // MARK: Limits

    @Test("a file over the size limit is refused before parsing")
    func sizeLimit() {
        let limits = YAMLLimits(maxBytes: 100)
        let text = LoaderFixture.rubric()
        let problems = LoaderFixture.rubricProblems(text, limits: limits)
        checkOnly(problems, line: 0, column: 0,
                   message: "the file is \(text.utf8.count) bytes, over the limit of 100 bytes",
                   hint: "split it into smaller files")
        #expect(problems.first?.description == "r.yaml: error: the file is \(text.utf8.count) bytes, over the limit of 100 bytes; split it into smaller files")
        #expect(LoaderFixture.parseProblems(String(repeating: "#", count: 100), limits: limits).isEmpty)
    }

    @Test("a file on disk over the size limit is refused")
    func sizeLimitOnDisk() throws {
        let (folder, cleanUp) = try LoaderFixture.temporaryFolder()
        defer { cleanUp() }
        let path = folder.appendingPathComponent("big.yaml").path
        let text = "organisation: {name: A}\nfacts:\n" + (1...20).map { "  fact.n\($0): \($0)" }.joined(separator: "\n")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try EvidenceLoader(limits: YAMLLimits(maxBytes: 100)).load(path: path)
            Issue.record("a file over the limit loaded")
        } catch {
            guard case .invalid(let problems) = error else { Issue.record("expected invalid, got \(error)"); return }
            checkOnly(problems.diagnostics, line: 0, column: 0,
                       message: "the file is \(text.utf8.count) bytes, over the limit of 100 bytes")
        }
        #expect(throws: Never.self) { _ = try EvidenceLoader().load(path: path) }
    }

    @Test("nesting to the depth limit is accepted and one level more is refused")
    func depthLimit() {
        let limits = YAMLLimits(maxDepth: 8)
        // Block mappings: the root is level 1, so k8 opens level 8 and k9 level 9.
        var lines: [String] = []
        for depth in 1...8 { lines.append(String(repeating: "  ", count: depth - 1) + "k\(depth):") }
        lines.append(String(repeating: "  ", count: 8) + "leaf: 1")
        checkOnly(LoaderFixture.parseProblems(lines.joined(separator: "\n"), limits: limits), line: 9, column: 17,
                   message: "nesting is deeper than 8 levels", hint: "flatten the structure")
        #expect(LoaderFixture.parseProblems(lines.dropLast().joined(separator: "\n") + " 1", limits: limits).isEmpty)
        // Flow lists: eight brackets are fine, the ninth is refused at its column.
        #expect(LoaderFixture.parseProblems(String(repeating: "[", count: 8) + String(repeating: "]", count: 8), limits: limits).isEmpty)
        checkOnly(LoaderFixture.parseProblems(String(repeating: "[", count: 9) + String(repeating: "]", count: 9), limits: limits),
                   line: 1, column: 9, message: "nesting is deeper than 8 levels")
    }

    @Test("aliases should not build a tree nested deeper than the depth limit")
    func depthLimitThroughAliases() {
        let limits = YAMLLimits(maxDepth: 8)
        // Each line nests 7 levels, within the limit, but b's alias puts a's 6 lists inside its own 6: depth 13.
        let text = "a: &a [[[[[[1]]]]]]\nb: [[[[[[*a]]]]]]\n"
        let problems = LoaderFixture.parseProblems(text, limits: limits)
        checkOnly(problems, line: 2, column: 10, message: "nesting is deeper than 8 levels")
    }

    @Test("deep nesting under the default limit is refused quickly, not by running out of stack", .timeLimit(.minutes(1)))
    func defaultDepthLimit() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        checkOnly(LoaderFixture.parseProblems(text), line: 1, column: 65, message: "nesting is deeper than 64 levels")
    }

    // MARK: JSON

    @Test("a JSON evidence file gives the same facts as the YAML one")
    func jsonEvidence() throws {
        let (folder, cleanUp) = try LoaderFixture.temporaryFolder()
        defer { cleanUp() }
        let yaml = """
            organisation:
              name: Anytown Borough Council
              type: district
              population: 120000
            facts:
              x.share: 55
              policy.answer: no
              practice.list:
                a: yes
                b: no
              y.share:
                value: 42.5
                source: measured
                reference: CRM report
                date: 2025-03
              z.share:
                not-applicable: No contact centre
            """
        // Tab-indented, as many JSON tools write it: tabs are fine inside JSON's brackets.
        let json = """
            {
            \t"organisation": {"name": "Anytown Borough Council", "type": "district", "population": 120000},
            \t"facts": {
            \t\t"x.share": 55,
            \t\t"policy.answer": "no",
            \t\t"practice.list": {"a": true, "b": false},
            \t\t"y.share": {"value": 42.5, "source": "measured", "reference": "CRM report", "date": "2025-03"},
            \t\t"z.share": {"not-applicable": "No contact centre"}
            \t}
            }
            """
        let yamlPath = folder.appendingPathComponent("e.yaml").path
        let jsonPath = folder.appendingPathComponent("e.json").path
        try yaml.write(toFile: yamlPath, atomically: true, encoding: .utf8)
        try json.write(toFile: jsonPath, atomically: true, encoding: .utf8)
        let fromYAML = try EvidenceLoader().load(path: yamlPath)
        let fromJSON = try EvidenceLoader().load(path: jsonPath)

        #expect(fromJSON.organisation == fromYAML.organisation)
        #expect(fromJSON.organisation.population == 120000)
        #expect(Set(fromJSON.facts.keys) == Set(fromYAML.facts.keys))
        #expect(fromJSON.facts.count == 5)
        for key in fromYAML.facts.keys.sorted() {
            let a = try #require(fromYAML.facts[key]), b = try #require(fromJSON.facts[key])
            #expect(a.source == b.source, "\(key)")
            #expect(a.reference == b.reference, "\(key)")
            #expect(a.date == b.date, "\(key)")
            #expect(a.notApplicable == b.notApplicable, "\(key)")
            if key != "practice.list" {  // true/yes and false/no are spelt differently but mean the same
                #expect(LoaderFixture.canonical(a.value) == LoaderFixture.canonical(b.value), "\(key)")
            }
        }
        #expect(fromJSON.facts["y.share"]?.source == .measured)
        #expect(fromJSON.facts["z.share"]?.notApplicable == "No contact centre")

        // And they score the same.
        let framework = try LoaderFixture.loadFramework(rubric: Self.norwayRubric)
        let engine = Engine(framework: framework)
        let a = engine.assess(fromYAML).allCriteria, b = engine.assess(fromJSON).allCriteria
        #expect(a.map(\.level) == b.map(\.level))
        #expect(a.map(\.status) == b.map(\.status))
        #expect(a.map(\.level) == [1, 3])
    }

    @Test("a JSON syntax error is located like a YAML one")
    func jsonSyntaxError() {
        // A comma is missing at the end of line 2.
        let text = "{\n  \"organisation\": {\"name\": \"A\"}\n  \"facts\": {\"x.share\": 55}\n}\n"
        checkOnly(LoaderFixture.evidenceProblems(text, file: "e.json"), line: 3, column: 3,
                  message: "YAML syntax error: did not find expected ',' or '}'")
    }

    @Test("a UTF-8 byte-order mark at the start of a file is ignored")
    func byteOrderMark() throws {
        let evidence = try LoaderFixture.evidence("\u{FEFF}organisation: {name: A}\nfacts:\n  x.share: 5\n")
        #expect(evidence.organisation.name == "A")
        #expect(evidence.facts["x.share"]?.value?.scalar?.number == 5)
    }

    // MARK: Rendering

    @Test("a diagnostic renders as file:LINE:COL: error: message; hint, the source line and a caret")
    func rendering() throws {
        let text = LoaderFixture.rubric(LoaderFixture.criterion(replacing: "weight: 2", with: "weight: heavy"))
        let diagnostic = try #require(LoaderFixture.rubricProblems(text).first)
        #expect(diagnostic.headline == "r.yaml:15:13: error: criteria[0].weight must be a number, found \"heavy\"; write digits only, such as 42 or 12.5 (no units or % sign)")
        let lines = diagnostic.description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines == [
            "r.yaml:15:13: error: criteria[0].weight must be a number, found \"heavy\"; write digits only, such as 42 or 12.5 (no units or % sign)",
            " 15 |     weight: heavy",
            "    |             ^",
        ])
        // The caret sits under the column: its offset after the gutter equals column - 1.
        let caretLine = try #require(lines.last)
        let gutter = " 15 | ".count
        #expect(caretLine.count - 1 - gutter == diagnostic.location.column - 1)
    }

    @Test("a diagnostic without a hint has no '; '")
    func renderingWithoutHint() throws {
        let text = LoaderFixture.rubric(LoaderFixture.criterion(replacing: "weight: 2", with: "weight: -1"))
        let diagnostic = try #require(LoaderFixture.rubricProblems(text).first)
        #expect(diagnostic.description == """
            r.yaml:15:13: error: criteria[0].weight must be between 0 and 1000000, found -1
             15 |     weight: -1
                |             ^
            """)
    }

    @Test("the caret keeps tabs, so it lines up under a line that has tabs before the column")
    func renderingTabs() throws {
        // Tabs are allowed as spaces inside flow brackets; the unknown key comes after one.
        let problems = LoaderFixture.evidenceProblems("organisation: {name: A,\twieght: 1}\n")
        let diagnostic = try #require(problems.first { $0.message.contains("wieght") })
        #expect(diagnostic.location == AssessCore.SourceLocation(line: 1, column: 25))
        let lines = diagnostic.description.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[1] == " 1 | organisation: {name: A,\twieght: 1}")
        #expect(lines[2] == "   | " + String(repeating: " ", count: 23) + "\t^")
    }

    @Test("columns count characters, not bytes, so the caret lines up after accented letters and symbols")
    func renderingUnicode() throws {
        let problems = LoaderFixture.evidenceProblems("organisation: {name: Café ☕ Zürich, wieght: 1}\n")
        let diagnostic = try #require(problems.first { $0.message.contains("wieght") })
        #expect(diagnostic.location == AssessCore.SourceLocation(line: 1, column: 37))
        #expect(diagnostic.description.hasSuffix("\n   | " + String(repeating: " ", count: 36) + "^"))
    }

    @Test("the caret lines up after a letter written with a combining accent")
    func renderingCombiningAccent() throws {
        // "Cafe\u{301}" is 4 characters but 5 Unicode scalars; libyaml's column counts scalars.
        let problems = LoaderFixture.evidenceProblems("organisation: {name: Cafe\u{301}, wieght: 1}\n")
        let diagnostic = try #require(problems.first { $0.message.contains("wieght") })
        #expect(diagnostic.location == AssessCore.SourceLocation(line: 1, column: 29))
        #expect(diagnostic.description.hasSuffix("\n   | " + String(repeating: " ", count: 27) + "^"))
    }

    @Test("a diagnostic with no location renders as the headline alone")
    func renderingUnknownLocation() {
        let diagnostic = Diagnostic(file: "f.yaml", location: .unknown, message: "bad", hint: "fix it", sourceLine: "x")
        #expect(diagnostic.description == "f.yaml: error: bad; fix it")
        let error = DiagnosticError([
            Diagnostic(file: "b.yaml", location: AssessCore.SourceLocation(line: 1, column: 1), message: "second"),
            Diagnostic(file: "a.yaml", location: AssessCore.SourceLocation(line: 9, column: 1), message: "first"),
        ])
        #expect(error.description == "a.yaml:9:1: error: first\nb.yaml:1:1: error: second")
    }

    // MARK: Files

    @Test("a missing file is LoadError.notFound")
    func missingFile() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString).yaml").path
        do {
            _ = try EvidenceLoader().load(path: path)
            Issue.record("a missing file loaded")
        } catch {
            guard case .notFound(let missing, let hint) = error else { Issue.record("expected notFound, got \(error)"); return }
            #expect(missing == path)
            #expect(hint?.contains("check the path") == true)
            #expect(error.diagnostics.first?.message == "no such file or folder")
        }
        do {
            _ = try FrameworkLoader(registry: AssessKit.registry).load(path: path)
            Issue.record("a missing framework loaded")
        } catch {
            guard case .notFound = error else { Issue.record("expected notFound, got \(error)"); return }
        }
    }

    @Test("a folder where a file is expected is invalid")
    func folderInsteadOfFile() throws {
        let (folder, cleanUp) = try LoaderFixture.temporaryFolder()
        defer { cleanUp() }
        do {
            _ = try EvidenceLoader().load(path: folder.path)
            Issue.record("a folder loaded as evidence")
        } catch {
            guard case .invalid(let problems) = error else { Issue.record("expected invalid, got \(error)"); return }
            checkOnly(problems.diagnostics, line: 0, column: 0, message: "this is a folder, not a file",
                       hint: "name a .yaml or .json file inside it")
        }
        do {
            _ = try FrameworkLoader(registry: AssessKit.registry).loadRubric(path: folder.path, scale: .standard)
            Issue.record("a folder loaded as a rubric")
        } catch {
            guard case .invalid = error else { Issue.record("expected invalid, got \(error)"); return }
        }
    }

    @Test("a framework folder on disk loads, and a rubric's problems carry its own path")
    func frameworkOnDisk() throws {
        let (folder, cleanUp) = try LoaderFixture.temporaryFolder()
        defer { cleanUp() }
        try LoaderFixture.framework().write(to: folder.appendingPathComponent("framework.yaml"), atomically: true, encoding: .utf8)
        try LoaderFixture.rubric().write(to: folder.appendingPathComponent("r.yaml"), atomically: true, encoding: .utf8)
        let framework = try FrameworkLoader(registry: AssessKit.registry).load(path: folder.path)
        #expect(framework.dimensions.map(\.rubric.id) == ["r"])
        #expect(framework.dimensions[0].rubric.file == folder.appendingPathComponent("r.yaml").path)

        let bad = LoaderFixture.rubric(LoaderFixture.criterion(replacing: "weight: 2", with: "wieght: 2"))
        try bad.write(to: folder.appendingPathComponent("r.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try FrameworkLoader(registry: AssessKit.registry).load(path: folder.appendingPathComponent("framework.yaml").path)
            Issue.record("a bad rubric loaded")
        } catch {
            let problems = error.diagnostics
            checkOnly(problems, line: 15, column: 5, message: "unknown key 'wieght'", hint: "did you mean 'weight'?")
            #expect(problems.first?.file == folder.appendingPathComponent("r.yaml").path)
            #expect(problems.first?.sourceLine == "    wieght: 2")
        }
    }

    // MARK: The built-in framework

    @Test("the built-in framework loads: 6 dimensions, each rubric complete")
    func builtInFramework() throws {
        let framework = try AssessKit.loadFramework(path: nil)
        #expect(framework.dimensions.count == 6)
        #expect(framework.scale.top == 5)
        #expect(Set(framework.dimensions.map(\.rubric.id)).count == 6)
        for dimension in framework.dimensions {
            let rubric = dimension.rubric
            #expect(dimension.weight > 0, "\(rubric.id)")
            #expect(rubric.criteria.count >= 6, "\(rubric.id) has \(rubric.criteria.count) criteria")
            #expect(Set(rubric.levels.keys) == Set(1...5), "\(rubric.id) levels")
            for criterion in rubric.criteria {
                #expect(Set(criterion.levels.keys) == Set(1...5), "\(criterion.id) levels")
                #expect(criterion.levels.values.allSatisfy { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty },
                        "\(criterion.id) has an empty level descriptor")
                #expect(!criterion.rationale.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(criterion.id) rationale")
                #expect(!criterion.evidence.isEmpty, "\(criterion.id) evidence")
            }
        }
        let ids = framework.allCriteria.map(\.criterion.id)
        #expect(Set(ids).count == ids.count, "duplicate criterion ids")
    }
}
