import Foundation
import Testing

/// `assess compare --store` and `assess report --previous STORE` end to end through the built binary, on a
/// store written by `assess batch --store` from two periods of one council's evidence (issue 10).
@Suite("Compare two periods from the results store")
struct CompareStoreTests {
    /// Ashdown's example evidence as E07000223 for 2024-25 (a resourcing rating of 5) and 2025-26 (as the
    /// example, 4), beside a copy of its exports, both scored by one `assess batch --store`.
    static func twoPeriods() throws -> (folder: URL, store: String, old: String, new: String) {
        let folder = try CLI.temporaryFolder()
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("examples/exports"),
                                         to: folder.appendingPathComponent("exports"))
        let example = try String(contentsOf: CLI.root.appendingPathComponent("examples/ashdown.yaml"), encoding: .utf8)
        #expect(example.contains("  code: EX-ASHDOWN") && example.contains("  period: 2025-26\n")
                && example.contains("  engagement.resourcing-rating: 4\n"))
        let recoded = example.replacingOccurrences(of: "  code: EX-ASHDOWN", with: "  code: E07000223")
        let old = folder.appendingPathComponent("ashdown-2024-25.yaml").path
        let new = folder.appendingPathComponent("ashdown-2025-26.yaml").path
        try recoded.replacingOccurrences(of: "  period: 2025-26\n", with: "  period: 2024-25\n")
            .replacingOccurrences(of: "  engagement.resourcing-rating: 4\n", with: "  engagement.resourcing-rating: 5\n")
            .write(toFile: old, atomically: true, encoding: .utf8)
        try recoded.write(toFile: new, atomically: true, encoding: .utf8)
        let store = folder.appendingPathComponent("results.sqlite").path
        let batch = try CLI.run(["batch", old, new, "--out", folder.appendingPathComponent("out").path, "--store", store,
                                 "--date", "2026-04-01", "--jobs", "1"])
        #expect(batch.status == 0, "\(batch.stderr)")
        return (folder, store, old, new)
    }

    @Test("two periods from the store compare exactly as the two evidence files do, in every format")
    func comparePeriods() throws {
        let (folder, store, old, new) = try Self.twoPeriods()
        defer { try? FileManager.default.removeItem(at: folder) }
        for format in ["text", "markdown", "json"] {
            let stored = try CLI.run(["compare", "--store", store, "--code", "E07000223", "--from", "2024-25", "--to", "2025-26",
                                      "--format", format, "--date", "2026-04-02"])
            #expect(stored.status == 0, "\(stored.stderr)")
            #expect(stored.stderr.isEmpty, "\(stored.stderr)")
            let direct = try CLI.run(["compare", old, new, "--format", format, "--date", "2026-04-02"])
            #expect(direct.status == 0, "\(direct.stderr)")
            #expect(stored.stdout == direct.stdout, "\(format): the stored results read back compare as the evidence scored now")
        }
        let json = try CLI.run(["compare", "--store", store, "--code", "E07000223", "--from", "2024-25", "--to", "2025-26", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["before"] as? String)?.hasPrefix("2024-25") == true)
        #expect((object["after"] as? String)?.hasPrefix("2025-26") == true)
        let facts = try #require(object["facts"] as? [[String: Any]])
        #expect(facts.map { $0["fact"] as? String } == ["engagement.resourcing-rating"], "the one fact that changed, and only it")
        let regressions = try #require(object["regressions"] as? [String])
        #expect(regressions == ["digital-engagement"], "a lower resourcing rating lowers engagement")

        // --fail-on-regression: exit 3 going forward, 0 the other way round; a financial year written another way matches.
        let gated = try CLI.run(["compare", "--store", store, "--code", "E07000223", "--from", "2024/25", "--to", "2025-26", "--fail-on-regression"])
        #expect(gated.status == 3, "\(gated.stderr)")
        #expect(gated.stdout.contains("Fell: digital-engagement.\n"))
        #expect(gated.stderr.contains("regression: digital-engagement fell"))
        let back = try CLI.run(["compare", "--store", store, "--from", "2025-26", "--to", "2024-25", "--fail-on-regression"])
        #expect(back.status == 0, "the store's only organisation needs no --code: \(back.stderr)")
        #expect(back.stdout.contains("No dimension fell."))

        // One side from the store, the other a file: the code comes from the file.
        let mixed = try CLI.run(["compare", "--store", store, "--from", "2024-25", new, "--format", "json", "--date", "2026-04-02"])
        #expect(mixed.status == 0, "\(mixed.stderr)")
        let direct = try CLI.run(["compare", old, new, "--format", "json", "--date", "2026-04-02"])
        #expect(mixed.stdout == direct.stdout)
        let written = folder.appendingPathComponent("comparison.md")
        let toFile = try CLI.run(["compare", "--store", store, "--from", "2024-25", "--to", "2025-26", "--format", "markdown", "--output", written.path])
        #expect(toFile.status == 0)
        #expect(try String(contentsOf: written, encoding: .utf8).contains("| **Overall** |"))
    }

    @Test("an organisation or period not in the store, a missing store or a file that is not one: a clear error")
    func refusals() throws {
        let (folder, store, old, _) = try Self.twoPeriods()
        defer { try? FileManager.default.removeItem(at: folder) }
        let period = try CLI.run(["compare", "--store", store, "--code", "E07000223", "--from", "2023-24", "--to", "2025-26"])
        #expect(period.status == 66)
        #expect(period.stderr.contains("\(store): error: the store holds no assessment of E07000223 for the period '2023-24'; it holds 2024-25, 2025-26; give one of them with --from"))
        #expect(period.stdout.isEmpty)
        let code = try CLI.run(["compare", "--store", store, "--code", "E07000999", "--from", "2024-25", "--to", "2025-26"])
        #expect(code.status == 66)
        #expect(code.stderr.contains("the store holds no assessment of 'E07000999'; it holds 1 organisation: E07000223; give one of them with --code"))
        let missing = try CLI.run(["compare", "--store", folder.appendingPathComponent("nowhere.sqlite").path, "--from", "2024-25", "--to", "2025-26"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("error: no such results store"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("nowhere.sqlite").path), "never created by reading")
        let notAStore = try CLI.run(["compare", "--store", old, "--from", "2024-25", "--to", "2025-26"])
        #expect(notAStore.status == 65)
        #expect(notAStore.stderr.contains("error: not a results store"))
        let storeAsFile = try CLI.run(["compare", store, old])
        #expect(storeAsFile.status == 64)
        #expect(storeAsFile.stderr.contains("this is a results store; read its periods with --store"))
        for (arguments, message) in [(["compare", "--from", "2024-25", old], "give it with --store FILE"),
                                     (["compare", "--store", store], "give the periods to compare"),
                                     (["compare", "--store", store, "--from", "2024-25", "--to", "2025-26", old], "give no file with both"),
                                     (["compare", "--store", store, "--from", "2024-25"], "give one file, the later (NEW) assessment"),
                                     (["compare", old], "give OLD and NEW")] {
            let run = try CLI.run(arguments)
            #expect(run.status == 64, "\(arguments)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
    }

    @Test("report --previous STORE reads the financial year before the evidence's, or the one named")
    func reportFromStore() throws {
        let (folder, store, old, new) = try Self.twoPeriods()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fromStore = folder.appendingPathComponent("store.md"), fromFile = folder.appendingPathComponent("file.md")
        let named = folder.appendingPathComponent("named.md")
        let first = try CLI.run(["report", new, "--format", "markdown", "--output", fromStore.path, "--date", "2026-04-01", "--previous", store])
        #expect(first.status == 0, "\(first.stderr)")
        let second = try CLI.run(["report", new, "--format", "markdown", "--output", fromFile.path, "--date", "2026-04-01", "--previous", old])
        #expect(second.status == 0, "\(second.stderr)")
        let third = try CLI.run(["report", new, "--format", "markdown", "--output", named.path, "--date", "2026-04-01",
                                 "--previous", store, "--previous-period", "2024-25"])
        #expect(third.status == 0, "\(third.stderr)")
        let text = try String(contentsOf: fromStore, encoding: .utf8)
        #expect(text.contains("## Since last year"))
        #expect(text.contains("- engagement.resourcing-rating: "))
        #expect(text == (try String(contentsOf: fromFile, encoding: .utf8)), "the stored 2024-25 reads as its evidence")
        #expect(text == (try String(contentsOf: named, encoding: .utf8)))

        let none = try CLI.run(["report", new, "--format", "markdown", "--output", named.path, "--previous", store, "--previous-period", "2022-23"])
        #expect(none.status == 66)
        #expect(none.stderr.contains("no assessment of E07000223 for the period '2022-23'; it holds 2024-25, 2025-26"))
        let earliest = try CLI.run(["report", old, "--format", "markdown", "--output", named.path, "--previous", store])
        #expect(earliest.status == 66)
        #expect(earliest.stderr.contains("no financial year before this assessment's period ('2024-25') is kept for E07000223"))
        let alone = try CLI.run(["report", new, "--format", "markdown", "--output", named.path, "--previous-period", "2024-25"])
        #expect(alone.status == 64)
        let notStore = try CLI.run(["report", new, "--format", "markdown", "--output", named.path, "--previous", old, "--previous-period", "2024-25"])
        #expect(notStore.status == 64)
    }
}
