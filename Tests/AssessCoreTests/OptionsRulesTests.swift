import AssessCore
import AssessKit
import Foundation
import Testing
import TestSupport

/// The options assessor's declared rules: how answers meet options (trim, case), what `means:` options
/// throw, the `otherwise` fallback, and the options a rubric may not declare (duplicates, an impossible
/// maximum), each refused with its line.
@Suite("Options: matching, meanings, fallback and refused declarations")
struct OptionsRulesTests {
    // MARK: - Helpers

    /// Builds the assessor from `parameters:` text, with every problem reported.
    static func build(_ parameters: String) throws -> (assessor: OptionsAssessor?, problems: [Diagnostic]) {
        let document = try YAMLParser.parse(parameters, file: "q.yaml")
        let context = DecodingContext(document: document)
        let root = try #require(document.root)
        let reader = try #require(NodeReader(node: root, path: "parameters", context: context)
            .mapping(keys: OptionsAssessor.description.parameters.map(\.name)))
        let assessor = OptionsAssessor(parameters: reader, scale: .standard)
        return (context.diagnostics.isEmpty ? assessor : nil, context.diagnostics)
    }

    /// Answers the question with a YAML value under a framework-wide matching rule.
    static func answer(_ assessor: OptionsAssessor, _ value: String, framework match: AnswerMatch = AnswerMatch())
        throws -> Result<AssessorResult, AssessmentIssue> {
        let evidence = try Fixtures.evidence("organisation: {name: Test}\nfacts:\n  answers.q1: \(value)\n")
        var input = AssessorInput(criterionID: "q1", scale: .standard, organisation: evidence.organisation,
                                  bindings: ["answer": "answers.q1"], facts: evidence.facts, document: evidence.document)
        input.answerMatch = match
        do throws(AssessmentIssue) { return .success(try assessor.assess(input)) } catch { return .failure(error) }
    }

    static func points(_ result: Result<AssessorResult, AssessmentIssue>) -> Double? {
        guard case .success(let value) = result, case .points(let earned, _) = value.outcome else { return nil }
        return earned
    }

    static func invalidMessage(_ result: Result<AssessorResult, AssessmentIssue>) -> String? {
        guard case .failure(.invalid(let diagnostic)) = result else { return nil }
        return diagnostic.message + "; " + (diagnostic.hint ?? "")
    }

    static let yesPartlyNo = "options: [{value: 'Yes', points: 2}, {value: 'Partly', points: 1}, {value: 'No', points: 0}]"

    // MARK: - Matching

    @Test("a trailing space is not the option under the default rule, and is under trim")
    func trailingSpace() throws {
        let assessor = try #require(try Self.build(Self.yesPartlyNo).assessor)
        // The default rule (no trimming, case ignored): "Yes " is not an option, and the error says why.
        let strict = try Self.answer(assessor, "'Yes '")
        let message = try #require(Self.invalidMessage(strict))
        #expect(message.contains("'Yes ' is not one of the options"), "\(message)")
        #expect(message.contains("once spaces are trimmed"), "the hint names the trailing space: \(message)")
        // The framework's rule trims: the same answer scores 2.
        #expect(Self.points(try Self.answer(assessor, "'Yes '", framework: AnswerMatch(trim: true, caseInsensitive: true))) == 2)
        // Case is ignored by default, and an exact answer always matches.
        #expect(Self.points(try Self.answer(assessor, "'partly'")) == 1)
        #expect(Self.points(try Self.answer(assessor, "'No'")) == 0)
    }

    @Test("the question's own match wins over the framework's rule")
    func questionRuleWins() throws {
        let trimming = try #require(try Self.build("match: {trim: yes}\n" + Self.yesPartlyNo).assessor)
        #expect(Self.points(try Self.answer(trimming, "'  Partly\t'")) == 1, "trimmed although the framework does not trim")
        let exact = try #require(try Self.build("match: {trim: no, case: sensitive}\n" + Self.yesPartlyNo).assessor)
        // The framework trims and ignores case, but the question says exact.
        let loose = AnswerMatch(trim: true, caseInsensitive: true)
        #expect(Self.invalidMessage(try Self.answer(exact, "'Yes '", framework: loose)) != nil)
        #expect(Self.invalidMessage(try Self.answer(exact, "'yes'", framework: loose)) != nil)
        #expect(Self.points(try Self.answer(exact, "'Yes'", framework: loose)) == 2)
        // The rationale says how the answer was read.
        guard case .success(let read) = try Self.answer(trimming, "'Yes '") else { Issue.record("not scored"); return }
        #expect(read.rationale == "Answered \"Yes \", read as \"Yes\": 2 of 2 points.", "\(read.rationale)")
    }

    @Test("a bad match is refused with its line")
    func badMatch() throws {
        let problems = try Self.build("match: {trim: yes, case: upper}\n" + Self.yesPartlyNo).problems
        #expect(problems.contains { $0.location.line == 1 && $0.message.contains("upper") }, "\(problems.map(\.headline))")
        let empty = try Self.build("match: {}\n" + Self.yesPartlyNo).problems
        #expect(empty.contains { $0.message.contains("neither trim nor case") }, "\(empty.map(\.headline))")
    }

    // MARK: - Meanings and the fallback

    @Test("means options throw don't know, not applicable and unanswered, naming the answer")
    func meanings() throws {
        let assessor = try #require(try Self.build("""
            match: {trim: yes, case: insensitive}
            options:
              - {value: 'Yes', points: 2}
              - {value: 'No', points: 0}
              - {value: "Don't know", means: dont-know}
              - {value: N/A, means: not-applicable}
              - {value: '', means: unanswered}
            """).assessor)
        #expect(assessor.maximumPoints == 2, "means options carry no points")
        guard case .failure(.dontKnow(let reason)) = try Self.answer(assessor, "\"don't know \"") else {
            Issue.record("don't know was not thrown"); return
        }
        #expect(reason.contains("\"don't know \"") && reason.contains("don't know"), "\(reason)")
        guard case .failure(.notApplicable(let why)) = try Self.answer(assessor, "'n/a'") else {
            Issue.record("not applicable was not thrown"); return
        }
        #expect(why.contains("\"n/a\"") && why.contains("not applicable"), "\(why)")
        guard case .failure(.missing(let role, let fact)) = try Self.answer(assessor, "'   '") else {
            Issue.record("unanswered was not thrown as missing"); return
        }
        #expect(fact == "answers.q1")
        #expect(role.contains("\"   \"") && role.contains("unanswered"), "\(role)")
    }

    @Test("an answer left empty is not assessed, whatever the options")
    func nullAnswer() throws {
        let assessor = try #require(try Self.build(Self.yesPartlyNo).assessor)
        let evidence = try Fixtures.evidence("organisation: {name: Test}\nfacts:\n  answers.q1: {value: ~, source: documented}\n")
        let input = AssessorInput(criterionID: "q1", scale: .standard, organisation: evidence.organisation,
                                  bindings: ["answer": "answers.q1"], facts: evidence.facts, document: evidence.document)
        #expect(throws: AssessmentIssue.missing(role: "answer", fact: "answers.q1")) { try assessor.assess(input) }
    }

    @Test("the otherwise option scores any other answer, and is refused unless once and last")
    func fallback() throws {
        let assessor = try #require(try Self.build("""
            options:
              - {value: 'Yes', points: 3}
              - {value: 'No', points: 0}
              - {otherwise: yes, points: 1, label: Any other answer}
            """).assessor)
        let result = try Self.answer(assessor, "'Only on Tuesdays'")
        #expect(Self.points(result) == 1)
        guard case .success(let value) = result else { return }
        #expect(value.rationale.contains("not one of the options, so it counts as \"Any other answer\""), "\(value.rationale)")
        #expect(assessor.maximumPoints == 3)
        // A listed answer still wins, even when written with a trailing space under trim.
        #expect(Self.points(try Self.answer(assessor, "'Yes '", framework: AnswerMatch(trim: true))) == 3)

        let notLast = try Self.build("""
            options:
              - {otherwise: yes, points: 0}
              - {value: 'Yes', points: 2}
            """).problems
        #expect(notLast.contains { $0.location.line == 2 && $0.message.contains("must come last") }, "\(notLast.map(\.headline))")
        let withValue = try Self.build("options: [{value: 'Yes', points: 2}, {value: x, otherwise: yes, points: 0}]").problems
        #expect(withValue.contains { $0.message.contains("has no value") }, "\(withValue.map(\.headline))")
        let meansAndPoints = try Self.build("options: [{value: 'Yes', points: 2}, {value: N/A, means: not-applicable, points: 0}]").problems
        #expect(meansAndPoints.contains { $0.message.contains("carries no level or points") }, "\(meansAndPoints.map(\.headline))")
    }

    // MARK: - Refused declarations

    @Test("options that differ only by spaces or case are refused with both lines")
    func duplicates() throws {
        let problems = try Self.build("""
            options:
              - {value: 'Yes', points: 2}
              - {value: 'No', points: 0}
              - {value: 'Yes ', points: 1}
              - {value: 'no', points: 1}
            """).problems
        let spaces = problems.first { $0.message.contains("'Yes ' duplicates 'Yes'") }
        #expect(spaces?.message == "option 'Yes ' duplicates 'Yes' at line 2 once spaces are trimmed", "\(problems.map(\.headline))")
        #expect(spaces?.location.line == 4)
        #expect(spaces?.hint?.contains("match: {trim: no, case: sensitive}") == true)
        let casing = problems.first { $0.message.contains("'no' duplicates 'No'") }
        #expect(casing?.message.hasSuffix("at line 3 ignoring case") == true, "\(problems.map(\.headline))")
        #expect(casing?.location.line == 5)
        // The same values are distinct options when the question matches exactly.
        let exact = try Self.build("""
            match: {trim: no, case: sensitive}
            options:
              - {value: 'Yes', points: 2}
              - {value: 'Yes ', points: 1}
              - {value: 'yes', points: 0}
            """)
        #expect(exact.problems.isEmpty, "\(exact.problems.map(\.headline))")
        let assessor = try #require(exact.assessor)
        #expect(Self.points(try Self.answer(assessor, "'Yes '", framework: AnswerMatch(trim: true, caseInsensitive: true))) == 1)
        #expect(Self.points(try Self.answer(assessor, "'yes'")) == 0)
        // Under a question rule that ignores case but keeps spaces, only the case duplicate is refused.
        let caseOnly = try Self.build("""
            match: {trim: no, case: insensitive}
            options:
              - {value: 'Yes', points: 2}
              - {value: 'Yes ', points: 1}
              - {value: 'YES', points: 0}
            """).problems
        #expect(caseOnly.count == 1 && caseOnly.first?.location.line == 5, "\(caseOnly.map(\.headline))")
    }

    /// A rubric with one options criterion and the given extra criterion keys.
    static func rubric(criterion extra: String, options: String = yesPartlyNo) -> String {
        """
        id: r
        title: R
        version: "1"
        levels: \(Fixtures.levelsYAML)
        criteria:
          - id: q1
            title: Q1
            question: Q?
            guidance: G
            rationale: R
            assessor: options
            evidence: {answer: answers.q1}
            levels: \(Fixtures.levelsYAML)
            parameters:
              \(options)
        \(extra)
        """
    }

    static func load(_ rubric: String) -> Result<Framework, LoadError> {
        let files = ["fx/framework.yaml": """
            id: fx
            title: Fixture
            version: "1"
            scoring: points
            \(Fixtures.scaleYAML)
            dimensions:
              - {rubric: r.yaml, weight: 1}
            """, "fx/r.yaml": rubric]
        do throws(LoadError) {
            return .success(try FrameworkLoader(registry: AssessKit.registry).load(embedded: files, frameworkFile: "fx/framework.yaml"))
        } catch { return .failure(error) }
    }

    @Test("points below the top option's points are refused at the points line")
    func impossibleMaximum() throws {
        guard case .failure(let error) = Self.load(Self.rubric(criterion: "    points: 1.5")) else {
            Issue.record("a maximum below the top option was accepted"); return
        }
        let problem = try #require(error.diagnostics.first { $0.message.contains("below") })
        #expect(problem.file == "fx/r.yaml")
        #expect(problem.location.line == 16, "\(problem.headline)")
        #expect(problem.message == "points: 1.5 is below the 2 points of the top option, so an answer could earn more than the maximum")
        // At or above the top option it rescales, as before.
        guard case .success(let framework) = Self.load(Self.rubric(criterion: "    points: 4")) else {
            Issue.record("points above the top option were refused"); return
        }
        #expect(framework.criterion("q1")?.criterion.points == 4)
        #expect(framework.criterion("q1")?.criterion.assessor.maximumPoints == 2)
        #expect(framework.warnings.isEmpty)
    }

    @Test("a scored question whose options are all worth 0 loads with a warning; an unscored one does not")
    func allZero() throws {
        let zero = "options: [{value: 'Yes', points: 0}, {value: 'No', points: 0}]"
        guard case .success(let framework) = Self.load(Self.rubric(criterion: "", options: zero)) else {
            Issue.record("an all-zero question was refused"); return
        }
        let warning = try #require(framework.warnings.first)
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("every option of this scored question is worth 0 points"))
        #expect(warning.location.line == 15, "\(warning.headline)")
        guard case .success(let unscored) = Self.load(Self.rubric(criterion: "    weight: 0", options: zero)) else {
            Issue.record("an unscored all-zero question was refused"); return
        }
        #expect(unscored.warnings.isEmpty)
    }
}
