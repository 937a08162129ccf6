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

        /// Creates settings.
        public init(id: String, title: String, version: String, maximum: String? = nil, source: String) {
            self.id = id
            self.title = title
            self.version = version
            self.maximum = maximum
            self.source = source
        }
    }

    /// The fact key a question's answer is read from.
    public static func factKey(_ questionID: String) -> String { "answers." + questionID }

    /// The files, by name inside the output folder (`framework.yaml`, then `DIMENSION.yaml` in table order).
    public static func files(_ table: QuestionTable, settings: Settings) -> [(name: String, text: String)] {
        [("framework.yaml", framework(table, settings: settings))]
            + table.dimensions.map { ($0.id + ".yaml", rubric($0, settings: settings)) }
    }

    /// `framework.yaml`.
    public static func framework(_ table: QuestionTable, settings: Settings) -> String {
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
        lines.append("dimensions:")
        for dimension in table.dimensions {
            lines.append("  - rubric: " + YAMLText.scalar(dimension.id + ".yaml"))
            if let weight = dimension.weight { lines.append("    weight: " + YAMLText.number(weight)) }
        }
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
            if let points = question.points { lines.append("    points: " + YAMLText.number(points)) }
            lines.append("    assessor: options")
            lines.append("    evidence: {answer: " + YAMLText.scalar(factKey(question.id)) + "}")
            lines.append("    parameters:")
            lines.append("      options:")
            for option in question.options {
                switch option.worth {
                case .points(let points):
                    lines.append("        - {value: " + YAMLText.quoted(option.value) + ", points: " + YAMLText.number(points) + "}")
                case .means(let meaning):
                    lines.append("        - {value: " + YAMLText.quoted(option.value) + ", means: " + meaning.rawValue + "}")
                }
            }
            if let otherwise = question.otherwise {
                lines.append("        - {otherwise: true, points: " + YAMLText.number(otherwise) + "}")
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
