import AssessFuzzing
import Foundation
#if ASSESS_LIBFUZZER
import CLibFuzzer
#endif

/// `assess-fuzz`: the fuzz targets of `AssessFuzzing` as a program (docs/fuzzing.md).
///
///     assess-fuzz list                      the targets and their selector bytes
///     assess-fuzz seeds DIR [--exports]     writes the seed corpus (with --exports, the example and shared exports too)
///     assess-fuzz dict FILE                 writes the mutator's hostile tokens as a libFuzzer dictionary
///     assess-fuzz mutate [--seed N] [--runs N] [--corpus DIR]... [--save-last FILE]
///     assess-fuzz FILE...                   runs each input once (reproducing a crash)
///
/// Built with `-Xswiftc -sanitize=fuzzer,address -Xswiftc -DASSESS_LIBFUZZER` (scripts/fuzz), every other
/// argument goes to libFuzzer.
@main
struct AssessFuzz {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "list":
            for (index, target) in FuzzTargets.all.enumerated() {
                print(String(format: "%3d 0x%02x  %@  (%d seeds)", index, index, target.name, target.seeds.count))
            }
            for trap in KnownTraps.all { print("known trap \(trap.id) in \(trap.target): \(trap.summary)") }
        case "seeds":
            guard arguments.count >= 2 else { fail("usage: assess-fuzz seeds DIR [--exports]") }
            writeSeeds(to: arguments[1], exports: arguments.contains("--exports"))
        case "dict":
            // The mutator's hostile tokens as a libFuzzer dictionary (-dict=FILE).
            guard arguments.count >= 2 else { fail("usage: assess-fuzz dict FILE") }
            let lines = Mutator.hostileTokens.map { token in
                "\"" + token.map { byte -> String in
                    (0x20...0x7E).contains(byte) && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
                        ? String(UnicodeScalar(byte)) : String(format: "\\x%02X", byte)
                }.joined() + "\""
            }
            guard FileManager.default.createFile(atPath: arguments[1], contents: Data((lines.joined(separator: "\n") + "\n").utf8)) else {
                fail("cannot write \(arguments[1])")
            }
        case "mutate":
            mutate(Array(arguments.dropFirst()))
        default:
            #if ASSESS_LIBFUZZER
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            let skip = KnownTraps.skipping
            _ = withUnsafeMutablePointer(to: &argv) { argvPointer in
                skippingKnownTraps = skip
                return LLVMFuzzerRunDriver(&argc, argvPointer) { data, size in
                    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
                    if AssessFuzz.skippingKnownTraps, KnownTraps.match(input) != nil { return -1 }
                    FuzzTargets.run(input)
                    return 0
                }
            }
            #else
            guard !arguments.isEmpty else { fail("usage: assess-fuzz list | seeds DIR | mutate [--seed N] [--runs N] | FILE...") }
            for path in arguments {
                guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
                let input = [UInt8](data)
                print("\(path): \(FuzzTargets.target(for: input)?.name ?? "empty input")")
                FuzzTargets.run(input)
            }
            print("no crash")
            #endif
        }
    }

    nonisolated(unsafe) static var skippingKnownTraps = true

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(64)
    }

    /// The seed corpus as files: `NNN-target-K` holding the selector byte and the seed.
    static func writeSeeds(to folder: String, exports: Bool) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var count = 0
        func write(_ input: [UInt8], _ name: String) {
            let safe = name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" }
            let path = folder + "/" + String(safe)
            if FileManager.default.createFile(atPath: path, contents: Data(input)) { count += 1 }
        }
        for (index, target) in FuzzTargets.all.enumerated() {
            for (number, seed) in target.seeds.enumerated() {
                write([UInt8(index)] + seed, String(format: "%03d-", index) + target.name + "-\(number)")
            }
        }
        if exports {
            // Each real export goes to one target reading files of its kind, in turn.
            var byExtension: [String: [Int]] = [:]
            for (index, target) in FuzzTargets.all.enumerated() where target.name.hasPrefix("export:") {
                let ext = (target.name as NSString).pathExtension.lowercased()
                byExtension[ext, default: []].append(index)
            }
            var turn: [String: Int] = [:]
            for root in ["examples/exports", "../shared/data/formats"] {
                guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
                for path in walker.allObjects.compactMap({ $0 as? String }).sorted() {
                    let ext = (path as NSString).pathExtension.lowercased()
                    guard let targets = byExtension[ext], let data = FileManager.default.contents(atPath: root + "/" + path) else { continue }
                    let index = targets[turn[ext, default: 0] % targets.count]
                    turn[ext, default: 0] += 1
                    write([UInt8(index)] + [UInt8](data), String(format: "%03d-", index) + "disk-" + path)
                }
            }
        }
        print("wrote \(count) seeds to \(folder)")
    }

    /// A seeded mutation session: `--seed` (1), `--runs` (10000), `--corpus DIR` (extra inputs), `--save-last FILE`.
    static func mutate(_ arguments: [String]) {
        var seed: UInt64 = 1, runs = 10_000, corpora: [String] = [], saveLast: String?
        var index = 0
        while index < arguments.count {
            let value = index + 1 < arguments.count ? arguments[index + 1] : ""
            switch arguments[index] {
            case "--seed": seed = UInt64(value) ?? seed
            case "--runs": runs = Int(value) ?? runs
            case "--corpus": corpora.append(value)
            case "--save-last": saveLast = value
            default: fail("unknown option \(arguments[index])")
            }
            index += 2
        }
        var inputs = FuzzTargets.seedInputs
        for folder in corpora {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.sorted() ?? []
            inputs += names.compactMap { FileManager.default.contents(atPath: folder + "/" + $0).map { [UInt8]($0) } }
        }
        let session = MutationSession(seed: seed, runs: runs, skipKnownTraps: KnownTraps.skipping)
        let started = Date()
        let report = session.run(corpus: inputs) { _, input in
            if let saveLast { _ = FileManager.default.createFile(atPath: saveLast, contents: Data(input)) }
        }
        let seconds = Date().timeIntervalSince(started)
        print("seed \(seed): \(report.total) executions in \(String(format: "%.1f", seconds)) s, no crash")
        for (name, count) in report.executions.sorted(by: { $0.key < $1.key }) { print("  \(count)\t\(name)") }
        for (id, count) in report.skipped.sorted(by: { $0.key < $1.key }) { print("  skipped \(count) (known trap \(id))") }
    }
}
