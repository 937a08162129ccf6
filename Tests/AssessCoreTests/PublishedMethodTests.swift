import AssessCore
import AssessKit
import Foundation
import Testing
import TestSupport

/// An answer whose meaning the test sets, standing in for an options question's `means:` answers: "dk" is
/// "don't know", "na" not applicable, "" unanswered, a number is points out of `of:` (declared as its maximum),
/// anything else is an answer that cannot be scored.
struct ScriptedAnswer: Assessor {
    let maximum: Double
    static let description = AssessorDescription(
        id: "scripted", title: "Scripted answer", purpose: "Test stand-in.",
        roles: [RoleDescription("answer", type: "text", "the answer")],
        parameters: [ParameterDescription("of", type: "number", "the maximum")], examples: [])

    init?(parameters: MappingReader, scale: Scale) { maximum = parameters["of"]?.number() ?? 1 }

    var maximumPoints: Double? { maximum }

    func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let answer = try input.string("answer")
        switch answer {
        case "dk": throw .dontKnow("answered \"Don't know\"")
        case "na": throw .notApplicable("answered \"N/A\"")
        case "": throw .missing(role: "answer", fact: input.bindings["answer"] ?? "answer")
        default:
            guard let points = Double(answer) else {
                throw input.invalid("'\(answer)' is not one of the options for \(input.criterionID)", at: try input.value("answer"))
            }
            return AssessorResult(.points(points, of: maximum), rationale: "Scored \(answer).")
        }
    }
}

/// Builds small points methods from YAML the way a consultant would write them from a method's documents.
enum Method {
    static func framework(_ head: String, rubrics: [String: String], dimensions: [String] = ["m.yaml"]) throws -> Framework {
        var registry = AssessKit.registry
        registry.register(AssessorFactory(ScriptedAnswer.self))
        var files = ["pm/framework.yaml": """
            id: pm
            title: Published method
            version: "1"
            scoring: points
            aggregation: {minimum-coverage: 0, overall: {minimum-coverage: 0}}
            \(head)
            \(Fixtures.scaleYAML)
            dimensions:
            \(dimensions.map { "  - {rubric: \($0), weight: 1}" }.joined(separator: "\n"))
            """]
        for (name, text) in rubrics { files["pm/\(name)"] = text }
        do {
            return try FrameworkLoader(registry: registry).load(embedded: files, frameworkFile: "pm/framework.yaml")
        } catch {
            throw MethodError(message: error.diagnostics.map(\.description).joined(separator: "\n"))
        }
    }

    /// The diagnostics a framework that should not load gives.
    static func problems(_ head: String, rubric: String) -> [Diagnostic] {
        do {
            _ = try framework(head, rubrics: ["m.yaml": rubric])
            return []
        } catch {
            return (error as? MethodError).map { [Diagnostic(file: "pm", location: .unknown, message: $0.message)] } ?? []
        }
    }

    /// A rubric with no level descriptors or rationale on its criteria (a published method has none).
    static func rubric(_ criteria: String, extra: String = "") -> String {
        "id: m\ntitle: Method\nversion: '1'\nlevels: \(Fixtures.levelsYAML)\n\(extra)criteria:\n" + criteria
    }

    /// An options question worth `points` at most: `options` is `value=points` pairs.
    static func options(_ id: String, _ options: [(String, Double)], points: Double, extra: String = "") -> String {
        let list = options.map { "{value: \"\($0.0)\", points: \(Format.number($0.1))}" }.joined(separator: ", ")
        return """
              - id: \(id)
                title: Question \(id)
                question: Question \(id)?
                assessor: options
                evidence: {answer: answers.\(id)}
                points: \(Format.number(points))
                parameters: {options: [\(list)]}
            \(extra)
            """
    }

    static func scripted(_ id: String, of maximum: Double) -> String {
        """
              - id: \(id)
                title: Question \(id)
                question: Question \(id)?
                assessor: scripted
                evidence: {answer: answers.\(id)}
                parameters: {of: \(maximum)}

            """
    }

    static func evidence(_ facts: [String], type: String = "district") throws -> Evidence {
        try Fixtures.evidence("organisation: {name: Testham District Council, type: \(type)}\nfacts:\n"
                              + facts.map { "  \($0)\n" }.joined())
    }
}

