/// A position in a source file: 1-based line and column, or 0 when unknown.
public struct SourceLocation: Sendable, Hashable, Comparable {
    /// 1-based line number (0 when unknown).
    public var line: Int
    /// 1-based column number (0 when unknown).
    public var column: Int

    /// Creates a location from 1-based line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// A location that points at no particular line.
    public static let unknown = SourceLocation(line: 0, column: 0)

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// One problem found in an input file, with where it is and how to fix it.
///
/// Rendered as `file:LINE:COLUMN: error: what is wrong; how to fix it`, followed by the offending source line
/// and a caret under the column.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable {
        /// The input cannot be used as it is.
        case error
        /// The input can be used but is probably not what was meant.
        case warning
    }

    /// How serious it is.
    public var severity: Severity
    /// The file as the user named it.
    public var file: String
    /// Where in the file.
    public var location: SourceLocation
    /// What is wrong.
    public var message: String
    /// How to fix it, when there is something useful to say.
    public var hint: String?
    /// The text of the offending line, for the caret display.
    public var sourceLine: String?

    /// Creates a diagnostic.
    public init(
        _ severity: Severity = .error, file: String, location: SourceLocation, message: String,
        hint: String? = nil, sourceLine: String? = nil
    ) {
        self.severity = severity
        self.file = file
        self.location = location
        self.message = message
        self.hint = hint
        self.sourceLine = sourceLine
    }

    /// The first line alone: `file:LINE:COLUMN: error: message; hint`.
    public var headline: String {
        var text = file
        if location.line > 0 { text += ":\(location.line):\(max(location.column, 1))" }
        text += ": \(severity.rawValue): \(message)"
        if let hint { text += "; \(hint)" }
        return text
    }

    /// The headline followed by the source line and a caret under the column.
    public var description: String {
        guard let sourceLine, location.line > 0 else { return headline }
        let gutter = String(location.line)
        let pad = String(repeating: " ", count: gutter.count)
        // Columns count Unicode scalars (as libyaml does); the caret moves one place per character drawn,
        // and tabs are kept so it lines up under tab-indented text.
        let scalars = sourceLine.unicodeScalars
        let end = scalars.index(scalars.startIndex, offsetBy: max(location.column - 1, 0), limitedBy: scalars.endIndex) ?? scalars.endIndex
        let prefix = String(scalars[..<end]).map { $0 == "\t" ? "\t" : " " }.joined()
        return "\(headline)\n \(gutter) | \(sourceLine)\n \(pad) | \(prefix)^"
    }
}

/// A set of diagnostics thrown together: loading reports every problem in a file, not only the first.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    /// Every problem, in file and line order.
    public var diagnostics: [Diagnostic]

    /// Wraps diagnostics, sorting them by file and position.
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { ($0.file, $0.location) < ($1.file, $1.location) }
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
