/// Collects the problems found while decoding one document, so that every problem is reported, not the first.
public final class DecodingContext {
    /// The document being decoded.
    public let document: YAMLDocument
    /// Problems found so far.
    public private(set) var diagnostics: [Diagnostic] = []

    /// Starts decoding a document.
    public init(document: YAMLDocument) {
        self.document = document
        self.diagnostics = document.problems
    }

    /// Records a problem at a location.
    public func error(_ message: String, at location: SourceLocation, hint: String? = nil) {
        diagnostics.append(document.diagnostic(message, at: location, hint: hint))
    }

    /// Records a ready-made diagnostic.
    public func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// A reader for the document's root, or nil (with a problem recorded) when the file is empty.
    public func root(what: String) -> NodeReader? {
        guard let root = document.root, !(root.scalar?.isNull ?? false) else {
            error("the file is empty", at: SourceLocation(line: 1, column: 1), hint: "it should hold \(what)")
            return nil
        }
        return NodeReader(node: root, path: "", context: self)
    }
}

/// Reads one node with the type the model expects, reporting a located problem when it has another.
public struct NodeReader {
    /// The node read.
    public let node: YAMLNode
    /// Where problems go.
    public let context: DecodingContext
    /// The parent's path; the last component is kept apart so paths are only built when a message needs one.
    private let prefix: String
    private let component: Component

    private enum Component {
        case none
        case key(String)
        case index(Int)
    }

    /// Creates a reader.
    public init(node: YAMLNode, path: String, context: DecodingContext) {
        self.node = node
        self.context = context
        self.prefix = path
        self.component = .none
    }

    private init(node: YAMLNode, prefix: String, component: Component, context: DecodingContext) {
        self.node = node
        self.context = context
        self.prefix = prefix
        self.component = component
    }

    /// Its path from the root, for messages: `criteria[2].weight`.
    public var path: String {
        switch component {
        case .none: return prefix
        case .key(let key): return prefix.isEmpty ? key : prefix + "." + key
        case .index(let index): return prefix + "[" + String(index) + "]"
        }
    }

    /// A reader for a child reached by key.
    public func child(_ node: YAMLNode, key: String) -> NodeReader {
        NodeReader(node: node, prefix: path, component: .key(key), context: context)
    }

    /// Where the node starts.
    public var location: SourceLocation { node.location }

    /// Records a problem at this node.
    public func error(_ message: String, hint: String? = nil) {
        context.error(message, at: node.location, hint: hint)
    }

    private var name: String { path.isEmpty ? "the document" : path }

    /// The node as text. Any scalar is text: `no` stays "no", `3` is "3".
    public func string() -> String? {
        guard let scalar = node.scalar, !scalar.isNull else {
            error("\(name) must be text, found \(node.kindDescription)", hint: "write a single value")
            return nil
        }
        return scalar.text
    }

    /// The node as a number.
    public func number() -> Double? {
        if let scalar = node.scalar, let problem = scalar.numberProblem {
            error(InputNumber.message(name, is: scalar.text, problem), hint: InputNumber.hint)
            return nil
        }
        guard let value = node.scalar?.number else {
            error("\(name) must be a number, found \(node.kindDescription)",
                  hint: "write digits only, such as 42 or 12.5 (no units or % sign)")
            return nil
        }
        return value
    }

    /// The node as a number within a range.
    public func number(in range: ClosedRange<Double>) -> Double? {
        guard let value = number() else { return nil }
        guard range.contains(value) else {
            error("\(name) must be between \(Self.format(range.lowerBound)) and \(Self.format(range.upperBound)), found \(Self.format(value))")
            return nil
        }
        return value
    }

    /// The node as a whole number within a range.
    public func integer(in range: ClosedRange<Int>) -> Int? {
        guard let value = number() else { return nil }
        guard value.rounded() == value, value >= Double(range.lowerBound), value <= Double(range.upperBound) else {
            error("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), found \(Self.format(value))")
            return nil
        }
        return Int(value)
    }