/// A method that did not load, with its diagnostics.
struct MethodError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

let yesPartlyNo: [(String, Double)] = [("Yes", 2), ("Partly", 1), ("No", 0)]

@Suite("Published methods: fixed maxima and answer rules")
struct FixedMaximumTests {
    /// A natural encoding of a small points method: each question's maximum is fixed, a "not applicable" answer
    /// earns full marks, an unanswered question earns zero, and q5 is not asked of districts.
    static let rubric = Method.rubric(
        Method.options("q1", yesPartlyNo, points: 2)
        + Method.options("q2", [("Yes", 3), ("Partly", 1), ("No", 0)], points: 3)
        + Method.options("q3", yesPartlyNo, points: 2)
        + Method.options("q4", [("Yes", 1), ("No", 0)], points: 1)
        + Method.options("q5", yesPartlyNo, points: 2, extra: "    applies-to: {types: [county]}\n"))
    static let facts = [
        "answers.q1: \"Yes\"",                                  // 2 of 2
        "answers.q2: \"Partly\"",                               // 1 of 3
        // q3 not answered                                      // 0 of 2 (unanswered: zero)
        "answers.q4: {not-applicable: no such service}",        // 1 of 1 (not-applicable: full)
        "answers.q5: \"No\"",                                   // not asked of a district: out of the maximum
    ]

    @Test("a points method with fixed maxima, N/A worth full marks and unanswered worth zero gives its published figure")
    func naturalMethod() throws {
        let framework = try Method.framework("bands: [0, 20, 40, 60, 80]\nmaximum: fixed\nanswers: {unanswered: zero, not-applicable: full}",
                                             rubrics: ["m.yaml": Self.rubric])
        let a = Engine(framework: framework).assess(try Method.evidence(Self.facts))
        // Earned 2 + 1 + 0 + 1 = 4 of 2 + 3 + 2 + 1 = 8: 50%, level 3 on the bands (40 ≤ 50 < 60).
        let dimension = try #require(a.dimensions.first)
        #expect(dimension.score == 50)
        #expect(dimension.level == 3)
        // Coverage stays honest: q3 was not answered (q4 and q5 do not apply): 2 of 3 assessed.
        #expect(abs((dimension.coverage ?? 0) - 2.0 / 3) < 1e-9)
        let byID = Dictionary(uniqueKeysWithValues: dimension.criteria.map { ($0.id, $0) })
        #expect(byID["q3"]?.status == .notAssessed)
        #expect(byID["q3"]?.answer == .unanswered)
        #expect(byID["q3"]?.counted == .zero)
        #expect(byID["q3"]?.maxPoints == 2)
        #expect(byID["q3"]?.points == nil)
        #expect(byID["q4"]?.answer == .notApplicable)
        #expect(byID["q4"]?.counted == .full)
        #expect(byID["q5"]?.counted == .excluded)
        #expect(byID["q1"]?.counted == .earned)
        // The same arithmetic over any group of criteria (what sections use): q3 and q4 alone count 0 + 1 of 2 + 1.
        let group = dimension.criteria.filter { ["q3", "q4"].contains($0.id) }
        #expect(abs((Engine(framework: framework).exactScore(of: group) ?? 0) - 100.0 / 3) < 1e-9)
        // The text output says what each counted as.
        #expect(byID["q3"].map { ReportText.criterionScore($0, in: a) } == "not answered, counts 0 / 2 pts")
        #expect(byID["q4"].map { ReportText.criterionScore($0, in: a) } == "not applicable, counts 1 / 1 pts")
        #expect(byID["q5"].map { ReportText.criterionScore($0, in: a) } == "not applicable")
        // ...and, in plain words from the message catalogue, under which rule.
        #expect(byID["q3"].flatMap { ReportText.countingMessage($0, in: a) }?.id == .countedZeroPoints)
        #expect(byID["q3"].flatMap { ReportText.counting($0, in: a) } == "Not answered: counts 0 of 2 points under this method's rules.")
        #expect(byID["q4"].flatMap { ReportText.counting($0, in: a) } == "Not applicable: counts full marks, 1 of 1 point, under this method's rules.")
        #expect(byID["q5"].flatMap { ReportText.counting($0, in: a) } == "Not applicable: left out of the maximum under this method's rules.")
        #expect(byID["q1"].flatMap { ReportText.counting($0, in: a) } == nil)
        let markdown = MarkdownReporter.render(a, context: ReportContext(toolVersion: "t", date: "2026-01-01"))
        #expect(markdown.contains("Not answered: counts 0 of 2 points under this method's rules."), "\(markdown)")
        let text = TextReporter.render(a, context: ReportContext(toolVersion: "t", date: "2026-01-01"), width: 200, detail: true)
        #expect(text.contains("Not answered: counts 0 of 2 points under this method's rules."), "\(text)")
        #expect(!TextReporter.render(a, context: ReportContext(toolVersion: "t", date: "2026-01-01"), width: 200).contains("under this method's rules"))
        #expect(a.diagnostics.isEmpty)
        let json = JSONReporter.render(a, context: ReportContext(toolVersion: "t", date: "2026-01-01"))
        #expect(json.contains("\"answer\": \"unanswered\""))
        #expect(json.contains("\"counted\": \"full\""))
        // Nothing is rounded, so there are no exact figures beside the published ones.
        #expect(json.contains("\"exactScore\": null") && json.contains("\"exactPoints\": null"))
    }

