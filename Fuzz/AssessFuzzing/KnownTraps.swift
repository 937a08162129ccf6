import Foundation

/// Crashes found by fuzzing that belong to work in progress elsewhere (numeric conversions and impossible
/// dates, issue 7), skipped so a session can look for anything else meanwhile.
///
/// DELETE each entry (and the skipping with it when the list is empty) once the fix is merged: `swift test`
/// and `scripts/fuzz` then run these inputs again. `ASSESS_FUZZ_KNOWN_TRAPS=run` runs them now.
public enum KnownTraps {
    /// One known trap: the input that shows it, and which inputs to skip for it.
    public struct Trap: Sendable {
        /// A short id.
        public let id: String
        /// Where it traps and why.
        public let summary: String
        /// Skipped inputs are those for targets whose name starts with this.
        public let target: String
        /// The minimal payload that traps.
        public let reproducer: String
        /// Whether a payload (as text) may hit the trap.
        public let matches: @Sendable (String) -> Bool

        /// The reproducer as a whole input, selector byte first.
        public var input: [UInt8]? {
            FuzzTargets.selector(forNamePrefix: target).map { [$0] + Array(reproducer.utf8) }
        }
    }

    /// The known traps.
    /// None: the one trap fuzzing found (Format.number converting a Double of 9.2e18 or more to Int) was fixed
    /// when numbers became range-checked where they enter (InputNumber); its reproducer is a regression test.
    public static let all: [Trap] = []

    /// Whether the known traps run (`ASSESS_FUZZ_KNOWN_TRAPS=run`) or are skipped.
    public static var skipping: Bool {
        ProcessInfo.processInfo.environment["ASSESS_FUZZ_KNOWN_TRAPS"] != "run"
    }

    /// The known trap an input may hit, if any.
    public static func match(_ input: [UInt8]) -> Trap? {
        guard !all.isEmpty, let target = FuzzTargets.target(for: input) else { return nil }
        let text = String(decoding: input.dropFirst(), as: UTF8.self)
        return all.first { $0.target.isEmpty || target.name.hasPrefix($0.target) ? $0.matches(text) : false }
    }

    /// Whether the text may hold a number of magnitude 9e18 or more as Swift's `Double(String)` reads it
    /// (decimal, exponent, hexadecimal such as 0x7fffffffffffffff, `_` separators), or an infinity.
    @Sendable public static func containsHugeNumber(_ text: String) -> Bool {
        let lower = text.lowercased()
        var run: [UInt8] = []
        func huge() -> Bool {
            defer { run.removeAll(keepingCapacity: true) }
            var digits = 0
            for byte in run {
                digits = (0x30...0x39).contains(byte) ? digits + 1 : 0
                if digits >= 19 { return true }
            }
            let cleaned = run.filter { $0 != UInt8(ascii: "_") }
            guard cleaned.count < 64 else { return false }
            for start in cleaned.indices {
                if let value = Double(String(decoding: cleaned[start...], as: UTF8.self)), abs(value) >= 9e18 {
                    // A suffix of a word ("xinf") is not a number; the whole run or one starting at a digit, sign or point is.
                    let first = cleaned[start]
                    if start == cleaned.startIndex || !(0x61...0x7A).contains(cleaned[start - 1]) || !(0x61...0x7A).contains(first) { return true }
                }
            }
            return false
        }
        for byte in lower.utf8 {
            // Words too, so "inf" and "infinity" count but not inside "information".
            let numeric = (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            if numeric { run.append(byte) } else if !run.isEmpty, huge() { return true }
        }
        return !run.isEmpty && huge()
    }
}
