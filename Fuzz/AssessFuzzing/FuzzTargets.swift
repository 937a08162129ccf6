import AssessCore
import AssessKit
import Foundation
import ZIPFoundation

/// Everything `assess` reads from third parties, as fuzz targets: one input's first byte picks the target
/// (modulo their number), the rest is the file the target reads.
///
/// A target must never trap, hang or grow faster than its input, whatever the bytes: problems become
/// diagnostics or criterion errors. The same table serves libFuzzer (`assess-fuzz` built with
/// `-sanitize=fuzzer`), the seeded mutation session of the test suite, and `assess-fuzz mutate`.
public enum FuzzTargets {
    /// One target: what it reads and the code path it drives.
    public struct Target: Sendable {
        /// A stable name, such as `yaml` or `export:channel-shift.digital-share#0:contacts.csv`.
        public let name: String
        /// Seeds for it (the payload, without the selector byte).
        public let seeds: [[UInt8]]
        let kind: Kind
    }

    enum Kind: Sendable {
        case yaml, evidence, rubric, framework, pluginResponses, packMetadata, packArchive
        case export(factory: AssessorFactory, example: AssessorExample, file: String)
        case importTable, importSheet
    }

    /// Every target, in selector order.
    public static let all: [Target] = {
        var targets: [Target] = []
        let examples = exampleEvidence
        let rubricTexts = DefaultFramework.embeddedFiles.filter { $0.key != DefaultFramework.frameworkFile }
            .sorted { $0.key < $1.key }.map { Array($0.value.utf8) }
        let frameworkText = Array((DefaultFramework.embeddedFiles[DefaultFramework.frameworkFile] ?? "").utf8)
        targets.append(Target(name: "yaml", seeds: examples + rubricTexts.prefix(2), kind: .yaml))
        targets.append(Target(name: "evidence", seeds: examples, kind: .evidence))
        targets.append(Target(name: "rubric", seeds: rubricTexts, kind: .rubric))
        targets.append(Target(name: "framework", seeds: [frameworkText], kind: .framework))
        targets.append(Target(name: "plugin-responses", seeds: pluginSeeds, kind: .pluginResponses))
        for factory in AssessKit.registry.factories {
            for (index, example) in factory.description.examples.enumerated() {
                for file in example.files.keys.sorted() {
                    targets.append(Target(name: "export:\(factory.description.id)#\(index):\(file)",
                                          seeds: [Array((example.files[file] ?? "").utf8)],
                                          kind: .export(factory: factory, example: example, file: file)))
                }
            }
        }
        // Packs last, so the selectors of the targets above stay as they were.
        targets.append(Target(name: "pack-metadata", seeds: [packMetadataSeed], kind: .packMetadata))
        targets.append(Target(name: "pack-archive", seeds: [packArchiveSeed], kind: .packArchive))
        // Questionnaire tables for `assess import` (last, so the selectors above stay as they were).
        targets.append(Target(name: "import-csv", seeds: [Array(importSeedCSV.utf8)], kind: .importTable))
        targets.append(Target(name: "import-xlsx-sheet", seeds: [Array(importSeedSheet.utf8)], kind: .importSheet))
        return targets
    }()

    static let importSeedCSV = """
        dimension,dimension-title,section,section-title,section-weight,id,title,question,weight,options,points,means,when,applies-to
        gov,Governance,s1,Ownership,1,q1,Owner,Is there an owner?,,"Yes=2; Partly=1; No=0; ""N/A""=not-applicable; *=0",,Don't know=dont-know,,"types=county, unitary; housing-stock=true"
        gov,,s1,,,q2,Reviewed,Reviewed?,2,Yes=1; No=0,1,,q1 = Yes,
        """

    static let importSeedSheet = """
        <worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>dimension</t></is></c><c r="B1" t="inlineStr"><is><t>id</t></is></c>\
        <c r="C1" t="inlineStr"><is><t>title</t></is></c><c r="AA1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>gov</t></is></c>\
        <c r="B2" t="inlineStr"><is><r><t>q</t></r><r><t>1</t></r></is></c><c r="C2"><v>1.5E0</v></c><c r="AA2" t="s"><v>1</v></c></row></sheetData></worksheet>
        """

