/// Escaping for HTML and SVG text and attribute values, shared by every page `assess` writes itself.
public enum HTMLText {
    /// Escapes `& < > " '` and writes control characters and bidirectional overrides from input as numeric
    /// character references, so they show as what they are instead of acting on the page.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                if TerminalText.needsEscape(scalar) {
                    out += "&#x" + String(scalar.value, radix: 16, uppercase: true) + ";"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
