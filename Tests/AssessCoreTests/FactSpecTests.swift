import AssessCore
import AssessKit
import Foundation
import Testing
import TestSupport

/// The evidence each criterion reads is described precisely enough to answer without opening a rubric.
@Suite struct FactSpecTests {
    static let loaded = Result { () throws(LoadError) -> Framework in try AssessKit.loadFramework(path: nil) }

    @Test("every criterion's example evidence loads and scores it with no error")
    func examplesScore() throws {
        let framework = try Self.loaded.get()
        var checked = 0
        for (_, criterion) in framework.allCriteria {
            let text = EvidenceTemplate.exampleEvidence(criterion.factSpecs)
            let evidence = try Fixtures.evidence(text)
            let assessment = Engine(framework: framework).assess(evidence)
            let result = assessment.allCriteria.first { $0.id == criterion.id }
            #expect(result?.status == .assessed, "\(criterion.id): \(result?.rationale ?? "missing")\n\(text)")
            #expect(assessment.diagnostics.isEmpty, "\(criterion.id): \(assessment.diagnostics)")
            #expect(EvidenceLoader.unusedFacts(evidence, framework: framework).isEmpty, "\(criterion.id)")
            checked += 1
        }
        #expect(checked == framework.allCriteria.count && checked > 50)
    }

    @Test("generic assessors list their item ids, statement ids, option values and ranges")
    func genericSpecsCarryTheirValues() throws {
        let framework = try Self.loaded.get()
        func spec(_ id: String) throws -> FactSpec {
            try #require(framework.criterion(id)?.criterion.factSpecs.first)
        }
        let checklist = try spec("cs-assisted-routes")
        #expect(checklist.key == "channel.assisted-routes")
        #expect(checklist.forms.first?.name == "checklist")
        #expect(checklist.forms.first?.choices.contains { $0.id == "phone-number-visible" && !$0.label.isEmpty } == true)
        let staged = try spec("cs-demand-analysis")
        #expect(staged.forms.first?.choices.first { $0.id == "volumes-counted" }?.level == 2)
        let options = try spec("cs-user-research")
        #expect(options.forms.first?.choices.contains { $0.id == "supplier-forms" } == true)
        #expect(options.question.contains("?"), "the main fact carries the criterion's question")
        let rating = try spec("inc-staff-confidence")
        #expect(rating.forms == [.number(unit: nil, min: 1, max: 10)])
        let measure = try spec("con-wcag-automated")
        #expect(measure.forms == [.number(unit: "%", min: 0, max: 100)])
    }

    @Test("plugin assessors give their export formats with a sample, and a number where one is accepted")
    func pluginSpecsGiveFormats() throws {
        let framework = try Self.loaded.get()
        var withFiles = 0
        for (_, criterion) in framework.allCriteria where criterion.assessorID.contains(".") {
            for spec in criterion.factSpecs {
                for case .exportFile(let formats) in spec.forms {
                    withFiles += 1
                    #expect(!formats.isEmpty, "\(criterion.id) \(spec.key)")
                    for format in formats {
                        #expect(!format.sample.isEmpty && !format.extensions.isEmpty, "\(criterion.id) \(format.name)")
                    }
                }
            }
        }
        #expect(withFiles >= 20)
        let share = try #require(framework.criterion("cs-digital-share")?.criterion.factSpecs)
        #expect(share.first?.key == "channel.volumes")
        #expect(share.first?.forms.contains { $0.name == "export-file" } == true)
        let code = try #require(framework.criterion("od-transparency-code")?.criterion.factSpecs.first)
        #expect(code.forms.contains { $0.name == "checklist" && $0.choices.contains { $0.id == "spend-over-500" } })
    }

    @Test("the default spec reads shapes from a role's type text")
    func derivedForms() {
        #expect(FactSpec.forms(described: "number") == [.number(unit: nil, min: nil, max: nil)])
        let mixed = FactSpec.forms(described: "percentage, or a contact export (CSV) marking avoidable contacts")
        #expect(mixed.map(\.name) == ["number", "export-file"])
        #expect(FactSpec.forms(described: "date (YYYY-MM-DD)") == [.date])
        #expect(FactSpec.forms(described: "mapping of item id to yes/no").map(\.name) == ["checklist"])
    }