    /// A table read, then written as YAML and CSV (whatever reads is also written).
    static func runImport(_ grid: TableGrid?) {
        guard let grid, let reading = try? QuestionTable.read(grid: grid) else { return }
        _ = FrameworkWriter.files(reading.table, settings: FrameworkWriter.Settings(id: "fuzz", title: "Fuzz", version: "1", source: "fuzz"))
        _ = TableWriter.csv(reading.table)
    }

    /// The target an input selects.
    public static func target(for input: [UInt8]) -> Target? {
        guard let first = input.first else { return nil }
        return all[Int(first) % all.count]
    }

    /// Every seed as a whole input (selector byte first).
    public static var seedInputs: [[UInt8]] {
        all.enumerated().flatMap { index, target in target.seeds.map { [UInt8(index)] + $0 } }
    }

    /// The selector byte of the first target whose name has this prefix.
    public static func selector(forNamePrefix prefix: String) -> UInt8? {
        all.firstIndex { $0.name.hasPrefix(prefix) }.map(UInt8.init)
    }

    /// Runs one input through its target. Returns the target's name (nil for an empty input).
    @discardableResult
    public static func run(_ input: [UInt8]) -> String? {
        guard let target = target(for: input) else { return nil }
        let payload = Array(input.dropFirst())
        switch target.kind {
        case .yaml:
            _ = try? YAMLParser.parse(payload, file: "fuzz.yaml")
        case .evidence:
            runEvidence(payload)
        case .rubric:
            if let document = try? YAMLParser.parse(payload, file: "rubrics/fuzz.yaml") {
                _ = FrameworkLoader(registry: AssessKit.registry).decodeRubric(document, scale: .standard)
            }
        case .framework:
            var files = DefaultFramework.embeddedFiles
            files[DefaultFramework.frameworkFile] = String(decoding: payload, as: UTF8.self)
            _ = try? FrameworkLoader(registry: AssessKit.registry).load(embedded: files, frameworkFile: DefaultFramework.frameworkFile)
        case .pluginResponses:
            runPlugin(payload)
        case .packMetadata:
            if let document = try? YAMLParser.parse(payload, file: "packs/fuzz/pack.yaml") { _ = try? PackMetadata.decode(document) }
        case .packArchive:
            // Written to the harness's own folder and read as `--framework` reads one, with small caps so a fuzzed
            // archive cannot inflate far.
            let limits = PackArchive.Limits(maxArchiveBytes: 1 << 20, maxTotalBytes: 4 << 20, maxEntries: 256)
            let file = workFolder.appendingPathComponent("pack-\(UUID().uuidString).zip")
            guard FileManager.default.createFile(atPath: file.path, contents: Data(payload)) else { break }
            defer { try? FileManager.default.removeItem(at: file) }
            if let pack = try? PackArchive.read(file.path, limits: limits) {
                _ = try? AssessKit.loadFramework(pack: pack, startPlugins: false)
            }
        case .export(let factory, let example, let file):
            ExportSlot.run(name: target.name, factory: factory, example: example, file: file, payload: payload)
        case .importTable:
            runImport(try? TableGrid.csv(payload, file: "fuzz.csv"))
        case .importSheet:
            let strings = Data("<sst><si><t>options</t></si><si><t>Yes=1; No=0</t></si></sst>".utf8)
            runImport(try? XLSXReader.grid(sheet: Data(payload), sharedStrings: strings, file: "fuzz.xlsx"))
        }
        return target.name
    }

    // MARK: - Packs

    static let packMetadataSeed = Array("""
        id: fuzz-pack
        title: Fuzz method
        version: "2025.1"
        publisher: The fuzzer
        source: https://example.org/method
        licence: CC0-1.0
        licence-url: https://creativecommons.org/publicdomain/zero/1.0/
        attribution: "None needed."
        framework: framework.yaml
        examples: [examples/a.yaml]
        notes: NOTES.md

        """.utf8)