    @Test("written from the docs alone: no points: keys, the answer sheet's own words, and its trailing spaces")
    func fromTheDocsAlone() throws {
        // Each question lists the sheet's answers; "Don't know", "N/A" and a blank are what they mean.
        let meanings = """
                    - {value: "Don't know", means: dont-know}
                    - {value: "N/A", means: not-applicable}
                    - {value: "", means: unanswered}
            """
        func question(_ id: String, _ top: Int) -> String {
            """
              - id: \(id)
                title: Question \(id)
                question: Question \(id)?
                assessor: options
                evidence: {answer: answers.\(id)}
                parameters:
                  options:
                    - {value: "Yes", points: \(top)}
                    - {value: "Partly", points: 1}
                    - {value: "No", points: 0}
            \(meanings)

            """
        }
        let rubric = Method.rubric(question("d1", 2) + question("d2", 3) + question("d3", 2) + question("d4", 2) + question("d5", 3))
        let framework = try Method.framework("""
            maximum: fixed
            answers: {unanswered: zero, not-applicable: full, dont-know: zero, match: {trim: true, case: insensitive}}
            """, rubrics: ["m.yaml": rubric])
        let a = Engine(framework: framework).assess(try Method.evidence([
            "answers.d1: \"Yes \"", "answers.d2: \"partly\"", "answers.d3: \"N/A\"", "answers.d4: \"Don't know\"", "answers.d5: \"\"",
        ]))
        // d1 "Yes " (trimmed) 2 of 2; d2 1 of 3; d3 N/A, full: 2 of 2; d4 don't know, zero: 0 of 2; d5 blank, zero: 0 of 3.
        // (2 + 1 + 2 + 0 + 0) / (2 + 3 + 2 + 2 + 3) = 5 / 12 = 41.67%.
        let d = try #require(a.dimensions.first)
        #expect(abs((d.score ?? 0) - 500.0 / 12) < 1e-9)
        #expect(d.criteria.map(\.answer) == [.answered, .answered, .notApplicable, .dontKnow, .unanswered])
        #expect(d.criteria.map(\.counted) == [.earned, .earned, .full, .zero, .zero])
        #expect(a.diagnostics.isEmpty)
    }

    @Test("under the default assessed maximum the same answers give 60%: what was answered, out of what was answered")
    func assessedMaximum() throws {
        let framework = try Method.framework("bands: [0, 20, 40, 60, 80]", rubrics: ["m.yaml": Self.rubric])
        let a = Engine(framework: framework).assess(try Method.evidence(Self.facts))
        // Earned 2 + 1 = 3 of 2 + 3 = 5 = 60%: q3 (unanswered) and q4 (not applicable) leave the denominator.
        #expect(a.dimensions.first?.score == 60)
        #expect(a.dimensions.first?.criteria.first { $0.id == "q3" }?.counted == .excluded)
    }

