// Loader speed against a bare libyaml event parse of the same bytes, in the same run.
//
//   swift run -c release assess-benchmark [--size BYTES] [--runs N] [--unknown-size BYTES] [--csv-size BYTES]
//
// Three cases, each timed interleaved with libyaml's parser alone reading the same bytes (every event read
// and discarded), and reported as a ratio to it:
//  1. a deterministic evidence file of about 1 MB (long-form facts, mappings, lists, quoted text): the
//     located tree, duplicate-key checks and type-directed decoding into Evidence;
//  2. an evidence file of about 10 MB of facts no criterion reads: loading plus the unused-fact warnings
//     against the built-in framework (the case that used to be quadratic);
//  3. a contact-centre CSV export of about 50 MB (libyaml reads it as one long folded scalar): loading the
//     evidence that names it and scoring the built-in framework, which reads it for three criteria.
import AssessCore
import AssessKit
import CYAML
import Foundation

var targetSize = 1 << 20
var runs = 25
var unknownSize = 10 << 20
var csvSize = 50 << 20
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--size": targetSize = arguments.popFirst().flatMap { Int($0) } ?? targetSize
    case "--runs": runs = arguments.popFirst().flatMap { Int($0) } ?? runs
    case "--unknown-size": unknownSize = arguments.popFirst().flatMap { Int($0) } ?? unknownSize
    case "--csv-size": csvSize = arguments.popFirst().flatMap { Int($0) } ?? csvSize
    default:
        print("usage: assess-benchmark [--size BYTES] [--runs N] [--unknown-size BYTES] [--csv-size BYTES]")
        exit(64)
    }
}

func generate(size: Int) -> [UInt8] {
    var text = "organisation:\n  name: Benchmark Borough Council\n  code: E06999999\n  population: 250000\n  period: 2025-26\nfacts:\n"
    var index = 0
    let sources = ["measured", "documented", "self-reported"]
    while text.utf8.count < size {
        switch index % 4 {
        case 0:
            text += "  metric.m\(index):\n    value: \(index % 97).5\n    source: \(sources[index % 3])\n    reference: \"Contact centre export, sheet \(index), rows 1-\(index % 400)\"\n    date: 2025-03-\(10 + index % 18)\n"
        case 1:
            text += "  volumes.v\(index):\n    face-to-face: \(index * 3)\n    phone: \(index * 17)\n    web: \(index * 41)\n    email: \(index * 7)\n"
        case 2:
            text += "  checklist.c\(index): {a: yes, b: no, c: yes, d: on, e: off}\n"
        default:
            text += "  notes.n\(index):\n    - 'Reviewed by the digital board in quarter \(index % 4 + 1)'\n    - plain text item \(index)\n    - \(index)\n"
        }
        index += 1
    }
    return Array(text.utf8)
}

@inline(never)
func bareParse(_ bytes: [UInt8]) -> Int {
    var parser = yaml_parser_t()
    yaml_parser_initialize(&parser)
    defer { yaml_parser_delete(&parser) }
    var events = 0
    bytes.withUnsafeBufferPointer { buffer in
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        var event = yaml_event_t()
        while yaml_parser_parse(&parser, &event) == 1 {
            let done = event.type == YAML_STREAM_END_EVENT
            yaml_event_delete(&event)
            events += 1
            if done { break }
        }
    }
    return events
}

@inline(never)
func assessLoad(_ bytes: [UInt8]) -> Int {
    do {
        let document = try YAMLParser.parse(bytes, file: "benchmark.yaml")
        return try EvidenceLoader().decode(document).facts.count
    } catch {
        print("load failed: \(error)")
        exit(70)
    }
}

@inline(never)
func treeOnly(_ bytes: [UInt8]) -> Int {
    do {
        return try YAMLParser.parse(bytes, file: "benchmark.yaml").root?.pairs?.count ?? 0
    } catch {
        print("parse failed: \(error)")
        exit(70)
    }
}

func median(_ values: [Duration]) -> Duration { values.sorted()[values.count / 2] }
func ms(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let value = Double(seconds) * 1000 + Double(attoseconds) / 1e15
    return Format.number(value, decimals: 2) + " ms"
}

let bytes = generate(size: targetSize)
let clock = ContinuousClock()
var bare: [Duration] = []
var load: [Duration] = []
var tree: [Duration] = []
var events = 0, facts = 0
for _ in 0..<3 { events = bareParse(bytes); facts = assessLoad(bytes) }  // warm up
for _ in 0..<runs {
    bare.append(clock.measure { events = bareParse(bytes) })
    load.append(clock.measure { facts = assessLoad(bytes) })
    tree.append(clock.measure { _ = treeOnly(bytes) })
}
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}
let ratio = seconds(median(load)) / seconds(median(bare))
print("## 1. Evidence of \(Format.number(Double(bytes.count) / 1_048_576, decimals: 1)) MB, every kind of fact")
print("input: \(Format.number(Double(bytes.count), decimals: 0)) bytes, \(Format.number(Double(events), decimals: 0)) libyaml events, \(facts) facts; \(runs) runs each, interleaved")
print("| step | median | min |")
print("|---|--:|--:|")
print("| libyaml event parse alone | \(ms(median(bare))) | \(ms(bare.min() ?? .zero)) |")
print("| assess tree alone (located nodes, duplicate keys) | \(ms(median(tree))) | \(ms(tree.min() ?? .zero)) |")
print("| assess load (tree + decode into Evidence) | \(ms(median(load))) | \(ms(load.min() ?? .zero)) |")
print("ratio (median assess / median libyaml): \(Format.number(ratio, decimals: 2))x (target: at most 1.5x)")

