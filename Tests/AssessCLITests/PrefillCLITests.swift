import AssessCore
import AssessKit
import Foundation
import Testing

/// Issue 10 part 4 through the built binary: `assess prefill` and `assess init --gss`.
@Suite struct PrefillCLITests {
    @Test func prefillAllWritesOneValidFilePerCurrentCouncilAndAnIndex() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("councils")
        let result = try CLI.run(["prefill", "--all", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        let yaml = names.filter { $0.hasSuffix(".yaml") }
        #expect(yaml.count == 397)
        #expect(names.contains("index.csv"))
        let index = try String(contentsOf: out.appendingPathComponent("index.csv"), encoding: .utf8)
        #expect(index.split(separator: "\n").count == 398)
        #expect(index.hasPrefix("gss,name,type,nation,file,facts\nE06000001,Hartlepool Borough Council,unitary,England,E06000001.yaml,3\n"))
        // Every file loads and checks clean against the built-in framework, in this process (397 processes
        // would be slow on a busy machine).
        let framework = try AssessKit.loadFramework(path: nil)
        var facts = 0
        for name in yaml {
            let evidence = try EvidenceLoader().load(path: out.appendingPathComponent(name).path)
            #expect(evidence.organisation.code.map { "\($0).yaml" } == name)
            let check = EvidenceCheck(evidence, framework: framework)
            #expect(check.errors.isEmpty && check.warnings.isEmpty, "\(name): \(check.errors) \(check.warnings)")
            for fact in evidence.facts.values {
                #expect(fact.source == .measured && fact.reference?.contains("licence") == true && fact.date != nil, "\(name) \(fact.key)")
            }
            facts += evidence.facts.count
        }
        #expect(facts == 395 * 3 + 32 * 4)
        // Two files through the binary as well.
        for gss in ["S12000017", "E07000223"] {
            let validate = try CLI.run(["validate", out.appendingPathComponent("\(gss).yaml").path])
            #expect(validate.status == 0, "\(validate.stderr)")
            let score = try CLI.run(["score", out.appendingPathComponent("\(gss).yaml").path, "--format", "json"])
            #expect(score.status == 0, "\(score.stderr)")
        }
        // A second run writes the same bytes (nothing to fill), so output is deterministic.
        let before = try Data(contentsOf: out.appendingPathComponent("S12000017.yaml"))
        let again = try CLI.run(["prefill", "--all", "--out", out.path])
        #expect(again.status == 0)
        #expect(again.stderr.contains("0 new evidence files; 397 existing files"))
        #expect(try Data(contentsOf: out.appendingPathComponent("S12000017.yaml")) == before)
    }

    @Test func aPersonsValueIsKeptWhenPrefillingAgain() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("W06000015.yaml")
        let mine = """
            organisation:
              name: Cardiff Council
              code: W06000015
            facts:
              inclusion.gigabit-coverage: 99   # our figure
              inclusion.staff-confidence: 6

            """
        try mine.write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["prefill", "--gss", "W06000015", "--out", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix("organisation:\n  name: Cardiff Council\n  code: W06000015\n"))
        #expect(text.contains("  inclusion.gigabit-coverage: 99   # our figure\n  inclusion.staff-confidence: 6\n"))
        #expect(text.contains("  inclusion.mobile-4g-coverage:\n    value: 100\n    source: measured\n"))
        #expect(result.stderr.contains("3 values already written kept"))  // name, code and the gigabit figure
        // A file that describes another council is left alone, with an error.
        try mine.replacingOccurrences(of: "code: W06000015", with: "code: S12000017").write(to: file, atomically: true, encoding: .utf8)
        let other = try CLI.run(["prefill", "--gss", "W06000015", "--out", folder.path])
        #expect(other.status == 65)
        #expect(other.stderr.contains("describes the organisation with code 'S12000017', not City of Cardiff Council (W06000015)"))
        #expect(try String(contentsOf: file, encoding: .utf8).contains("code: S12000017"))
        // A file that is not UTF-8 is left byte for byte as it was.
        let latin1 = Data("organisation:\n  name: Caerdydd \u{FF}\nfacts:\n".utf8.map { $0 == 0xC3 ? 0xFF : $0 })
        try latin1.write(to: file)
        let bytes = try CLI.run(["prefill", "--gss", "W06000015", "--out", folder.path])
        #expect(bytes.status == 65)
        #expect(bytes.stderr.contains("is not UTF-8 text, so prefill leaves it alone"))
        #expect(try Data(contentsOf: file) == latin1)
    }

    @Test func unknownCodesAndNamesAreUsageErrorsWithSuggestions() throws {
        let code = try CLI.run(["prefill", "--gss", "S1200017"])
        #expect(code.status == 64)
        #expect(code.stderr.contains("no current UK council has the GSS code 'S1200017'; did you mean S12000017 (The Highland Council)?"))
        let name = try CLI.run(["prefill", "--name", "Cardif"])
        #expect(name.status == 64)
        #expect(name.stderr.contains("no current UK council is called 'Cardif'; did you mean 'Cardiff' (W06000015)?"))
        let several = try CLI.run(["prefill", "--name", "Ayrshire"])
        #expect(several.status == 64)
        #expect(several.stderr.contains("'Ayrshire' matches 3 councils"))
        let initCode = try CLI.run(["init", "--gss", "X99"])
        #expect(initCode.status == 64)
        #expect(initCode.stdout.isEmpty)
        let nothing = try CLI.run(["prefill"])
        #expect(nothing.status == 64)
        let many = try CLI.run(["prefill", "--all"])
        #expect(many.status == 64)
        #expect(many.stderr.contains("add --out DIR"))
    }

    @Test func initByCodeOrNameWritesTheStarterWithPublicDataFilledIn() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let byCode = try CLI.run(["init", "--gss", "S12000017"])
        #expect(byCode.status == 0, "\(byCode.stderr)")
        let byName = try CLI.run(["init", "--name", "Highland"])
        #expect(byName.status == 0)
        #expect(byName.stderr.contains("'Highland' is The Highland Council (S12000017)"))
        #expect(byName.stdout.replacingOccurrences(of: "assess init --gss S12000017", with: "") == byCode.stdout.replacingOccurrences(of: "assess init --gss S12000017", with: ""))
        let file = folder.appendingPathComponent("highland.yaml")
        try byCode.stdout.write(to: file, atomically: true, encoding: .utf8)
        let validate = try CLI.run(["validate", file.path])
        #expect(validate.status == 0, "\(validate.stderr)")
        // 4 open data criteria scored; the 3 Ofcom figures are context indicators, shown and never scored.
        #expect(validate.stdout.contains("7 facts, 4 criteria scored"))
        // Still a starter: the other questions are there, unanswered.
        #expect(byCode.stdout.contains("  channel.assisted-routes: ~\n"))
        #expect(byCode.stdout.contains("  population: 235430"))
        // A name that is not a council's writes the plain starter, with a note.
        let fictional = try CLI.run(["init", "--name", "Cardif"])
        #expect(fictional.status == 0)
        #expect(fictional.stdout.contains("  name: Cardif\n"))
        #expect(fictional.stderr.contains("did you mean 'Cardiff' (--gss W06000015)?"))
    }
}