    @Test("not applicable may count zero or be left out; unanswered may be left out under a fixed maximum")
    func notApplicableRules() throws {
        func score(_ answers: String) throws -> Double? {
            let framework = try Method.framework("maximum: fixed\nanswers: \(answers)", rubrics: ["m.yaml": Self.rubric])
            return Engine(framework: framework).assess(try Method.evidence(Self.facts)).dimensions.first?.score
        }
        // N/A zero: 3 of 8 = 37.5%. N/A excluded: 3 of 7 = 42.857...%. Unanswered excluded too: 3 of 5 = 60%.
        #expect(try score("{not-applicable: zero}") == 37.5)
        #expect(abs(try #require(try score("{not-applicable: exclude}")) - 300.0 / 7) < 1e-9)
        #expect(try score("{not-applicable: exclude, unanswered: exclude}") == 60)
    }

    @Test("a rubric overrides the framework's maximum and answer rules for its own dimension, key by key")
    func rubricOverrides() throws {
        let fixedHere = Method.rubric(
            Method.options("q1", yesPartlyNo, points: 2) + Method.options("q3", yesPartlyNo, points: 2),
            extra: "maximum: fixed\n")
        let other = fixedHere.replacingOccurrences(of: "id: m\n", with: "id: n\n")
            .replacingOccurrences(of: "maximum: fixed\n", with: "answers: {unanswered: exclude}\n")
            .replacingOccurrences(of: "q1", with: "r1").replacingOccurrences(of: "q3", with: "r3")
        let framework = try Method.framework("answers: {not-applicable: full}",
                                             rubrics: ["m.yaml": fixedHere, "n.yaml": other], dimensions: ["m.yaml", "n.yaml"])
        let a = Engine(framework: framework).assess(try Method.evidence(["answers.q1: \"Yes\"", "answers.r1: \"Yes\""]))
        // m is fixed, so unanswered q3 counts zero: 2 of 4 = 50%. n keeps the assessed maximum: 2 of 2 = 100%.
        #expect(a.dimensions.map(\.score) == [50, 100])
        #expect(framework.answerRules(for: framework.dimensions[0].rubric).notApplicable == .full)
        #expect(framework.answerRules(for: framework.dimensions[1].rubric).unanswered == .exclude)
    }

    static let dontKnowRules: [(String, Double)] = [
        ("", 2.0 / 6), ("dont-know: zero", 2.0 / 6), ("dont-know: full", 6.0 / 6), ("dont-know: exclude", 2.0 / 2),
    ]

    @Test("don't know is not assessed, says so, and counts zero, full or nothing as declared", arguments: dontKnowRules)
    func dontKnow(rule: String, share: Double) throws {
        let rubric = Method.rubric(Method.scripted("k1", of: 2) + Method.scripted("k2", of: 4))
        let framework = try Method.framework("maximum: fixed\nanswers: {\(rule)}", rubrics: ["m.yaml": rubric])
        let a = Engine(framework: framework).assess(try Method.evidence(["answers.k1: \"2\"", "answers.k2: dk"]))
        // k1 earns 2 of 2; k2 "don't know" of 4 counts 0 of 4 (the default under a fixed maximum), 4 of 4, or leaves.
        #expect(abs((a.dimensions.first?.score ?? -1) - share * 100) < 1e-9)
        let k2 = try #require(a.dimensions.first?.criteria.last)
        #expect(k2.status == .notAssessed)
        #expect(k2.answer == .dontKnow)
        #expect(k2.rationale.contains("don't know"))
        #expect(a.dimensions.first?.coverage == 0.5)
    }

