// Loader speed against a bare libyaml event parse of the same bytes, in the same run.
//
//   swift run -c release assess-benchmark [--size BYTES] [--runs N]
//
// Generates a deterministic evidence file of about 1 MB (long-form facts, mappings, lists, quoted text),
// then times, interleaved, (a) libyaml's parser alone, reading every event and discarding it, and
// (b) `assess` loading: the located tree, duplicate-key checks and type-directed decoding into Evidence.
import AssessCore
import CYAML
import Foundation

var targetSize = 1 << 20
var runs = 25
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--size": targetSize = arguments.popFirst().flatMap { Int($0) } ?? targetSize
    case "--runs": runs = arguments.popFirst().flatMap { Int($0) } ?? runs
    default:
        print("usage: assess-benchmark [--size BYTES] [--runs N]")
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
let ratio = Double(median(load).components.attoseconds + median(load).components.seconds * 1_000_000_000_000_000_000)
    / Double(median(bare).components.attoseconds + median(bare).components.seconds * 1_000_000_000_000_000_000)
print("input: \(Format.number(Double(bytes.count), decimals: 0)) bytes, \(Format.number(Double(events), decimals: 0)) libyaml events, \(facts) facts; \(runs) runs each, interleaved")
print("| step | median | min |")
print("|---|--:|--:|")
print("| libyaml event parse alone | \(ms(median(bare))) | \(ms(bare.min() ?? .zero)) |")
print("| assess tree alone (located nodes, duplicate keys) | \(ms(median(tree))) | \(ms(tree.min() ?? .zero)) |")
print("| assess load (tree + decode into Evidence) | \(ms(median(load))) | \(ms(load.min() ?? .zero)) |")
print("ratio (median assess / median libyaml): \(Format.number(ratio, decimals: 2))x (target: at most 1.5x)")
