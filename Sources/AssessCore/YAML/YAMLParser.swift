import CYAML
import Foundation

/// Limits that keep hostile or broken input from exhausting memory or time.
public struct YAMLLimits: Sendable, Hashable {
    /// The largest file accepted, in bytes.
    public var maxBytes: Int
    /// The deepest nesting of mappings and lists accepted.
    public var maxDepth: Int
    /// How many nodes aliases may add in total ("billion laughs" protection).
    public var maxAliasExpansion: Int

    /// Creates limits; the defaults suit any real rubric or evidence file many times over.
    public init(maxBytes: Int = 32 << 20, maxDepth: Int = 64, maxAliasExpansion: Int = 100_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
    }
}

/// A parsed YAML or JSON file: its tree and its bytes, kept for pointing at lines in messages.
public struct YAMLDocument: Sendable {
    /// The file name as the user gave it.
    public let file: String
    /// The document's root, or nil when the file holds no document.
    public let root: YAMLNode?
    /// The raw bytes, used only to quote a line in a diagnostic.
    public let bytes: [UInt8]
    /// Problems that did not stop parsing (duplicate keys): decoding reports them with its own, so a file's
    /// problems are all listed together.
    public let problems: [Diagnostic]

    /// Where each line starts, built on the first diagnostic and shared by copies of the document.
    let lines: LineIndex

    /// Creates a document from parts (used by tests and by the parser).
    public init(file: String, root: YAMLNode?, bytes: [UInt8], problems: [Diagnostic] = []) {
        self.init(file: file, root: root, bytes: bytes, problems: problems, lines: LineIndex())
    }

    init(file: String, root: YAMLNode?, bytes: [UInt8], problems: [Diagnostic], lines: LineIndex) {
        self.file = file
        self.root = root
        self.bytes = bytes
        self.problems = problems
        self.lines = lines
    }

    /// The text of a 1-based line, without its line break.
    ///
    /// The first call indexes the line starts in one pass; every later call finds its line directly, so a
    /// file with many problems costs one pass, not one per problem.
    public func line(_ number: Int) -> String? {
        guard let range = lines.range(of: number, in: bytes) else { return nil }
        let end = bytes[range].firstIndex(of: 13) ?? range.upperBound  // a bare '\r' ends the line too
        return String(decoding: bytes[range.lowerBound..<end], as: UTF8.self)
    }

    /// The line to quote under a diagnostic: the whole line when it is of a readable length; the start of a
    /// long line (a minified JSON file is one line) when the column is near its start; otherwise none, so
    /// that many problems on one long line do not each copy it.
    func quotedLine(_ location: SourceLocation) -> String? {
        guard let whole = lines.range(of: location.line, in: bytes) else { return nil }
        // Looks at no more than the quoted part, so the cost per diagnostic is bounded.
        let range = whole.lowerBound..<min(whole.upperBound, whole.lowerBound + Self.quotedLineLimit + 1)
        if let end = bytes[range].firstIndex(of: 13) {  // a '\r' ends the line
            return String(decoding: bytes[range.lowerBound..<end], as: UTF8.self)
        }
        if whole.count <= Self.quotedLineLimit { return String(decoding: bytes[whole], as: UTF8.self) }
        guard location.column <= Self.quotedLineLimit / 2 else { return nil }
        // Cut at a character boundary (not on a UTF-8 continuation byte).
        var end = range.lowerBound + Self.quotedLineLimit
        while end > range.lowerBound, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: bytes[range.lowerBound..<end], as: UTF8.self) + " …"
    }

    /// The longest line quoted whole under a diagnostic, in bytes.
    static let quotedLineLimit = 240

    /// A diagnostic pointing into this document.
    public func diagnostic(
        _ message: String, at location: SourceLocation, hint: String? = nil,
        severity: Diagnostic.Severity = .error
    ) -> Diagnostic {
        Diagnostic(
            severity, file: file, location: location, message: message, hint: hint,
            sourceLine: quotedLine(location))
    }
}