    @Test("under levels scoring, zero counts as level 1 and full as the top level")
    func levelsScoring() throws {
        let rubric = Method.rubric(Method.options("q1", [("Low", 1), ("High", 5)], points: 5)
            .replacingOccurrences(of: "    points: 5\n", with: "").replacingOccurrences(of: "points: 1}", with: "level: 1}")
            .replacingOccurrences(of: "points: 5}", with: "level: 5}")
            + Method.scripted("k2", of: 1))
        let framework = try Method.framework("answers: {unanswered: zero}", rubrics: ["m.yaml": rubric])
            .with(scoring: .levels)
        let a = Engine(framework: framework).assess(try Method.evidence(["answers.q1: High"]))
        // q1 at level 5; k2 unanswered counts level 1: (5 + 1) / 2 = 3.
        #expect(a.dimensions.first?.score == 3)
        // An unscorable answer counts level 1 by default too, even with unanswered left out: (5 + 1) / 2 = 3, not 5.
        let assessed = try Method.framework("", rubrics: ["m.yaml": rubric]).with(scoring: .levels)
        let typo = Engine(framework: assessed).assess(try Method.evidence(["answers.q1: High", "answers.k2: typo"]))
        #expect(typo.dimensions.first?.score == 3)
        #expect(typo.diagnostics.count == 1)
    }
}

extension Framework {
    func with(scoring: ScoringMode) -> Framework {
        var copy = self
        copy.scoring = scoring
        return copy
    }
}

@Suite("Published methods: an unscorable answer never raises a score")
struct UnscorableTests {
    /// The issue's example: a section of 21 points where 18 are earned (85.7%). A typo in the answer to a
    /// 2-point question that earned 1 used to leave the denominator: 17 of 19 = 89.5%, a *higher* score.
    static let rubric = Method.rubric(
        Method.options("t1", yesPartlyNo, points: 2)
        + Method.options("t2", [("Yes", 10), ("Partly", 5), ("No", 0)], points: 10)
        + Method.options("t3", [("All", 9), ("Most", 7), ("Some", 3), ("None", 0)], points: 9))
    static func facts(_ t1: String) -> [String] { ["answers.t1: \"\(t1)\"", "answers.t2: \"Yes\"", "answers.t3: \"Most\""] }

    func score(_ head: String, _ t1: String) throws -> (DimensionResult, [Diagnostic]) {
        let framework = try Method.framework(head, rubrics: ["m.yaml": Self.rubric])
        let a = Engine(framework: framework).assess(try Method.evidence(Self.facts(t1)))
        return (try #require(a.dimensions.first), a.diagnostics)
    }

    @Test("the correct answer gives 18 of 21 = 85.7%")
    func correct() throws {
        let (dimension, diagnostics) = try score("", "Partly")
        #expect(abs((dimension.score ?? 0) - 1800.0 / 21) < 1e-9)
        #expect(diagnostics.isEmpty)
    }

    @Test("a typo under the assessed maximum counts zero of its maximum (17 of 21 = 81.0%), never 89.5%, and is reported",
          arguments: ["", "maximum: fixed"])
    func typo(head: String) throws {
        let (dimension, diagnostics) = try score(head, "Partyl")
        #expect(abs((dimension.score ?? 0) - 1700.0 / 21) < 1e-9)
        #expect((dimension.score ?? 100) < 1800.0 / 21)
        let t1 = try #require(dimension.criteria.first)
        #expect(t1.status == .error)
        #expect(t1.answer == .unscorable)
        #expect(t1.counted == .zero)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("'Partyl' is not one of the options") == true)
        #expect(diagnostics.first?.hint == "did you mean 'Partly'?")
        // Coverage drops: 2 of 3 questions assessed.
        #expect(abs((dimension.coverage ?? 0) - 2.0 / 3) < 1e-9)
    }

    @Test("only a method that declares 'unscorable: exclude' leaves the typo out, and gets 17 of 19 = 89.5%")
    func declaredExclude() throws {
        let (dimension, diagnostics) = try score("answers: {unscorable: exclude}", "Partyl")
        #expect(abs((dimension.score ?? 0) - 1700.0 / 19) < 1e-9)
        #expect(diagnostics.count == 1)
    }
}

@Suite("Published methods: question logic")
struct QuestionLogicTests {
    static let rubric = Method.rubric(
        Method.options("p1", yesPartlyNo, points: 2)
        + Method.options("c1", yesPartlyNo, points: 2, extra: "    when: {answer-of: p1, in: [\"Yes\", \"Partly\"]}\n")
        + Method.options("c2", yesPartlyNo, points: 2, extra: "    when: {answer-of: c1, not-in: [\"No\"]}\n"))

