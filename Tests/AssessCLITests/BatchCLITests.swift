import Foundation
import Testing

@Suite("assess batch through the built binary")
struct BatchCLITests {
    static func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// Every file under a folder, by relative path, with its bytes.
    static func tree(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    @Test("the examples and a broken file: the rest is written, failures.csv names the broken one, exit 65; the same bytes with 1 and 4 jobs")
    func examplesAndABrokenFile() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = folder.appendingPathComponent("broken.yaml")
        try Data("organisation:\n  name: Broken\n  period: 2025-27\nfacts: {}\n".utf8).write(to: broken)
        let one = folder.appendingPathComponent("one"), four = folder.appendingPathComponent("four")
        let store = folder.appendingPathComponent("results.sqlite").path

        let first = try CLI.run(["batch", "examples", broken.path, "--out", one.path, "--jobs", "1", "--date", "2026-04-01", "--store", store])
        #expect(first.status == 65, "\(first.stderr)")
        #expect(first.stderr.contains("6 of 7 organisations scored"))
        let second = try CLI.run(["batch", "examples", broken.path, "--out", four.path, "--jobs", "4", "--date", "2026-04-01", "--store", store])
        #expect(second.status == 65)

        let files = try Self.tree(one)
        #expect(files.keys.sorted() == ["failures.csv", "results/EX-ASHDOWN.json", "results/EX-BRACKENFORD.json",
                                        "results/EX-CALDERBROOK.json", "results/EX-CWMTARAN.json", "results/EX-HARROWMERE.json",
                                        "results/S12000017.json", "summary.csv", "summary.jsonl"])
        #expect(try Self.tree(four) == files, "output bytes do not depend on the number of jobs")

        let failures = try Self.read(one.appendingPathComponent("failures.csv"))
        #expect(failures.hasPrefix("file,kind,message\r\n\(broken.path),invalid-data,"))
        #expect(failures.contains("2025-27 is not a financial year"))
        let summary = try Self.read(one.appendingPathComponent("summary.csv")).components(separatedBy: "\r\n")
        #expect(summary.count == 8, "a header, six rows and the final line end")
        #expect(summary[0].hasPrefix("code,name,type,nation,period,status,overall_level,overall_score,overall_coverage,overall_confidence,channel-shift_level"))
        #expect(summary[4].hasPrefix("EX-CWMTARAN,Cwm Taran County Borough Council,welsh-unitary,wales,"))
        #expect(summary[6].hasPrefix("S12000017,The Highland Council,scottish-unitary,scotland,"))
        let lines = try Self.read(one.appendingPathComponent("summary.jsonl")).split(separator: "\n")
        #expect(lines.count == 6)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(record["code"] as? String == "EX-BRACKENFORD")

        // The result file is what `assess score --format json` writes for the same evidence.
        let score = try CLI.run(["score", "examples/brackenford.yaml", "--format", "json", "--date", "2026-04-01"])
        #expect(Data(score.stdout.utf8) == files["results/EX-BRACKENFORD.json"])

        // The store is a source of results for peer benchmarks, like the batch's results folder.
        let fromStore = try CLI.run(["benchmark", store, "--format", "csv", "--date", "2026-04-01"])
        let fromFolder = try CLI.run(["benchmark", one.appendingPathComponent("results").path, "--format", "csv", "--date", "2026-04-01"])
        #expect(fromStore.status == 0, "\(fromStore.stderr)")
        #expect(fromStore.stdout.contains("EX-BRACKENFORD"))
        #expect(fromStore.stdout == fromFolder.stdout, "the store gives the same benchmark as the results it kept")

        // Two batches over the same periods keep one assessment per organisation and period.
        let count = try CLI.execute(URL(fileURLWithPath: "/usr/bin/env"), ["sqlite3", store,
            "SELECT o.code, count(*) FROM assessments a JOIN organisations o ON o.id = a.organisation_id GROUP BY o.code ORDER BY o.code"])
        if count.status == 0 {
            #expect(count.stdout == "EX-ASHDOWN|1\nEX-BRACKENFORD|1\nEX-CALDERBROOK|1\nEX-CWMTARAN|1\nEX-HARROWMERE|1\nS12000017|1\n")
        }
    }

    @Test("score --store keeps the result; a store that cannot be opened is exit 73")
    func scoreStore() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("results.sqlite").path
        let scored = try CLI.run(["score", "examples/ashdown.yaml", "--format", "json", "--store", store])
        #expect(scored.status == 0, "\(scored.stderr)")
        #expect(FileManager.default.fileExists(atPath: store))
        let notAStore = folder.appendingPathComponent("notes.txt")
        try Data("not a database at all, just some words in a file\n".utf8).write(to: notAStore)
        let refused = try CLI.run(["score", "examples/ashdown.yaml", "--store", notAStore.path])
        #expect(refused.status == 73)
        #expect(refused.stderr.contains("the results store cannot be used"))
    }

    @Test("an input that does not exist is exit 66, before any output")
    func missingInput() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["batch", "no-such-folder", "--out", folder.appendingPathComponent("out").path])
        #expect(result.status == 66)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }
}