/// The byte offset where each line of a document starts, found in one pass the first time a line is asked
/// for. A class so that copies of a document share one index; the lock makes that first pass safe when a
/// document is shared between tasks.
final class LineIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var starts: [Int]?
    /// Passes made over the bytes (one at most; tests check it).
    private(set) var passes = 0

    init() {}

    /// The byte offset of each line's start, the first line's (0) included.
    func starts(of bytes: [UInt8]) -> [Int] {
        lock.lock()
        defer { lock.unlock() }
        if let starts { return starts }
        var found = [0]
        passes += 1
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count,
                  let hit = memchr(base + offset, 0x0A, buffer.count - offset) {
                offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                found.append(offset)
            }
        }
        starts = found
        return found
    }

    /// The byte range of a 1-based line, without its `\n` (or `\r\n`).
    func range(of number: Int, in bytes: [UInt8]) -> Range<Int>? {
        guard number > 0 else { return nil }
        let starts = starts(of: bytes)
        guard number <= starts.count else { return nil }
        let start = starts[number - 1]
        var end = number < starts.count ? starts[number] - 1 : bytes.count
        if end > start, bytes[end - 1] == 13 { end -= 1 }
        return start..<end
    }
}

/// Turns libyaml's event stream into a ``YAMLDocument``.
public enum YAMLParser {
    /// Parses bytes. Syntax errors, unknown aliases and exceeded limits are thrown (with any problems found
    /// before them); duplicate keys do not stop parsing and are kept in ``YAMLDocument/problems``.
    public static func parse(
        _ bytes: [UInt8], file: String, limits: YAMLLimits = YAMLLimits()
    ) throws(DiagnosticError) -> YAMLDocument {
        if bytes.count > limits.maxBytes {
            let document = YAMLDocument(file: file, root: nil, bytes: [])
            throw DiagnosticError([
                document.diagnostic(
                    "the file is \(bytes.count) bytes, over the limit of \(limits.maxBytes) bytes",
                    at: .unknown, hint: "split it into smaller files")
            ])
        }
        var builder = TreeBuilder(file: file, bytes: bytes, limits: limits)
        builder.run()
        let lines = LineIndex()
        let located = YAMLDocument(file: file, root: nil, bytes: bytes, problems: [], lines: lines)
        let problems = builder.problems.map { located.diagnostic($0.message, at: $0.location, hint: $0.hint) }
        if builder.stoppedEarly { throw DiagnosticError(problems) }
        let tree = YAMLTree(nodes: builder.nodes, children: builder.children, text: builder.text,
                            holdsUnusableNumber: builder.holdsUnusableNumber)
        return YAMLDocument(file: file, root: builder.root.map { YAMLNode(tree: tree, index: $0) }, bytes: bytes,
                            problems: problems, lines: lines)
    }

    /// Parses a string (tests and built-in rubrics).
    public static func parse(
        _ text: String, file: String, limits: YAMLLimits = YAMLLimits()
    ) throws(DiagnosticError) -> YAMLDocument {
        try parse(Array(text.utf8), file: file, limits: limits)
    }
}

// MARK: - Tree building

private struct Problem {
    var message: String
    var location: SourceLocation
    var hint: String?
}

private struct Frame {
    var isMapping: Bool
    var location: SourceLocation
    var anchor: String?
    /// The container's own slot in the arena, reserved when it opens.
    var node: Int32
    /// Where this container's children start in the shared scratch buffer.
    var start: Int
    /// For mappings past a few keys: an open-addressing table of key offsets (+1; 0 is empty) and their
    /// hashes, indexed by a hash of the key's bytes.
    var keyTable: [Int32] = []
    var keyHashes: [UInt64] = []
    var keyTableCount = 0
    var weight = 1
    /// How many levels of containers this one holds, itself included (aliases count at their full depth).
    var height = 1
}

