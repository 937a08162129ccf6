import Foundation

/// Scoring many organisations in one process: which files a batch reads, running them on several threads
/// with results handed back in input order, and the summary table of the results.
public enum Batch {
    /// The evidence files named by `inputs`: files as given, and in folders every `.yaml`, `.yml` or `.json`
    /// file (not in subfolders, and not `index.csv` or other files), sorted by path so a batch's order, and so
    /// its output, never depends on the order a folder lists them in. A path given twice is read once.
    public static func evidenceFiles(_ inputs: [String]) throws(LoadError) -> [String] {
        var files = Set<String>()
        for input in inputs {
            if FileReader.isDirectory(input) {
                let names: [String]
                do { names = try FileManager.default.contentsOfDirectory(atPath: input) } catch {
                    throw .notFound(path: input, hint: "the folder cannot be read")
                }
                for name in names where isEvidenceName(name) {
                    let path = FileReader.resolve(name, relativeTo: input)
                    if !FileReader.isDirectory(path) { files.insert(path) }
                }
            } else if FileReader.exists(input) {
                files.insert(input)
            } else {
                throw .notFound(path: input, hint: "name evidence files or folders of them")
            }
        }
        return files.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// Whether a file in a folder is evidence a batch reads.
    static func isEvidenceName(_ name: String) -> Bool {
        guard !name.hasPrefix(".") else { return false }
        let lower = name.lowercased()
        return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json")
    }

    /// Runs `work` on every item with at most `jobs` threads, and hands each result to `emit` in item order,
    /// on the calling thread.
    ///
    /// Items are taken in windows of `window` (at least `jobs`). While the calling thread emits one window in
    /// order, the threads work on the next, so at most two windows of results are held at once, whatever the
    /// number of items, and what `emit` sees never depends on the number of threads. `emit` may throw to stop
    /// the run (a disk that is full); the window being worked is finished first and then dropped.
    public static func run<Result: Sendable, Failure: Error>(
        count: Int, jobs: Int, window: Int? = nil,
        work: @escaping @Sendable (Int) -> Result,
        emit: (Int, Result) throws(Failure) -> Void
    ) throws(Failure) {
        let jobs = max(1, jobs)
        let window = max(jobs, window ?? jobs * 8)
        /// Works items `range` on the threads, into slots.
        @Sendable func compute(_ range: Range<Int>) -> Slots<Result> {
            let slots = Slots<Result>(count: range.count)
            if jobs == 1 {
                for index in range { slots.set(index - range.lowerBound, work(index)) }
            } else {
                let next = Counter(range.lowerBound)
                DispatchQueue.concurrentPerform(iterations: min(jobs, range.count)) { _ in
                    while let index = next.take(below: range.upperBound) { slots.set(index - range.lowerBound, work(index)) }
                }
            }
            return slots
        }
        guard count > 0 else { return }
        var range = 0..<min(count, window)
        var current = compute(range)
        while true {
            let nextRange = range.upperBound..<min(count, range.upperBound + window)
            let group = DispatchGroup()
            let ahead = Box<Slots<Result>>()
            if !nextRange.isEmpty {
                DispatchQueue.global().async(group: group) { ahead.value = compute(nextRange) }
            }
            defer { group.wait() }
            for (offset, result) in current.taken().enumerated() { try emit(range.lowerBound + offset, result) }
            group.wait()
            guard !nextRange.isEmpty, let next = ahead.value else { return }
            range = nextRange
            current = next
        }
    }

    /// A value handed from one thread to another, read only after the writer's group is waited for.
    private final class Box<Value>: @unchecked Sendable {
        var value: Value?
    }

    /// Results of one window, written by several threads, each to its own slot.
    private final class Slots<Value: Sendable>: @unchecked Sendable {
        private var values: [Value?]
        private let lock = NSLock()
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: Value) { lock.lock(); values[index] = value; lock.unlock() }
        func taken() -> [Value] { lock.lock(); defer { lock.unlock() }; return values.compactMap { $0 } }
    }

    /// The next item to work on, shared by the threads.
    private final class Counter: @unchecked Sendable {
        private var value: Int
        private let lock = NSLock()
        init(_ value: Int) { self.value = value }
        func take(below end: Int) -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard value < end else { return nil }
            value += 1
            return value - 1
        }
    }
}

