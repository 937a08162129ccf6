import AssessCore

/// A calendar month, read from the many ways exports write a month or a date.
struct Month: Sendable, Hashable, Comparable {
    /// The year.
    var year: Int
    /// 1 to 12.
    var month: Int

    /// Months since year 0, for ordering and spans.
    var ordinal: Int { year * 12 + month - 1 }

    /// `2025-04`.
    var label: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

    static func < (lhs: Month, rhs: Month) -> Bool { lhs.ordinal < rhs.ordinal }

    static let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Reads `2025-04`, `2025-04-01`, `2025-04-01 09:30`, `2025/04`, `04/2025`, `01/04/2025` (day first, as in
    /// UK exports), `Apr 2025`, `April 2025`, `Apr-25` and `1 April 2025`. Nil when the text is none of these.
    init?(_ text: String) {
        let tokens = text.split(whereSeparator: { "-/ .,T".contains($0) }).map(String.init)
        func number(_ token: String) -> Int? { token.allSatisfy(\.isNumber) ? Int(token) : nil }
        func monthName(_ token: String) -> Int? {
            let lower = token.lowercased()
            guard lower.count >= 3, lower.allSatisfy(\.isLetter) else { return nil }
            return Month.names.firstIndex(where: { lower.hasPrefix($0) }).map { $0 + 1 }
        }
        func yearOf(_ token: String) -> Int? {
            guard let value = number(token) else { return nil }
            if token.count == 4 { return value }
            if token.count == 2 { return 2000 + value }
            return nil
        }
        guard tokens.count >= 2 else { return nil }
        var found: (Int, Int)?
        if tokens[0].count == 4, let y = number(tokens[0]), let m = number(tokens[1]) {
            found = (y, m)                                                   // 2025-04, 2025-04-01
        } else if let m = monthName(tokens[0]), let y = yearOf(tokens[1]) {
            found = (y, m)                                                   // Apr 2025, Apr-25
        } else if tokens.count >= 3, number(tokens[0]) != nil, let m = monthName(tokens[1]), let y = yearOf(tokens[2]) {
            found = (y, m)                                                   // 1 April 2025
        } else if tokens.count >= 3, number(tokens[0]) != nil, let m = number(tokens[1]), tokens[2].count == 4,
                  let y = number(tokens[2]) {
            found = (y, m)                                                   // 01/04/2025
        } else if tokens[0].count <= 2, let m = number(tokens[0]), tokens[1].count == 4, let y = number(tokens[1]) {
            found = (y, m)                                                   // 04/2025
        }
        guard let (y, m) = found, (1...12).contains(m), (1900...2200).contains(y) else { return nil }
        self.year = y
        self.month = m
    }

    /// A month from its parts.
    init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }
}

/// The channel names councils' systems use, mapped onto one id per channel.
enum Channel {
    /// The id for a channel as an export or the evidence writes it: `Face to face` → `face-to-face`,
    /// `Telephone` → `phone`, `Web form` → `web`, `Webchat` → `chat`, `Letter` → `post`.
    static func id(_ raw: String) -> String {
        switch raw.squashed {
        case "facetoface", "f2f", "inperson", "visit", "visits", "walkin", "reception", "counter", "office",
             "facetofacevisit", "facetofacevisits", "customerservicecentre", "officevisit", "officevisits":
            return "face-to-face"
        case "phone", "telephone", "tel", "call", "calls", "voice", "telephony", "phonecall", "phonecalls", "contactcentre":
            return "phone"
        case "email", "emails":
            return "email"
        case "post", "letter", "letters", "postal", "paper", "mail":
            return "post"
        case "web", "online", "webform", "webforms", "onlineform", "onlineforms", "website", "selfservice",
             "portal", "myaccount", "onlinetransaction", "onlinetransactions", "digital", "eform", "eforms",
             "websitevisit", "websitevisits":
            return "web"
        case "chat", "webchat", "livechat", "chatbot", "virtualassistant":
            return "chat"
        case "social", "socialmedia", "facebook", "twitter", "x", "instagram", "nextdoor":
            return "social"
        case "app", "apps", "mobileapp", "smartphoneapp":
            return "app"
        case "sms", "text", "texts", "textmessage", "textmessages":
            return "sms"
        default:
            let words = raw.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            return words.isEmpty ? raw : words.joined(separator: "-")
        }
    }
}