    func assess(_ facts: [String], head: String = "maximum: fixed") throws -> DimensionResult {
        let framework = try Method.framework(head, rubrics: ["m.yaml": Self.rubric])
        return try #require(Engine(framework: framework).assess(try Method.evidence(facts)).dimensions.first)
    }

    @Test("a question whose condition holds is asked and scored")
    func asked() throws {
        let d = try assess(["answers.p1: \"Partly\"", "answers.c1: \"Yes\"", "answers.c2: \"Partly\""])
        // 1 + 2 + 1 = 4 of 6.
        #expect(abs((d.score ?? 0) - 400.0 / 6) < 1e-9)
        #expect(d.criteria.allSatisfy { $0.answer == .answered })
    }

    @Test("a question whose condition fails is skipped: not applicable, naming the parent's answer, out of the maximum")
    func skipped() throws {
        let d = try assess(["answers.p1: \"No\"", "answers.c1: \"Yes\"", "answers.c2: \"Yes\""])
        let c1 = try #require(d.criteria.first { $0.id == "c1" })
        #expect(c1.status == .notApplicable)
        #expect(c1.answer == .skipped)
        #expect(c1.counted == .excluded)
        #expect(c1.rationale == "Not applicable: skipped: p1 is No.")
        // c2 depends on c1, which was skipped: skipped too.
        let c2 = try #require(d.criteria.first { $0.id == "c2" })
        #expect(c2.answer == .skipped)
        #expect(c2.rationale == "Not applicable: skipped: c1 was skipped.")
        // Only p1 counts: 0 of 2.
        #expect(d.score == 0)
        #expect(d.coverage == 1)
    }

    @Test("a skipped question counts as 'answers: skipped:' says")
    func skippedCountsZero() throws {
        let d = try assess(["answers.p1: \"No\""], head: "maximum: fixed\nanswers: {skipped: zero}")
        // p1 0 of 2, c1 and c2 skipped but counted 0 of 2 each: 0 of 6.
        #expect(d.score == 0)
        #expect(d.criteria.filter { $0.counted == .zero }.count == 2)
        let full = try assess(["answers.p1: \"No\""], head: "maximum: fixed\nanswers: {skipped: full}")
        // 0 + 2 + 2 = 4 of 6.
        #expect(abs((full.score ?? 0) - 400.0 / 6) < 1e-9)
    }

    @Test("an unanswered parent skips its children, saying the parent was not answered")
    func parentUnanswered() throws {
        let d = try assess([])
        let c1 = try #require(d.criteria.first { $0.id == "c1" })
        #expect(c1.answer == .skipped)
        #expect(c1.rationale == "Not applicable: skipped: p1 was not answered.")
        // p1 counts 0 of 2 (unanswered under a fixed maximum); the children leave: 0%, coverage 0.
        #expect(d.provisionalScore == 0)
        #expect(d.coverage == 0)
    }

    @Test("the parent's answer is matched by the framework's match rule: trailing spaces decide nothing when trimmed")
    func matchRule() throws {
        let untrimmed = try assess(["answers.p1: \"yes \"", "answers.c1: \"Yes\""], head: "maximum: fixed")
        #expect(untrimmed.criteria[1].answer == .skipped)
        let trimmed = try assess(["answers.p1: \"yes \"", "answers.c1: \"Yes\""],
                                 head: "maximum: fixed\nanswers: {match: {trim: true, case: insensitive}}")
        #expect(trimmed.criteria[1].answer == .answered)
    }

