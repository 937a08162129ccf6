import AssessCore
/// Word, sentence and syllable counts of a plain text, and the Flesch measures computed from them.
///
/// - Flesch reading ease = 206.835 − 1.015 × (words ÷ sentences) − 84.6 × (syllables ÷ words)
///   (Flesch 1948): higher is easier; 60–70 is plain English.
/// - Flesch–Kincaid grade = 0.39 × (words ÷ sentences) + 11.8 × (syllables ÷ words) − 15.59
///   (Kincaid et al. 1975): a US school grade.
/// - Reading age = grade + 5 (a US grade is roughly the age in years minus 5).
struct Readability: Sendable, Hashable {
    /// How line breaks are read.
    enum LineBreaks: String, CaseIterable, Sendable {
        /// Each line is a heading, list item or paragraph, so a line break ends a sentence (text copied from a
        /// web page). The default.
        case sentence
        /// Lines are wrapped: only a blank line ends a sentence that has no full stop.
        case wrapped
    }

    var words = 0
    var sentences = 0
    var syllables = 0

    /// Flesch reading ease.
    var ease: Double { 206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord }
    /// Flesch–Kincaid grade level.
    var grade: Double { 0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59 }
    /// Reading age in years: the grade plus 5.
    var readingAge: Double { grade + 5 }
    var wordsPerSentence: Double { sentences > 0 ? Double(words) / Double(sentences) : 0 }
    var syllablesPerWord: Double { words > 0 ? Double(syllables) / Double(words) : 0 }

    /// Counts a text.
    ///
    /// Words are the whitespace-separated tokens that hold a letter or digit, once leading and trailing
    /// punctuation is removed; a hyphenated word is one word whose syllables are those of its parts. A
    /// sentence ends at a token ending in `.`, `!`, `?` or `…` (closing quotes and brackets allowed after it)
    /// unless the next token starts with a lower-case letter or a digit ("e.g. the", "No. 5") or the token is a
    /// single letter and a full stop (an initial); a sentence also ends at a line break (``LineBreaks``) and at
    /// the end of the text.
    init(text: String, lineBreaks: LineBreaks = .sentence) {
        var units: [[Substring]] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{A0}" })
            if tokens.isEmpty || lineBreaks == .sentence {
                if !current.isEmpty { units.append(current) }
                current = []
            }
            current += tokens
        }
        if !current.isEmpty { units.append(current) }
        for unit in units {
            var wordsSinceEnd = 0
            for (index, token) in unit.enumerated() {
                let core = Self.core(token)
                guard !core.isEmpty else { continue }
                words += 1
                syllables += core.split(separator: "-").reduce(0) { $0 + Self.syllables(in: String($1)) }
                wordsSinceEnd += 1
                if Self.endsSentence(token, core: core, next: index + 1 < unit.count ? unit[index + 1] : nil) {
                    sentences += 1
                    wordsSinceEnd = 0
                }
            }
            if wordsSinceEnd > 0 { sentences += 1 }
        }
    }

    /// The token without leading and trailing characters that are not letters or digits.
    static func core(_ token: Substring) -> Substring {
        let isWordy: (Character) -> Bool = { $0.isLetter || $0.isNumber }
        guard let first = token.firstIndex(where: isWordy), let last = token.lastIndex(where: isWordy) else { return "" }
        return token[first...last]
    }

    static func endsSentence(_ token: Substring, core: Substring, next: Substring?) -> Bool {
        var tail = token[core.endIndex...]
        while let last = tail.last, "\"'”’)]".contains(last) { tail = tail.dropLast() }
        guard let mark = tail.last, ".!?…".contains(mark) else { return false }
        if mark == ".", core.count == 1, core.first?.isLetter == true { return false }  // an initial: "J. Smith"
        if let next, let first = next.first(where: { $0.isLetter || $0.isNumber }), first.isLowercase || first.isNumber {
            return false
        }
        return true
    }

    /// Syllables in one word, by a documented heuristic (no dictionary):
    /// 1. Keep the letters a–z (lower-cased; other characters dropped). A word with no such letters (a number)
    ///    counts as one syllable; so does a word of three letters or fewer.
    /// 2. Count groups of consecutive vowels (a, e, i, o, u, and y except at the start of the word).
    /// 3. Take one off for a silent final `e` ("make"), but not for a consonant + `le` ending ("table") or a
    ///    vowel before the `e` ("free").
    /// 4. Take one off for a final `ed` that is not sounded ("moved", but not "wanted", "needed"), and for a
    ///    final `es` that is not sounded ("makes", but not "boxes", "places", "pages", "wishes", "tables").
    /// 5. At least one.
    static func syllables(in word: String) -> Int {
        let letters = Array(word.lowercased().unicodeScalars.filter { $0.value >= 97 && $0.value <= 122 })
        guard letters.count > 3 else { return 1 }
        func isVowel(_ index: Int) -> Bool {
            let c = letters[index]
            if c == "y" { return index > 0 }
            return c == "a" || c == "e" || c == "i" || c == "o" || c == "u"
        }
        var count = 0
        var previousVowel = false
        for index in letters.indices {
            let vowel = isVowel(index)
            if vowel && !previousVowel { count += 1 }
            previousVowel = vowel
        }
        let n = letters.count
        let last = letters[n - 1], secondLast = letters[n - 2]
        if last == "e" {
            if !isVowel(n - 2) && !(secondLast == "l" && n >= 3 && !isVowel(n - 3)) { count -= 1 }
        } else if last == "d", secondLast == "e", n >= 3, !isVowel(n - 3), letters[n - 3] != "t", letters[n - 3] != "d" {
            count -= 1
        } else if last == "s", secondLast == "e", n >= 3, !isVowel(n - 3) {
            let before = letters[n - 3]
            let sounded = "sxzcg".unicodeScalars.contains(before)
                || (n >= 4 && (before == "h" && (letters[n - 4] == "c" || letters[n - 4] == "s")))
                || (before == "l" && n >= 4 && !isVowel(n - 4))
            if !sounded { count -= 1 }
        }
        return max(count, 1)
    }
}
