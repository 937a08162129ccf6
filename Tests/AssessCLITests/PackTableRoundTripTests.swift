import Foundation
import Testing
import TestSupport

/// Issue 11's "the importer round-trips a framework to a table and back", for the two real packs: the table
/// `export-table` writes, imported with `--base`, and the pack author's own `source/questions.csv`, each give a
/// framework that scores the pack's worked example exactly as the pack does.
@Suite("packs round-trip through a table")
struct PackTableRoundTripTests {
    static let packs = ["odi-pathway", "dma-government"]

    /// `assess score EXAMPLE --framework FRAMEWORK --format json`, parsed, without the framework's and pack's
    /// identity (`framework`, `pack`): every score, level, coverage and criterion result stays.
    static func scores(_ pack: String, framework: String) throws -> NSDictionary {
        let result = try CLI.run(["score", "packs/\(pack)/examples/worked-example.yaml", "--framework", framework, "--format", "json"])
        #expect(result.status == 0, "\(framework): \(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        var rest = object
        rest.removeValue(forKey: "framework")
        rest.removeValue(forKey: "pack")
        return rest as NSDictionary
    }

    /// The criteria results of a score, to say which differ.
    static func criteria(_ scores: NSDictionary) -> [String: NSDictionary] {
        var result: [String: NSDictionary] = [:]
        for dimension in scores["dimensions"] as? [[String: Any]] ?? [] {
            for criterion in dimension["criteria"] as? [[String: Any]] ?? [] {
                if let id = criterion["id"] as? String { result[id] = criterion as NSDictionary }
            }
        }
        return result
    }

    /// Both scores are the same, criterion by criterion, and not trivially: every question was scored.
    static func expectSame(_ pack: String, _ imported: NSDictionary, _ original: NSDictionary) {
        let criteria = Self.criteria(original), back = Self.criteria(imported)
        #expect(criteria.count == (pack == "odi-pathway" ? 83 : 97))
        #expect(Set(back.keys) == Set(criteria.keys))
        for (id, criterion) in criteria where back[id] != criterion {
            Issue.record("\(pack): criterion \(id) differs: \(back[id] ?? [:]) against \(criterion)")
        }
        #expect(imported == original)
    }