    /// A small pack archive (pack.yaml, a framework and a two-question rubric) made in memory.
    static let packArchiveSeed: [UInt8] = {
        let framework = """
            id: fuzz
            title: Fuzz method
            version: "1"
            scoring: points
            scale:
              levels:
                - {level: 1, name: Beginning, description: a}
                - {level: 2, name: Developing, description: b}
                - {level: 3, name: Defined, description: c}
            dimensions:
              - rubric: rubrics/data.yaml

            """
        let rubric = """
            id: data
            title: Data
            version: "1"
            levels: {1: one, 2: two, 3: three}
            criteria:
              - id: f1
                title: Named data owners
                question: Are named owners accountable for your key datasets?
                rationale: r
                assessor: options
                evidence: {answer: answers.f1}
                parameters: {options: [{value: "Yes", points: 2}, {value: "No", points: 0}]}
                levels: {1: one, 2: two, 3: three}

            """
        let entries: [(String, String)] = [("fuzz/pack.yaml", String(decoding: packMetadataSeed, as: UTF8.self)),
                                           ("fuzz/framework.yaml", framework), ("fuzz/rubrics/data.yaml", rubric)]
        guard let archive = try? Archive(data: Data(), accessMode: .create, pathEncoding: nil) else { return [] }
        for (path, text) in entries {
            let data = Data(text.utf8)
            try? archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
            }
        }
        return archive.data.map { [UInt8]($0) } ?? []
    }()

    // MARK: - Evidence

    /// A folder of this process's own for files the targets write.
    static let workFolder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("assess-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static let builtInFramework: Framework? = try? AssessKit.loadFramework(path: nil)

    /// Decodes evidence, then scores it against the built-in framework when every file it names stays inside
    /// the harness's own folder (a fuzzed path must not make the harness read the machine's files or devices).
    static func runEvidence(_ payload: [UInt8]) {
        let folder = workFolder.appendingPathComponent("evidence").path
        guard let document = try? YAMLParser.parse(payload, file: folder + "/evidence.yaml"),
              let evidence = try? EvidenceLoader().decode(document) else { return }
        guard let framework = builtInFramework else { return }
        _ = EvidenceLoader.unusedFacts(evidence, framework: framework)
        let contained = evidence.facts.values.allSatisfy { fact in
            guard let path = fact.filePath else { return true }
            return path.hasPrefix(folder + "/") && !path.contains("..")
        }
        if contained { _ = Engine(framework: framework).assess(evidence) }
    }

    /// Evidence seeds: a small built-in file, and the example councils when run from the package root.
    static var exampleEvidence: [[UInt8]] {
        var seeds: [[UInt8]] = [Array("""
            organisation: {name: Fuzz Council, code: E06000001, population: 100000, period: 2025-26}
            facts:
              channel.contacts-digital: {value: 236500, source: measured, date: 2026-03-31}
              channel.contacts-total: 460700
              inclusion.confidence: {value: 61.5, source: self-reported, reference: "Survey 2024"}
              mobile.top-tasks: [pay council tax, report a missed bin]
              content.pages-reviewed: {not-applicable: "no website"}
            targets: {channel-shift: 4}

            """.utf8)]
        for name in ["ashdown", "brackenford", "calderbrook", "highland-council"] {
            if let data = FileManager.default.contents(atPath: "examples/\(name).yaml") { seeds.append([UInt8](data)) }
        }
        return seeds
    }

    // MARK: - External plugin responses

    /// A plugin handshake and one answer, as a plugin writes them.
    static let pluginSeeds: [[UInt8]] = [
        Array("""
            {"type": "hello", "protocol": 1, "name": "fuzz", "assessors": [{"id": "fuzz.check", "title": "Check", "roles": [{"name": "value", "type": "number"}], "parameters": [{"name": "limit", "type": "number", "default": 3}]}]}
            {"id": 1, "status": "assessed", "level": 3.5, "rationale": "Three of four", "findings": [{"id": "count", "label": "Count", "value": 3, "unit": "pages"}, {"id": "ok", "value": true}, {"id": "list", "value": ["a", "b"]}]}

            """.utf8),
        Array("""
            {"type": "hello", "protocol": 1, "assessors": [{"id": "fuzz.check", "roles": [{"name": "value"}]}]}
            {"id": 1, "status": "assessed", "points": 7, "maxPoints": 10, "rationale": "Seven of ten"}

            """.utf8),
    ]

    /// Runs `/bin/cat` as a plugin whose answers are the payload: the real process, pipe and protocol path.
    static func runPlugin(_ payload: [UInt8]) {
        let file = workFolder.appendingPathComponent("plugin-responses.jsonl")
        guard (try? Data(payload).write(to: file)) != nil else { return }
        let plugin = ExternalPlugin(path: "/bin/cat", arguments: [file.path], timeout: 5, assessVersion: AssessKit.version)
        defer { _ = plugin.finish() }
        guard plugin.failure == nil, let factory = plugin.factories.first,
              let parameters = try? YAMLParser.parse("{}", file: "fuzz-parameters.yaml"), let root = parameters.root else { return }
        let context = DecodingContext(document: parameters)
        guard let reader = NodeReader(node: root, path: "parameters", context: context).mapping(keys: factory.description.parameters.map(\.name)),
              let assessor = factory.make(reader, .standard) else { return }
        let roles = factory.description.roles.map(\.name)
        let text = "organisation: {name: Fuzz Council, population: 1000}\nfacts:\n" + roles.map { "  \($0): 1\n" }.joined()
        guard let evidence = try? EvidenceLoader().decode(YAMLParser.parse(text, file: "fuzz-evidence.yaml")) else { return }
        let criterion = Criterion(id: "fuzz", title: "Fuzz", assessorID: factory.description.id, assessor: assessor,
                                  evidence: roles.map { EvidenceBinding(role: $0, fact: $0) })
        let framework = Framework(id: "fuzz", title: "Fuzz", version: "0", scale: .standard,
                                  dimensions: [Dimension(rubric: Rubric(id: "fuzz", title: "Fuzz", criteria: [criterion]), weight: 1)])
        _ = Engine(framework: framework).score(criterion, evidence: evidence)
    }
}

