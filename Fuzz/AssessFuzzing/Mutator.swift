/// A small, fast, seeded generator (SplitMix64), so a mutation session is the same on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator from a seed.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Deterministic mutations of an input, aimed at what breaks parsers and converters: bit flips, byte inserts
/// and deletes, splices with other inputs, numbers past every integer type (1e19, -9223372036854775809,
/// .nan), impossible dates, deep nesting, long lines, invalid UTF-8 and terminal control bytes.
public struct Mutator: Sendable {
    /// The largest input produced.
    public var maxLength: Int

    /// A mutator producing inputs of at most `maxLength` bytes.
    public init(maxLength: Int = 1 << 16) { self.maxLength = maxLength }

    /// Tokens that have broken parsers and numeric conversions elsewhere.
    public static let hostileTokens: [[UInt8]] = [
        "1e19", "-1e19", "9223372036854775808", "-9223372036854775809", "18446744073709551616", "1e308", "1e309",
        "-1e309", "4.9e-324", "1e-400", ".nan", ".NaN", "NaN", ".inf", "-.inf", "inf", "-0", "0x7fffffffffffffff",
        "0o777", "1_000_000", "99999999999999999999999999", "2026-02-30", "2025-13-01", "0000-00-00",
        "9999-12-31T25:61:61Z", "99999-01-01", "-2025-01-01", "2025-W53", "2025-00", "20251301", "31/02/2026",
        "~", "null", "yes", "no", "on", "off", "true", "\"\"", "''", "&a [*a, *a]", "*a", "<<: *a", "!!binary",
        "!!float", "!tag", "---\n", "...\n", "%YAML 1.1\n", "? ", ": ", "- ", "{", "}", "[", "]", ",", "\"", "\\u0000",
        "\r\n", "\r", "\t", "#", "%", "100%", "£1,000", "1,234,567", "\u{1B}[2J", "\u{1B}]0;title\u{07}", "\u{202E}",
        "\u{2066}", "\u{FEFF}", "\u{0}", "<![CDATA[", "<!DOCTYPE x [<!ENTITY e \"e\">]>", "&amp;", "&#0;", "</url>",
        "<url><loc>", "<lastmod>", "\"id\":", "\"status\": \"assessed\"", "\"level\": ", "\"score\": ",
    ].map { Array($0.utf8) } + [[0xC3, 0x28], [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0x80]]

    /// One mutated copy of `input`, keeping its first (selector) byte except rarely; `corpus` feeds splices.
    public func mutate(_ input: [UInt8], corpus: [[UInt8]], using rng: inout SplitMix64) -> [UInt8] {
        guard let selector = input.first else { return [UInt8.random(in: 0...255, using: &rng)] }
        var payload = Array(input.dropFirst())
        let rounds = 1 + Int(rng.next() % 4)
        for _ in 0..<rounds { mutateOnce(&payload, corpus: corpus, using: &rng) }
        if payload.count > maxLength { payload.removeLast(payload.count - maxLength) }
        let newSelector = rng.next() % 64 == 0 ? UInt8.random(in: 0...255, using: &rng) : selector
        return [newSelector] + payload
    }

    private func position(_ payload: [UInt8], using rng: inout SplitMix64) -> Int {
        Int(rng.next() % UInt64(payload.count + 1))
    }