    @Test("question logic naming an unknown, later or non-options question is a located error with a hint", arguments: [
        ("when: {answer-of: p2, in: [\"Yes\"]}", "depends on an unknown criterion 'p2'", "did you mean 'p1'?"),
        ("when: {answer-of: c9, in: [\"Yes\"]}", "depends on 'c9', which comes after it", "move 'c9' before 'c1'"),
        ("when: {answer-of: s1, in: [\"Yes\"]}", "depends on the answer of 's1', which is not an options question", "assessor: options"),
        ("when: {answer-of: p1, in: [\"Yes\"], not-in: [\"No\"]}", "when has both 'in' and 'not-in'", "give one"),
        ("when: {answer-of: p1}", "when names no answers", "not-in"),
    ])
    func invalidConditions(when: String, message: String, hint: String) throws {
        let rubric = Method.rubric(
            Method.options("p1", yesPartlyNo, points: 2)
            + """
                - id: s1
                  title: Share
                  question: What share?
                  assessor: threshold
                  evidence: {value: answers.s1}
                  parameters: {thresholds: [10, 20, 30, 40, 50]}

              """
            + Method.options("c1", yesPartlyNo, points: 2, extra: "    \(when)\n")
            + Method.options("c9", yesPartlyNo, points: 2))
        let problems = Method.problems("", rubric: rubric)
        let text = problems.map(\.message).joined()
        #expect(text.contains(message), "\(text)")
        #expect(text.contains(hint), "\(text)")
        // Located: the line of the `when:` (the rubric's line 21 or 22 as written above).
        #expect(text.contains("pm/m.yaml:2"), "\(text)")
    }
}

@Suite("Published methods: declaring the rules")
struct AnswerRuleLoadingTests {
    @Test("a bad maximum, answer rule, match or rounding value is a located error with a suggestion", arguments: [
        ("maximum: fixd", "pm/framework.yaml:6:10", "did you mean 'fixed'?"),
        ("answers: {unanswered: zeroo}", "'zeroo' is not a rule for unanswered answers", "did you mean 'zero'?"),
        ("answers: {unanswered: full}", "'full' is not a rule for unanswered answers (it may be zero or exclude)", "use one of: zero, exclude"),
        ("answers: {not-aplicable: full}", "not-aplicable", "did you mean 'not-applicable'?"),
        ("answers: {match: {case: insensitve}}", "case must be sensitive or insensitive", "did you mean 'insensitive'?"),
        ("rounding: {dimension: 0, mode: half-evn}", "mode must be one of half-up, half-even", "did you mean 'half-even'?"),
        ("rounding: {overall: 12}", "pm/framework.yaml:6", "10"),
    ])
    func badValues(head: String, message: String, hint: String) throws {
        let text = Method.problems(head, rubric: FixedMaximumTests.rubric).map(\.message).joined()
        #expect(text.contains(message), "\(text)")
        #expect(text.contains(hint), "\(text)")
    }

    @Test("the declared rules are read as written, and unstated ones take the documented defaults")
    func defaults() throws {
        let framework = try Method.framework(
            "maximum: fixed\nanswers: {not-applicable: full, match: {trim: true}}\nrounding: {criterion: 2, dimension: 0, mode: half-even}",
            rubrics: ["m.yaml": FixedMaximumTests.rubric])
        let rules = framework.answerRules(for: framework.dimensions[0].rubric)
        #expect(rules == ResolvedAnswerRules(maximum: .fixed, unanswered: .zero, notApplicable: .full, dontKnow: .zero,
                                             skipped: .exclude, unscorable: .zero, match: AnswerMatch(trim: true, caseInsensitive: true)))
        #expect(framework.rounding == RoundingRules(criterion: 2, dimension: 0, mode: .halfEven))
        let assessed = AnswerRules().resolved(maximum: .assessed)
        #expect(assessed.unanswered == .exclude && assessed.dontKnow == .exclude && assessed.unscorable == .zero)
    }

    @Test("level descriptors and a rationale are optional on a criterion")
    func optionalDescriptors() throws {
        let framework = try Method.framework("", rubrics: ["m.yaml": FixedMaximumTests.rubric])
        #expect(framework.allCriteria.allSatisfy { $0.criterion.levels.isEmpty && $0.criterion.rationale.isEmpty })
    }

    @Test("every built-in criterion still has a rationale and a descriptor for every level")
    func builtInsKeepDescriptors() throws {
        let framework = try AssessKit.loadFramework(path: nil)
        #expect(!framework.allCriteria.isEmpty)
        for (_, criterion) in framework.allCriteria {
            #expect(!criterion.rationale.isEmpty, "\(criterion.id) has no rationale")
            #expect(Set(criterion.levels.keys) == Set(1...framework.scale.top), "\(criterion.id) lacks level descriptors")
        }
    }
}

