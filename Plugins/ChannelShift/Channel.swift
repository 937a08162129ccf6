import AssessCore

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
