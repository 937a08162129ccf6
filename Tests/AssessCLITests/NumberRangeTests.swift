import Foundation
import Testing

/// Issue 7, crashes: numbers of 2^63 or more used to trap `score`, `roadmap` and `report` (SIGILL, exit 132)
/// while `validate` said the file was ok. Each reproducer now gives a located error and a documented exit code.
@Suite("numbers out of range, end to end")
struct NumberRangeTests {
    /// Writes files into a fresh folder and returns it.
    func folder(_ files: [String: String]) throws -> URL {
        let folder = try CLI.temporaryFolder()
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// Runs the four commands on an evidence file and expects exit 65 with the located message from each.
    func expectRefused(_ facts: String, located: String, message: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let folder = try folder(["evidence.yaml": "organisation: {name: Test Council}\nfacts:\n" + facts])
        defer { try? FileManager.default.removeItem(at: folder) }
        let evidence = folder.appendingPathComponent("evidence.yaml").path
        let output = folder.appendingPathComponent("report.html").path
        let runs: [[String]] = [["validate", evidence], ["score", evidence, "--date", "2026-01-31"],
                                ["roadmap", evidence, "--date", "2026-01-31"],
                                ["report", evidence, "--output", output, "--date", "2026-01-31"]]
        for arguments in runs {
            let result = try CLI.run(arguments)
            #expect(result.status == 65, "\(arguments[0]): \(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stderr.contains("evidence.yaml:\(located): error: \(message)"), "\(arguments[0]): \(result.stderr)",
                    sourceLocation: sourceLocation)
            #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
        }
        #expect(!FileManager.default.fileExists(atPath: output), "no half-written report", sourceLocation: sourceLocation)
    }

    @Test func aHugeMeasureIsRefusedByEveryCommand() throws {
        try expectRefused("  content.wcag-automated-pass: 1e19\n", located: "3:32",
                          message: "a value of the fact 'content.wcag-automated-pass' is 1e19, outside the usable range")
    }

    @Test func aHugeSelfRatingIsRefused() throws {
        try expectRefused("  inclusion.staff-confidence: {value: 1e19, source: self-reported}\n", located: "3:39",
                          message: "a value of the fact 'inclusion.staff-confidence' is 1e19, outside the usable range")
    }

    @Test func aHugeRatioPartIsRefused() throws {
        try expectRefused("  content.documents-accessible-12m: 5\n  content.documents-published-12m: 9223372036854775808\n",
                          located: "4:36", message: "a value of the fact 'content.documents-published-12m' is 9223372036854775808")
    }

    @Test func hugeFollowersAreRefused() throws {
        try expectRefused("  engagement.followers: 1e19\n", located: "3:25",
                          message: "a value of the fact 'engagement.followers' is 1e19, outside the usable range")
    }

    @Test func aHugeVolumeInsideAnInlineMappingIsRefused() throws {
        try expectRefused("  channel.volumes: {phone: 120000, web: 1e19}\n", located: "3:41",
                          message: "a value of the fact 'channel.volumes' is 1e19, outside the usable range")
    }

    @Test func yamlInfinityAndNotANumberAreRefused() throws {
        try expectRefused("  engagement.followers: .nan\n", located: "3:25",
                          message: "a value of the fact 'engagement.followers' is .nan, which is not a finite number")
        try expectRefused("  channel.volumes: [-.inf]\n", located: "3:21",
                          message: "a value of the fact 'channel.volumes' is -.inf, which is not a finite number")
    }