/// One export file of one assessor example, set up once (its folder, evidence and criterion); each run
/// rewrites the file with the payload and scores the criterion with a fresh export cache.
final class ExportSlot: @unchecked Sendable {
    let file: URL
    let criterion: Criterion
    let evidence: Evidence
    let framework: Framework

    private static let lock = NSLock()
    nonisolated(unsafe) private static var slots: [String: ExportSlot?] = [:]

    init?(name: String, factory: AssessorFactory, example: AssessorExample, fileName: String) {
        let folder = FuzzTargets.workFolder.appendingPathComponent("slot-\(abs(name.hashValue))")
        guard let parameters = try? YAMLParser.parse(example.parameters, file: "parameters.yaml") else { return nil }
        let context = DecodingContext(document: parameters)
        let root = parameters.root ?? YAMLNode(.mapping([]), at: .unknown)
        let node = root.scalar?.isNull == true ? YAMLNode(.mapping([]), at: root.location) : root
        guard let reader = NodeReader(node: node, path: "parameters", context: context)
            .mapping(keys: factory.description.parameters.map(\.name)),
            let assessor = factory.make(reader, .standard), context.diagnostics.isEmpty else { return nil }
        for (path, contents) in example.files {
            let target = folder.appendingPathComponent(path)
            try? FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(contents.utf8).write(to: target)
        }
        let indented = example.evidence.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        let text = "organisation:\n  name: Example Council\n  population: 100000\nfacts:\n" + indented + "\n"
        guard let evidence = try? EvidenceLoader().decode(YAMLParser.parse(text, file: folder.appendingPathComponent("evidence.yaml").path))
        else { return nil }
        self.file = folder.appendingPathComponent(fileName)
        self.evidence = evidence
        criterion = Criterion(id: "fuzz", title: "Fuzz", assessorID: factory.description.id, assessor: assessor,
                              evidence: factory.description.roles.map { EvidenceBinding(role: $0.name, fact: $0.name) })
        framework = Framework(id: "fuzz", title: "Fuzz", version: "0", scale: .standard,
                              dimensions: [Dimension(rubric: Rubric(id: "fuzz", title: "Fuzz", criteria: [criterion]), weight: 1)])
    }

    static func run(name: String, factory: AssessorFactory, example: AssessorExample, file: String, payload: [UInt8]) {
        let slot = lock.withLock { () -> ExportSlot? in
            if let known = slots[name] { return known }
            let made = ExportSlot(name: name, factory: factory, example: example, fileName: file)
            slots[name] = .some(made)
            return made
        }
        guard let slot, (try? Data(payload).write(to: slot.file)) != nil else { return }
        _ = Engine(framework: slot.framework).score(slot.criterion, evidence: slot.evidence, cache: ExportCache())
    }
}
