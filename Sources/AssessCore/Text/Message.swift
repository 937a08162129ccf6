/// A language that `assess` can write its own words in.
///
/// The engine never assembles English sentences for people to read: it builds a ``Message`` (an id and its
/// arguments) and a ``MessageCatalog`` for the reader's language turns it into text. English is complete;
/// Welsh (`cy`) is the next language, since Welsh councils must publish in Welsh, and its catalogue falls back
/// to English, message by message, until each is translated.
public enum Language: String, Sendable, Hashable, CaseIterable, Codable {
    /// English (United Kingdom).
    case english = "en"
    /// Welsh.
    case welsh = "cy"

    /// The CLDR plural category of a whole number in this language.
    ///
    /// English has two forms (one, other); Welsh has six (zero, one, two, few, many, other), which is why
    /// messages carry counts as arguments instead of choosing "contact" or "contacts" in Swift.
    public func pluralCategory(_ count: Int) -> PluralCategory {
        switch self {
        case .english:
            return count == 1 ? .one : .other
        case .welsh:
            switch count {
            case 0: return .zero
            case 1: return .one
            case 2: return .two
            case 3: return .few
            case 6: return .many
            default: return .other
            }
        }
    }
}

/// A CLDR plural category.
public enum PluralCategory: String, Sendable, Hashable, CaseIterable {
    /// zero
    case zero
    /// one
    case one
    /// two
    case two
    /// few
    case few
    /// many
    case many
    /// other (every language has it)
    case other
}

/// An argument of a message.
public enum MessageArgument: Sendable, Hashable {
    /// Text from the input or another message, inserted as it is (outputs escape it for their medium).
    case text(String)
    /// A whole number, written with digit grouping; it also selects plural forms.
    case count(Int)
    /// A number written with at most the given decimals (trailing zeros dropped).
    case number(Double, decimals: Int)
    /// A share, 0 ... 1, written as a whole percentage.
    case percent(Double)
}

/// User-facing text as an id and its arguments.
///
/// Templates live in a ``MessageCatalog``. A placeholder is `{name}`; a plural choice is
/// `{name, plural, one {# item} other {# items}}` where `#` is the count, with the categories of
/// ``PluralCategory``.
public struct Message: Sendable, Hashable {
    /// The message's id, a key of every catalogue.
    public var id: MessageID
    /// Its arguments by placeholder name, in a fixed order.
    public var arguments: [(String, MessageArgument)]

    /// Creates a message.
    public init(_ id: MessageID, _ arguments: [(String, MessageArgument)] = []) {
        self.id = id
        self.arguments = arguments
    }

    /// The argument with a name.
    public func argument(_ name: String) -> MessageArgument? {
        arguments.first { $0.0 == name }?.1
    }

    public static func == (lhs: Message, rhs: Message) -> Bool {
        lhs.id == rhs.id && lhs.arguments.count == rhs.arguments.count
            && zip(lhs.arguments, rhs.arguments).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        for (name, value) in arguments {
            hasher.combine(name)
            hasher.combine(value)
        }
    }

    /// A count with its noun in the English catalogue's plural rules: `Message.count(.countFacts, 1)` is "1 fact".
    public static func count(_ id: MessageID, _ count: Int) -> String {
        Message(id, [("count", .count(count))]).english
    }

    /// The message in English: what the engine's `String` fields hold today.
    public var english: String { MessageCatalog.english.render(self) }
}
