/// A node of a YAML (or JSON) document, carrying the line and column where it starts.
///
/// The tree is the engine's own `Sendable` value: libyaml's event stream is turned into it once, and all
/// decoding is type-directed from it, so `no` is a boolean only where a boolean is expected.
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

    /// What the node holds.
    public var content: Content
    /// Where the node starts.
    public var location: SourceLocation

    /// Creates a node.
    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    /// The scalar, if this is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// The pairs, if this is a mapping.
    public var pairs: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The items, if this is a sequence.
    public var items: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The value for a scalar key of a mapping.
    public subscript(key: String) -> YAMLNode? {
        pairs?.first { $0.key.scalar?.text == key }?.value
    }

    /// A short word for the kind of node, for messages ("a mapping", "a list", "the text \"abc\"").
    public var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            if scalar.isNull { return "nothing (null)" }
            let text = scalar.text.count > 40 ? String(scalar.text.prefix(37)) + "..." : scalar.text
            return "\"\(text)\""
        }
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

    /// The scalar read as a number: decimal, with optional sign, fraction, exponent and `_` separators.
    public var number: Double? {
        let utf8 = text.utf8
        guard let first = utf8.first, utf8.count < 64 else { return nil }
        let startsLikeNumber = (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
            || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
        guard startsLikeNumber else { return nil }
        let value: Double?
        if utf8.contains(UInt8(ascii: "_")) {
            value = Double(String(text.filter { $0 != "_" }))
        } else {
            value = Double(text)
        }
        guard let value, value.isFinite else { return nil }
        return value
    }
}
