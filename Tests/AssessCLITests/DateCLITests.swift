import Foundation
import Testing

/// Issue 7, dates: `--date` and the evidence's `date:` take real dates only, on every command.
@Suite("dates on the command line")
struct DateCLITests {
    @Test func anImpossibleDateOptionIsAUsageError() throws {
        for command in ["score", "roadmap", "report"] {
            let extra = command == "report" ? ["--output", "/nonexistent-folder-for-assess-test/report.html"] : []
            let feb = try CLI.run([command, "examples/brackenford.yaml", "--date", "2026-02-30"] + extra)
            #expect(feb.status == 64, "\(command): \(feb.stderr)")
            #expect(feb.stderr.contains("--date 2026-02-30 is not a date: February 2026 has 28 days"), "\(command): \(feb.stderr)")
            let month = try CLI.run([command, "examples/brackenford.yaml", "--date", "2026-13-45"] + extra)
            #expect(month.status == 64)
            #expect(month.stderr.contains("--date 2026-13-45 is not a date: there is no month 13"), "\(command): \(month.stderr)")
            let leap = try CLI.run([command, "examples/brackenford.yaml", "--date", "2025-02-29"] + extra)
            #expect(leap.status == 64)
            #expect(leap.stderr.contains("February 2025 has 28 days"))
        }
        let leapDay = try CLI.run(["score", "examples/brackenford.yaml", "--date", "2024-02-29"])
        #expect(leapDay.status == 0, "\(leapDay.stderr)")
        #expect(leapDay.stdout.contains("2024-02-29"))
    }

    @Test func validateReportsAnImpossibleEvidenceDate() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("evidence.yaml")
        try "organisation: {name: X}\nfacts:\n  a: {value: 3, date: 2026-02-30}\n  b: {value: 3, date: 2024-02-29}\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["validate", file.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("evidence.yaml:3:23: error: 2026-02-30 is not a date: February 2026 has 28 days"), "\(result.stderr)")
        #expect(!result.stderr.contains("2024-02-29"))
    }
}