@Suite("Published methods: rounding and levels")
struct RoundingTests {
    @Test("half-up and half-even rounding, with half-way figures as written in decimal", arguments: [
        (2.675, 2, RoundingRules.Mode.halfUp, 2.68), (2.665, 2, .halfEven, 2.66), (2.675, 2, .halfEven, 2.68),
        (0.5, 0, .halfUp, 1), (0.5, 0, .halfEven, 0), (1.5, 0, .halfEven, 2), (85.714285, 0, .halfUp, 86),
        (85.714285, 1, .halfUp, 85.7), (89.45, 1, .halfUp, 89.5), (-2.5, 0, .halfUp, -3), (12.3449, 2, .halfUp, 12.34),
    ])
    func rounding(value: Double, places: Int, mode: RoundingRules.Mode, expected: Double) {
        #expect(RoundingRules.round(value, places: places, mode: mode) == expected)
    }

    /// q1 is worth 4 points, scaled from options out of 3: an answer of 1 gives 1.333... points, published as 1.33.
    static let rubric = Method.rubric(
        Method.options("q1", [("Low", 1), ("Mid", 2), ("High", 3)], points: 4)
        + Method.options("q2", [("Yes", 3), ("No", 0)], points: 3)
        + Method.options("q3", [("Yes", 2), ("No", 0)], points: 2))

    @Test("criterion points are rounded before they are summed, the dimension's percentage before its level; JSON keeps the exact figures")
    func publishedAndExact() throws {
        let framework = try Method.framework("bands: [0, 20, 40, 60, 80]\nrounding: {criterion: 2, dimension: 0, overall: 0}",
                                             rubrics: ["m.yaml": Self.rubric])
        let a = Engine(framework: framework).assess(try Method.evidence(["answers.q1: Low", "answers.q2: \"Yes\"", "answers.q3: \"Yes\""]))
        let d = try #require(a.dimensions.first)
        let q1 = try #require(d.criteria.first)
        #expect(q1.points == 1.33)
        #expect(abs((q1.exactPoints ?? 0) - 4.0 / 3) < 1e-12)
        // Published: (1.33 + 3 + 2) / 9 = 70.33% → 70. The exact figure (on the rounded points) is kept.
        #expect(d.score == 70)
        #expect(abs((d.exactScore ?? 0) - 633.0 / 9) < 1e-9)
        #expect(a.overall.score == 70)
        let json = JSONReporter.render(a, context: ReportContext(toolVersion: "t", date: "2026-01-01"))
        #expect(json.contains("\"exactPoints\": 1.333"))
        #expect(json.contains("\"exactScore\": 70.333"))
        // Read back, written again: the same bytes.
        let document = try AssessmentReader.read(Data(json.utf8), file: "r.json")
        #expect(JSONReporter.render(document.assessment, context: document.context) == json)
    }

    @Test("the published (rounded) percentage decides the level: 79.6% published as 80 is level 5")
    func roundedLevel() throws {
        // A 1,000-point question where 796 are earned: 79.6%, level 4 unrounded, level 5 when published as 80.
        let rubric = Method.rubric(Method.scripted("k1", of: 1000))
        for (head, level) in [("bands: [0, 20, 40, 60, 80]", 4), ("bands: [0, 20, 40, 60, 80]\nrounding: {dimension: 0}", 5)] {
            let framework = try Method.framework(head, rubrics: ["m.yaml": rubric])
            let a = Engine(framework: framework).assess(try Method.evidence(["answers.k1: \"796\""]))
            #expect(a.dimensions.first?.level == level)
        }
    }

    @Test("under points scoring a criterion's level comes from the framework's bands, as a dimension's does")
    func criterionLevelFromBands() throws {
        let rubric = Method.rubric(Method.options("q1", [("None", 0), ("Some", 3), ("All", 5)], points: 5))
        let framework = try Method.framework("bands: [0, 30, 50, 70, 90]", rubrics: ["m.yaml": rubric])
        let a = Engine(framework: framework).assess(try Method.evidence(["answers.q1: Some"]))
        // 3 of 5 = 60%: level 3 on these bands (50 ≤ 60 < 70), not the linear 1 + 0.6 × 4 = 3.4.
        #expect(a.dimensions.first?.criteria.first?.level == 3)
        #expect(a.dimensions.first?.level == 3)
    }
}
