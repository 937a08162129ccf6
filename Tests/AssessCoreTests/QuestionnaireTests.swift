import AssessCore
import AssessKit
import Foundation
import Testing
import TestSupport

/// The questionnaire behind `assess ask`, without a terminal: questions, checks, facts, resume, progress.
@Suite struct QuestionnaireTests {
    static let loaded = Result { () throws(LoadError) -> Framework in try AssessKit.loadFramework(path: nil) }
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A folder with an evidence file made like `assess init`'s, and a questionnaire on it.
    struct Setup {
        var folder: URL
        var evidencePath: String { folder.appendingPathComponent("council.yaml").path }
        var answersPath: String { folder.appendingPathComponent("council.answers.yaml").path }
    }

    func setup(_ facts: String = "") throws -> (Setup, Questionnaire) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assess-q-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let setup = Setup(folder: folder)
        let text = "organisation:\n  name: Test Council\n  population: 100000\nfacts:\n" + (facts.isEmpty ? "  channel.volumes: ~\n" : facts)
        try text.write(toFile: setup.evidencePath, atomically: true, encoding: .utf8)
        let evidence = try EvidenceLoader(readsAnswers: false).load(path: setup.evidencePath)
        let questionnaire = Questionnaire(framework: try Self.loaded.get(), evidence: evidence, answers: AnswerSet(),
                                          answersPath: setup.answersPath)
        return (setup, questionnaire)
    }

    func question(_ q: Questionnaire, _ id: String) throws -> Question {
        try #require(q.question(id: id), "no question \(id)")
    }

    @Test("a checklist or set of statements is asked item by item; other facts once each, organisation fields never")
    func questionsFromFramework() throws {
        let framework = try Self.loaded.get()
        let questions = Questionnaire.questions(framework)
        let statement = try #require(questions.first { $0.id == "channel.demand-analysis/volumes-counted" })
        #expect(statement.isStatement && statement.item?.level == 2 && statement.form == .yesNo)
        #expect(questions.contains { $0.id == "channel.assisted-routes/phone-number-visible" && !$0.isStatement })
        #expect(!questions.contains { $0.id == "channel.demand-analysis" })
        #expect(!questions.contains { $0.spec.key.hasPrefix("organisation.") })
        #expect(Set(questions.map(\.id)).count == questions.count)
        #expect(Set(questions.map(\.areaID)) == Set(framework.dimensions.map(\.rubric.id)))
        // Every fact the framework reads (except organisation fields) is asked.
        let keys = Set(framework.factSpecs.map(\.spec.key).filter { !$0.hasPrefix("organisation.") })
        #expect(Set(questions.map(\.spec.key)) == keys)
    }

    @Test("numbers are checked against their unit and range as given")
    func numbers() throws {
        var (_, q) = try setup()
        let share = try question(q, "channel.avoidable-contact-share")
        #expect(q.answer(.answer("138"), to: share) == .failure(.outOfRange(value: "138", min: 0, max: 100, unit: "%")))
        #expect(q.answer(.answer("about half"), to: share) == .failure(.notANumber("about half")))
        #expect(q.answer(.answer("-1"), to: share) == .failure(.outOfRange(value: "-1", min: 0, max: 100, unit: "%")))
        #expect(q.answers.facts.isEmpty)
        #expect(q.answer(.answer("38%"), to: share) == .success(.saved))
        #expect(q.answers.facts["channel.avoidable-contact-share"]?.value == ["38"])
        #expect(q.answerFacts["channel.avoidable-contact-share"]?.value?.scalar?.text == "38")
        let rating = try question(q, "inclusion.staff-confidence")
        #expect(q.answer(.answer("11"), to: rating) == .failure(.outOfRange(value: "11", min: 1, max: 10, unit: nil)))
        #expect(q.answer(.answer("7.5"), to: rating) == .success(.saved))
        #expect(Questionnaire.value("1,200", form: .number(unit: nil, min: 0, max: nil)) == .success(["1200"]))
        #expect(Questionnaire.value("£9.40", form: .number(unit: "£", min: 0, max: nil)) == .success(["9.4"]))
        #expect(Questionnaire.value("inf", form: .number(unit: nil, min: nil, max: nil)) == .failure(.notANumber("inf")))

        // A change in percentage points is accepted as people write it, 3% included.
        let change = try question(q, "channel.digital-share-change")
        #expect(change.form == .number(unit: "percentage points", min: -100, max: 100))
        for typed in ["3", "3%", "3 %", "3pp", "3 points", "3 percentage points"] {
            #expect(Questionnaire.value(typed, form: change.form) == .success(["3"]), "\(typed)")
        }
        #expect(q.answer(.answer("-2.5%"), to: change) == .success(.saved))
        #expect(q.answers.facts["channel.digital-share-change"]?.value == ["-2.5"])
        // Elsewhere a % where the unit is not one says what to type, not just "not a number".
        let hours = FactForm.number(unit: "hours", min: 0, max: nil)
        #expect(Questionnaire.value("3%", form: hours) == .failure(.notANumber("3%")))
        #expect(QuestionnaireText.problem(.notANumber("3%")) == "'3%' is not a number in this question's unit: give the number without the % sign, such as 3.")
    }

    @Test("the unit-costs question asks a question and says what happens without an answer")
    func unitCostsQuestion() throws {
        let (_, q) = try setup()
        let costs = try question(q, "channel.unit-costs")
        #expect(costs.spec.question.hasSuffix("?"), "\(costs.spec.question)")
        #expect(costs.spec.question.contains("cost"))
        #expect(costs.spec.help.contains("Socitm 2012"))
        let lines = QuestionnaireText.question(costs, in: q, showCriterion: false).joined(separator: "\n")
        #expect(lines.contains("What does one contact cost the council on each channel, in pounds"), "\(lines)")
    }

    @Test("options by number or id, lists and breakdowns with known ids, dates, text and yes/no")
    func otherForms() throws {
        var (_, q) = try setup()
        let research = try question(q, "channel.user-research")
        guard case .options(let options) = research.form else { Issue.record("not options: \(research.form)"); return }
        #expect(q.answer(.answer("99"), to: research) == .failure(.unknownChoice("99", count: options.count)))
        #expect(q.answer(.answer("2"), to: research) == .success(.saved))
        #expect(q.answers.facts["channel.user-research"]?.value == [options[1].id])
        let volumes = try question(q, "channel.volumes")
        #expect(q.answer(.answer("web: lots"), to: volumes) == .failure(.badBreakdownEntry("web: lots")))
        #expect(q.answer(.answer("web: 5000, phone 4000"), to: volumes) == .success(.saved))
        #expect(q.answers.facts["channel.volumes"]?.value == ["web: 5000", "phone: 4000"])
        // One entry of a mapping, or a one-item list, is still written as a block and reads back.
        #expect(q.answer(.answer("web: 5000"), to: volumes) == .success(.saved))
        #expect(q.answerFacts["channel.volumes"]?.value?.pairs?.count == 1)
        let transparency = try question(q, "opendata.transparency-nothing-to-publish")
        guard case .list(let ids) = transparency.form else { Issue.record("not a list: \(transparency.form)"); return }
        let id = try #require(ids.first?.id)
        #expect(q.answer(.answer(id), to: transparency) == .success(.saved))
        #expect(q.answerFacts["opendata.transparency-nothing-to-publish"]?.value?.items?.first?.scalar?.text == id)

        let choices = [Choice("a", "A"), Choice("b", "B")]
        #expect(Questionnaire.value("2, a", form: .list(choices)) == .success(["- b", "- a"]))
        #expect(Questionnaire.value("a, zz", form: .list(choices)) == .failure(.unknownIDs(["zz"])))
        #expect(Questionnaire.value("none", form: .list(choices)) == .success(["[]"]))
        #expect(Questionnaire.value("web: 1, fax: 2", form: .breakdown(of: "channel", unit: nil, keys: [Choice("web", "")]))
                == .failure(.unknownIDs(["fax"])))
        #expect(Questionnaire.value("2026-02-29", form: .date) == .failure(.notADate("2026-02-29")))
        #expect(Questionnaire.value("2028-02-29", form: .date) == .success(["2028-02-29"]))
        #expect(Questionnaire.value("31/03/2026", form: .date) == .failure(.notADate("31/03/2026")))
        #expect(Questionnaire.value("Y", form: .yesNo) == .success(["yes"]))
        #expect(Questionnaire.value("perhaps", form: .yesNo) == .failure(.notYesNo("perhaps")))
        #expect(Questionnaire.value("no", form: .text) == .success(["'no'"]))
        #expect(Questionnaire.value("   ", form: .text) == .failure(.empty))
    }

    @Test("a checklist is written only once every item has an answer; an unknown item is left out")
    func checklistItems() throws {
        var (_, q) = try setup()
        let items = q.questions.filter { $0.spec.key == "channel.assisted-routes" }
        #expect(items.count > 2)
        #expect(q.answer(.answer("maybe"), to: items[0]) == .failure(.notYesNo("maybe")))
        #expect(q.answer(.answer("y"), to: items[0]) == .success(.saved))
        #expect(q.answers.facts["channel.assisted-routes"] == nil)
        #expect(q.answers.partial["channel.assisted-routes"]?[items[0].item?.id ?? ""] == true)
        #expect(q.answerFacts["channel.assisted-routes"] == nil, "a half-answered checklist must not score")
        #expect(q.answer(.dontKnow, to: items[1]) == .success(.dontKnow))
        for item in items.dropFirst(2) { #expect(q.answer(.answer("n"), to: item) == .success(.saved)) }
        let value = try #require(q.answers.facts["channel.assisted-routes"]?.value)
        #expect(value.count == items.count - 1)
        #expect(value.first == "\(items[0].item?.id ?? ""): yes")
        #expect(!value.contains { $0.hasPrefix((items[1].item?.id ?? "") + ":") })
        #expect(q.answers.partial.isEmpty)
        let result = try #require(q.progress().first { $0.id == "channel-shift" })
        // Progress states the area as `assess score` does: no level while there is not enough evidence.
        let dimension = try #require(Engine(framework: q.framework).assess(q.mergedEvidence).dimensions.first { $0.id == "channel-shift" })
        #expect(result.status == dimension.status)
        #expect(result.level == (dimension.status == .notEnoughEvidence ? nil : dimension.level))
        if dimension.status == .notEnoughEvidence {
            #expect(dimension.provisionalLevel != nil, "the engine has a provisional level, which ask must not show as a level")
            #expect(QuestionnaireText.progress(result, scale: q.framework.scale).contains("not enough evidence yet for a level"))
        }
    }

    @Test("don't know is recorded and not asked again unless revisiting; skip comes back at the end")
    func dontKnowAndSkip() throws {
        var (setup, q) = try setup()
        let first = try #require(q.next())
        #expect(first.id == q.questions[0].id)
        #expect(q.answer(.dontKnow, to: first) == .success(.dontKnow))
        #expect(q.next()?.id == q.questions[1].id)
        #expect(q.answers.dontKnow == [first.id])
        #expect(q.answer(.skip, to: q.questions[1]) == .success(.skipped))
        #expect(q.next()?.id == q.questions[2].id)

        // Resume from the saved text: the same next question, don't know not asked again.
        try q.renderedAnswers(evidenceName: "council.yaml").write(toFile: setup.answersPath, atomically: true, encoding: .utf8)
        let loaded = try AnswerSet.load(path: setup.answersPath).answers
        #expect(loaded == q.answers)
        let evidence = try EvidenceLoader(readsAnswers: false).load(path: setup.evidencePath)
        let framework = try Self.loaded.get()
        let resumed = Questionnaire(framework: framework, evidence: evidence, answers: loaded, answersPath: setup.answersPath)
        #expect(resumed.next()?.id == q.questions[2].id)
        let revisiting = Questionnaire(framework: framework, evidence: evidence, answers: loaded, answersPath: setup.answersPath, revisit: true)
        #expect(revisiting.next()?.id == first.id)

        // In one area: once everything else is settled, the skipped question comes back, once a session.
        var area = Questionnaire(framework: framework, evidence: evidence, answers: loaded, answersPath: setup.answersPath, area: "channel-shift")
        while let next = area.next(), next.id != q.questions[1].id { _ = area.answer(.dontKnow, to: next) }
        #expect(area.next()?.id == q.questions[1].id)
        #expect(area.answer(.skip, to: q.questions[1]) == .success(.skipped))
        #expect(area.next() == nil)
        #expect(area.questions.allSatisfy { $0.areaID == "channel-shift" })
        #expect(area.progress().count == 1)
        #expect(area.progress().first?.dontKnow == area.questions.count - 1)
        // The resumed questionnaire did not see that session's answers.
        #expect(resumed.answers.dontKnow == [first.id])
    }

    @Test("not applicable needs a reason and makes the criterion not applicable; note and source are kept")
    func notApplicableNoteAndSource() throws {
        var (setup, q) = try setup()
        #expect(Command.parse("na") == .failure(.reasonNeeded))
        #expect(Command.parse("na  we have no contact centre ") == .success(.reply(.notApplicable(reason: "we have no contact centre"))))
        #expect(Command.parse("source documented Annual report 2025") == .success(.source(.documented, reference: "Annual report 2025")))
        #expect(Command.parse("source guessed") == .failure(.unknownSource("guessed")))
        #expect(Command.parse("note") == .failure(.emptyNote))
        #expect(Command.parse("?") == .success(.reply(.dontKnow)))
        #expect(Command.parse("s") == .success(.reply(.skip)))
        #expect(Command.parse("file exports/a.csv") == .success(.reply(.file("exports/a.csv"))))
        #expect(Command.parse("42") == .success(.reply(.answer("42"))))

        let share = try question(q, "channel.avoidable-contact-share")
        #expect(q.answer(.notApplicable(reason: "no contact centre: it's all\u{1B}[31m done by the county"), to: share) == .success(.notApplicable))
        let rating = try question(q, "inclusion.staff-confidence")
        let attribution = Attribution(source: .measured, reference: "Staff survey 2025, question 7", note: "yes: 'quoted' \"text\"")
        #expect(q.answer(.answer("6"), to: rating, attribution: attribution) == .success(.saved))
        try q.renderedAnswers(evidenceName: "council.yaml").write(toFile: setup.answersPath, atomically: true, encoding: .utf8)
        let facts = try AnswerSet.load(path: setup.answersPath).facts
        #expect(facts["channel.avoidable-contact-share"]?.notApplicable == "no contact centre: it's all\u{1B}[31m done by the county")
        #expect(facts["inclusion.staff-confidence"]?.source == .measured)
        #expect(facts["inclusion.staff-confidence"]?.reference == "Staff survey 2025, question 7")
        #expect(facts["inclusion.staff-confidence"]?.note == "yes: 'quoted' \"text\"")
        let assessment = Engine(framework: try Self.loaded.get()).assess(q.mergedEvidence)
        let reader = try #require(q.questions.first { $0.spec.key == "channel.avoidable-contact-share" }?.readers.first)
        #expect(assessment.allCriteria.first { $0.id == reader }?.status == .notApplicable)
    }

    @Test("an export file is checked on the spot: it must exist, have a format's extension and be readable by the assessor")
    func exportFiles() throws {
        var (setup, q) = try setup()
        let volumes = try question(q, "channel.volumes")
        #expect(q.answer(.file("nowhere.csv"), to: volumes) == .failure(.fileMissing(path: setup.folder.appendingPathComponent("nowhere.csv").path)))
        try "x".write(to: setup.folder.appendingPathComponent("contacts.pdf"), atomically: true, encoding: .utf8)
        #expect(q.answer(.file("contacts.pdf"), to: volumes) == .failure(.wrongFileType(path: "contacts.pdf", expected: ["csv"])))
        try "colour,size\nred,3\n".write(to: setup.folder.appendingPathComponent("wrong.csv"), atomically: true, encoding: .utf8)
        guard case .failure(.rejected(let diagnostic)) = q.answer(.file("wrong.csv"), to: volumes) else {
            Issue.record("a CSV without channel and contacts columns was accepted"); return
        }
        #expect(diagnostic.file.hasSuffix("wrong.csv"))
        #expect(q.answers.facts["channel.volumes"] == nil)
        let real = Self.root.appendingPathComponent("examples/exports/brackenford/channel-contacts-2025-26.csv")
        try FileManager.default.copyItem(at: real, to: setup.folder.appendingPathComponent("contacts.csv"))
        #expect(q.answer(.file("contacts.csv"), to: volumes, attribution: Attribution(source: .measured)) == .success(.saved))
        #expect(q.answerFacts["channel.volumes"]?.file == "contacts.csv")
        // A folder of reports is the assessor's to read; a question read only from a file takes the path typed.
        var lighthouse = try question(q, "mobile.lighthouse-performance")
        let formats = try #require(lighthouse.fileFormats)
        #expect(q.answer(.file("reports"), to: lighthouse) == .failure(.fileMissing(path: setup.folder.appendingPathComponent("reports").path)))
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("examples/exports/brackenford/mobile-lighthouse"),
                                         to: setup.folder.appendingPathComponent("reports"))
        lighthouse.form = .exportFile(formats)
        #expect(q.answer(.answer("reports"), to: lighthouse) == .success(.saved))
        #expect(q.answerFacts["mobile.lighthouse-performance"]?.file == "reports")
        let mobile = q.progress().first { $0.id == "mobile" }
        #expect((mobile?.coverage ?? 0) > 0 && mobile?.answered == 1)
        // A number question with no file form refuses one.
        #expect(q.answer(.file("contacts.csv"), to: try question(q, "inclusion.staff-confidence")) == .failure(.fileNotAccepted))
    }

    @Test("the evidence file names the answers with one line; a fact the person wrote there wins and is never asked")
    func evidenceIncludesAnswers() throws {
        var (setup, q) = try setup("  inclusion.staff-confidence: 4\n  channel.volumes: ~\n")
        let rating = try question(q, "inclusion.staff-confidence")
        #expect(q.isAnsweredInEvidence(rating))
        #expect(q.next()?.id != rating.id && q.isSettled(rating))
        // Even an answer for it in the answers file (written by hand) loses to the evidence.
        #expect(q.answer(.answer("9"), to: rating) == .success(.saved))
        #expect(q.answer(.answer("web: 10, phone: 30"), to: try question(q, "channel.volumes")) == .success(.saved))
        try q.renderedAnswers(evidenceName: "council.yaml").write(toFile: setup.answersPath, atomically: true, encoding: .utf8)
        try ("# my own comment\n" + (try String(contentsOfFile: setup.evidencePath, encoding: .utf8)) + "answers: council.answers.yaml\n")
            .write(toFile: setup.evidencePath, atomically: true, encoding: .utf8)
        let merged = try EvidenceLoader().load(path: setup.evidencePath)
        #expect(merged.fact("inclusion.staff-confidence")?.value?.scalar?.text == "4")
        #expect(merged.fact("channel.volumes")?.value?.pairs?.count == 2)
        #expect(merged.answersFile == setup.answersPath)
        // A missing answers file is a located error with the fix.
        try FileManager.default.removeItem(atPath: setup.answersPath)
        #expect(throws: LoadError.self) { try EvidenceLoader().load(path: setup.evidencePath) }
        do { _ = try EvidenceLoader().load(path: setup.evidencePath) } catch {
            #expect(error.diagnostics.first?.message.contains("does not exist") == true)
            #expect(error.diagnostics.first?.hint?.contains("assess ask") == true)
        }
    }

    @Test("a broken answers file is reported with its own line")
    func brokenAnswersFile() throws {
        let (setup, _) = try setup()
        try "facts:\n  inclusion.staff-confidence:\n    value: 3\n    sauce: measured\ndont-know: nope\n".write(toFile: setup.answersPath, atomically: true, encoding: .utf8)
        do {
            _ = try AnswerSet.load(path: setup.answersPath)
            Issue.record("accepted a broken answers file")
        } catch {
            let lines = error.diagnostics.map { "\($0.file.hasSuffix("council.answers.yaml")) \($0.location.line)" }
            #expect(lines == ["true 4", "true 5"], "\(error.diagnostics)")
        }
    }

    @Test("messages escape what was typed and name the fix")
    func messages() {
        let text = QuestionnaireText.problem(.notANumber("\u{1B}]0;owned\u{7}12\u{202E}"))
        #expect(!text.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == "\u{202E}" })
        #expect(QuestionnaireText.problem(.outOfRange(value: "138", min: 0, max: 100, unit: "%")).contains("from 0 to 100%"))
        #expect(QuestionnaireText.problem(.reasonNeeded).contains("na REASON") || QuestionnaireText.problem(.reasonNeeded).contains("na we"))
    }
}
