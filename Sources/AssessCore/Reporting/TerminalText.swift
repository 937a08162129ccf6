/// Text from evidence, rubrics and plugins made safe to print on a terminal.
///
/// Control characters (C0 except, by default, newline and tab; DEL; C1) and the Unicode bidirectional
/// controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) are shown escaped, as `\u{1B}`, so
/// an organisation name cannot clear the screen, set the window title, hide text or reorder a line.
/// The reporters apply it to each piece of input-derived text, never to their own colour codes.
public enum TerminalText {
    /// Whether a scalar is shown escaped.
    public static func needsEscape(_ scalar: Unicode.Scalar, keepingLayout: Bool = true) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return !keepingLayout
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// The text with every control and bidirectional override shown as `\u{XX}`. With `keepingLayout`
    /// (the default) newlines and tabs stay as they are; without, they are escaped too (for one-line fields).
    public static func escape(_ text: String, keepingLayout: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingLayout: keepingLayout) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar, keepingLayout: keepingLayout) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
