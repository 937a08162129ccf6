/// A node of a YAML (or JSON) document, carrying the line and column where it starts.
///
/// The tree is the engine's own `Sendable` value: libyaml's event stream is turned into it once, and all
/// decoding is type-directed from it, so `no` is a boolean only where a boolean is expected.
///
/// Parsed nodes live in one arena per document (``YAMLTree``): a node is a handle, its text and children are
/// read on demand, and building or freeing a document costs a few large allocations instead of one per node.
/// Nodes made in code (`YAMLNode(.mapping([]), at: ...)`) hold their content directly.
public struct YAMLNode: Sendable {
    /// What a node holds.
    public enum Content: Sendable {
        /// A scalar, kept as its text.
        case scalar(YAMLScalar)
        /// A sequence of nodes.
        case sequence([YAMLNode])
        /// A mapping, in document order.
        case mapping([YAMLPair])
    }

    private enum Storage: Sendable {
        case arena(YAMLTree, Int32)
        indirect case detached(Content, SourceLocation)
    }

    private let storage: Storage

    /// Creates a node.
    public init(_ content: Content, at location: SourceLocation) {
        storage = .detached(content, location)
    }

    init(tree: YAMLTree, index: Int32) {
        storage = .arena(tree, index)
    }

    /// The arena and slot of a parsed node; nil for a node built by hand (tests look at the parser's notes).
    var arena: (tree: YAMLTree, index: Int32)? {
        if case .arena(let tree, let index) = storage { return (tree, index) }
        return nil
    }

    /// What the node holds.
    public var content: Content {
        switch storage {
        case .detached(let content, _): return content
        case .arena(let tree, let index):
            let node = tree.nodes[Int(index)]
            switch node.kind {
            case .mapping: return .mapping(tree.pairs(of: node))
            case .sequence: return .sequence(tree.items(of: node))
            default: return .scalar(tree.scalar(node))
            }
        }
    }

    /// Where the node starts.
    public var location: SourceLocation {
        switch storage {
        case .detached(_, let location): return location
        case .arena(let tree, let index):
            let node = tree.nodes[Int(index)]
            return SourceLocation(line: Int(node.line), column: Int(node.column))
        }
    }

    /// The scalar, if this is one.
    public var scalar: YAMLScalar? {
        switch storage {
        case .detached(let content, _):
            if case .scalar(let scalar) = content { return scalar }
            return nil
        case .arena(let tree, let index):
            let node = tree.nodes[Int(index)]
            return node.kind == .plain || node.kind == .quoted ? tree.scalar(node) : nil
        }
    }

    /// The pairs, if this is a mapping.
    public var pairs: [YAMLPair]? {
        switch storage {
        case .detached(let content, _):
            if case .mapping(let pairs) = content { return pairs }
            return nil
        case .arena(let tree, let index):
            let node = tree.nodes[Int(index)]
            return node.kind == .mapping ? tree.pairs(of: node) : nil
        }
    }

    /// The items, if this is a sequence.
    public var items: [YAMLNode]? {
        switch storage {
        case .detached(let content, _):
            if case .sequence(let items) = content { return items }
            return nil
        case .arena(let tree, let index):
            let node = tree.nodes[Int(index)]
            return node.kind == .sequence ? tree.items(of: node) : nil
        }
    }

    /// Calls `body` with each key and value of a mapping, in order, without building an array of pairs.
    public func forEachPair(_ body: (YAMLNode, YAMLNode) -> Void) {
        switch storage {
        case .detached(let content, _):
            if case .mapping(let pairs) = content { for pair in pairs { body(pair.key, pair.value) } }
        case .arena(let tree, let index):
            let node = tree.nodes[Int(index)]
            guard node.kind == .mapping else { return }
            var offset = Int(node.start)
            let end = offset + Int(node.count)
            while offset + 1 < end {
                body(YAMLNode(tree: tree, index: tree.children[offset]), YAMLNode(tree: tree, index: tree.children[offset + 1]))
                offset += 2
            }
        }
    }

    /// The number of pairs of a mapping or items of a list (0 for a scalar), without building them.
    public var childCount: Int {
        switch storage {
        case .detached(let content, _):
            switch content {
            case .mapping(let pairs): return pairs.count
            case .sequence(let items): return items.count
            case .scalar: return 0
            }
        case .arena(let tree, let index):
            let node = tree.nodes[Int(index)]
            switch node.kind {
            case .mapping: return Int(node.count) / 2
            case .sequence: return Int(node.count)
            default: return 0
            }
        }
    }

