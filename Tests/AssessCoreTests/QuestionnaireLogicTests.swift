import AssessCore
import AssessKit
import Foundation
import Testing
import TestSupport

/// The questionnaire honours question logic (`when:`), on the ODI Open Data Pathway pack, whose activities stop
/// at the first negative answer; options questions offer their `means:` options and their fallback.
@Suite struct QuestionnaireLogicTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let pathway = Result { () throws(LoadError) -> Framework in
        try AssessKit.loadFramework(path: root.appendingPathComponent("packs/odi-pathway/framework.yaml").path)
    }

    func questionnaire(_ framework: Framework, answers: AnswerSet = AnswerSet(), evidenceFacts: String = "") throws -> (URL, Questionnaire) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assess-logic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("council.yaml").path
        try ("organisation:\n  name: Logic Council\n  type: district\nfacts:\n" + (evidenceFacts.isEmpty ? "  {}\n" : evidenceFacts))
            .replacingOccurrences(of: "facts:\n  {}\n", with: "facts: {}\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let evidence = try EvidenceLoader(readsAnswers: false).load(path: path)
        return (folder, Questionnaire(framework: framework, evidence: evidence, answers: answers,
                                      answersPath: folder.appendingPathComponent("council.answers.yaml").path))
    }

    func answer(_ q: inout Questionnaire, _ id: String, _ typed: String) throws {
        let question = try #require(q.question(id: id), "no question \(id)")
        let result = q.answer(.answer(typed), to: question)
        guard case .success = result else {
            Issue.record("\(id) = \(typed) refused: \(result)")
            return
        }
    }

    @Test("a question whose when: does not hold is not asked: the activity stops at the first negative answer")
    func stopsAtNegativeAnswer() throws {
        let framework = try Self.pathway.get()
        var (folder, q) = try questionnaire(framework)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Before any answer only each activity's first question can be asked: the rest wait for their parents.
        #expect(q.next()?.id == "answers.q1")
        let firsts = q.questions.filter { !q.isNotAsked($0) }.map(\.id)
        #expect(firsts.count == 15, "one opening question per activity: \(firsts)")
        #expect(q.notAsked["answers.q2"] == .parentUnanswered(parent: "q1"))
        // q1.1 is positive: q2 is asked next. q2.2 is negative: the activity stops; the next is q6.
        try answer(&q, "answers.q1", "Q1.1")
        #expect(q.next()?.id == "answers.q2")
        try answer(&q, "answers.q2", "2")   // by number: the second option, Q2.2
        #expect(q.answers.facts["answers.q2"]?.value == ["Q2.2"])
        #expect(q.notAsked["answers.q3"] == .parentIs(parent: "q2", answer: "Q2.2"))
        #expect(q.notAsked["answers.q4"] == .parentNotAsked(parent: "q3"))
        #expect(q.next()?.id == "answers.q6")
        let area = try #require(q.progress().first { $0.id == "data-management-processes" })
        #expect(area.answered == 2 && area.notAsked == 22 - area.total, "\(area)")
        #expect(QuestionnaireText.progress(area, scale: framework.scale).contains("not asked"))
        // The engine agrees: q3 to q5 are skipped, and count as the method says (skipped: zero).
        let assessment = Engine(framework: framework).assess(q.mergedEvidence)
        let q3 = try #require(assessment.dimensions.flatMap(\.criteria).first { $0.id == "q3" })
        #expect(q3.answer == .skipped && q3.counted == .zero)
    }

    @Test("when: reads as a message: one answer, several, and not-in")
    func conditionMessages() {
        #expect(QuestionCondition(parent: "q1", values: ["Yes"], isIn: true).askedMessage.english
                == "Asked only when q1 is 'Yes'; otherwise it is not asked (skipped)")
        #expect(QuestionCondition(parent: "q1", values: ["Yes", "Partly"], isIn: true).askedMessage.english
                == "Asked only when q1 is one of 'Yes', 'Partly'; otherwise it is not asked (skipped)")
        #expect(QuestionCondition(parent: "q1", values: ["No"], isIn: false).askedMessage.english
                == "Asked only when q1 is not 'No'; otherwise it is not asked (skipped)")
        #expect(QuestionCondition(parent: "q1", values: ["No", "N/A"], isIn: false).askedMessage.id == .questionAskedUnless)
    }

    @Test("a resumed session whose parent answer changed stops asking the children; their answers are kept, never scored")
    func staleAnswersKept() throws {
        let framework = try Self.pathway.get()
        var (folder, q) = try questionnaire(framework)
        defer { try? FileManager.default.removeItem(at: folder) }
        try answer(&q, "answers.q1", "Q1.1")
        try answer(&q, "answers.q2", "Q2.1")
        try answer(&q, "answers.q3", "Q3.2")
        #expect(q.next()?.id == "answers.q4")
        let scoredBefore = Engine(framework: framework).assess(q.mergedEvidence).dimensions.flatMap(\.criteria).first { $0.id == "q3" }
        #expect(scoredBefore?.answer == .answered)
        // A later session: the parent's answer is now negative (the file resumed with a changed q2).
        var resumed = q.answers
        resumed.facts["answers.q2"] = AnswerSet.Entry(value: ["Q2.2"])
        var (folder2, again) = try questionnaire(framework, answers: resumed)
        defer { try? FileManager.default.removeItem(at: folder2) }
        let q3 = try #require(again.question(id: "answers.q3"))
        #expect(again.isNotAsked(q3) && again.hasStaleAnswer(q3))
        #expect(again.answers.facts["answers.q3"] != nil, "the stale answer stays in the file")
        #expect(again.next()?.id == "answers.q6")
        let result = try #require(Engine(framework: framework).assess(again.mergedEvidence).dimensions.flatMap(\.criteria).first { $0.id == "q3" })
        #expect(result.answer == .skipped && result.points == nil && result.rationale.contains("q2 is Q2.2"))
        let summary = QuestionnaireText.summary(again, evidencePath: "council.yaml", answersPath: "council.answers.yaml", ending: .finished).joined(separator: "\n")
        #expect(summary.replacingOccurrences(of: "\n    ", with: " ").contains("1 answer is kept for a question not asked given an earlier answer: it is reported as skipped and not scored"), "\(summary)")
        // Answering the parent positively again opens the child: asked (its answer is there) and scored.
        try answer(&again, "answers.q2", "Q2.1")
        #expect(!again.isNotAsked(q3) && again.next()?.id == "answers.q4")
    }

    @Test("options list their means: options and their fallback; ? saves the don't-know option; any answer meets the fallback")
    func optionsMeansAndFallback() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assess-logic-fw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            id: logic
            title: Logic
            version: "1"
            scoring: points
            maximum: fixed
            answers: {dont-know: zero, skipped: exclude}
            scale:
              levels:
                - {level: 1, name: Initial, description: Ad hoc.}
                - {level: 2, name: Developing, description: Some.}
                - {level: 3, name: Defined, description: Defined.}
                - {level: 4, name: Managed, description: Measured.}
                - {level: 5, name: Leading, description: Improved.}
            dimensions:
              - rubric: area.yaml
            """.write(toFile: folder.appendingPathComponent("framework.yaml").path, atomically: true, encoding: .utf8)
        try """
            id: area
            title: Area
            version: "1"
            levels: {1: Initial, 2: Developing, 3: Defined, 4: Managed, 5: Leading}
            criteria:
              - id: q1
                title: Owners
                question: Are there named owners?
                assessor: options
                evidence: {answer: answers.q1}
                parameters:
                  options:
                    - {value: "Yes", points: 2}
                    - {value: "No", points: 0}
                    - {value: "Don't know", means: dont-know}
                    - {value: "", means: unanswered}
              - id: q2
                title: Register
                question: Is there a register?
                assessor: options
                evidence: {answer: answers.q2}
                when: {answer-of: q1, in: ["Yes"]}
                parameters:
                  options:
                    - {value: "Yes", points: 1}
                    - {value: "No", points: 0}
                    - {otherwise: true, points: 0, label: Any other answer}
            """.write(toFile: folder.appendingPathComponent("area.yaml").path, atomically: true, encoding: .utf8)
        let framework = try AssessKit.loadFramework(path: folder.appendingPathComponent("framework.yaml").path)
        var (work, q) = try questionnaire(framework)
        defer { try? FileManager.default.removeItem(at: work) }
        let q1 = try #require(q.question(id: "answers.q1"))
        // The empty "unanswered" placeholder cannot be typed, so it is not offered; "Don't know" is.
        #expect(q1.form.choices.map(\.id) == ["Yes", "No", "Don't know"])
        let shown = QuestionnaireText.question(q1, in: q, showCriterion: true).joined(separator: "\n")
        #expect(shown.contains("3. Don't know: counts as don't know") && shown.contains("? saves the answer \"Don't know\""), "\(shown)")
        #expect(q.dontKnowOption(q1) == "Don't know")
        // "?" saves the option, so the method's dont-know rule scores it (0 of 2 under a fixed maximum).
        #expect(q.answer(.dontKnow, to: q1) == .success(.dontKnow))
        #expect(q.answers.facts["answers.q1"]?.value == ["'Don''t know'"] || q.answers.facts["answers.q1"]?.value == ["\"Don't know\""])
        let r1 = try #require(Engine(framework: framework).assess(q.mergedEvidence).dimensions[0].criteria.first { $0.id == "q1" })
        #expect(r1.answer == .dontKnow && r1.counted == .zero && r1.maxPoints == 2)
        #expect(q.progress()[0].dontKnow == 1 && q.progress()[0].answered == 0)
        // Don't know on the parent: the child is not asked.
        let q2 = try #require(q.question(id: "answers.q2"))
        #expect(q.isNotAsked(q2) && q.next() == nil)
        try answer(&q, "answers.q1", "yes")
        #expect(!q.isNotAsked(q2) && q.next()?.id == "answers.q2")
        let shown2 = QuestionnaireText.question(q2, in: q, showCriterion: true).joined(separator: "\n")
        #expect(shown2.replacingOccurrences(of: "\n  ", with: " ").contains("Or any other answer, typed as it is: it counts as \"Any other answer\" (0 points)."), "\(shown2)")
        #expect(shown2.contains("1. Yes (1 point)\n"), "a label that repeats the value is not shown twice: \(shown2)")
        // An answer not listed meets the fallback instead of being refused.
        try answer(&q, "answers.q2", "We are drafting one")
        let r2 = try #require(Engine(framework: framework).assess(q.mergedEvidence).dimensions[0].criteria.first { $0.id == "q2" })
        #expect(r2.answer == .answered && r2.points == 0 && r2.maxPoints == 1)
    }
}
