import AssessCore

/// YAML text written by hand, every string quoted where YAML could read it as anything but that string.
public enum YAMLText {
    /// Words that a YAML 1.1 or 1.2 reader takes as booleans or null in any case.
    static let specialWords: Set<String> = ["y", "yes", "n", "no", "true", "false", "on", "off", "null", "~"]

    /// A string as a YAML scalar: plain when that is safe (letters, digits and a few marks, not a special word
    /// or a number), otherwise double-quoted with escapes.
    public static func scalar(_ text: String) -> String {
        isSafePlain(text) ? text : quoted(text)
    }

    /// Plain only for text that every YAML reader reads back as this very string.
    static func isSafePlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
        guard !specialWords.contains(text.lowercased()) else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "." || scalar == "_")
        }
    }

    /// A double-quoted scalar: `"` and `\` escaped, and every control, line or paragraph separator, byte-order
    /// mark and non-character written as an escape, so the text reads back exactly.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                let value = scalar.value
                if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) || value == 0x2028 || value == 0x2029 || value == 0xFEFF
                    || scalar.properties.isNoncharacterCodePoint {
                    result += value <= 0xFF ? "\\x" + hex(value, digits: 2) : "\\u" + hex(value, digits: 4)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(digits - text.count, 0)) + text
    }

    /// A flow list of scalars: `["a", "b"]`.
    static func list(_ items: [String]) -> String {
        "[" + items.map(scalar).joined(separator: ", ") + "]"
    }

    /// A number.
    static func number(_ value: Double) -> String { TableNumber.text(value) }
}

/// Writes a ``QuestionTable`` as a framework: `framework.yaml` and one rubric file per dimension, in the
/// syntax of docs/import.md (sections, options with points, `means:`, `otherwise:`, `when:`, `applies-to:`).
public enum FrameworkWriter {
    /// What the framework is called, and how its maximum is counted.
    public struct Settings: Sendable, Hashable {
        /// The framework's id.
        public var id: String
        /// Its title.
        public var title: String
        /// Its version (also each rubric's).
        public var version: String
        /// `maximum:` (`fixed` or `assessed`); nil leaves it out (the engine's default).
        public var maximum: String?
        /// Where the table came from, for the files' first comment line.
        public var source: String
        /// What an option's number is: points (`points:`) or a level (`level:`).
        public var scoring: QuestionTable.Scoring
        /// An existing framework file whose settings are kept, only its `dimensions:` replaced (`--base`).
        public var base: Base?

        /// Creates settings.
        public init(id: String, title: String, version: String, maximum: String? = nil, source: String,
                    scoring: QuestionTable.Scoring = .points, base: Base? = nil) {
            self.id = id
            self.title = title
            self.version = version
            self.maximum = maximum
            self.source = source
            self.scoring = scoring
            self.base = base
        }
    }

    /// A framework file to import into (`assess import --base`): its method-level settings (scale, scoring,
    /// overall, bands, maximum, answers, rounding, aggregation, targets...) are kept as written, comments
    /// included, and its `dimensions:` block is replaced by the table's dimensions.
    public struct Base: Sendable, Hashable {
        /// The file as named, for the first comment line.
        public var file: String
        /// Its lines, without line ends.
        var lines: [String]
        /// The lines (0-based, end exclusive) of its `dimensions:` block; nil when it has none (appended).
        var dimensions: Range<Int>?
        /// Its `id:`.
        public var id: String
        /// Its `version:` (each rubric is given the same).
        public var version: String
        /// Its `scoring:` (the engine's default, levels, when it says none).
        public var scoring: QuestionTable.Scoring
        /// Its scale's levels (number, name, description), for each rubric's level descriptors.
        public var levels: [ScaleLevel]
        /// The dimensions it lists (rubric file and weight), which the table's replace.
        public var dimensionEntries: [DimensionEntry] = []