    /// Calls `body` with each entry of a mapping: the key's text (nil for a non-scalar key), the key's
    /// location, and the value. Cheaper than ``forEachPair(_:)`` when the key is only needed as text.
    public func forEachEntry(_ body: (String?, SourceLocation, YAMLNode) -> Void) {
        switch storage {
        case .detached(let content, _):
            if case .mapping(let pairs) = content { for pair in pairs { body(pair.key.scalar?.text, pair.key.location, pair.value) } }
        case .arena(let tree, let index):
            let node = tree.nodes[Int(index)]
            guard node.kind == .mapping else { return }
            var offset = Int(node.start)
            let end = offset + Int(node.count)
            while offset + 1 < end {
                let key = tree.nodes[Int(tree.children[offset])]
                let text = key.kind == .plain || key.kind == .quoted ? tree.scalar(key).text : nil
                body(text, SourceLocation(line: Int(key.line), column: Int(key.column)), YAMLNode(tree: tree, index: tree.children[offset + 1]))
                offset += 2
            }
        }
    }

    /// Whether this is a mapping.
    public var isMapping: Bool {
        switch storage {
        case .detached(let content, _):
            if case .mapping = content { return true }
            return false
        case .arena(let tree, let index): return tree.nodes[Int(index)].kind == .mapping
        }
    }

    /// Where the node starts and whether it is a mapping with a key equal to one of the candidates, in one
    /// look at the arena. For decoding hot paths.
    public func probe(keys candidates: [StaticString]) -> (location: SourceLocation, hasKey: Bool) {
        switch storage {
        case .detached(_, let location):
            return (location, hasKey(in: candidates))
        case .arena(let tree, let index):
            let node = tree.nodes[Int(index)]
            let location = SourceLocation(line: Int(node.line), column: Int(node.column))
            guard node.kind == .mapping else { return (location, false) }
            var offset = Int(node.start)
            let end = offset + Int(node.count)
            while offset + 1 < end {
                if tree.match(tree.nodes[Int(tree.children[offset])], candidates) != nil { return (location, true) }
                offset += 2
            }
            return (location, false)
        }
    }

    /// Whether a mapping has a key equal to one of the candidates (compared as bytes, without building
    /// handles or strings). For decoding hot paths.
    public func hasKey(in candidates: [StaticString]) -> Bool {
        switch storage {
        case .detached:
            return pairs?.contains { $0.key.scalarIndex(in: candidates) != nil } ?? false
        case .arena(let tree, let index):
            let node = tree.nodes[Int(index)]
            guard node.kind == .mapping else { return false }
            var offset = Int(node.start)
            let end = offset + Int(node.count)
            while offset + 1 < end {
                if tree.match(tree.nodes[Int(tree.children[offset])], candidates) != nil { return true }
                offset += 2
            }
            return false
        }
    }

    /// The index of the candidate this scalar's text equals, compared as bytes without building a string;
    /// nil when none matches or the node is not a scalar. For decoding hot paths.
    public func scalarIndex(in candidates: [StaticString]) -> Int? {
        switch storage {
        case .detached(let content, _):
            guard case .scalar(let scalar) = content else { return nil }
            return candidates.firstIndex { $0.description == scalar.text }
        case .arena(let tree, let index):
            return tree.match(tree.nodes[Int(index)], candidates)
        }
    }

    /// Whether this is a scalar whose text is exactly `text` (compared without building a string).
    public func isScalar(_ text: String) -> Bool {
        switch storage {
        case .detached(let content, _):
            if case .scalar(let scalar) = content { return scalar.text == text }
            return false
        case .arena(let tree, let index):
            let node = tree.nodes[Int(index)]
            guard node.kind == .plain || node.kind == .quoted else { return false }
            return tree.textEquals(node, text)
        }
    }