    /// Quoted, the same text is text: the loader keeps it and a criterion that reads it as a number reports it.
    @Test func aQuotedHugeNumberIsACriterionError() throws {
        let folder = try folder(["evidence.yaml": "organisation: {name: Test Council}\nfacts:\n  content.wcag-automated-pass: \"1e19\"\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let evidence = folder.appendingPathComponent("evidence.yaml").path
        // validate runs the criteria as score does, so it refuses what score reports as a criterion error.
        let validate = try CLI.run(["validate", evidence])
        #expect(validate.status == 65)
        #expect(validate.stderr.contains("evidence.yaml:3:32: error: criterion con-wcag-automated: content.wcag-automated-pass is 1e19, outside the usable range"),
                "\(validate.stderr)")
        for command in ["score", "roadmap"] {
            let result = try CLI.run([command, evidence, "--date", "2026-01-31"])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("evidence.yaml:3:32: warning: criterion con-wcag-automated: content.wcag-automated-pass is 1e19, outside the usable range"),
                    "\(command): \(result.stderr)")
        }
        let strict = try CLI.run(["score", evidence, "--strict", "--date", "2026-01-31"])
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("evidence.yaml:3:32: error: criterion con-wcag-automated"))
    }

    /// Export files are read when a criterion needs them: a bad cell is a criterion error at the cell.
    func expectExportError(_ files: [String: String], fact: String, located: String, message: String,
                           sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        var files = files
        files["evidence.yaml"] = "organisation: {name: Test Council}\nfacts:\n  \(fact)\n"
        let folder = try folder(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let evidence = folder.appendingPathComponent("evidence.yaml").path
        let output = folder.appendingPathComponent("report.md").path
        // validate runs the criteria as score does, so it refuses the bad cell at its location.
        let validate = try CLI.run(["validate", evidence])
        #expect(validate.status == 65, sourceLocation: sourceLocation)
        #expect(validate.stderr.contains("\(located): error: criterion \(message)"), "\(validate.stderr)", sourceLocation: sourceLocation)
        let runs: [[String]] = [["score", evidence, "--date", "2026-01-31"], ["roadmap", evidence, "--date", "2026-01-31"],
                                ["report", evidence, "--format", "markdown", "--output", output, "--date", "2026-01-31"]]
        for arguments in runs {
            let result = try CLI.run(arguments)
            #expect(result.status == 0, "\(arguments[0]): \(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stderr.contains("\(located): warning: criterion \(message)"), "\(arguments[0]): \(result.stderr)",
                    sourceLocation: sourceLocation)
        }
        let strict = try CLI.run(["score", evidence, "--strict", "--date", "2026-01-31"])
        #expect(strict.status == 65, sourceLocation: sourceLocation)
        #expect(strict.stderr.contains("\(located): error: criterion"), sourceLocation: sourceLocation)
    }

    @Test func aHugeContactCountInACSVCellIsLocated() throws {
        try expectExportError(["contacts.csv": "month,service,channel,contacts\n2025-04,Benefits,Email,1e19\n2025-04,Benefits,Web,20\n"],
                              fact: "channel.volumes: {file: contacts.csv}", located: "contacts.csv:2:4",
                              message: "cs-digital-share: the cell in column 'contacts' is 1e19, outside the usable range")
    }

    @Test func aHugeCKANCountIsLocated() throws {
        let ckan = """
        {"success": true, "result": {"count": 9223372036854775808, "results": [
          {"name": "a", "title": "A", "license_id": "OGL-UK-3.0", "private": false, "state": "active",
           "metadata_modified": "2026-01-01T00:00:00", "resources": []}]}}
        """
        try expectExportError(["ckan.json": ckan], fact: "opendata.datasets-published: {file: ckan.json}", located: "ckan.json:1:39",
                              message: "od-datasets-per-10k: ckan.json line 1: 'count' must be a whole number, found 9223372036854775808, a number too large to use")
    }

    @Test func aHugeRubricParameterIsRefusedWhereItIsWritten() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rubrics = folder.appendingPathComponent("rubrics")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("rubrics"), to: rubrics)
        let file = rubrics.appendingPathComponent("digital-inclusion.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex(of: "      min: 1"))
        try text.replacingOccurrences(of: "\n      min: 1\n", with: "\n      min: -9223372036854775809\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let evidence = folder.appendingPathComponent("evidence.yaml")
        try "organisation: {name: Test Council}\nfacts:\n  inclusion.staff-confidence: 3\n".write(to: evidence, atomically: true, encoding: .utf8)
        for command in ["score", "roadmap"] {
            let result = try CLI.run([command, evidence.path, "--framework", rubrics.path, "--date", "2026-01-31"])
            #expect(result.status == 65, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("digital-inclusion.yaml:\(line + 1):12: error: criteria[9].parameters.min is -9223372036854775809, outside the usable range"),
                    "\(command): \(result.stderr)")
        }
        let output = folder.appendingPathComponent("report.html").path
        let report = try CLI.run(["report", evidence.path, "--framework", rubrics.path, "--output", output, "--date", "2026-01-31"])
        #expect(report.status == 65)
        #expect(report.stderr.contains("parameters.min is -9223372036854775809"))
        #expect(try CLI.run(["validate", file.path]).status == 65)
    }
}