        /// One entry of the base's `dimensions:`.
        public struct DimensionEntry: Sendable, Hashable {
            /// The rubric file as written.
            public var rubric: String
            /// Its weight, when given.
            public var weight: Double?
        }

        /// Reads a framework file's text. Refused (with its location) when it is not YAML, not a mapping, or its
        /// `scoring:` is neither points nor levels.
        public static func read(_ text: String, file: String) throws(LoadError) -> Base {
            let document: YAMLDocument
            do throws(DiagnosticError) { document = try YAMLParser.parse(text, file: file) } catch { throw .invalid(error) }
            guard let root = document.root, root.pairs != nil else {
                throw .invalid(DiagnosticError([document.diagnostic("a base framework must be a mapping with id, title, version and scale",
                                                                    at: document.root?.location ?? .unknown,
                                                                    hint: "name a framework.yaml, as 'assess import --base' keeps its settings")]))
            }
            var keys: [(name: String, line: Int)] = []
            root.forEachEntry { name, location, _ in keys.append((name ?? "", location.line)) }
            let scoringText = root["scoring"]?.scalar?.text ?? QuestionTable.Scoring.levels.rawValue
            guard let scoring = QuestionTable.Scoring(rawValue: scoringText) else {
                throw .invalid(DiagnosticError([document.diagnostic("scoring '\(scoringText)' is neither points nor levels",
                                                                    at: root["scoring"]?.location ?? .unknown,
                                                                    hint: "a table holds questionnaires scored by points or by levels")]))
            }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) }
            var range: Range<Int>?
            if let index = keys.firstIndex(where: { $0.name == "dimensions" }), keys[index].line > 0 {
                let start = keys[index].line - 1
                var end = index + 1 < keys.count && keys[index + 1].line > 0 ? keys[index + 1].line - 1 : lines.count
                // Blank lines and comments at the margin before the next key belong to it, not to the dimensions.
                while end > start + 1, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty || lines[end - 1].hasPrefix("#") { end -= 1 }
                range = start..<end
            }
            let levels = scaleLevels(of: root)
            var base = Base(file: file, lines: lines, dimensions: range, id: root["id"]?.scalar?.text ?? "",
                            version: root["version"]?.scalar?.text ?? "1", scoring: scoring, levels: levels.isEmpty ? standardLevels : levels)
            for entry in root["dimensions"]?.items ?? [] {
                guard let rubric = entry["rubric"]?.scalar?.text else { continue }
                var weight: Double?
                if let text = entry["weight"]?.scalar?.text, case .value(let value) = InputNumber.read(text) { weight = value }
                base.dimensionEntries.append(DimensionEntry(rubric: rubric, weight: weight))
            }
            return base
        }

        /// What replacing the base's dimensions by the table's changes beyond the table itself, as warnings: a
        /// dimension of the base the table does not hold, and a weight the base gives that the table leaves out.
        public func differences(from table: QuestionTable) -> [String] {
            var warnings: [String] = []
            let byFile = Dictionary(table.dimensions.map { ($0.id + ".yaml", $0) }, uniquingKeysWith: { first, _ in first })
            for entry in dimensionEntries {
                guard let dimension = byFile[entry.rubric] else {
                    warnings.append("the base lists '\(entry.rubric)', which is not a dimension of the table, so the framework written leaves it out; add its questions to the table, or add it back to framework.yaml by hand")
                    continue
                }
                if dimension.weight == nil, let weight = entry.weight, weight != 1 {
                    warnings.append("dimension '\(dimension.id)' has weight \(TableNumber.text(weight)) in the base but no 'dimension-weight' in the table, so it is written with weight 1; give its weight in the table's 'dimension-weight' column")
                }
            }
            return warnings
        }
    }

    /// One level of a scale as a framework file states it.
    public struct ScaleLevel: Sendable, Hashable {
        /// Its number.
        public var level: Int
        /// Its name.
        public var name: String
        /// Its one-line description.
        public var description: String

        /// Creates a level.
        public init(level: Int, name: String, description: String) {
            self.level = level
            self.name = name
            self.description = description
        }

        /// The rubric descriptor written for it: "Name: description" (or the name alone).
        public var descriptor: String { description.isEmpty ? name : name + ": " + description }
    }

    /// A framework file's `scale: levels:` (empty when it states none; the loader has checked it when it loads).
    public static func scaleLevels(of root: YAMLNode) -> [ScaleLevel] {
        var levels: [ScaleLevel] = []
        for entry in root["scale"]?["levels"]?.items ?? [] {
            guard let text = entry["level"]?.scalar?.text, let level = Int(text) else { continue }
            levels.append(ScaleLevel(level: level, name: entry["name"]?.scalar?.text ?? "", description: entry["description"]?.scalar?.text ?? ""))
        }
        return levels
    }

    /// The engine's standard scale, which a framework imported without --base uses.
    public static var standardLevels: [ScaleLevel] {
        Scale.standard.levels.map { ScaleLevel(level: $0.level, name: $0.name, description: $0.description) }
    }

    /// A rubric's `levels:` descriptors, from the framework's scale: the engine requires them on every rubric.
    static func levelLines(_ levels: [ScaleLevel]) -> [String] {
        ["levels:"] + levels.map { "  \($0.level): " + YAMLText.quoted($0.descriptor) }
    }

    /// The fact key a question's answer is read from.
    public static func factKey(_ questionID: String) -> String { "answers." + questionID }

    /// The files, by name inside the output folder (`framework.yaml`, then `DIMENSION.yaml` in table order).
    public static func files(_ table: QuestionTable, settings: Settings) -> [(name: String, text: String)] {
        [("framework.yaml", framework(table, settings: settings))]
            + table.dimensions.map { ($0.id + ".yaml", rubric($0, settings: settings)) }
    }

    /// The `dimensions:` block.
    static func dimensionLines(_ table: QuestionTable) -> [String] {
        var lines = ["dimensions:"]
        for dimension in table.dimensions {
            lines.append("  - rubric: " + YAMLText.scalar(dimension.id + ".yaml"))
            if let weight = dimension.weight { lines.append("    weight: " + YAMLText.number(weight)) }
        }
        return lines
    }

    /// `framework.yaml`.
    public static func framework(_ table: QuestionTable, settings: Settings) -> String {
        if let base = settings.base {
            var lines = base.lines
            if lines.last == "" { lines.removeLast() }
            if let range = base.dimensions {
                lines.replaceSubrange(range, with: dimensionLines(table))
            } else {
                lines += dimensionLines(table)
            }
            return "# Imported by `assess import` from \(oneLine(settings.source)), the method's settings from \(oneLine(base.file)). See docs/import.md.\n"
                + lines.joined(separator: "\n") + "\n"
        }
        var lines = [
            "# Imported by `assess import` from \(oneLine(settings.source)). See docs/import.md.",
            "# Set how answers count (answers:), the method's rounding (rounding:) and bands as the method says: docs/scoring.md.",
            "id: " + YAMLText.scalar(settings.id),
            "title: " + YAMLText.scalar(settings.title),
            "version: " + YAMLText.quoted(settings.version),
            "scoring: points",
        ]
        if let maximum = settings.maximum { lines.append("maximum: " + YAMLText.scalar(maximum)) }
        lines.append("scale:")
        lines.append("  levels:")
        for level in Scale.standard.levels {
            lines.append("    - level: \(level.level)")
            lines.append("      name: " + YAMLText.scalar(level.name))
            lines.append("      description: " + YAMLText.scalar(level.description))
        }
        lines += dimensionLines(table)
        return lines.joined(separator: "\n") + "\n"
    }

    /// One rubric file.
    public static func rubric(_ dimension: QuestionTable.Dimension, settings: Settings) -> String {
        var lines = [
            "# Imported by `assess import` from \(oneLine(settings.source)). See docs/import.md.",
            "id: " + YAMLText.scalar(dimension.id),
            "title: " + YAMLText.scalar(dimension.title),
            "version: " + YAMLText.quoted(settings.version),
        ]
        if !dimension.description.isEmpty { lines.append("description: " + YAMLText.scalar(dimension.description)) }
        lines += levelLines(settings.base?.levels ?? standardLevels)
        if !dimension.sections.isEmpty {
            lines.append("sections:")
            for section in dimension.sections {
                lines.append("  - id: " + YAMLText.scalar(section.id))
                lines.append("    title: " + YAMLText.scalar(section.title))
                if let weight = section.weight { lines.append("    weight: " + YAMLText.number(weight)) }
            }
        }
        lines.append("criteria:")
        for question in dimension.questions {
            lines.append("  - id: " + YAMLText.scalar(question.id))
            lines.append("    title: " + YAMLText.scalar(question.title))
            if let section = question.section { lines.append("    section: " + YAMLText.scalar(section)) }
            lines.append("    question: " + YAMLText.scalar(question.question))
            if !question.guidance.isEmpty { lines.append("    guidance: " + YAMLText.scalar(question.guidance)) }
            if let weight = question.weight { lines.append("    weight: " + YAMLText.number(weight)) }
            if question.core { lines.append("    core: true") }
            if let points = question.points { lines.append("    points: " + YAMLText.number(points)) }
            lines.append("    assessor: options")
            lines.append("    evidence: {answer: " + YAMLText.scalar(factKey(question.id)) + "}")
            lines.append("    parameters:")
            lines.append("      options:")
            let numberKey = settings.scoring == .levels ? "level" : "points"
            for option in question.options {
                let label = option.label.map { ", label: " + YAMLText.quoted($0) } ?? ""
                switch option.worth {
                case .points(let points):
                    lines.append("        - {value: " + YAMLText.quoted(option.value) + ", " + numberKey + ": " + YAMLText.number(points) + label + "}")
                case .means(let meaning):
                    lines.append("        - {value: " + YAMLText.quoted(option.value) + ", means: " + meaning.rawValue + label + "}")
                }
            }
            if let otherwise = question.otherwise {
                lines.append("        - {otherwise: true, " + numberKey + ": " + YAMLText.number(otherwise) + "}")
            }
            if let condition = question.when {
                lines.append("    when: {answer-of: " + YAMLText.scalar(condition.parent) + ", " + (condition.negated ? "not-in" : "in") + ": "
                             + "[" + condition.values.map(YAMLText.quoted).joined(separator: ", ") + "]}")
            }
            if let applies = question.appliesTo {
                lines.append("    applies-to:")
                if !applies.types.isEmpty { lines.append("      types: " + YAMLText.list(applies.types)) }
                if !applies.codePrefixes.isEmpty { lines.append("      code-prefix: " + YAMLText.list(applies.codePrefixes)) }
                if !applies.nations.isEmpty { lines.append("      nations: " + YAMLText.list(applies.nations)) }
                if !applies.attributes.isEmpty {
                    lines.append("      attributes:")
                    for attribute in applies.attributes {
                        let values = attribute.values.map(attributeValue)
                        lines.append("        " + YAMLText.scalar(attribute.key) + ": "
                                     + (values.count == 1 ? values[0] : "[" + values.joined(separator: ", ") + "]"))
                    }
                }
                if let reason = applies.reason { lines.append("      reason: " + YAMLText.scalar(reason)) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An attribute's value: `true`, `false` and plain decimal numbers stay plain (evidence states them so),
    /// anything else is a quoted string.
    static func attributeValue(_ text: String) -> String {
        if text == "true" || text == "false" { return text }
        if case .value = InputNumber.read(text), text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }) { return text }
        return YAMLText.quoted(text)
    }

    /// Text for a comment: on one line, controls dropped.
    static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && $0 != "\u{2028}" && $0 != "\u{2029}" }.map(Character.init))
    }
}
