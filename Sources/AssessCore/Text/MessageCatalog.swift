/// The templates of one language, and the renderer that fills them.
///
/// Rendering is deterministic and never fails: an unknown placeholder is written back as `{name}` (a test
/// checks every template against the arguments its callers pass), and a catalogue without a message falls
/// back to English.
public struct MessageCatalog: Sendable {
    /// The language of the templates.
    public let language: Language
    /// Templates by message id.
    public let templates: [MessageID: String]

    /// Creates a catalogue.
    public init(language: Language, templates: [MessageID: String]) {
        self.language = language
        self.templates = templates
    }

    /// The English catalogue: complete by construction (see ``MessageID/englishTemplate``).
    public static let english = MessageCatalog(
        language: .english,
        templates: Dictionary(uniqueKeysWithValues: MessageID.allCases.map { ($0, $0.englishTemplate) }))

    /// The catalogue for a language. Welsh has no translations yet, so it renders English until they land.
    public static func forLanguage(_ language: Language) -> MessageCatalog {
        switch language {
        case .english: return english
        case .welsh: return MessageCatalog(language: .welsh, templates: [:])
        }
    }

    /// The ids this catalogue has no template for (rendered in English instead).
    public var untranslated: [MessageID] {
        MessageID.allCases.filter { templates[$0] == nil }
    }

    /// Renders a message in this catalogue's language.
    public func render(_ message: Message) -> String {
        let template = templates[message.id] ?? message.id.englishTemplate
        var output = ""
        var index = template.startIndex
        fill(template, from: &index, message: message, hash: nil, into: &output, stopAtBrace: false)
        return output
    }

    // MARK: - Template filling

    /// Fills template text up to its end (or the closing brace of a plural branch).
    private func fill(_ template: String, from index: inout String.Index, message: Message, hash: String?,
                      into output: inout String, stopAtBrace: Bool) {
        while index < template.endIndex {
            let character = template[index]
            if character == "}" && stopAtBrace {
                template.formIndex(after: &index)
                return
            }
            if character == "#", let hash {
                output += hash
                template.formIndex(after: &index)
                continue
            }
            guard character == "{" else {
                output.append(character)
                template.formIndex(after: &index)
                continue
            }
            template.formIndex(after: &index)
            let name = Self.word(in: template, at: &index)
            if index < template.endIndex, template[index] == "}" {
                template.formIndex(after: &index)
                output += message.argument(name).map(format) ?? "{\(name)}"
            } else if index < template.endIndex, template[index] == "," {
                plural(template, at: &index, name: name, message: message, into: &output)
            } else {
                output += "{" + name
            }
        }
    }

    /// `{name, plural, one {...} other {...}}`, with `index` just after the name.
    private func plural(_ template: String, at index: inout String.Index, name: String, message: Message, into output: inout String) {
        template.formIndex(after: &index)  // the comma
        Self.skipSpaces(template, &index)
        _ = Self.word(in: template, at: &index)  // "plural"
        Self.skipSpaces(template, &index)
        if index < template.endIndex, template[index] == "," { template.formIndex(after: &index) }
        // A whole number chooses its form by the language's rules; a fraction takes "other", as CLDR has it
        // for English and Welsh ("1.5 points", "2.5 pwynt"). `#` writes the number as the argument shows it.
        let wanted: String
        let hash: String
        switch message.argument(name) {
        case .count(let value)?:
            wanted = language.pluralCategory(value).rawValue
            hash = Self.grouped(value)
        case .number(let value, let decimals)? where value.isFinite && abs(value) < 1e15:
            let shown = Self.decimal(value, decimals: decimals)
            wanted = shown.contains(".") ? PluralCategory.other.rawValue : language.pluralCategory(Int(value.rounded())).rawValue
            hash = shown
        default:
            wanted = language.pluralCategory(0).rawValue
            hash = "0"
        }
        var chosen: String?
        var other = ""
        while index < template.endIndex {
            Self.skipSpaces(template, &index)
            guard index < template.endIndex, template[index] != "}" else { break }
            let category = Self.word(in: template, at: &index)
            Self.skipSpaces(template, &index)
            guard index < template.endIndex, template[index] == "{" else { break }
            template.formIndex(after: &index)
            var branch = ""
            fill(template, from: &index, message: message, hash: hash, into: &branch, stopAtBrace: true)
            if category == wanted { chosen = branch }
            if category == "other" { other = branch }
        }
        if index < template.endIndex { template.formIndex(after: &index) }  // the plural's closing brace
        output += chosen ?? other
    }

    private func format(_ argument: MessageArgument) -> String {
        switch argument {
        case .text(let text): return text
        case .count(let count): return Self.grouped(count)
        case .number(let value, let decimals): return Self.decimal(value, decimals: decimals)
        case .percent(let share): return Self.decimal(share * 100, decimals: 0) + "%"
        }
    }

    private static func word(in template: String, at index: inout String.Index) -> String {
        let start = index
        while index < template.endIndex, template[index].isLetter || template[index].isNumber || template[index] == "-" || template[index] == "_" {
            template.formIndex(after: &index)
        }
        return String(template[start..<index])
    }

    private static func skipSpaces(_ template: String, _ index: inout String.Index) {
        while index < template.endIndex, template[index] == " " { template.formIndex(after: &index) }
    }

    /// A whole number with thousands separators: 1,234,567.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A number with at most `decimals` decimals, trailing zeros dropped, and thousands separators.
    static func decimal(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "not a number" : (value > 0 ? "infinity" : "minus infinity") }
        let places = max(0, min(decimals, 6))
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        guard abs(rounded) < 1e15 else { return String(rounded) }
        let whole = Int(rounded.magnitude.rounded(.down))
        var fraction = Int(((rounded.magnitude - Double(whole)) * scale).rounded())
        var text = grouped(whole)
        if places > 0, fraction > 0 {
            var digits = String(fraction)
            while digits.count < places { digits = "0" + digits }
            while digits.hasSuffix("0") { digits.removeLast(); fraction /= 10 }
            text += "." + digits
        }
        return (rounded < 0 && (whole > 0 || fraction > 0) ? "-" : "") + text
    }
}
