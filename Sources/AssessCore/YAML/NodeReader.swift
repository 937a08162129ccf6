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

    /// Warnings so far: the input can be used but is probably not what was meant. They never stop decoding.
    public private(set) var warnings: [Diagnostic] = []

    /// Records a warning at a location.
    public func warn(_ message: String, at location: SourceLocation, hint: String? = nil) {
        var diagnostic = document.diagnostic(message, at: location, hint: hint)
        diagnostic.severity = .warning
        warnings.append(diagnostic)
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
///
/// The work is bounded: a candidate is only compared when its length is within ``maxDistance`` of the
/// word's, and then by a Levenshtein distance computed in a band of that width that stops as soon as the
/// distance must exceed the bound. A long word far from every candidate costs no more than the candidates'
/// own length, so suggesting for every unknown key of a large file stays linear in its size.
public enum Suggestion {
    /// The largest edit distance suggested: one or two typed letters wrong, missing, extra or swapped.
    public static let maxDistance = 2

    /// The candidate closest to a word, if it is within ``maxDistance`` edits (the first such on a tie).
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        Index(candidates).nearest(to: word)
    }

    /// Candidates prepared once (lower-cased, grouped by length) for many look-ups.
    public struct Index: Sendable {
        private let candidates: [String]
        /// Lower-cased scalars of each candidate, by length: `byLength[n]` holds the positions of those of length n.
        private let scalars: [[Unicode.Scalar]]
        private let byLength: [[Int]]

        /// Prepares candidates.
        public init(_ candidates: [String]) {
            self.candidates = candidates
            scalars = candidates.map { Array($0.lowercased().unicodeScalars) }
            var byLength = [[Int]](repeating: [], count: (scalars.map(\.count).max() ?? 0) + 1)
            for (position, text) in scalars.enumerated() { byLength[text.count].append(position) }
            self.byLength = byLength
        }

        /// The candidate closest to a word, if it is within ``Suggestion/maxDistance`` edits.
        public func nearest(to word: String) -> String? {
            var cells = 0
            return nearest(to: word, cells: &cells)
        }

        /// As ``nearest(to:)``, adding the dynamic-programming cells it computes to `cells` (tests use this to
        /// check the work is bounded without timing it).
        public func nearest(to word: String, cells: inout Int) -> String? {
            // Only the first (longest candidate + bound + 1) scalars are read: a longer word matches nothing.
            let longest = byLength.count - 1
            var target: [Unicode.Scalar] = []
            for scalar in word.unicodeScalars {
                if target.count > longest + maxDistance { return nil }
                target.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            }
            guard target.count <= longest + maxDistance else { return nil }
            var best: (position: Int, distance: Int)?
            let lengths = max(0, target.count - maxDistance)...min(longest, target.count + maxDistance)
            for length in lengths {
                for position in byLength[length] {
                    let bound = best.map { $0.distance - ($0.position < position ? 1 : 0) } ?? maxDistance
                    guard bound >= 0 else { continue }
                    if let distance = Suggestion.distance(target, scalars[position], within: bound, cells: &cells),
                       best.map({ distance < $0.distance || (distance == $0.distance && position < $0.position) }) ?? true {
                        best = (position, distance)
                    }
                }
            }
            return best.map { candidates[$0.position] }
        }
    }

    /// Levenshtein distance between two strings (unbounded; for tests and small inputs).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        return distance(a, b, within: max(a.count, b.count)) ?? max(a.count, b.count)
    }

    /// The Levenshtein distance between two scalar sequences if it is at most `bound`, else nil. Only cells
    /// within `bound` of the diagonal are computed, and it stops at the first row whose every cell is over
    /// the bound: at most (2 × bound + 1) × length cells.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], within bound: Int) -> Int? {
        var cells = 0
        return distance(a, b, within: bound, cells: &cells)
    }

    /// As ``distance(_:_:within:)``, adding the cells computed to `cells`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], within bound: Int, cells: inout Int) -> Int? {
        let n = a.count, m = b.count
        guard abs(n - m) <= bound else { return nil }
        if n == 0 || m == 0 { return max(n, m) }
        let over = bound + 1
        var previous = [Int](repeating: over, count: m + 2)
        var current = [Int](repeating: over, count: m + 2)
        for j in 0...min(m, bound) { previous[j] = j }
        var computed = 0
        for i in 1...n {
            let low = max(1, i - bound), high = min(m, i + bound)
            current[low - 1] = low == 1 && i <= bound ? i : over
            var rowMinimum = current[low - 1]
            if low <= high {
                for j in low...high {
                    let substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                    let value = min(substitute, previous[j] + 1, current[j - 1] + 1, over)
                    current[j] = value
                    rowMinimum = min(rowMinimum, value)
                }
                computed += high - low + 1
            }
            current[high + 1] = over
            if rowMinimum > bound {
                cells += computed
                return nil
            }
            swap(&previous, &current)
        }
        cells += computed
        return previous[m] <= bound ? previous[m] : nil
    }
}