    private func mutateOnce(_ payload: inout [UInt8], corpus: [[UInt8]], using rng: inout SplitMix64) {
        switch rng.next() % 12 {
        case 0 where !payload.isEmpty:  // flip a bit
            let index = Int(rng.next() % UInt64(payload.count))
            payload[index] ^= 1 << UInt8(rng.next() % 8)
        case 1 where !payload.isEmpty:  // set a byte
            payload[Int(rng.next() % UInt64(payload.count))] = UInt8(truncatingIfNeeded: rng.next())
        case 2:  // insert bytes
            let count = 1 + Int(rng.next() % 8)
            payload.insert(contentsOf: (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) },
                           at: position(payload, using: &rng))
        case 3 where !payload.isEmpty:  // delete a range
            let start = Int(rng.next() % UInt64(payload.count))
            let end = min(payload.count, start + 1 + Int(rng.next() % 64))
            payload.removeSubrange(start..<end)
        case 4 where !payload.isEmpty:  // duplicate a range
            let start = Int(rng.next() % UInt64(payload.count))
            let end = min(payload.count, start + 1 + Int(rng.next() % 256))
            payload.insert(contentsOf: payload[start..<end], at: position(payload, using: &rng))
        case 5, 6:  // a hostile token
            let token = Self.hostileTokens[Int(rng.next() % UInt64(Self.hostileTokens.count))]
            payload.insert(contentsOf: token, at: position(payload, using: &rng))
        case 7:  // replace a number with a hostile one
            replaceNumber(&payload, using: &rng)
        case 8 where !corpus.isEmpty:  // splice with another input
            let other = Array(corpus[Int(rng.next() % UInt64(corpus.count))].dropFirst())
            guard !other.isEmpty else { return }
            let cut = position(payload, using: &rng)
            let from = Int(rng.next() % UInt64(other.count))
            payload = Array(payload[..<cut]) + other[from...]
        case 9:  // deep nesting
            let depth = 16 + Int(rng.next() % 2048)
            let (open, close): ([UInt8], [UInt8]) = [(Array("[".utf8), Array("]".utf8)), (Array("{\"a\":".utf8), Array("}".utf8)),
                                                     (Array("- ".utf8), []), (Array("<a>".utf8), Array("</a>".utf8))][Int(rng.next() % 4)]
            let at = position(payload, using: &rng)
            payload.insert(contentsOf: Array([[UInt8]](repeating: open, count: depth).joined())
                           + Array([[UInt8]](repeating: close, count: depth).joined()), at: at)
        case 10:  // a long line
            let byte = [UInt8(ascii: "a"), UInt8(ascii: "9"), UInt8(ascii: ","), UInt8(ascii: " "), UInt8(ascii: "\"")][Int(rng.next() % 5)]
            payload.insert(contentsOf: [UInt8](repeating: byte, count: 1024 + Int(rng.next() % 60_000)), at: position(payload, using: &rng))
        default:  // truncate
            if !payload.isEmpty { payload.removeLast(Int(rng.next() % UInt64(payload.count))) }
        }
    }

    /// Replaces a run of digits with a hostile number or date.
    private func replaceNumber(_ payload: inout [UInt8], using rng: inout SplitMix64) {
        guard !payload.isEmpty else { return }
        let from = Int(rng.next() % UInt64(payload.count))
        guard let start = payload[from...].firstIndex(where: { (0x30...0x39).contains($0) }) else { return }
        var end = start
        while end < payload.count, (0x30...0x39).contains(payload[end]) || payload[end] == UInt8(ascii: ".") || payload[end] == UInt8(ascii: "-") {
            end += 1
        }
        let numeric = Self.hostileTokens.prefix(32)
        payload.replaceSubrange(start..<end, with: numeric[numeric.startIndex + Int(rng.next() % UInt64(numeric.count))])
    }
}

/// A seeded mutation session: every seed once, then `runs` mutations of seeds and of earlier inputs.
public struct MutationSession: Sendable {
    /// The generator's seed: the same seed gives the same inputs.
    public var seed: UInt64
    /// Mutated inputs to run after the seeds.
    public var runs: Int
    /// The mutator.
    public var mutator: Mutator
    /// Whether inputs matching ``KnownTraps/all`` are skipped (see there).
    public var skipKnownTraps: Bool

    /// A session.
    public init(seed: UInt64, runs: Int, mutator: Mutator = Mutator(), skipKnownTraps: Bool = true) {
        self.seed = seed
        self.runs = runs
        self.mutator = mutator
        self.skipKnownTraps = skipKnownTraps
    }

    /// What a session did.
    public struct Report: Sendable {
        /// Inputs run, by target name.
        public var executions: [String: Int] = [:]
        /// Inputs skipped because they match a known trap, by trap id.
        public var skipped: [String: Int] = [:]
        /// All inputs run.
        public var total: Int { executions.values.reduce(0, +) }
    }

    /// Runs the session. `before` sees each input first (the driver saves it, so a crash leaves its reproducer).
    public func run(corpus seeds: [[UInt8]], before: (Int, [UInt8]) -> Void = { _, _ in }) -> Report {
        var report = Report()
        var rng = SplitMix64(seed: seed)
        var pool = seeds
        func execute(_ index: Int, _ input: [UInt8]) {
            if skipKnownTraps, let trap = KnownTraps.match(input) {
                report.skipped[trap.id, default: 0] += 1
                return
            }
            before(index, input)
            if let name = FuzzTargets.run(input) { report.executions[name, default: 0] += 1 }
        }
        for (index, input) in seeds.enumerated() { execute(index, input) }
        guard !pool.isEmpty else { return report }
        for run in 0..<runs {
            let parent = pool[Int(rng.next() % UInt64(pool.count))]
            let child = mutator.mutate(parent, corpus: pool, using: &rng)
            execute(seeds.count + run, child)
            // Keep some children as parents, so mutations stack; the pool stays bounded.
            if rng.next() % 8 == 0 {
                if pool.count < seeds.count + 256 { pool.append(child) } else { pool[seeds.count + Int(rng.next() % 256)] = child }
            }
        }
        return report
    }
}
