import Foundation

/// An export file that a fact points at (`file: exports/contacts.csv`), read for an assessor.
///
/// Problems inside the file become criterion errors that name the file and the line or field, so one bad
/// export never stops the rest of the assessment.
public struct EvidenceFile: Sendable {
    /// The fact that names the file.
    public let fact: Fact
    /// The path as the user can find it (relative to where `assess` runs, or absolute).
    public let path: String
    /// The file's bytes.
    public let bytes: [UInt8]
    /// Parses shared by the criteria of one run.
    let cache: ExportCache?

    /// Creates a file from bytes (tests and assessor examples).
    public init(fact: Fact, path: String, bytes: [UInt8]) {
        self.init(fact: fact, path: path, bytes: bytes, cache: nil)
    }

    init(fact: Fact, path: String, bytes: [UInt8], cache: ExportCache?) {
        self.fact = fact
        self.path = path
        self.bytes = bytes
        self.cache = cache
    }

    /// The file as UTF-8 text, without a byte-order mark.
    public var text: String {
        var bytes = self.bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An error pointing into the file.
    public func error(_ message: String, line: Int = 0, column: Int = 0, hint: String? = nil) -> AssessmentIssue {
        let document = YAMLDocument(file: path, root: nil, bytes: bytes)
        return .invalid(document.diagnostic(message, at: SourceLocation(line: line, column: column), hint: hint))
    }

    /// The file parsed as JSON (or YAML), with syntax errors located in the file.
    public func json(limits: YAMLLimits = YAMLLimits(maxBytes: 64 << 20, maxDepth: 128, maxAliasExpansion: 0)) throws(AssessmentIssue) -> YAMLNode {
        guard let cache else { return try parseJSON(limits: limits) }
        return try cache.json(path) { () throws(AssessmentIssue) -> YAMLNode in try parseJSON(limits: limits) }
    }

    private func parseJSON(limits: YAMLLimits) throws(AssessmentIssue) -> YAMLNode {
        do {
            let document = try YAMLParser.parse(bytes, file: path, limits: limits)
            if let problem = document.problems.first { throw AssessmentIssue.invalid(problem) }
            guard let root = document.root else { throw error("the file is empty") }
            return root
        } catch let issue as AssessmentIssue {
            throw issue
        } catch {
            let first = (error as? DiagnosticError)?.diagnostics.first
            throw .invalid(first ?? Diagnostic(file: path, location: .unknown, message: "the file is not valid JSON"))
        }
    }

    /// The file parsed as CSV.
    public func csv() throws(AssessmentIssue) -> CSVTable {
        guard let cache else { return try parseCSV() }
        return try cache.csv(path) { () throws(AssessmentIssue) -> CSVTable in try parseCSV() }
    }

    /// A value made from the file once per assessment and shared by every criterion that asks for it under
    /// the same `kind` (a plugin's reading of an export, say), failures included. Without a cache (tests),
    /// it is made on every call.
    package func shared<T: Sendable>(_ kind: String, make: () throws(AssessmentIssue) -> T) throws(AssessmentIssue) -> T {
        guard let cache else { return try make() }
        return try cache.shared(kind + "\u{0}" + path, make: make)
    }

    private func parseCSV() throws(AssessmentIssue) -> CSVTable {
        do {
            return try CSVTable(bytes: bytes, file: path)
        } catch {
            throw .invalid(YAMLDocument(file: path, root: nil, bytes: bytes)
                .diagnostic(error.message, at: SourceLocation(line: error.line, column: error.column), hint: error.hint))
        }
    }
}

extension AssessorInput {
    /// The export file named by the fact bound to a role. A missing or unreadable file is an error naming it.
    public func file(_ role: String) throws(AssessmentIssue) -> EvidenceFile {
        let fact = try fact(role)
        guard let written = fact.file, let path = fact.filePath else {
            let node = fact.value ?? YAMLNode(.mapping([]), at: fact.location)
            throw invalid("\(fact.key) must name an export file", at: node,
                          hint: "write it in the long form with 'file: path/to/export', relative to the evidence file")
        }
        do throws(FileRefusal) {
            let bytes: [UInt8]
            if let cache { bytes = try cache.bytes(path, files: files) } else { bytes = try files.read(path) }
            return EvidenceFile(fact: fact, path: path, bytes: bytes, cache: cache)
        } catch {
            throw refusal(error, fact: fact, written: written, path: path)
        }
    }