/// Peak resident memory of this process so far, in MB.
func peakMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

// MARK: - 2. Many facts no criterion reads

func unknownFacts(size: Int) -> [UInt8] {
    var text = "organisation:\n  name: Benchmark Borough Council\nfacts:\n"
    var index = 0
    while text.utf8.count < size {
        text += "  unused.fact-\(index): \(index % 97)\n"
        index += 1
    }
    return Array(text.utf8)
}

let framework: Framework
do throws(LoadError) { framework = try AssessKit.loadFramework(path: nil) } catch {
    print("cannot load the built-in framework: \(error)")
    exit(70)
}

@inline(never)
func loadAndWarn(_ bytes: [UInt8]) -> Int {
    do {
        let evidence = try EvidenceLoader().decode(YAMLParser.parse(bytes, file: "unknown.yaml"))
        return EvidenceLoader.unusedFacts(evidence, framework: framework).count
    } catch {
        print("load failed: \(error)")
        exit(70)
    }
}

let unknownBytes = unknownFacts(size: unknownSize)
let fewer = max(3, runs / 5)
var unknownBare: [Duration] = [], unknownLoad: [Duration] = []
var warnings = 0
_ = bareParse(unknownBytes); warnings = loadAndWarn(unknownBytes)  // warm up
for _ in 0..<fewer {
    unknownBare.append(clock.measure { events = bareParse(unknownBytes) })
    unknownLoad.append(clock.measure { warnings = loadAndWarn(unknownBytes) })
}
print("")
print("## 2. Evidence of \(Format.number(Double(unknownBytes.count) / 1_048_576, decimals: 1)) MB of facts no criterion reads")
print("\(Format.number(Double(events), decimals: 0)) libyaml events; \(warnings) warnings (the first \(EvidenceLoader.unusedFactsListed) listed, the rest counted); \(fewer) runs each, interleaved")
print("| step | median | min |")
print("|---|--:|--:|")
print("| libyaml event parse alone | \(ms(median(unknownBare))) | \(ms(unknownBare.min() ?? .zero)) |")
print("| assess load + unused-fact warnings | \(ms(median(unknownLoad))) | \(ms(unknownLoad.min() ?? .zero)) |")
print("ratio: \(Format.number(seconds(median(unknownLoad)) / seconds(median(unknownBare)), decimals: 2))x libyaml")

// MARK: - 3. A large contact CSV

func contactCSV(size: Int) -> [UInt8] {
    let channels = ["Telephone", "Email", "Web form", "Face to face", "Post", "Web chat"]
    let services = ["Benefits", "Council tax", "Housing", "Waste", "Planning", "Parking", "General enquiries"]
    var bytes = Array("date,service,channel,contacts,avoidable\n".utf8)
    bytes.reserveCapacity(size + 100)
    var index = 0
    while bytes.count < size {
        let day = index / (channels.count * services.count)
        let month = (day / 28) % 12 + 1
        let contacts = 3 + (index * 7919) % 400
        let line = "\(2020 + (day / 336) % 6)-\(month < 10 ? "0" : "")\(month)-\(day % 28 + 1 < 10 ? "0" : "")\(day % 28 + 1),"
            + "\(services[(index / channels.count) % services.count]),\(channels[index % channels.count]),\(contacts),\((index * 31) % (contacts + 1))\n"
        bytes.append(contentsOf: line.utf8)
        index += 1
    }
    return bytes
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assess-benchmark-\(getpid())")
try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
let csvBytes = contactCSV(size: csvSize)
let evidencePath = folder.appendingPathComponent("contacts.yaml").path
do {
    try Data(csvBytes).write(to: folder.appendingPathComponent("contacts.csv"))
    try Data(("organisation:\n  name: Benchmark Borough Council\nfacts:\n"
              + "  channel.volumes:\n    file: contacts.csv\n    source: measured\n"
              + "  channel.avoidable-contact-share:\n    file: contacts.csv\n    source: measured\n").utf8)
        .write(to: URL(fileURLWithPath: evidencePath))
} catch {
    print("cannot write the CSV case to \(folder.path): \(error)")
    exit(73)
}

@inline(never)
func scoreCSV() -> Int {
    do throws(LoadError) {
        let evidence = try EvidenceLoader().load(path: evidencePath)
        return Engine(framework: framework).assess(evidence).diagnostics.count
    } catch {
        print("load failed: \(error)")
        exit(70)
    }
}

let csvRuns = 3
var csvBare: [Duration] = [], csvScore: [Duration] = []
var problems = 0
for _ in 0..<csvRuns {
    csvBare.append(clock.measure { events = bareParse(csvBytes) })
    csvScore.append(clock.measure { problems = scoreCSV() })
}
print("")
print("## 3. A contact CSV of \(Format.number(Double(csvBytes.count) / 1_048_576, decimals: 1)) MB, scored with the built-in framework")
print("\(Format.number(Double(events), decimals: 0)) libyaml events; \(problems) problems; \(csvRuns) runs each, interleaved")
print("| step | median | min |")
print("|---|--:|--:|")
print("| libyaml event parse of the CSV bytes alone | \(ms(median(csvBare))) | \(ms(csvBare.min() ?? .zero)) |")
print("| assess load + score (CSV read once, three criteria) | \(ms(median(csvScore))) | \(ms(csvScore.min() ?? .zero)) |")
print("ratio: \(Format.number(seconds(median(csvScore)) / seconds(median(csvBare)), decimals: 2))x libyaml; peak memory of this benchmark process (all cases, generated inputs included): \(Format.number(peakMB(), decimals: 0)) MB")
try? FileManager.default.removeItem(at: folder)