private struct TreeBuilder {
    let file: String
    let bytes: [UInt8]
    let limits: YAMLLimits
    var root: Int32?
    var problems: [Problem] = []
    private(set) var nodes: [YAMLTree.Node] = []
    private(set) var children: [Int32] = []
    private(set) var text: [UInt8] = []
    private var stack: [Frame] = []
    /// Children of every open container, in order; a closed container moves its run into `children`.
    /// Mappings hold key, value, key, value ...
    private var scratch: [Int32] = []
    private var anchors: [String: (node: Int32, weight: Int, height: Int)] = [:]
    private var aliasBudget: Int
    private var documents = 0
    private var stopped = false
    /// Whether a plain scalar read so far is a number that cannot be used (see ``YAMLTree/holdsUnusableNumber``).
    private(set) var holdsUnusableNumber = false
    /// True when a fatal problem (syntax, limits, unknown alias) ended parsing.
    var stoppedEarly: Bool { stopped }

    init(file: String, bytes: [UInt8], limits: YAMLLimits) {
        self.file = file
        self.bytes = bytes
        self.limits = limits
        self.aliasBudget = limits.maxAliasExpansion
        scratch.reserveCapacity(256)
        // Sized so typical files never grow them: a node per 8 bytes or so, and scalar text (unescaped, so
        // never longer than the input).
        nodes.reserveCapacity(bytes.count / 6 + 16)
        children.reserveCapacity(bytes.count / 6 + 16)
        text.reserveCapacity(bytes.count + 16)
    }

