import AssessCore
import Foundation

/// The small syntax inside a table's cells: `;`- or `,`-separated lists whose items may be written in double
/// quotes (a quote inside doubled) to keep spaces, separators or `=` in a value.
///
/// - options: `Yes=2; Partly=1; No=0; Don't know=dont-know; N/A=not-applicable; *=0`
/// - when: `q11 = Yes, Partly` (asked when q11's answer is one of them) or `q11 != No`
/// - applies-to: `types=county, unitary; housing-stock=true` (a clause without `=` lists types)
public enum CellSyntax {
    /// Why a cell cannot be read, with how to fix it.
    public struct Problem: Error, Sendable, Hashable {
        /// What is wrong.
        public var message: String
        /// How to fix it.
        public var hint: String?

        init(_ message: String, hint: String? = nil) {
            self.message = message
            self.hint = hint
        }
    }

    /// Splits at `separator` outside double quotes; the pieces keep their quotes and spaces.
    static func split(_ text: String, on separator: Character) throws(Problem) -> [Substring] {
        var pieces: [Substring] = []
        var start = text.startIndex
        var quoted = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\"" {
                quoted.toggle()  // a doubled quote toggles twice: still inside
            } else if character == separator, !quoted {
                pieces.append(text[start..<index])
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        guard !quoted else {
            throw Problem("a quoted value is never closed", hint: "add the closing '\"' (write a quote inside a value as '\"\"')")
        }
        pieces.append(text[start...])
        return pieces
    }

    /// Reads a piece that starts with a quote: the value, and what follows the closing quote.
    static func unquote(_ piece: Substring) throws(Problem) -> (value: String, rest: Substring) {
        var value = ""
        var index = piece.index(after: piece.startIndex)
        while index < piece.endIndex {
            let character = piece[index]
            let next = piece.index(after: index)
            if character == "\"" {
                if next < piece.endIndex, piece[next] == "\"" {
                    value.append("\"")
                    index = piece.index(after: next)
                    continue
                }
                return (value, piece[next...])
            }
            value.append(character)
            index = next
        }
        throw Problem("a quoted value is never closed", hint: "add the closing '\"'")
    }

    /// One list item: trimmed, or the text inside its quotes.
    static func item(_ piece: Substring) throws(Problem) -> String {
        let trimmed = piece.trimmedCell()
        guard trimmed.first == "\"" else { return trimmed }
        let (value, rest) = try unquote(Substring(trimmed))
        guard rest.trimmedCell().isEmpty else {
            throw Problem("text after the closing quote of \"\(value)\"", hint: "put the whole value inside the quotes")
        }
        return value
    }

    /// A `,`-separated list of items, empty items dropped.
    static func list(_ text: Substring) throws(Problem) -> [String] {
        var items: [String] = []
        for piece in try split(String(text), on: ",") {
            let trimmed = piece.trimmedCell()
            if trimmed.isEmpty { continue }
            items.append(try item(piece))
        }
        return items
    }

    /// Writes a value as an item: bare when it reads back the same, else in quotes.
    public static func quoted(_ value: String, forOptions: Bool = false) -> String {
        let special: Set<Character> = [";", ",", "=", "\""]
        let needsQuotes = value.isEmpty || value.trimmedCell() != value || value.contains(where: { special.contains($0) })
            || (forOptions && value == "*") || value.contains(where: { $0.isNewline })
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: - Options

    /// An options cell read: the options in order and the fallback's points.
    public struct Options: Sendable, Hashable {
        /// The options.
        public var options: [QuestionTable.Option]
        /// `*`'s points.
        public var otherwise: Double?
    }

    /// Reads `Yes=2; Partly=1; No=0; N/A=not-applicable; *=0`; an option may be followed by its label in double
    /// quotes: `Q1.1=1 "Yes, we have published a dataset"`.
    public static func options(_ text: String) throws(Problem) -> Options {
        var result = Options(options: [], otherwise: nil)
        var seen: [String: String] = [:]  // lower-cased value to the value as first written
        let pieces = try split(text, on: ";")
        for (index, piece) in pieces.enumerated() {
            let trimmed = piece.trimmedCell()
            if trimmed.isEmpty { continue }
            var value: String
            var after: String
            var fallback = false
            if trimmed.first == "\"" {
                let (unquoted, rest) = try unquote(Substring(trimmed))
                let remainder = rest.trimmedCell()
                guard remainder.first == "=" else {
                    throw Problem("option \"\(unquoted)\" has no points or meaning",
                                  hint: "write \"\(unquoted)\"=2, or =dont-know, =not-applicable or =unanswered")
                }
                value = unquoted
                after = String(remainder.dropFirst()).trimmedCell()
            } else {
                // The value ends at the last '=' before any quoted label: a value may hold '=' itself.
                let label = trimmed.firstIndex(of: "\"") ?? trimmed.endIndex
                guard let equals = trimmed[..<label].lastIndex(of: "=") else {
                    throw Problem("option '\(trimmed)' has no points or meaning",
                                  hint: "write '\(trimmed)=2', or '\(trimmed)=dont-know', '=not-applicable' or '=unanswered'")
                }
                value = String(trimmed[..<equals]).trimmedCell()
                after = String(trimmed[trimmed.index(after: equals)...]).trimmedCell()
                fallback = value == "*"
            }
            // What follows '=': the worth, then optionally the label in double quotes.
            var worthText = after
            var label: String?
            if let quote = after.firstIndex(of: "\"") {
                worthText = String(after[..<quote]).trimmedCell()
                let (text, rest) = try unquote(after[quote...])
                guard rest.trimmedCell().isEmpty else {
                    throw Problem("text after the label \"\(text)\" of option '\(value)'",
                                  hint: "put the whole label inside the quotes, a quote inside it doubled")
                }
                label = text
            }
            let worth = try Self.worth(worthText, of: fallback ? "*" : value)
            if fallback {
                guard case .points(let points) = worth else {
                    throw Problem("the fallback '*' must be worth a number, not '\(worthText)'",
                                  hint: "write '*=0' for any other answer worth 0 points, or leave '*' out")
                }
                guard label == nil else {
                    throw Problem("the fallback '*' takes no label", hint: "it is shown as 'Any other answer'; remove the quoted text")
                }
                guard result.otherwise == nil else { throw Problem("'*' appears twice", hint: "give the fallback once, last") }
                guard pieces[(index + 1)...].allSatisfy({ $0.trimmedCell().isEmpty }) else {
                    throw Problem("'*' must be the last option", hint: "move '*=\(worthText)' to the end")
                }
                result.otherwise = points
                continue
            }
            if let earlier = seen[value.lowercased()] {
                throw Problem("option '\(value)' duplicates '\(earlier)'", hint: "give each answer once (case is ignored)")
            }
            seen[value.lowercased()] = value
            result.options.append(QuestionTable.Option(value, worth, label: label == value ? nil : label))
        }
        return result
    }

    /// Points (a number) or a meaning.
    static func worth(_ text: String, of value: String) throws(Problem) -> QuestionTable.Worth {
        if case .value(let number) = InputNumber.read(text) {
            guard number >= 0, number <= 1_000_000 else {
                throw Problem("option '\(value)' is worth \(text) points, outside 0 to 1000000", hint: "give points from 0 up")
            }
            return .points(number)
        }
        let meanings = QuestionTable.Meaning.allCases.map(\.rawValue)
        if let meaning = QuestionTable.Meaning(rawValue: text.lowercased()) { return .means(meaning) }
        if text.isEmpty {
            throw Problem("option '\(value)' has nothing after '='", hint: "give its points, or one of: " + meanings.joined(separator: ", "))
        }
        throw Problem("option '\(value)' is worth '\(text)', which is neither points nor a meaning",
                      hint: Suggestion.nearest(to: text.lowercased(), in: meanings).map { "did you mean '\($0)'?" }
                          ?? "give a number of points, or one of: " + meanings.joined(separator: ", "))
    }

    /// Writes options back as a cell.
    public static func optionsCell(_ options: [QuestionTable.Option], otherwise: Double?) -> String {
        var entries = options.map { option -> String in
            let worth: String
            switch option.worth {
            case .points(let points): worth = TableNumber.text(points)
            case .means(let meaning): worth = meaning.rawValue
            }
            let label = option.label.map { " \"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" } ?? ""
            return quoted(option.value, forOptions: true) + "=" + worth + label
        }
        if let otherwise { entries.append("*=" + TableNumber.text(otherwise)) }
        return entries.joined(separator: "; ")
    }

    // MARK: - when

    /// Reads `q11 = Yes, Partly` or `q11 != No`.
    public static func condition(_ text: String) throws(Problem) -> QuestionTable.Condition {
        guard let equals = text.firstIndex(of: "=") else {
            throw Problem("'\(text)' is not a condition", hint: "write 'q11 = Yes, Partly' or 'q11 != No'")
        }
        var parent = text[..<equals].trimmedCell()
        var negated = false
        if parent.hasSuffix("!") {
            negated = true
            parent = String(parent.dropLast()).trimmedCell()
        }
        guard !parent.isEmpty else {
            throw Problem("the condition names no question before '\(negated ? "!=" : "=")'", hint: "write 'q11 = Yes, Partly'")
        }
        let values = try list(text[text.index(after: equals)...])
        guard !values.isEmpty else {
            throw Problem("the condition on '\(parent)' lists no answers", hint: "write '\(parent) = Yes, Partly'")
        }
        return QuestionTable.Condition(parent: parent, negated: negated, values: values)
    }

    /// Writes a condition back as a cell.
    public static func conditionCell(_ condition: QuestionTable.Condition) -> String {
        condition.parent + (condition.negated ? " != " : " = ") + condition.values.map { quoted($0) }.joined(separator: ", ")
    }

    // MARK: - applies-to

    /// The keys of an applies-to cell that are not organisation attributes.
    static let fixedKeys = ["types", "code-prefix", "nations", "reason"]

    /// Reads `types=county, unitary; nations=england; housing-stock=true; reason=...`.
    public static func applicability(_ text: String) throws(Problem) -> QuestionTable.Applicability {
        var result = QuestionTable.Applicability()
        var seen: Set<String> = []
        for piece in try split(text, on: ";") {
            let trimmed = piece.trimmedCell()
            if trimmed.isEmpty { continue }
            var key = "types"
            var rest = Substring(trimmed)
            if let equals = firstUnquoted("=", in: trimmed) {
                key = trimmed[..<equals].trimmedCell()
                rest = trimmed[trimmed.index(after: equals)...]
            }
            guard !seen.contains(key) else { throw Problem("'\(key)' is given twice", hint: "list its values once, separated by ','") }
            seen.insert(key)
            if key == "reason" {
                result.reason = try item(rest)
                continue
            }
            let values = try list(rest)
            guard !values.isEmpty else { throw Problem("'\(key)' lists no values", hint: "write '\(key)=a, b'") }
            switch key {
            case "types":
                for type in values where !Applicability.organisationTypes.contains(type) {
                    throw Problem("'\(type)' is not an organisation type",
                                  hint: Suggestion.nearest(to: type, in: Applicability.organisationTypes).map { "did you mean '\($0)'?" }
                                      ?? "use one of: " + Applicability.organisationTypes.joined(separator: ", "))
                }
                result.types = values
            case "code-prefix": result.codePrefixes = values
            case "nations":
                let known = Nation.allCases.filter { $0 != .unknown }.map(\.rawValue)
                for nation in values where !known.contains(nation) {
                    throw Problem("'\(nation)' is not a UK nation",
                                  hint: Suggestion.nearest(to: nation, in: known).map { "did you mean '\($0)'?" }
                                      ?? "use one of: " + known.joined(separator: ", "))
                }
                result.nations = values
            default:
                guard TableIdentifier.isValid(key) else {
                    throw Problem("'\(key)' is not a valid attribute name",
                                  hint: Suggestion.nearest(to: key, in: fixedKeys).map { "did you mean '\($0)'?" }
                                      ?? "use lower-case letters, digits, '-' and '.', as the evidence's organisation attributes do")
                }
                result.attributes.append(QuestionTable.Attribute(key: key, values: values))
            }
        }
        guard !result.isEmpty else {
            throw Problem("applies-to names no types, code prefixes, nations or attributes", hint: "write 'types=county, unitary'")
        }
        return result
    }

    /// Writes an applicability back as a cell.
    public static func applicabilityCell(_ applicability: QuestionTable.Applicability) -> String {
        var clauses: [String] = []
        func add(_ key: String, _ values: [String]) {
            if !values.isEmpty { clauses.append(key + "=" + values.map { quoted($0) }.joined(separator: ", ")) }
        }
        add("types", applicability.types)
        add("code-prefix", applicability.codePrefixes)
        add("nations", applicability.nations)
        for attribute in applicability.attributes { add(attribute.key, attribute.values) }
        if let reason = applicability.reason { clauses.append("reason=" + quoted(reason)) }
        return clauses.joined(separator: "; ")
    }

    private static func firstUnquoted(_ wanted: Character, in text: String) -> String.Index? {
        var quoted = false
        for index in text.indices {
            if text[index] == "\"" { quoted.toggle() } else if text[index] == wanted, !quoted { return index }
        }
        return nil
    }
}

/// Ids as the loader accepts them: lower-case letters, digits, '-' and '.'.
enum TableIdentifier {
    static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }
            && id != "." && id != ".." && !id.hasPrefix(".")
    }
}

/// Numbers as a table or YAML file shows them: whole numbers without a fraction, others as Swift's shortest
/// exact form.
enum TableNumber {
    static func text(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A cell read as a number in a range, or why not.
    static func read(_ text: String, range: ClosedRange<Double>) -> Double? {
        guard case .value(let number) = InputNumber.read(text), range.contains(number) else { return nil }
        return number
    }
}

extension StringProtocol {
    /// Without spaces, tabs or line breaks at either end.
    func trimmedCell() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" || first.isNewline { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" || last.isNewline { text.removeLast() }
        return String(text)
    }
}