    /// The located error for a `file:` that could not be read. A refused file was never opened, so the
    /// message holds nothing from it.
    func refusal(_ refusal: FileRefusal, fact: Fact, written: String, path: String) -> AssessmentIssue {
        switch refusal {
        case .outside, .notRegular:
            return .invalid(EvidenceLoader.fileRefusal(refusal, fact: fact, written: written, path: path, files: files, document: document))
        case .missing, .tooLarge, .unreadable:
            return .invalid(document.diagnostic("the file '\(written)' named by \(fact.key) \(refusal.reason) (looked for \(path))",
                                                at: fact.location, hint: "paths are relative to the evidence file's folder"))
        }
    }

    /// Whether the fact bound to a role names a file (rather than holding a value).
    public func hasFile(_ role: String) -> Bool {
        guard let key = bindings[role] else { return false }
        return facts[key]?.file != nil
    }
}

/// Export files read and parsed during one assessment, so an export that several criteria read is read and
/// parsed once. Results (including errors) are kept by path.
public final class ExportCache: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: Result<[UInt8], FileRefusal>] = [:]
    private var parsedJSON: [String: Result<YAMLNode, AssessmentIssue>] = [:]
    private var parsedCSV: [String: Result<CSVTable, AssessmentIssue>] = [:]
    private var sharedValues: [String: Result<any Sendable, AssessmentIssue>] = [:]

    /// An empty cache.
    public init() {}

    func bytes(_ path: String, files access: FileAccess) throws(FileRefusal) -> [UInt8] {
        let result = lock.withLock { () -> Result<[UInt8], FileRefusal> in
            if let known = files[path] { return known }
            let read: Result<[UInt8], FileRefusal>
            do throws(FileRefusal) { read = .success(try access.read(path)) } catch { read = .failure(error) }
            files[path] = read
            return read
        }
        return try result.get()
    }

    func json(_ path: String, parse: () throws(AssessmentIssue) -> YAMLNode) throws(AssessmentIssue) -> YAMLNode {
        let result = lock.withLock { () -> Result<YAMLNode, AssessmentIssue> in
            if let known = parsedJSON[path] { return known }
            let parsed: Result<YAMLNode, AssessmentIssue>
            do throws(AssessmentIssue) { parsed = .success(try parse()) } catch { parsed = .failure(error) }
            parsedJSON[path] = parsed
            return parsed
        }
        return try result.get()
    }

    /// A value kept by key. It is made outside the lock (making one may read other files through this cache),
    /// so two criteria asking at once may both make it; the first kept wins.
    func shared<T: Sendable>(_ key: String, make: () throws(AssessmentIssue) -> T) throws(AssessmentIssue) -> T {
        if let known = lock.withLock({ sharedValues[key] }) {
            switch known {
            case .success(let value): if let value = value as? T { return value }
            case .failure(let issue): throw issue
            }
        }
        let value: T
        do throws(AssessmentIssue) { value = try make() } catch {
            lock.withLock { if sharedValues[key] == nil { sharedValues[key] = .failure(error) } }
            throw error
        }
        lock.withLock { if sharedValues[key] == nil { sharedValues[key] = .success(value) } }
        return value
    }

    func csv(_ path: String, parse: () throws(AssessmentIssue) -> CSVTable) throws(AssessmentIssue) -> CSVTable {
        let result = lock.withLock { () -> Result<CSVTable, AssessmentIssue> in
            if let known = parsedCSV[path] { return known }
            let parsed: Result<CSVTable, AssessmentIssue>
            do throws(AssessmentIssue) { parsed = .success(try parse()) } catch { parsed = .failure(error) }
            parsedCSV[path] = parsed
            return parsed
        }
        return try result.get()
    }
}
