import Foundation
import Testing

/// `assess import` and `assess export-table` through the built binary: files written, refusals, exit codes.
@Suite("assess import and export-table")
struct ImportCLITests {
    static let example = "examples/import/records-method.csv"

    @Test func importsTheExampleAndRefusesToOverwriteWithoutForce() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("records").path
        let first = try CLI.run(["import", Self.example, "--out", out, "--maximum", "fixed", "--title", "Records management"],
                                environment: ["COLUMNS": "400"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Wrote framework.yaml and 2 rubrics (10 questions) to \(out)"))
        #expect(first.stderr.isEmpty, "\(first.stderr)")
        let framework = try String(contentsOfFile: out + "/framework.yaml", encoding: .utf8)
        #expect(framework.contains("id: records-method\ntitle: \"Records management\"\nversion: \"1\"\nscoring: points\nmaximum: fixed\n"))
        #expect(framework.contains("  - rubric: governance.yaml\n    weight: 1\n  - rubric: practice.yaml\n    weight: 1.5\n"))
        let governance = try String(contentsOfFile: out + "/governance.yaml", encoding: .utf8)
        #expect(governance.contains("    when: {answer-of: rm-q3, in: [\"Yes\"]}\n"))
        #expect(governance.contains("        - {value: \"In draft, not yet published\", points: 1}\n"))
        let practice = try String(contentsOfFile: out + "/practice.yaml", encoding: .utf8)
        #expect(practice.contains("    applies-to:\n      attributes:\n        housing-stock: true\n"))

        let again = try CLI.run(["import", Self.example, "--out", out])
        #expect(again.status == 73)
        #expect(again.stderr.contains("\(out)/framework.yaml: error: the file already exists; pass --force to replace it, or choose another --out folder"))
        #expect(try String(contentsOfFile: out + "/framework.yaml", encoding: .utf8) == framework, "nothing was replaced")

        let forced = try CLI.run(["import", Self.example, "--out", out, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(!(try String(contentsOfFile: out + "/framework.yaml", encoding: .utf8)).contains("maximum:"))
    }

    @Test func aBadTableExits65WithEveryLocationAndWritesNothing() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = folder.appendingPathComponent("bad.csv").path
        try "Dimension,ID,Title,Options,Wieght\ngov,q1,One,Yes=2,\n".write(toFile: table, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out").path
        let result = try CLI.run(["import", table, "--out", out])
        #expect(result.status == 65)
        #expect(result.stderr == "\(table):1:Wieght: error: unknown column 'Wieght'; did you mean 'weight'?\n")
        #expect(!FileManager.default.fileExists(atPath: out))

        try "dimension,id,title,options\ngov,q1,One,Yes=2; No=zero\ngov,q2,Two,\n".write(toFile: table, atomically: true, encoding: .utf8)
        let cells = try CLI.run(["import", table, "--out", out])
        #expect(cells.status == 65)
        #expect(cells.stderr.contains("\(table):2:options: error: option 'No' is worth 'zero', which is neither points nor a meaning;"))
        #expect(cells.stderr.contains("\(table):3:options: error: question 'q2' has no options; list its answers with their points, such as 'Yes=2; Partly=1; No=0'"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func missingInputsBadOptionsAndUnwritableOutputsHaveTheirExitCodes() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try CLI.run(["import", folder.appendingPathComponent("none.csv").path, "--out", folder.path])
        #expect(missing.status == 66)
        let badID = try CLI.run(["import", Self.example, "--out", folder.path, "--id", "Not Valid"])
        #expect(badID.status == 64)
        #expect(badID.stderr.contains("--id 'Not Valid' is not a valid id"))
        let badMaximum = try CLI.run(["import", Self.example, "--out", folder.path, "--maximum", "most"])
        #expect(badMaximum.status == 64)
        let file = folder.appendingPathComponent("a-file").path
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        let intoFile = try CLI.run(["import", Self.example, "--out", file])
        #expect(intoFile.status == 73)
        #expect(intoFile.stderr.contains("--out must be a folder"))
        let notAWorkbook = folder.appendingPathComponent("fake.xlsx").path
        try "dimension,id\n".write(toFile: notAWorkbook, atomically: true, encoding: .utf8)
        let fake = try CLI.run(["import", notAWorkbook, "--out", folder.appendingPathComponent("o").path])
        #expect(fake.status == 65)
        #expect(fake.stderr == "\(notAWorkbook): error: not an XLSX workbook (it is not a zip archive); save the spreadsheet as .xlsx, or export it as CSV\n")
    }

    @Test func exportsAFrameworkAsATableThatImportsBack() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let method = folder.appendingPathComponent("method")
        try FileManager.default.createDirectory(at: method, withIntermediateDirectories: true)
        try """
            id: scorecard
            title: Scorecard
            version: "1"
            scoring: points
            scale:
              levels: [{level: 1, name: Low}, {level: 2, name: High}]
            dimensions:
              - rubric: open.yaml
            """.write(to: method.appendingPathComponent("framework.yaml"), atomically: true, encoding: .utf8)
        try """
            id: open
            title: Openness, published
            version: "1"
            levels: {1: a, 2: b}
            criteria:
              - id: o1
                title: Register
                question: "Is the register published, \\"in full\\"?"
                rationale: R.
                assessor: options
                evidence: {answer: answers.o1}
                parameters:
                  options:
                    - {value: "Yes", points: 2}
                    - {value: "No", points: 0}
                levels: {1: a, 2: b}
            """.write(to: method.appendingPathComponent("open.yaml"), atomically: true, encoding: .utf8)
        let printed = try CLI.run(["export-table", "--framework", method.path])
        #expect(printed.status == 0, "\(printed.stderr)")
        let expected = "dimension,dimension-title,dimension-description,dimension-weight,section,section-title,section-weight,id,title,question,guidance,weight,core,options,points,means,when,applies-to\r\n"
            + "open,\"Openness, published\",,,,,,o1,Register,\"Is the register published, \"\"in full\"\"?\",,,,Yes=2; No=0,,,,\r\n"
        #expect(printed.stdout == expected)
        #expect(printed.stderr.contains("open.yaml:4:9: warning: the table does not keep the rubric's own 'levels' descriptors; importing the table describes each level by the scale's name and description"), "\(printed.stderr)")
        #expect(printed.stderr.contains("framework.yaml: note: the table holds the questions, not the framework's own settings (id, title, version, scoring, scale)."))

        let table = folder.appendingPathComponent("table.csv").path
        let written = try CLI.run(["export-table", "--framework", method.path, "--out", table])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(try String(contentsOfFile: table, encoding: .utf8) == expected)

        let out = folder.appendingPathComponent("imported").path
        let imported = try CLI.run(["import", table, "--out", out])
        #expect(imported.status == 0, "\(imported.stderr)")
        let rubric = try String(contentsOfFile: out + "/open.yaml", encoding: .utf8)
        #expect(rubric.contains("title: \"Openness, published\"\n"))
        #expect(rubric.contains("    question: \"Is the register published, \\\"in full\\\"?\"\n"))
        // What import writes loads: every rubric carries the level descriptors the loader requires.
        let loaded = try CLI.run(["rubrics", "--framework", out])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(rubric.contains("levels:\n  1: \"Ad hoc: Little or no deliberate practice.\"\n"), "the standard scale's descriptors without --base")
    }

    @Test func exportRefusesWhatATableCannotHold() throws {
        let result = try CLI.run(["export-table", "--framework", "rubrics"])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("rubrics/channel-shift.yaml:49:15: error: criterion 'cs-demand-analysis' uses the 'staged' assessor, which a table cannot hold; a table holds options questions only; score this criterion in YAML\n"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let missing = try CLI.run(["export-table", "--framework", "no/such/folder"])
        #expect(missing.status == 66)
    }
}
