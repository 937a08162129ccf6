/// Text laid out for a fixed-width terminal: display widths, word wrapping, padding and tables.
///
/// Pure: text and a width in, lines out. The CLI picks the width (the terminal's, `COLUMNS`, or
/// ``standardWidth`` when output is not a terminal); every text output of `assess` goes through these
/// functions, so no line is ever wider than the width asked for.
///
/// Widths are display columns, not bytes or characters: "█░✔✘·—" take one column each, East Asian wide
/// characters and emoji two, combining marks none. Colour codes (`ESC [ … m`) take none. Any other control
/// or bidirectional-control character is counted as the width of its escaped form `\u{1B}`, which is how
/// the terminal reporters show such characters from untrusted text, so wrapping is right whether the text
/// is escaped before or after it is wrapped.
public enum TextLayout {
    /// The width used when output is not a terminal (and for files).
    public static let standardWidth = 80
    /// The narrowest width laid out; a smaller terminal gets this.
    public static let minimumWidth = 40

    /// A width asked for, kept within ``minimumWidth`` and a sane maximum.
    public static func clamped(_ width: Int) -> Int { min(max(width, minimumWidth), 1_000) }

    // MARK: - Widths

    /// The display columns `text` takes on one line (a newline takes none).
    public static func columns(_ text: some StringProtocol) -> Int {
        var total = 0
        var index = text.startIndex
        while index < text.endIndex {
            if let end = colourCodeEnd(text, at: index) {
                index = end
                continue
            }
            total += columns(of: text[index])
            index = text.index(after: index)
        }
        return total
    }