    @Test(arguments: packs)
    func theExportedTableImportedWithItsBaseScoresTheWorkedExampleAsThePack(_ pack: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = folder.appendingPathComponent("\(pack).csv").path
        let export = try CLI.run(["export-table", "--framework", pack, "--out", table])
        #expect(export.status == 0, "\(export.stderr)")
        // The method's settings are not in the table: export-table says which, and how to carry them.
        #expect(export.stderr.contains("packs/\(pack)/framework.yaml: note: the table holds the questions, not the framework's own settings ("))
        #expect(export.stderr.contains("To keep them, import with --base: assess import \(table) --out DIR --base \(pack)\n"))
        #expect(export.stderr.contains("answers"))
        #expect(!export.stderr.contains("warning"), "labels, core, levels, descriptions all travel: \(export.stderr)")
        if pack == "dma-government" {
            #expect(export.stderr.contains("The framework scores levels, so the numbers in 'options' are levels"))
        }

        let out = folder.appendingPathComponent("imported").path
        let imported = try CLI.run(["import", table, "--out", out, "--base", pack])
        #expect(imported.status == 0, "\(imported.stderr)")
        Self.expectSame(pack, try Self.scores(pack, framework: out), try Self.scores(pack, framework: pack))

        // And back to the same table, byte for byte.
        let again = try CLI.run(["export-table", "--framework", out])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == (try String(contentsOfFile: table, encoding: .utf8)))
    }

    @Test(arguments: packs)
    func thePackAuthorsOwnTableImportsAndScoresAsThePack(_ pack: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("imported").path
        let imported = try CLI.run(["import", "packs/\(pack)/source/questions.csv", "--out", out, "--base", "packs/\(pack)/framework.yaml"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.isEmpty, "\(imported.stderr)")
        let framework = try String(contentsOfFile: out + "/framework.yaml", encoding: .utf8)
        #expect(framework.hasPrefix("# Imported by `assess import` from questions.csv, the method's settings from packs/\(pack)/framework.yaml."))
        Self.expectSame(pack, try Self.scores(pack, framework: out), try Self.scores(pack, framework: pack))
        // The same questions as the pack: its table and the pack's are the same bytes.
        let fromImport = try CLI.run(["export-table", "--framework", out])
        let fromPack = try CLI.run(["export-table", "--framework", pack])
        #expect(fromImport.status == 0 && fromPack.status == 0)
        #expect(fromImport.stdout == fromPack.stdout)
    }

    @Test func exportTableFindsAPackAsEveryCommandDoes() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let byID = try CLI.run(["export-table", "--framework", "odi-pathway"])
        #expect(byID.status == 0, "\(byID.stderr)")
        #expect(byID.stdout.hasPrefix("dimension,dimension-title,dimension-description,dimension-weight,section,"))
        let zip = folder.appendingPathComponent("odi-pathway.zip")
        try ZipFixtures.zip(folder: CLI.root.appendingPathComponent("packs/odi-pathway"), to: zip)
        for reference in ["packs/odi-pathway", "packs/odi-pathway/framework.yaml", "packs/odi-pathway/pack.yaml", zip.path] {
            let result = try CLI.run(["export-table", "--framework", reference])
            #expect(result.status == 0, "\(reference): \(result.stderr)")
            #expect(result.stdout == byID.stdout, "\(reference)")
        }
        // A pack found in a --packs folder, and a mistyped id: 66 with the nearest id.
        let packs = folder.appendingPathComponent("more")
        try FileManager.default.createDirectory(at: packs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: zip, to: packs.appendingPathComponent("odi-pathway.zip"))
        let fromFolder = try CLI.run(["export-table", "--framework", "odi-pathway", "--packs", packs.path])
        #expect(fromFolder.status == 0, "\(fromFolder.stderr)")
        #expect(fromFolder.stderr.contains("--base odi-pathway --packs \(packs.path)"))
        let typo = try CLI.run(["export-table", "--framework", "odi-pathwya"])
        #expect(typo.status == 66)
        #expect(typo.stderr.contains("did you mean 'odi-pathway'?"), "\(typo.stderr)")
    }

    @Test func baseRefusalsHaveTheirExitCodes() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = "packs/dma-government/source/questions.csv"
        let out = folder.appendingPathComponent("out").path
        let withID = try CLI.run(["import", table, "--out", out, "--base", "dma-government", "--id", "other"])
        #expect(withID.status == 64)
        #expect(withID.stderr.contains("--id cannot be used with --base"), "\(withID.stderr)")
        let scoring = try CLI.run(["import", table, "--out", out, "--base", "dma-government", "--scoring", "points"])
        #expect(scoring.status == 64)
        #expect(scoring.stderr.contains("error: the base framework scores levels, but --scoring says points"), "\(scoring.stderr)")
        let missing = try CLI.run(["import", table, "--out", out, "--base", folder.appendingPathComponent("none.yaml").path])
        #expect(missing.status == 66, "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "nothing written")
        // Without the base, the table's levels are read as points: a level of 0 is refused under --scoring levels.
        let zero = folder.appendingPathComponent("zero.csv").path
        try "dimension,id,title,options,core\nd,q1,One,Low=0; High=2,maybe\n".write(toFile: zero, atomically: true, encoding: .utf8)
        let levels = try CLI.run(["import", zero, "--out", out, "--scoring", "levels"])
        #expect(levels.status == 65)
        #expect(levels.stderr.contains("\(zero):2:options: error: question 'q1' has an answer at level 0, but levels start at 1"), "\(levels.stderr)")
        #expect(levels.stderr.contains("\(zero):2:core: error: 'maybe' is not true or false"), "\(levels.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func whatTheBaseLosesToTheTableIsWarned() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // One theme of the Pathway, its dimension weight left out.
        let lines = try String(contentsOfFile: CLI.root.appendingPathComponent("packs/odi-pathway/source/questions.csv").path, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let header = String(lines[0])
        let theme = lines.filter { $0.hasPrefix("knowledge-and-skills,") }.map { $0.replacingOccurrences(of: ",2,open-data-expertise,", with: ",,open-data-expertise,") }
        #expect(theme.count == 10)
        let table = folder.appendingPathComponent("theme.csv").path
        try ([header] + theme).joined(separator: "\n").appending("\n").write(toFile: table, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out").path
        let result = try CLI.run(["import", table, "--out", out, "--base", "odi-pathway"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("packs/odi-pathway/framework.yaml: warning: the base lists 'data-management-processes.yaml', which is not a dimension of the table, so the framework written leaves it out;"))
        #expect(result.stderr.contains("packs/odi-pathway/framework.yaml: warning: dimension 'knowledge-and-skills' has weight 2 in the base but no 'dimension-weight' in the table, so it is written with weight 1;"))
        #expect(try String(contentsOfFile: out + "/framework.yaml", encoding: .utf8).hasSuffix("dimensions:\n  - rubric: knowledge-and-skills.yaml\n"))
    }
}
