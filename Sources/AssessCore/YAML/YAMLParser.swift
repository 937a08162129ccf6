import CYAML

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

    /// Creates a document from parts (used by tests and by the parser).
    public init(file: String, root: YAMLNode?, bytes: [UInt8], problems: [Diagnostic] = []) {
        self.file = file
        self.root = root
        self.bytes = bytes
        self.problems = problems
    }

    /// The text of a 1-based line, without its line break.
    public func line(_ number: Int) -> String? {
        guard number > 0 else { return nil }
        var current = 1
        var start = 0
        var index = 0
        while index < bytes.count {
            if current == number { break }
            if bytes[index] == UInt8(ascii: "\n") {
                current += 1
                start = index + 1
            }
            index += 1
        }
        guard current == number, start <= bytes.count else { return nil }
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r") { end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// A diagnostic pointing into this document.
    public func diagnostic(
        _ message: String, at location: SourceLocation, hint: String? = nil,
        severity: Diagnostic.Severity = .error
    ) -> Diagnostic {
        Diagnostic(
            severity, file: file, location: location, message: message, hint: hint,
            sourceLine: line(location.line))
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
        let located = YAMLDocument(file: file, root: nil, bytes: bytes)
        let problems = builder.problems.map { located.diagnostic($0.message, at: $0.location, hint: $0.hint) }
        if builder.stoppedEarly { throw DiagnosticError(problems) }
        return YAMLDocument(file: file, root: builder.root, bytes: bytes, problems: problems)
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
    /// Where this container's children start in the shared scratch buffer.
    var start: Int
    var keyIndex: [String: Int]?
    var weight = 1
    /// How many levels of containers this one holds, itself included (aliases count at their full depth).
    var height = 1
}

private struct TreeBuilder {
    let file: String
    let bytes: [UInt8]
    let limits: YAMLLimits
    var root: YAMLNode?
    var problems: [Problem] = []
    private var stack: [Frame] = []
    /// Children of every open container, in order; a closed container takes its slice as one exact-size array.
    /// Mappings store key, value, key, value ...
    private var scratch: [YAMLNode] = []
    private var anchors: [String: (node: YAMLNode, weight: Int, height: Int)] = [:]
    private var aliasBudget: Int
    private var documents = 0
    private var stopped = false
    /// True when a fatal problem (syntax, limits, unknown alias) ended parsing.
    var stoppedEarly: Bool { stopped }

    init(file: String, bytes: [UInt8], limits: YAMLLimits) {
        self.file = file
        self.bytes = bytes
        self.limits = limits
        self.aliasBudget = limits.maxAliasExpansion
        scratch.reserveCapacity(256)
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
        let location = SourceLocation(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                fail("the file holds more than one YAML document", at: location,
                     hint: "keep one document per file: remove the second '---'")
            }
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
            var plain = scalar.style == YAML_PLAIN_SCALAR_STYLE
            if plain, let tag = scalar.tag, String(cString: tag) == "tag:yaml.org,2002:str" { plain = false }
            let node = YAMLNode(.scalar(YAMLScalar(text: text, isPlain: plain)), at: location)
            if let anchor = scalar.anchor { anchors[String(cString: anchor)] = (node, 1, 0) }
            add(node, weight: 1, height: 0)
        case YAML_SEQUENCE_START_EVENT:
            push(Frame(isMapping: false, location: location, anchor: event.data.sequence_start.anchor.map { String(cString: $0) },
                       start: scratch.count))
        case YAML_MAPPING_START_EVENT:
            push(Frame(isMapping: true, location: location, anchor: event.data.mapping_start.anchor.map { String(cString: $0) },
                       start: scratch.count))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return }
            let node: YAMLNode
            if frame.isMapping {
                node = YAMLNode(.mapping(closeMapping(from: frame.start)), at: frame.location)
            } else {
                node = YAMLNode(.sequence(Array(scratch[frame.start...])), at: frame.location)
            }
            scratch.removeSubrange(frame.start...)
            if let anchor = frame.anchor { anchors[anchor] = (node, frame.weight, frame.height) }
            add(node, weight: frame.weight, height: frame.height)
        case YAML_ALIAS_EVENT:
            let name = String(cString: event.data.alias.anchor)
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
            add(YAMLNode(target.node.content, at: location), weight: target.weight, height: target.height)
        default:
            break
        }
    }

    private mutating func push(_ frame: Frame) {
        if stack.count >= limits.maxDepth {
            fail("nesting is deeper than \(limits.maxDepth) levels", at: frame.location,
                 hint: "flatten the structure; no rubric or evidence file needs this depth")
            return
        }
        stack.append(frame)
    }

    private mutating func add(_ node: YAMLNode, weight: Int, height: Int) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].weight += weight
        if height + 1 > stack[top].height { stack[top].height = height + 1 }
        let position = scratch.count - stack[top].start
        scratch.append(node)
        // In a mapping, odd positions are values: check the key just before for duplicates.
        guard stack[top].isMapping, position % 2 == 1 else { return }
        let key = scratch[scratch.count - 2]
        guard let text = key.scalar?.text, !(text == "<<" && key.scalar?.isPlain == true) else { return }
        if let first = duplicate(text, frame: top, keyOffset: position - 1) {
            problems.append(Problem(
                message: "duplicate key '\(text)' (first given on line \(first.line))", location: key.location,
                hint: "remove one of them or merge their values"))
        }
    }

    /// Looks a key up among the keys so far, keeping an index once a mapping grows past a few keys.
    private mutating func duplicate(_ text: String, frame top: Int, keyOffset: Int) -> SourceLocation? {
        let start = stack[top].start
        if stack[top].keyIndex == nil, keyOffset < 24 {
            var offset = 0
            while offset < keyOffset {
                let key = scratch[start + offset]
                if key.scalar?.text == text { return key.location }
                offset += 2
            }
            return nil
        }
        if stack[top].keyIndex == nil {
            var index: [String: Int] = [:]
            index.reserveCapacity(64)
            var offset = 0
            while offset < keyOffset {
                if let key = scratch[start + offset].scalar?.text, index[key] == nil { index[key] = offset }
                offset += 2
            }
            stack[top].keyIndex = index
        }
        if let offset = stack[top].keyIndex?[text] { return scratch[start + offset].location }
        stack[top].keyIndex?[text] = keyOffset
        return nil
    }

    /// Builds a mapping's pairs from the scratch buffer, applying YAML merge keys (`<<: *defaults`):
    /// keys written in the mapping win over merged ones.
    private mutating func closeMapping(from start: Int) -> [YAMLPair] {
        var pairs: [YAMLPair] = []
        pairs.reserveCapacity((scratch.count - start) / 2)
        var merges: [YAMLNode] = []
        var index = start
        while index + 1 < scratch.count {
            let key = scratch[index]
            if key.scalar?.text == "<<", key.scalar?.isPlain == true {
                merges.append(scratch[index + 1])
            } else {
                pairs.append(YAMLPair(key: key, value: scratch[index + 1]))
            }
            index += 2
        }
        if !merges.isEmpty { applyMerges(merges, to: &pairs) }
        return pairs
    }

    private mutating func applyMerges(_ merges: [YAMLNode], to pairs: inout [YAMLPair]) {
        var present = Set(pairs.compactMap { $0.key.scalar?.text })
        for merge in merges {
            let sources = merge.items ?? [merge]
            for source in sources {
                guard let merged = source.pairs else {
                    problems.append(Problem(message: "a merge key '<<' needs a mapping or a list of mappings",
                                            location: source.location, hint: "point '<<' at an anchored mapping"))
                    continue
                }
                for pair in merged {
                    guard let key = pair.key.scalar?.text, !present.contains(key) else { continue }
                    present.insert(key)
                    pairs.append(pair)
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