    /// The columns one character takes.
    static func columns(of character: Character) -> Int {
        var width = 0
        var base: Unicode.Scalar?
        for scalar in character.unicodeScalars {
            if shownEscaped(scalar) {
                width += escapedWidth(scalar)
            } else if base == nil {
                base = scalar
            }
        }
        guard let base, base != "\n" else { return width }
        if base == "\t" { return width + 1 }
        switch base.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return width
        default: break
        }
        if base.properties.isEmojiPresentation || character.unicodeScalars.contains("\u{FE0F}") || isWide(base.value) { return width + 2 }
        return width + 1
    }

    /// Whether a scalar is a control the terminal reporters show escaped as `\u{…}` (``TerminalText``'s rule:
    /// C0 but newline and tab, DEL, C1 and the bidirectional controls).
    static func shownEscaped(_ scalar: Unicode.Scalar) -> Bool {
        TerminalText.needsEscape(scalar)
    }

    /// The width of `\u{1B}` and its kind: four plus the hexadecimal digits.
    static func escapedWidth(_ scalar: Unicode.Scalar) -> Int { 4 + String(scalar.value, radix: 16).count }

    /// East Asian Wide and Fullwidth ranges (Unicode 15, UAX #11), which terminals draw two columns wide.
    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
             0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
             0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Where a colour code `ESC [ digits ; … m` starting at `index` ends, or nil when none starts there.
    static func colourCodeEnd<S: StringProtocol>(_ text: S, at index: S.Index) -> S.Index? {
        guard text[index] == "\u{1B}" else { return nil }
        var cursor = text.index(after: index)
        guard cursor < text.endIndex, text[cursor] == "[" else { return nil }
        cursor = text.index(after: cursor)
        while cursor < text.endIndex {
            let character = text[cursor]
            if character == "m" { return text.index(after: cursor) }
            guard character.isASCII, character.isNumber || character == ";" else { return nil }
            cursor = text.index(after: cursor)
        }
        return nil
    }

    // MARK: - Wrapping

    /// Words wrapped to `width` columns: the first line starts with `indent`, the others with `then`
    /// (`indent` when nil). A newline in the text starts a new line; the spaces between two words on one line
    /// are kept as written (so "id  level 3" stays lined up), and dropped where a line breaks. A word longer
    /// than the room left is broken across lines rather than cut, so nothing is lost. A blank line keeps no
    /// trailing spaces.
    public static func wrap(_ text: String, width: Int, indent: String = "", then: String? = nil) -> [String] {
        let rest = then ?? indent
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let prefix = lines.isEmpty ? indent : rest
            var line = prefix
            var used = columns(prefix)
            var empty = true
            func newLine() {
                lines.append(line)
                line = rest
                used = columns(rest)
                empty = true
            }
            for (gap, word) in words(paragraph) {
                let size = columns(word)
                let space = empty ? 0 : columns(gap)
                if !empty, used + space + size > width { newLine() }
                if !empty {
                    line += gap
                    used += space
                }
                // A word wider than the room left is broken, a column at a time.
                if used + size > width {
                    for piece in pieces(of: word) {
                        let pieceWidth = columns(piece)
                        if !empty, used + pieceWidth > width { newLine() }
                        line += piece
                        used += pieceWidth
                        empty = false
                    }
                } else {
                    line += word
                    used += size
                    empty = false
                }
            }
            if empty { while line.last == " " { line.removeLast() } }
            lines.append(line)
        }
        return lines
    }

    /// The words of one line of text, each with the spaces before it (a tab or other space counts as one).
    private static func words(_ paragraph: Substring) -> [(gap: String, word: Substring)] {
        var result: [(String, Substring)] = []
        var gap = ""
        var start: Substring.Index?
        var index = paragraph.startIndex
        while index < paragraph.endIndex {
            let character = paragraph[index]
            if character.isWhitespace {
                if let wordStart = start {
                    result.append((gap, paragraph[wordStart..<index]))
                    gap = ""
                    start = nil
                }
                gap += " "
            } else if start == nil {
                start = index
            }
            index = paragraph.index(after: index)
        }
        if let wordStart = start { result.append((gap, paragraph[wordStart...])) }
        return result
    }

    /// A word cut into the smallest pieces that keep colour codes whole.
    private static func pieces(of word: Substring) -> [Substring] {
        var pieces: [Substring] = []
        var index = word.startIndex
        while index < word.endIndex {
            let end = colourCodeEnd(word, at: index) ?? word.index(after: index)
            pieces.append(word[index..<end])
            index = end
        }
        return pieces
    }

    /// Text padded with spaces to `width` columns (unchanged when already as wide).
    public static func pad(_ text: String, to width: Int) -> String {
        let size = columns(text)
        return size >= width ? text : text + String(repeating: " ", count: width - size)
    }

    /// Text padded on the left to `width` columns.
    public static func padLeft(_ text: String, to width: Int) -> String {
        let size = columns(text)
        return size >= width ? text : String(repeating: " ", count: width - size) + text
    }

    /// A line cut to `width` columns, ending in "…" when something was cut. Only for lines that cannot
    /// wrap (a YAML line in a comment, a sample export row).
    public static func clip(_ line: String, width: Int) -> String {
        guard columns(line) > width else { return line }
        var out = ""
        var used = 0
        var index = line.startIndex
        while index < line.endIndex {
            let end = colourCodeEnd(line, at: index) ?? line.index(after: index)
            let piece = line[index..<end]
            let size = columns(piece)
            if used + size > width - 1 { break }
            out += piece
            used += size
            index = end
        }
        return out + "…"
    }

    // MARK: - Tables

    /// A column of a ``table(_:rows:width:indent:gap:style:)``.
    public struct Column: Sendable {
        /// The heading.
        public var header: String
        /// Whether the cells are aligned right (numbers).
        public var right: Bool
        /// Whether the cells may wrap onto more lines when the table is too wide.
        public var wraps: Bool
        /// When the table is too wide, columns with a drop rank are left out, lowest rank first; nil: kept.
        public var drop: Int?

        /// A column.
        public init(_ header: String, right: Bool = false, wraps: Bool = false, drop: Int? = nil) {
            self.header = header
            self.right = right
            self.wraps = wraps
            self.drop = drop
        }
    }

    /// Rows laid out in columns within `width`. When the natural layout is too wide, the columns with a
    /// drop rank below 10 go first (decoration), then wrapping columns shrink (not below their longest
    /// word), then the other droppable columns go, lowest rank first, then wrapping columns break long words,
    /// and only then is a line clipped. A cell
    /// may hold newlines. `style` paints a padded cell (row -1 is the heading) after layout, so colour
    /// codes never change the widths. Trailing spaces are trimmed.
    public static func table(_ columns: [Column], rows: [[String]], width: Int, indent: String = "", gap: Int = 2,
                             style: ((_ row: Int, _ column: Int, _ text: String) -> String)? = nil) -> [String] {
        tableRows(columns, rows: rows, width: width, indent: indent, gap: gap, style: style).flatMap { $0 }
    }

    /// The lines of ``table(_:rows:width:indent:gap:style:)`` grouped by row, the heading first, so that a
    /// caller can put other lines between the rows (or leave the heading out) and keep the columns.
    public static func tableRows(_ columns: [Column], rows: [[String]], width: Int, indent: String = "", gap: Int = 2,
                                 style: ((_ row: Int, _ column: Int, _ text: String) -> String)? = nil) -> [[String]] {
        let all = [columns.map(\.header)] + rows.map { row in columns.indices.map { $0 < row.count ? row[$0] : "" } }
        func natural(_ column: Int) -> Int {
            all.map { $0[column].split(separator: "\n", omittingEmptySubsequences: false).map { Self.columns($0) }.max() ?? 0 }.max() ?? 0
        }
        // Computed once: shrinking asks for them at every step.
        let longestWord = columns.indices.map { column in
            max(1, all.map { $0[column].split(whereSeparator: \.isWhitespace).map { Self.columns($0) }.max() ?? 0 }.max() ?? 0)
        }
        let naturalWidths = columns.indices.map(natural)
        var visible = Array(columns.indices)
        var widths = naturalWidths
        let room = width - Self.columns(indent)
        func total() -> Int { visible.reduce(0) { $0 + widths[$1] } + gap * max(visible.count - 1, 0) }
        func shrink(breakingWords: Bool = false) {
            // Take columns from the widest wrapping column first, never below its longest word (or, as a last
            // resort, below 8 columns: wrapping then breaks the word, and nothing is lost).
            while total() > room {
                let candidates = visible.filter { columns[$0].wraps && widths[$0] > (breakingWords ? min(8, longestWord[$0]) : longestWord[$0]) }
                guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { return }
                widths[widest] -= 1
            }
        }
        let decorations = visible.filter { (columns[$0].drop ?? 10) < 10 }.sorted { (columns[$0].drop ?? 0) < (columns[$1].drop ?? 0) }
        for column in decorations where total() > room { visible.removeAll { $0 == column } }
        shrink()
        let others = visible.filter { columns[$0].drop != nil }.sorted { (columns[$0].drop ?? 0) < (columns[$1].drop ?? 0) }
        for column in others where total() > room {
            visible.removeAll { $0 == column }
            widths = naturalWidths
            shrink()
        }
        shrink(breakingWords: true)

        var grouped: [[String]] = []
        for (rowIndex, row) in all.enumerated() {
            var lines: [String] = []
            let cells = visible.map { column in
                columns[column].wraps ? wrap(row[column], width: widths[column]) : row[column].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            }
            let height = cells.map(\.count).max() ?? 1
            for lineIndex in 0..<height {
                var parts: [String] = []
                for (position, column) in visible.enumerated() {
                    let text = lineIndex < cells[position].count ? cells[position][lineIndex] : ""
                    let padded = columns[column].right ? padLeft(text, to: widths[column]) : pad(text, to: widths[column])
                    parts.append(style.map { $0(rowIndex - 1, column, padded) } ?? padded)
                }
                var line = indent + parts.joined(separator: String(repeating: " ", count: gap))
                while line.last == " " { line.removeLast() }
                lines.append(Self.columns(line) > width ? clip(line, width: width) : line)
            }
            grouped.append(lines)
        }
        return grouped
    }
}
