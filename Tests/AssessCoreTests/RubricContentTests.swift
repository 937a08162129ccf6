import AssessCore
import AssessKit
import Foundation
import Testing
import TestSupport

/// The built-in rubrics' content: named sources, each question asked once, and the criteria that apply only to
/// some councils (docs/rubrics.md, "Each question once"; docs/sources.md).
@Suite struct RubricContentTests {
    static let loaded = Result { () throws(LoadError) -> Framework in try AssessKit.loadFramework(path: nil) }

    /// The rubric files as written, from the repository.
    static func rubricTexts() throws -> [(name: String, text: String)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rubrics")
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".yaml") }.sorted()
        return try names.map { ($0, try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8)) }
    }

    @Test("no rubric cites an unnamed source such as 'the seeds'")
    func everySourceIsNamed() throws {
        let texts = try Self.rubricTexts()
        #expect(texts.count == 7)
        let unnamed = try Regex(#"(?i)\b(the|one|a|another) seeds?\b|\bseeds\b"#)
        for (name, text) in texts {
            for (number, line) in text.components(separatedBy: "\n").enumerated() where line.contains(unnamed) {
                Issue.record("\(name):\(number + 1): cites an unnamed source: \(line)")
            }
        }
    }

    @Test("each question is asked by one criterion, and removed criteria are gone")
    func eachQuestionOnce() throws {
        let framework = try Self.loaded.get()
        var seen: [String: String] = [:]
        for (_, criterion) in framework.allCriteria {
            let question = criterion.question.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(seen[question] == nil, "\(criterion.id) asks the same question as \(seen[question] ?? "")")
            seen[question] = criterion.id
        }
        for removed in ["cs-staff-confidence", "mob-lighthouse-accessibility", "od-star-rating"] {
            #expect(framework.criterion(removed) == nil, "\(removed) is asked elsewhere now")
        }
        for survivor in ["inc-staff-confidence", "con-wcag-automated", "od-machine-readable", "od-identifiers"] {
            #expect(framework.criterion(survivor) != nil, "\(survivor)")
        }
        // Evidence still written for a removed criterion is reported as unused, not silently ignored.
        let evidence = try Fixtures.evidence("organisation: {name: T}\nfacts:\n  channel.staff-confidence: 6\n")
        let unused = EvidenceLoader.unusedFacts(evidence, framework: framework)
        #expect(unused.contains { $0.message.contains("channel.staff-confidence") }, "\(unused)")
    }

    func result(_ id: String, type: String, facts: String) throws -> CriterionResult {
        let framework = try Self.loaded.get()
        let evidence = try Fixtures.evidence("organisation: {name: T, type: \(type)}\nfacts:\n\(facts)")
        return try #require(Engine(framework: framework).assess(evidence).allCriteria.first { $0.id == id })
    }

    @Test("the Welsh Language Standards criterion applies to Welsh councils only, and scores from the checklist")
    func welshLanguage() throws {
        let facts = """
              content.welsh-language:
                welsh-pages: yes
                language-links: yes
                welsh-interface: yes
                online-services-welsh: no
                apps-welsh: yes
                social-media-welsh: no
                reported: no
            """
        let wales = try result("con-welsh-language", type: "welsh-unitary", facts: facts + "\n")
        #expect(wales.status == .assessed)
        // 5 of 9 by weight (welsh-pages and online-services-welsh weigh 2): 55.6%, just past level 3 at 55%.
        let level = try #require(wales.level)
        #expect(level >= 3 && level < 3.1, "\(wales.rationale)")
        let england = try result("con-welsh-language", type: "unitary", facts: facts + "\n")
        #expect(england.status == .notApplicable)
        #expect(england.rationale.contains("Welsh Language Standards"))
        let framework = try Self.loaded.get()
        let duty = try #require(framework.planning.duties.first { $0.id == "welsh-language-standards" })
        #expect(duty.metWhen.contains { $0.criterion == "con-welsh-language" && $0.level == 3 })
    }

    @Test("the Gaelic language plan criterion applies to Scottish councils only")
    func gaelicPlan() throws {
        let scotland = try result("con-gaelic-plan", type: "scottish-unitary", facts: "  content.gaelic-plan: digital-commitments-met\n")
        #expect(scotland.status == .assessed && scotland.level == 3, "\(scotland.rationale)")
        let wales = try result("con-gaelic-plan", type: "welsh-unitary", facts: "  content.gaelic-plan: digital-commitments-met\n")
        #expect(wales.status == .notApplicable)
        let framework = try Self.loaded.get()
        let duty = try #require(framework.planning.duties.first { $0.id == "gaelic-language-plan" })
        #expect(duty.reference.contains("Gaelic Language (Scotland) Act 2005"))
        #expect(duty.failing(in: ["con-gaelic-plan": 2]) == true)
        #expect(duty.failing(in: [:]) == nil, "not assessed (or not applicable): whether it is met is unknown")
    }

    @Test("contact preferences and fixing the plumbing score from their evidence for every council type")
    func preferencesAndPlumbing() throws {
        let facts = """
              channel.contact-preferences:
                preference-recorded: yes
                preference-honoured: yes
                access-needs-recorded: no
                language-recorded: no
                lawful-basis: yes
                easy-to-change: no
                held-once: no
              channel.systems-integration:
                systems-register: yes
                declaration: yes
                forms-integrated: yes
                open-contracts: no
                joined-record: yes
                legacy-plan: yes

            """
        for type in ["district", "county", "welsh-unitary"] {
            let preferences = try result("cs-channel-preferences", type: type, facts: facts)
            // 6 of 11 by weight: 54.5%, just short of level 3 at 55%.
            let level = try #require(preferences.level)
            #expect(level > 2.9 && level < 3, "\(type): \(preferences.rationale)")
            let plumbing = try result("cs-systems-integration", type: type, facts: facts)
            // Level 4 statements hold, but a level-3 one does not: the staged assessor stops at 2.
            #expect(plumbing.level == 2, "\(type): \(plumbing.rationale)")
        }
        let framework = try Self.loaded.get()
        let duty = try #require(framework.planning.duties.first { $0.id == "data-protection" })
        #expect(duty.metWhen.contains { $0.criterion == "cs-channel-preferences" })
    }
}