    mutating func run() {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            problems.append(Problem(message: "libyaml could not start (out of memory)", location: .unknown))
            return
        }
        defer { yaml_parser_delete(&parser) }
        let empty: [UInt8] = [0]
        let input = bytes.isEmpty ? empty : bytes
        input.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, bytes.count)
            var event = yaml_event_t()
            while !stopped {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    syntaxError(parser)
                    return
                }
                let done = event.type == YAML_STREAM_END_EVENT
                handle(&event)
                yaml_event_delete(&event)
                if done { return }
            }
        }
    }

    private mutating func handle(_ event: inout yaml_event_t) {
        let line = Int32(truncatingIfNeeded: event.start_mark.line + 1)
        let column = Int32(truncatingIfNeeded: event.start_mark.column + 1)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                fail("the file holds more than one YAML document", at: SourceLocation(line: Int(line), column: Int(column)),
                     hint: "keep one document per file: remove the second '---'")
            }
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            var plain = scalar.style == YAML_PLAIN_SCALAR_STYLE
            if plain, let tag = scalar.tag, String(cString: tag) == "tag:yaml.org,2002:str" { plain = false }
            let start = Int32(text.count)
            if let value = scalar.value, scalar.length > 0 {
                let bytes = UnsafeBufferPointer(start: value, count: Int(scalar.length))
                text.append(contentsOf: bytes)
                // Checked here, while the bytes are at hand, so decoding need not walk the values again.
                if plain, !holdsUnusableNumber, YAMLTree.mayBeUnusableNumber(bytes),
                   YAMLScalar(text: String(decoding: bytes, as: UTF8.self), isPlain: true).numberProblem != nil {
                    holdsUnusableNumber = true
                }
            }
            let index = Int32(nodes.count)
            nodes.append(YAMLTree.Node(kind: plain ? .plain : .quoted, line: line, column: column, start: start,
                                       count: Int32(scalar.length)))
            if let anchor = scalar.anchor { anchors[String(cString: anchor)] = (index, 1, 0) }
            add(index, weight: 1, height: 0)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
            let location = SourceLocation(line: Int(line), column: Int(column))
            if stack.count >= limits.maxDepth {
                fail("nesting is deeper than \(limits.maxDepth) levels", at: location,
                     hint: "flatten the structure; no rubric or evidence file needs this depth")
                return
            }
            let index = Int32(nodes.count)
            nodes.append(YAMLTree.Node(kind: isMapping ? .mapping : .sequence, line: line, column: column, start: 0, count: 0))
            stack.append(Frame(isMapping: isMapping, location: location, anchor: anchor.map { String(cString: $0) },
                               node: index, start: scratch.count))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return }
            let first = Int32(children.count)
            if frame.isMapping {
                closeMapping(from: frame.start)
            } else {
                let segment = scratch[frame.start...]
                children.append(contentsOf: segment)
            }
            scratch.removeSubrange(frame.start...)
            nodes[Int(frame.node)].start = first
            nodes[Int(frame.node)].count = Int32(children.count) - first
            if let anchor = frame.anchor { anchors[anchor] = (frame.node, frame.weight, frame.height) }
            add(frame.node, weight: frame.weight, height: frame.height)
        case YAML_ALIAS_EVENT:
            let name = String(cString: event.data.alias.anchor)
            let location = SourceLocation(line: Int(line), column: Int(column))
            guard let target = anchors[name] else {
                fail("the alias *\(name) refers to no anchor defined before it", at: location,
                     hint: "define '&\(name)' earlier in the file")
                return
            }
            aliasBudget -= target.weight
            if aliasBudget < 0 {
                fail("aliases expand to more than \(limits.maxAliasExpansion) nodes", at: location,
                     hint: "this looks like a 'billion laughs' file; write the values out or use fewer nested aliases")
                return
            }
            if stack.count + target.height > limits.maxDepth {
                fail("nesting is deeper than \(limits.maxDepth) levels", at: location,
                     hint: "the alias *\(name) brings in \(target.height) more levels; flatten the structure")
                return
            }
            // The alias shares the anchored node's text or children, at its own location.
            var copy = nodes[Int(target.node)]
            copy.line = line
            copy.column = column
            let index = Int32(nodes.count)
            nodes.append(copy)
            add(index, weight: target.weight, height: target.height)
        default:
            break
        }
    }

    private func location(_ index: Int32) -> SourceLocation {
        let node = nodes[Int(index)]
        return SourceLocation(line: Int(node.line), column: Int(node.column))
    }

    private func isScalar(_ index: Int32) -> Bool {
        let kind = nodes[Int(index)].kind
        return kind == .plain || kind == .quoted
    }

    /// Whether two scalar nodes have the same text, compared as bytes.
    private func sameText(_ a: Int32, _ b: Int32) -> Bool {
        let x = nodes[Int(a)], y = nodes[Int(b)]
        guard x.count == y.count else { return false }
        if x.start == y.start { return true }
        return text.withUnsafeBufferPointer { buffer in
            let xs = Int(x.start), ys = Int(y.start)
            for offset in 0..<Int(x.count) where buffer[xs + offset] != buffer[ys + offset] { return false }
            return true
        }
    }

    private func string(_ index: Int32) -> String {
        let node = nodes[Int(index)]
        let start = Int(node.start)
        return String(decoding: text[start..<(start + Int(node.count))], as: UTF8.self)
    }

    private func isMergeKey(_ index: Int32) -> Bool {
        let node = nodes[Int(index)]
        return node.kind == .plain && node.count == 2 && text[Int(node.start)] == UInt8(ascii: "<") && text[Int(node.start) + 1] == UInt8(ascii: "<")
    }

    private mutating func add(_ index: Int32, weight: Int, height: Int) {
        guard !stack.isEmpty else {
            root = index
            return
        }
        let top = stack.count - 1
        stack[top].weight += weight
        if height + 1 > stack[top].height { stack[top].height = height + 1 }
        let position = scratch.count - stack[top].start
        scratch.append(index)
        // In a mapping, odd positions are values: check the key just before for duplicates.
        guard stack[top].isMapping, position % 2 == 1 else { return }
        let key = scratch[scratch.count - 2]
        let keyNode = nodes[Int(key)]
        guard keyNode.kind == .plain || keyNode.kind == .quoted else { return }
        if keyNode.kind == .plain, keyNode.count == 2, text[Int(keyNode.start)] == 60, text[Int(keyNode.start) + 1] == 60 { return }
        if let first = duplicate(key, frame: top, keyOffset: position - 1) {
            problems.append(Problem(
                message: "duplicate key '\(string(key))' (first given on line \(first.line))", location: location(key),
                hint: "remove one of them or merge their values"))
        }
    }

    /// Looks a key up among the keys so far, keeping an index (by a hash of the key's bytes) once a mapping
    /// grows past a few keys.
    private mutating func duplicate(_ key: Int32, frame top: Int, keyOffset: Int) -> SourceLocation? {
        let start = stack[top].start
        // The arrays are passed to static helpers (borrowed) rather than copied into locals, which would
        // retain and release them for every key.
        if stack[top].keyTable.isEmpty, keyOffset < 24 {
            var offset = 0
            while offset < keyOffset {
                let other = scratch[start + offset]
                if Self.sameText(nodes, text, other, key) { return Self.location(nodes, other) }
                offset += 2
            }
            return nil
        }
        if stack[top].keyTable.isEmpty {
            var offset = 0
            while offset < keyOffset {
                let hash = Self.hash(nodes, text, scratch[start + offset])
                Self.insert(offset, hash: hash, into: &stack[top])
                offset += 2
            }
        }
        // Probe: an equal key is a duplicate; an empty slot means the key is new.
        let keyHash = Self.hash(nodes, text, key)
        let mask = stack[top].keyTable.count - 1
        var slot = Int(truncatingIfNeeded: keyHash) & mask
        while stack[top].keyTable[slot] != 0 {
            let other = scratch[start + Int(stack[top].keyTable[slot]) - 1]
            if stack[top].keyHashes[slot] == keyHash, Self.sameText(nodes, text, other, key) { return Self.location(nodes, other) }
            slot = (slot + 1) & mask
        }
        Self.insert(keyOffset, hash: keyHash, into: &stack[top])
        return nil
    }

    /// Whether a node is the plain scalar `<<` (a YAML merge key).
    private static func isMergeKey(_ nodes: [YAMLTree.Node], _ text: [UInt8], _ index: Int32) -> Bool {
        let key = nodes[Int(index)]
        return key.kind == .plain && key.count == 2 && text[Int(key.start)] == 60 && text[Int(key.start) + 1] == 60
    }

    private static func location(_ nodes: [YAMLTree.Node], _ index: Int32) -> SourceLocation {
        let node = nodes[Int(index)]
        return SourceLocation(line: Int(node.line), column: Int(node.column))
    }

    /// Adds a key offset to a frame's table, doubling the table when it is half full.
    private static func insert(_ offset: Int, hash: UInt64, into frame: inout Frame) {
        if (frame.keyTableCount + 1) * 2 > frame.keyTable.count {
            let oldTable = frame.keyTable, oldHashes = frame.keyHashes
            let size = max(64, oldTable.count * 2)
            frame.keyTable = [Int32](repeating: 0, count: size)
            frame.keyHashes = [UInt64](repeating: 0, count: size)
            frame.keyTableCount = 0
            for (slot, entry) in oldTable.enumerated() where entry != 0 {
                place(entry, hash: oldHashes[slot], into: &frame)
            }
        }
        place(Int32(offset + 1), hash: hash, into: &frame)
    }

    private static func place(_ entry: Int32, hash: UInt64, into frame: inout Frame) {
        let mask = frame.keyTable.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while frame.keyTable[slot] != 0 { slot = (slot + 1) & mask }
        frame.keyTable[slot] = entry
        frame.keyHashes[slot] = hash
        frame.keyTableCount += 1
    }

    /// Whether two nodes are scalars with the same text, compared as bytes.
    private static func sameText(_ nodes: [YAMLTree.Node], _ text: [UInt8], _ a: Int32, _ b: Int32) -> Bool {
        let x = nodes[Int(a)], y = nodes[Int(b)]
        guard x.kind == .plain || x.kind == .quoted, y.kind == .plain || y.kind == .quoted, x.count == y.count else { return false }
        if x.start == y.start { return true }
        return text.withUnsafeBufferPointer { buffer in
            let xs = Int(x.start), ys = Int(y.start)
            for offset in 0..<Int(x.count) where buffer[xs + offset] != buffer[ys + offset] { return false }
            return true
        }
    }

    /// FNV-1a over a scalar's bytes: cheap, and collisions are settled by comparing the bytes.
    private static func hash(_ nodes: [YAMLTree.Node], _ text: [UInt8], _ index: Int32) -> UInt64 {
        let node = nodes[Int(index)]
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        text.withUnsafeBufferPointer { buffer in
            for offset in Int(node.start)..<Int(node.start + node.count) {
                hash = (hash ^ UInt64(buffer[offset])) &* 0x0000_0100_0000_01b3
            }
        }
        return hash
    }

    /// Moves a mapping's keys and values from the scratch buffer into `children`, applying YAML merge keys
    /// (`<<: *defaults`): keys written in the mapping win over merged ones.
    private mutating func closeMapping(from start: Int) {
        var merges: [Int32] = []
        let nodes = self.nodes, text = self.text, scratch = self.scratch
        var index = start
        while index + 1 < scratch.count {
            if Self.isMergeKey(nodes, text, scratch[index]) { merges.append(scratch[index + 1]) }
            index += 2
        }
        guard !merges.isEmpty else {
            children.append(contentsOf: scratch[start...])
            return
        }
        var present = Set<String>()
        index = start
        while index + 1 < scratch.count {
            let key = scratch[index]
            if !isMergeKey(key) {
                children.append(key)
                children.append(scratch[index + 1])
                if isScalar(key) { present.insert(string(key)) }
            }
            index += 2
        }
        for merge in merges {
            let node = nodes[Int(merge)]
            let sources: [Int32]
            switch node.kind {
            case .sequence: sources = Array(children[Int(node.start)..<Int(node.start + node.count)])
            default: sources = [merge]
            }
            for source in sources {
                let mapping = nodes[Int(source)]
                guard mapping.kind == .mapping else {
                    problems.append(Problem(message: "a merge key '<<' needs a mapping or a list of mappings",
                                            location: location(source), hint: "point '<<' at an anchored mapping"))
                    continue
                }
                var offset = Int(mapping.start)
                let end = offset + Int(mapping.count)
                while offset + 1 < end {
                    let key = children[offset]
                    if isScalar(key) {
                        let name = string(key)
                        if !present.contains(name) {
                            present.insert(name)
                            children.append(key)
                            children.append(children[offset + 1])
                        }
                    }
                    offset += 2
                }
            }
        }
    }

    private mutating func fail(_ message: String, at location: SourceLocation, hint: String?) {
        problems.append(Problem(message: message, location: location, hint: hint))
        stopped = true
    }

    private mutating func syntaxError(_ parser: yaml_parser_t) {
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
        let context = parser.context.map { String(cString: $0) }
        // For a construct left open at the end of the file, point at where it was opened, not at the end.
        let unclosed = problem.contains("end of stream") && parser.context != nil
        let mark = unclosed ? parser.context_mark : parser.problem_mark
        let location = SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        var message = "YAML syntax error: \(problem)"
        if let context { message += " (\(context))" }
        fail(message, at: location, hint: Self.hint(for: problem, line: YAMLDocument(file: file, root: nil, bytes: bytes).line(location.line)))
    }

    private static func hint(for problem: String, line: String?) -> String? {
        if let line, line.contains("\t") { return "YAML indentation must use spaces, not tabs" }
        if problem.contains("mapping values are not allowed") {
            return "put text containing ': ' in quotes, or check this line's indentation"
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-'") {
            return "check that this line is indented like the lines it belongs with"
        }
        if problem.contains("could not find expected ':'") { return "each key needs a ':' after it" }
        if problem.contains("unexpected end of stream") || problem.contains("found unexpected end") {
            return "a quote or bracket is opened and never closed"
        }
        if problem.contains("control characters") || problem.contains("invalid") {
            return "save the file as UTF-8 text"
        }
        return nil
    }
}