    /// Calls `body` for every plain scalar among this node and its values (mapping keys are names, not
    /// values, and are skipped) that reads as a number that cannot be used (see ``InputNumber``), with its
    /// text and location. One pass over the nodes; scalars that cannot start a number are not decoded. A
    /// parsed document notes while it is built whether any plain scalar is such a number: without one,
    /// nothing is walked.
    public func forEachUnusableNumber(_ body: (String, SourceLocation, InputNumber.Problem) -> Void) {
        switch storage {
        case .detached(let content, let location):
            switch content {
            case .scalar(let scalar):
                if scalar.isPlain, let problem = scalar.numberProblem { body(scalar.text, location, problem) }
            case .sequence(let items):
                for item in items { item.forEachUnusableNumber(body) }
            case .mapping(let pairs):
                for pair in pairs { pair.value.forEachUnusableNumber(body) }
            }
        case .arena(let tree, let index):
            // The parser checked every plain scalar as it built the tree: without one that reads as an
            // unusable number there is nothing to find, and the values are not walked again.
            guard tree.holdsUnusableNumber else { return }
            tree.forEachUnusableNumber(index, body)
        }
    }

    /// The value for a scalar key of a mapping.
    public subscript(key: String) -> YAMLNode? {
        switch storage {
        case .detached:
            return pairs?.first { $0.key.scalar?.text == key }?.value
        case .arena(let tree, let index):
            let node = tree.nodes[Int(index)]
            guard node.kind == .mapping else { return nil }
            var offset = Int(node.start)
            let end = offset + Int(node.count)
            while offset + 1 < end {
                let keyIndex = tree.children[offset]
                let keyNode = tree.nodes[Int(keyIndex)]
                if keyNode.kind != .mapping, keyNode.kind != .sequence, tree.textEquals(keyNode, key) {
                    return YAMLNode(tree: tree, index: tree.children[offset + 1])
                }
                offset += 2
            }
            return nil
        }
    }

    /// A short word for the kind of node, for messages ("a mapping", "a list", "the text \"abc\"").
    public var kindDescription: String {
        if pairs != nil { return "a mapping" }
        if items != nil { return "a list" }
        guard let scalar else { return "nothing" }
        if scalar.isNull { return "nothing (null)" }
        let text = scalar.text.count > 40 ? String(scalar.text.prefix(37)) + "..." : scalar.text
        switch scalar.numberProblem {
        case .tooLarge: return "\(text), a number too large to use"
        case .notFinite: return "\(text), which is not a finite number"
        case nil: return "\"\(text)\""
        }
    }
}

/// The storage of a parsed document: every node, their children and their text, in three arrays.
final class YAMLTree: Sendable {
    /// One node of the arena.
    struct Node: Sendable {
        enum Kind: UInt8, Sendable {
            case plain, quoted, sequence, mapping
        }
        var kind: Kind
        var line: Int32
        var column: Int32
        /// Scalars: offset of the text in `text`; containers: offset of the children in `children`.
        var start: Int32
        /// Scalars: text length in bytes; containers: number of children (keys and values for a mapping).
        var count: Int32
    }

    let nodes: [Node]
    let children: [Int32]
    let text: [UInt8]
    /// Whether some plain scalar of the document (a key, a value, anywhere) reads as a number that cannot be
    /// used. Set by the parser, which checks each plain scalar while its bytes are at hand, so that
    /// ``YAMLNode/forEachUnusableNumber(_:)`` walks nothing in the usual document that holds none.
    let holdsUnusableNumber: Bool

    init(nodes: [Node], children: [Int32], text: [UInt8], holdsUnusableNumber: Bool = true) {
        self.nodes = nodes
        self.children = children
        self.text = text
        self.holdsUnusableNumber = holdsUnusableNumber
    }