// MARK: - Summary table

/// One row of a batch's summary: who was assessed, and the overall and dimension results.
public struct SummaryRow: Sendable {
    /// The organisation's code, else the evidence file's name without extension.
    public var code: String
    /// Its name.
    public var name: String
    /// Its type as written.
    public var type: String
    /// Its nation.
    public var nation: String
    /// The period the evidence describes.
    public var period: String
    /// The overall level, score, coverage and confidence, then each dimension's, in framework order.
    public var results: [(level: Int?, score: Double?, coverage: Double?, confidence: Double?)]
    /// The overall status (scored, not-enough-evidence, unverified).
    public var status: String

    /// The row for an assessment; `fallbackCode` names an organisation without a code.
    public init(_ assessment: Assessment, fallbackCode: String) {
        let organisation = assessment.organisation
        code = organisation.code ?? fallbackCode
        name = organisation.name
        type = organisation.type ?? ""
        nation = organisation.nation.rawValue
        period = organisation.period ?? ""
        status = assessment.overall.status.rawValue
        let overall = assessment.overall
        results = [(overall.level, overall.score, overall.coverage, overall.confidence)]
            + assessment.dimensions.map { ($0.level, $0.score, $0.coverage, $0.confidence) }
    }
}

/// Writes a batch's summary as CSV (RFC 4180, UTF-8, CRLF line ends, safe to open in a spreadsheet) and as
/// JSON Lines. Numbers are written as in the JSON result (at most three decimals).
public enum SummaryTable {
    /// The header row for a framework's dimensions.
    public static func csvHeader(dimensions: [String]) -> String {
        var cells = ["code", "name", "type", "nation", "period", "status"]
        for prefix in ["overall"] + dimensions {
            cells += ["level", "score", "coverage", "confidence"].map { "\(prefix)_\($0)" }
        }
        return line(cells)
    }

    /// One organisation's CSV row.
    public static func csvRow(_ row: SummaryRow) -> String {
        var cells = [row.code, row.name, row.type, row.nation, row.period, row.status]
        for result in row.results {
            cells += [result.level.map(String.init) ?? "", number(result.score), number(result.coverage), number(result.confidence)]
        }
        return line(cells)
    }

    /// One organisation's JSON Lines record (one line, with its newline).
    public static func jsonLine(_ row: SummaryRow, dimensions: [String]) -> String {
        func result(_ r: (level: Int?, score: Double?, coverage: Double?, confidence: Double?)) -> JSONValue {
            .object([("level", .number(r.level.map(Double.init))), ("score", .number(rounded(r.score))),
                     ("coverage", .number(rounded(r.coverage))), ("confidence", .number(rounded(r.confidence)))])
        }
        let dims = zip(dimensions, row.results.dropFirst()).map { ($0, result($1)) }
        let value = JSONValue.object([
            ("code", .string(row.code)), ("name", .string(row.name)), ("type", .string(row.type)),
            ("nation", .string(row.nation)), ("period", .string(row.period)), ("status", .string(row.status)),
            ("overall", row.results.first.map(result) ?? .null),
            ("dimensions", .object(dims)),
        ])
        return value.compact() + "\n"
    }

    /// The failures list's header.
    public static let failuresHeader = line(["file", "kind", "message"])

    /// One failure: the file, what kind of failure (`not-found`, `invalid-data`), and the messages.
    public static func failureRow(file: String, kind: String, message: String) -> String {
        line([file, kind, message])
    }

    /// A number as the JSON result writes it (three decimals).
    static func rounded(_ value: Double?) -> Double? { value.flatMap { Double(JSONValue.format($0)) } }

    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        let text = JSONValue.format(value)
        return text == "null" ? "" : text
    }

    /// A CSV line: cells quoted when they hold a comma, quote or line break, and a cell a spreadsheet would
    /// read as a formula (starting `=`, `+`, `-`, `@`, tab or carriage return) prefixed with `'`.
    public static func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }

    /// One cell, quoted and made spreadsheet-safe as ``line(_:)`` says.
    public static func cell(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            // A number (a negative score) is data, not a formula.
            if Double(text) == nil { text = "'" + text }
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
