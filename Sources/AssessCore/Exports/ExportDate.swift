/// Reads the many ways exports write a date or a month, for the plugins that group rows by month or day.
package enum ExportDate {
    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Year, month and (when written) day from `2025-04`, `2025-04-01`, `2021-08-31 19:53 +0000`, `2025/04`,
    /// `04/2025`, `01/04/2025` (day first, as in UK exports), `Apr 2025`, `April 2025`, `Apr-25` and
    /// `1 April 2025`. Nil when the text is none of these or the month or year is out of range; the day is
    /// returned as written, for the caller to check.
    package static func parts(_ text: String) -> (year: Int, month: Int, day: Int?)? {
        let tokens = text.split(whereSeparator: { "-/ .,T".contains($0) }).map(String.init)
        func number(_ token: String) -> Int? { !token.isEmpty && token.allSatisfy(\.isNumber) ? Int(token) : nil }
        func monthName(_ token: String) -> Int? {
            let lower = token.lowercased()
            guard lower.count >= 3, lower.allSatisfy(\.isLetter) else { return nil }
            return monthNames.firstIndex(where: { lower.hasPrefix($0) }).map { $0 + 1 }
        }
        func yearOf(_ token: String) -> Int? {
            guard let value = number(token) else { return nil }
            if token.count == 4 { return value }
            if token.count == 2 { return 2000 + value }
            return nil
        }
        guard tokens.count >= 2 else { return nil }
        var found: (Int, Int, Int?)?
        if tokens[0].count == 4, let y = number(tokens[0]), let m = number(tokens[1]) {
            found = (y, m, tokens.count >= 3 && tokens[2].count <= 2 ? number(tokens[2]) : nil)   // 2025-04(-01)
        } else if let m = monthName(tokens[0]), let y = yearOf(tokens[1]) {
            found = (y, m, nil)                                                                   // Apr 2025, Apr-25
        } else if tokens.count >= 3, let d = number(tokens[0]), let m = monthName(tokens[1]), let y = yearOf(tokens[2]) {
            found = (y, m, d)                                                                     // 1 April 2025
        } else if tokens.count >= 3, let d = number(tokens[0]), let m = number(tokens[1]), tokens[2].count == 4,
                  let y = number(tokens[2]) {
            found = (y, m, d)                                                                     // 01/04/2025
        } else if tokens[0].count <= 2, let m = number(tokens[0]), tokens[1].count == 4, let y = number(tokens[1]) {
            found = (y, m, nil)                                                                   // 04/2025
        }
        guard let (y, m, d) = found, (1...12).contains(m), (1900...2200).contains(y) else { return nil }
        return (y, m, d)
    }
}