    /// Whether the bytes of a plain scalar may read as an unusable number: they start like a number, and
    /// have 16 characters or more, or an exponent, `inf` or `nan` (fewer than 16 characters without one of
    /// those cannot pass 2^53). A cheap filter before ``InputNumber/read(_:)``, which decides.
    @inline(__always)
    static func mayBeUnusableNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first,
              (first >= 48 && first <= 57) || first == 43 || first == 45 || first == 46 else { return false }
        if bytes.count >= 16 { return true }
        for byte in bytes {
            switch byte {
            case 101, 69, 105, 73, 110, 78: return true  // e E i I n N
            default: break
            }
        }
        return false
    }

    func scalar(_ node: Node) -> YAMLScalar {
        let start = Int(node.start), count = Int(node.count)
        let string = text.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<(start + count)]), as: UTF8.self)
        }
        return YAMLScalar(text: string, isPlain: node.kind == .plain)
    }

    /// See ``YAMLNode/forEachUnusableNumber(_:)``.
    func forEachUnusableNumber(_ index: Int32, _ body: (String, SourceLocation, InputNumber.Problem) -> Void) {
        let node = nodes[Int(index)]
        switch node.kind {
        case .quoted:
            return
        case .plain:
            let start = Int(node.start), count = Int(node.count)
            let suspect = text.withUnsafeBufferPointer { buffer in
                Self.mayBeUnusableNumber(UnsafeBufferPointer(rebasing: buffer[start..<(start + count)]))
            }
            guard suspect else { return }
            let scalar = scalar(node)
            if let problem = scalar.numberProblem {
                body(scalar.text, SourceLocation(line: Int(node.line), column: Int(node.column)), problem)
            }
        case .sequence:
            for offset in Int(node.start)..<Int(node.start + node.count) { forEachUnusableNumber(children[offset], body) }
        case .mapping:
            var offset = Int(node.start) + 1
            while offset < Int(node.start + node.count) {
                forEachUnusableNumber(children[offset], body)
                offset += 2
            }
        }
    }

    /// The index of the candidate a scalar node's text equals, compared as bytes.
    func match(_ node: Node, _ candidates: [StaticString]) -> Int? {
        guard node.kind == .plain || node.kind == .quoted else { return nil }
        return text.withUnsafeBufferPointer { buffer -> Int? in
            let start = Int(node.start), count = Int(node.count)
            for (position, candidate) in candidates.enumerated() where candidate.utf8CodeUnitCount == count {
                let bytes = candidate.utf8Start
                var equal = true
                for offset in 0..<count where buffer[start + offset] != bytes[offset] {
                    equal = false
                    break
                }
                if equal { return position }
            }
            return nil
        }
    }

    func textEquals(_ node: Node, _ other: String) -> Bool {
        guard other.utf8.count == Int(node.count) else { return false }
        var other = other
        return other.withUTF8 { wanted in
            guard wanted.count == Int(node.count) else { return false }
            return text.withUnsafeBufferPointer { buffer in
                let start = Int(node.start)
                for offset in 0..<wanted.count where buffer[start + offset] != wanted[offset] { return false }
                return true
            }
        }
    }

    func pairs(of node: Node) -> [YAMLPair] {
        var pairs: [YAMLPair] = []
        pairs.reserveCapacity(Int(node.count) / 2)
        var offset = Int(node.start)
        let end = offset + Int(node.count)
        while offset + 1 < end {
            pairs.append(YAMLPair(key: YAMLNode(tree: self, index: children[offset]), value: YAMLNode(tree: self, index: children[offset + 1])))
            offset += 2
        }
        return pairs
    }

    func items(of node: Node) -> [YAMLNode] {
        let start = Int(node.start)
        return (start..<(start + Int(node.count))).map { YAMLNode(tree: self, index: children[$0]) }
    }
}

/// A key and its value in a mapping.
public struct YAMLPair: Sendable {
    /// The key node (a scalar in every file `assess` reads).
    public var key: YAMLNode
    /// The value node.
    public var value: YAMLNode

    /// Creates a pair.
    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A scalar's text and how it was written.
public struct YAMLScalar: Sendable, Hashable {
    /// The text after YAML unescaping.
    public var text: String
    /// True for an unquoted scalar without an explicit tag: only plain scalars can be numbers, booleans or null.
    public var isPlain: Bool

    /// Creates a scalar.
    public init(text: String, isPlain: Bool) {
        self.text = text
        self.isPlain = isPlain
    }

    /// True for a plain `~`, `null` or empty scalar.
    public var isNull: Bool {
        isPlain && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL")
    }

    /// The scalar read as a boolean: `true/false/yes/no/on/off` in any case, plain or quoted.
    public var bool: Bool? {
        switch text.lowercased() {
        case "true", "yes", "on", "y": return true
        case "false", "no", "off", "n": return false
        default: return nil
        }
    }

    /// The scalar read as a number: decimal, with optional sign, fraction, exponent and `_` separators. Nil when
    /// it is not a number, and also when it cannot be used (not finite, or beyond ±(2^53 − 1)): see
    /// ``numberProblem`` and ``InputNumber``.
    public var number: Double? {
        if case .value(let value) = InputNumber.read(text) { return value }
        return nil
    }

    /// Why the scalar, which reads as a number, cannot be used as one; nil when it is usable or not a number.
    public var numberProblem: InputNumber.Problem? {
        if case .unusable(let problem) = InputNumber.read(text) { return problem }
        return nil
    }
}