    /// The node as a boolean: `true/false/yes/no/on/off`.
    public func bool() -> Bool? {
        guard let value = node.scalar?.bool else {
            error("\(name) must be true or false, found \(node.kindDescription)", hint: "write yes or no")
            return nil
        }
        return value
    }

    /// The node as one of a fixed set of words.
    public func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> T? where T.RawValue == String {
        guard let text = string() else { return nil }
        if let value = T(rawValue: text) { return value }
        let options = T.allCases.map(\.rawValue)
        error("\(name) must be one of \(options.joined(separator: ", ")), found \"\(text)\"",
              hint: Suggestion.nearest(to: text, in: options).map { "did you mean '\($0)'?" })
        return nil
    }

    /// The node as a list; a mapping or scalar is reported.
    public func list() -> [NodeReader]? {
        guard let items = node.items else {
            error("\(name) must be a list, found \(node.kindDescription)", hint: "write one item per line, each starting with '- '")
            return nil
        }
        let path = self.path
        return items.enumerated().map { NodeReader(node: $1, prefix: path, component: .index($0), context: context) }
    }

    /// The node as a mapping with a known set of keys; unknown keys are reported with the nearest known one.
    public func mapping(keys known: [String], what: String? = nil) -> MappingReader? {
        guard let pairs = node.pairs else {
            error("\(name) must be a mapping of keys to values, found \(node.kindDescription)",
                  hint: what.map { "it should hold \($0)" })
            return nil
        }
        var entries: [(key: String, reader: NodeReader)] = []
        entries.reserveCapacity(pairs.count)
        let path = self.path
        for pair in pairs {
            guard let key = pair.key.scalar?.text else {
                context.error("keys must be plain text", at: pair.key.location)
                continue
            }
            if !known.isEmpty, !known.contains(key) {
                let suggestion = Suggestion.nearest(to: key, in: known)
                context.error(
                    "unknown key '\(key)' in \(name)", at: pair.key.location,
                    hint: suggestion.map { "did you mean '\($0)'?" }
                        ?? "valid keys are \(known.joined(separator: ", "))")
                continue
            }
            entries.append((key, NodeReader(node: pair.value, prefix: path, component: .key(key), context: context)))
        }
        return MappingReader(reader: self, entries: entries)
    }

    /// Formats a number for a message without a trailing `.0`.
    static func format(_ value: Double) -> String {
        value.isFinite && value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// The keys of a mapping, read one at a time.
public struct MappingReader {
    /// The mapping node's reader.
    public let reader: NodeReader
    let entries: [(key: String, reader: NodeReader)]

    /// Keys in document order (known keys only).
    public var order: [String] { entries.map(\.key) }

    /// The value of an optional key; a null value counts as absent.
    public subscript(key: String) -> NodeReader? {
        guard let entry = entries.first(where: { $0.key == key })?.reader, !(entry.node.scalar?.isNull ?? false) else { return nil }
        return entry
    }

    /// The value of a key that must be present.
    public func required(_ key: String, hint: String? = nil) -> NodeReader? {
        if let entry = self[key] { return entry }
        let location = reader.node.location
        let owner = reader.path.isEmpty ? "the document" : reader.path
        reader.context.error("missing key '\(key)' in \(owner)", at: location, hint: hint ?? "add '\(key):'")
        return nil
    }

    /// Text of a required key.
    public func string(_ key: String) -> String? { required(key)?.string() }
    /// Text of an optional key.
    public func optionalString(_ key: String) -> String? { self[key]?.string() }
}

/// Finds the nearest word for "did you mean" hints.
public enum Suggestion {
    /// The candidate closest to a word, if it is close enough to be a plausible typo.
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        let lower = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lower, candidate.lowercased())
            if distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        guard let (candidate, distance) = best else { return nil }
        let allowed = max(2, min(word.count, candidate.count) / 3)
        return distance <= allowed ? candidate : nil
    }

    /// Levenshtein distance between two strings.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
