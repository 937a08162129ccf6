import AssessCore

/// The channel names councils' systems use, mapped onto one id per channel.
enum Channel {
    /// The channels counted as digital self-service by default: those where residents finish the task
    /// themselves (web forms, accounts and payments, apps, chat, which is usually bot-first). Email and social
    /// media messages are not: a member of staff reads and answers each one, so they are assisted (mediated)
    /// contact with the costs of handling, which is how the GDS Digital Efficiency Report (Cabinet Office, 2012)
    /// separates "digital" transactions, completed online end to end, from mediated ones, and why Socitm's
    /// channel-shift study ("Potential for channel shift in local government", 2012) benchmarks web self-service
    /// apart from the handled channels. An emailed form is a form someone re-keys.
    static let selfService = ["web", "chat", "app"]

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