    @Test("explain text and the starter file stay within 80 columns")
    func widths() throws {
        let framework = try Self.loaded.get()
        for (_, criterion) in framework.allCriteria {
            for spec in criterion.factSpecs {
                for line in EvidenceTemplate.describe(spec) { #expect(line.count <= 80, "\(criterion.id): \(line)") }
            }
        }
        let starter = EvidenceTemplate.starter(framework: framework, organisation: Organisation(name: "Anytown"))
        for line in starter.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        #expect(EvidenceTemplate.wrap(String(repeating: "word ", count: 40), indent: "  ").allSatisfy { $0.count <= 80 })
    }

    @Test("the starter file loads with no facts answered, so nothing is scored")
    func starterIsUnanswered() throws {
        let framework = try Self.loaded.get()
        let text = EvidenceTemplate.starter(framework: framework,
                                            organisation: Organisation(name: "Anytown: Borough", type: "district", code: "E07000123", period: "2025-26"))
        let evidence = try Fixtures.evidence(text)
        #expect(evidence.facts.isEmpty)
        #expect(evidence.organisation.name == "Anytown: Borough")
        #expect(evidence.organisation.period == "2025-26")
        let assessment = Engine(framework: framework).assess(evidence)
        #expect(assessment.diagnostics.isEmpty)
        // Unanswered: nothing assessed. A criterion that a district does not do (applies-to) is not applicable.
        for (_, criterion) in framework.allCriteria {
            let result = try #require(assessment.allCriteria.first { $0.id == criterion.id })
            #expect(result.status == (criterion.appliesTo.exclusion(for: evidence.organisation) == nil ? .notAssessed : .notApplicable), "\(criterion.id)")
        }
        #expect(assessment.overall.coverage == 0)
        // Every fact key the framework reads (but the organisation block's) is in the file, unanswered.
        let keys = Set(framework.allCriteria.flatMap { $0.criterion.evidence.map(\.fact) }.filter { !$0.hasPrefix("organisation.") })
        for key in keys { #expect(text.contains("\n  \(key): ~\n"), "\(key)") }
    }

    @Test("the organisation's fields read back exactly from the starter file, whatever they hold")
    func starterQuotesValues() throws {
        let framework = try Self.loaded.get()
        for name in ["O'Brien & Co: \"Trust\" # 1", "Line one\nline two\tand\u{7} a bell", "yes", "2025", "- list", "  padded "] {
            let text = EvidenceTemplate.starter(framework: framework, organisation: Organisation(name: name, period: name))
            let evidence = try Fixtures.evidence(text)
            #expect(evidence.organisation.name == name, "\(name.debugDescription)")
            #expect(evidence.organisation.period == name)
        }
    }

    @Test("a fact written ~ or with nothing is unanswered: absent, not an error")
    func nullIsUnanswered() throws {
        let evidence = try Fixtures.evidence("organisation: {name: X}\nfacts:\n  a: ~\n  b:\n  c: null\n  d: '~'\n")
        #expect(evidence.facts.keys.sorted() == ["d"])
    }

    @Test("the example in docs/evidence.md uses only facts a criterion reads")
    func docsExampleIsRead() throws {
        let framework = try Self.loaded.get()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/evidence.md"), encoding: .utf8)
        let start = try #require(doc.range(of: "```yaml\n"))
        let end = try #require(doc.range(of: "```", range: start.upperBound..<doc.endIndex))
        let evidence = try Fixtures.evidence(String(doc[start.upperBound..<end.lowerBound]), file: "docs/evidence.md")
        #expect(evidence.facts.count >= 5)
        #expect(EvidenceLoader.unusedFacts(evidence, framework: framework).isEmpty)
    }

    @Test("a number with a unit or % sign gets the digits to write as its hint")
    func numberHint() throws {
        let framework = try Self.loaded.get()
        let evidence = try Fixtures.evidence("organisation: {name: X}\nfacts:\n  content.wcag-automated-pass: 38%\n")
        let assessment = Engine(framework: framework).assess(evidence)
        let diagnostic = try #require(assessment.diagnostics.first)
        #expect(diagnostic.message.contains("must be a number, found \"38%\""))
        #expect(diagnostic.hint?.contains("write 38") == true)
        #expect(diagnostic.location == SourceLocation(line: 3, column: 32))
    }

    @Test("the generated schema is deterministic and names every fact key and option")
    func schema() throws {
        let framework = try Self.loaded.get()
        let first = EvidenceSchema.json(for: framework).rendered()
        #expect(first == EvidenceSchema.json(for: framework).rendered())
        #expect(first.contains("\"channel.assisted-routes\"") && first.contains("\"phone-number-visible\""))
        #expect(first.contains("\"supplier-forms\""))
        #expect(first.contains("https://json-schema.org/draft/2020-12/schema"))
    }
}
