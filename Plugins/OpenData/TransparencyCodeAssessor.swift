import AssessCore

/// The datasets the Local Government Transparency Code 2015 requires, found in a catalogue export by matching
/// titles, tags and keywords, and counted only when up to date; or answered item by item as a checklist.
public struct TransparencyCodeAssessor: Assessor {
    /// How often the Code requires an item to be published.
    public enum Frequency: String, CaseIterable, Sendable {
        /// Every quarter (published within one month of the quarter's end).
        case quarterly
        /// Every year.
        case annual
        /// Once (then kept available).
        case once
    }

    /// One item the Code requires.
    public struct Item: Sendable {
        /// The checklist id, as the rubric's items.
        public let id: String
        /// What the item is.
        public let label: String
        /// Its weight in the share.
        public let weight: Double
        /// How often it must be published.
        public let frequency: Frequency
        /// Phrases that identify it in a dataset's title, tags, keywords or name.
        public let match: [String]
        /// The councils it applies to (`applies-to:`, such as `{attributes: {housing-stock: yes}}`); for the
        /// others it leaves the denominator.
        public var appliesTo = Applicability()
    }

    /// The Code's items (Part 2, "information which must be published"), with the phrases that find them.
    public static let codeItems: [Item] = [
        Item(id: "spend-over-500", label: "Each item of expenditure over £500 (quarterly)", weight: 2, frequency: .quarterly,
             match: ["over 500", "exceeding 500", "spend over", "spending over", "expenditure over", "payments over",
                     "supplier payments", "payments to suppliers", "spend data"]),
        Item(id: "procurement-card", label: "Every government procurement card transaction (quarterly)", weight: 1, frequency: .quarterly,
             match: ["procurement card", "purchase card", "purchasing card", "p card", "pcard", "gpc"]),
        Item(id: "procurement-information", label: "Invitations to tender and contracts over £5,000 (quarterly)", weight: 2, frequency: .quarterly,
             match: ["contracts register", "contract register", "contracts over 5000", "invitations to tender", "tenders",
                     "procurement information", "contract awards", "contracts finder"]),
        Item(id: "land-assets", label: "Local authority land and building assets (annually)", weight: 1, frequency: .annual,
             match: ["land and building", "land and buildings", "land and property", "land assets", "property assets",
                     "asset register", "council owned land", "property portfolio"]),
        Item(id: "social-housing-assets", label: "Social housing asset value (annually)", weight: 1, frequency: .annual,
             match: ["social housing asset", "social housing assets", "housing asset value", "housing stock valuation",
                     "social housing stock", "housing revenue account asset"]),
        Item(id: "grants-voluntary-sector", label: "Grants to voluntary, community and social enterprise organisations (annually)",
             weight: 1, frequency: .annual,
             match: ["grants to voluntary", "voluntary community and social enterprise", "vcse", "grants paid", "grant payments",
                     "community grants", "voluntary sector grants"]),
        Item(id: "organisation-chart", label: "Organisation chart of the top three levels (annually)", weight: 1, frequency: .annual,
             match: ["organisation chart", "organisational chart", "organogram", "organisation structure", "org chart",
                     "senior management structure"]),
        Item(id: "trade-union-facility-time", label: "Trade union facility time (annually)", weight: 1, frequency: .annual,
             match: ["facility time", "trade union"]),
        Item(id: "parking-account", label: "Parking account (annually)", weight: 1, frequency: .annual,
             match: ["parking account", "parking income", "parking revenue", "parking surplus", "parking finance"]),
        Item(id: "parking-spaces", label: "Parking spaces (annually)", weight: 1, frequency: .annual,
             match: ["parking spaces", "parking space", "car parks", "parking bays"]),
        Item(id: "senior-salaries", label: "Senior salaries (annually)", weight: 1, frequency: .annual,
             match: ["senior salaries", "senior salary", "senior officer pay", "senior officers pay", "senior pay",
                     "senior staff salaries", "senior officers remuneration", "senior employees"]),
        Item(id: "constitution", label: "Constitution (annually)", weight: 1, frequency: .annual, match: ["constitution"]),
        Item(id: "pay-multiple", label: "Pay multiple (annually)", weight: 1, frequency: .annual,
             match: ["pay multiple", "pay ratio", "pay policy statement", "pay multiplier"]),
        Item(id: "fraud", label: "Counter-fraud work (annually)", weight: 1, frequency: .annual, match: ["fraud"]),
        Item(id: "waste-contracts", label: "Existing waste collection contracts (once)", weight: 1, frequency: .once,
             match: ["waste contracts", "waste collection contracts", "waste services contract", "refuse collection contract"]),
    ]

    /// Organisation types the Code does not apply to (it covers councils in England).
    public static let defaultExempt = ["scottish-unitary", "welsh-unitary", "ni-district"]

    let items: [Item]
    let phrases: [[[String]]]
    let thresholds: Thresholds
    let quarterlyMonths: Int
    let annualMonths: Int
    let asOf: CalendarDate?
    let exempt: [String]

    /// Each item's own `applies-to:`.
    public var partApplicability: [Applicability] { items.map(\.appliesTo).filter(\.isRestricted) }

    public static let description = AssessorDescription(
        id: "open-data.transparency-code", title: "Local Government Transparency Code datasets",
        purpose: "Finds the datasets the Local Government Transparency Code 2015 requires in a catalogue export by matching each item's phrases against dataset titles, tags, keywords and names, counts an item only when its newest matching dataset is current (quarterly items modified within 4 months of the as-of date, annual within 13, once at any time), and scores the weighted share; or scores a yes/no checklist. Not applicable to Scottish, Welsh and Northern Irish councils.",
        roles: [
            RoleDescription("items", type: "catalogue export file, or a mapping of item id to yes/no",
                            "the catalogue, or which Code datasets are published and current"),
            RoleDescription("as-of", type: "date (YYYY-MM-DD)", required: false, "the date currency is judged at"),
            RoleDescription("publisher", type: "text", required: false, "count only datasets of this publisher"),
            RoleDescription("nothing-to-publish", type: "list of item ids", required: false,
                            "items the council has nothing to publish for (no housing stock, no parking): counted as in place"),
        ],
        parameters: [
            ParameterDescription("items", type: "list of {id, label, weight, frequency, match, applies-to}", default: "the Code's 15 items",
                                 "the items; frequency is quarterly, annual or once; match lists phrases (an id the plugin knows may leave out frequency and match); "
                                    + "applies-to: the councils the item applies to, as on a criterion (an item that does not apply leaves the denominator)"),
            ParameterDescription("quarterly-months", type: "whole number", default: "4", "a quarterly item is current if modified within this many months"),
            ParameterDescription("annual-months", type: "whole number", default: "13", "an annual item is current if modified within this many months"),
            asOfDescription,
            ParameterDescription("not-applicable-types", type: "list of organisation types", default: "[scottish-unitary, welsh-unitary, ni-district]",
                                 "organisation types the Code does not apply to"),
        ] + Thresholds.parameterDescriptions.map {
            var p = $0
            if p.name == "thresholds" { p.defaultValue = "evenly spaced from 0 to 100" }
            return p
        },
        examples: [
            AssessorExample(parameters: "thresholds: [0, 50, 75, 90, 100]", evidence: "items: {file: catalogue.json, date: 2026-03-31}",
                            files: ["catalogue.json": exampleCKAN], expect: .level(1.235)),
            AssessorExample(parameters: "thresholds: [0, 50, 75, 90, 100]", evidence: "items: {file: catalogue.json}\nas-of: 2024-12-31",
                            files: ["catalogue.json": exampleCKAN], expect: .level(1.353)),
            AssessorExample(parameters: """
                items:
                  - {id: parking-spaces, label: Parking spaces}
                  - {id: constitution, label: Constitution}
                  - {id: spend-over-500, label: Spend over £500, weight: 2}
                thresholds: [0, 50, 75, 90, 100]
                """, evidence: "items: {file: data.json, date: 2026-01-15}", files: ["data.json": exampleDCAT], expect: .level(1.5)),
            AssessorExample(parameters: "thresholds: [0, 50, 75, 90, 100]",
                            evidence: "items: {file: catalogue.json, date: 2026-03-31}\nnothing-to-publish: [social-housing-assets, parking-account, parking-spaces]",
                            files: ["catalogue.json": exampleCKAN], expect: .level(1.588)),
            AssessorExample(parameters: "thresholds: [0, 50, 75, 90, 100]",
                            evidence: "items: {spend-over-500: yes, procurement-card: yes, procurement-information: yes, constitution: yes}",
                            expect: .level(1.706)),
            AssessorExample(parameters: "thresholds: [0, 50, 75, 90, 100]", evidence: "items: {spend-over-500: yes, spending: yes}",
                            expect: .error("unknown Transparency Code item 'spending'")),
            AssessorExample(parameters: "thresholds: [0, 50, 75, 90, 100]", evidence: "items: {file: catalogue.csv, date: 2026-03-31}",
                            files: ["catalogue.csv": "title,license,formats\nSpending over £500,OGL,CSV\n"],
                            expect: .error("no column named 'date_updated' or 'modified'")),
            AssessorExample(parameters: "thresholds: [0, 50, 75, 90, 100]", evidence: "other: yes", expect: .notAssessed),
            AssessorExample(parameters: "thresholds: [0, 50, 75, 90, 100]", evidence: "items: {not-applicable: The council is in Wales}",
                            expect: .notApplicable),
            // Social housing applies only to councils with housing stock; the example council does not say, so it counts: 2 of 3.
            AssessorExample(parameters: """
                items:
                  - {id: constitution}
                  - {id: fraud}
                  - {id: social-housing-assets, applies-to: {attributes: {housing-stock: yes}}}
                thresholds: [0, 50, 75, 90, 100]
                """, evidence: "items: {constitution: yes, fraud: yes}", expect: .level(2.667)),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        var items: [Item] = []
        var ok = true
        if let list = parameters["items"]?.list() {
            for entry in list {
                guard let map = entry.mapping(keys: ["id", "label", "weight", "frequency", "match", "applies-to"]),
                      let id = map.string("id") else { ok = false; continue }
                let known = Self.codeItems.first { $0.id == id }
                guard let label = map.optionalString("label") ?? known?.label else { _ = map.string("label"); ok = false; continue }
                let weight = map["weight"]?.number(in: 0...1_000_000) ?? known?.weight ?? 1
                var frequency = known?.frequency
                if let reader = map["frequency"] { frequency = reader.choice(Frequency.self) ?? frequency }
                var match = known?.match
                if let reader = map["match"], let phrases = reader.list() { match = phrases.compactMap { $0.string() } }
                guard let frequency, let match, !match.isEmpty else {
                    entry.error("item '\(id)' is not one the plugin knows, so it needs frequency and match",
                                hint: "add frequency: quarterly, annual or once, and match: [phrases found in dataset titles]")
                    ok = false
                    continue
                }
                if items.contains(where: { $0.id == id }) {
                    entry.error("duplicate item '\(id)'", hint: "give every item its own id")
                    ok = false
                }
                var item = Item(id: id, label: label, weight: weight, frequency: frequency, match: match)
                if let reader = map["applies-to"] {
                    let before = entry.context.diagnostics.count
                    item.appliesTo = FrameworkLoader.readApplicability(reader)
                    if entry.context.diagnostics.count != before { ok = false }
                }
                items.append(item)
            }
            if items.isEmpty, ok { parameters.reader.error("items needs at least one item"); ok = false }
        } else {
            items = Self.codeItems
        }
        let quarterly = parameters["quarterly-months"]?.integer(in: 1...60) ?? 4
        let annual = parameters["annual-months"]?.integer(in: 1...120) ?? 13
        let asOf = asOfParameter(parameters)
        var exempt = Self.defaultExempt
        if let list = parameters["not-applicable-types"]?.list() { exempt = list.compactMap { $0.string() } }
        let top = scale.top
        let even = (0..<top).map { Double($0) * 100 / Double(max(top - 1, 1)) }
        guard ok, asOf.ok, var thresholds = Thresholds(parameters: parameters, scale: scale, fallback: even) else { return nil }
        if thresholds.unit.isEmpty { thresholds.unit = "%" }
        self.items = items
        self.phrases = items.map { $0.match.map(Self.words) }
        self.thresholds = thresholds
        self.quarterlyMonths = quarterly
        self.annualMonths = annual
        self.asOf = asOf.day
        self.exempt = exempt
    }

    /// The words of a title or phrase for matching: lower case, `&` read as "and", `£` and thousands commas
    /// dropped, split at anything but letters and digits, a plural `s` removed, `organization` spelt `organisation`.
    public static func words(_ text: String) -> [String] {
        var cleaned = ""
        for character in text.lowercased() {
            switch character {
            case "&": cleaned += " and "
            case "£", ",", "'", "’": continue
            default: cleaned.append(character)
            }
        }
        return cleaned.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map { word in
            var word = String(word)
            if word.hasPrefix("organiz") { word = "organis" + word.dropFirst(7) }
            if word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss") { word.removeLast() }
            return word
        }
    }

    /// Whether a phrase's words appear, in order and next to each other, in a text's words.
    public static func contains(_ words: [String], _ phrase: [String]) -> Bool {
        guard !phrase.isEmpty, phrase.count <= words.count else { return false }
        for start in 0...(words.count - phrase.count) where Array(words[start..<(start + phrase.count)]) == phrase { return true }
        return false
    }

    /// The items that apply to the organisation, and those that do not with the reason; throws not applicable
    /// when none applies.
    func applicable(_ input: AssessorInput) throws(AssessmentIssue) -> (items: [Int], excluded: [(label: String, reason: String)]) {
        var applicable: [Int] = []
        var excluded: [(label: String, reason: String)] = []
        for (index, item) in items.enumerated() {
            if let reason = item.appliesTo.exclusion(for: input.organisation) { excluded.append((item.label, reason)) } else { applicable.append(index) }
        }
        guard !applicable.isEmpty else {
            throw .notApplicable("none of its items applies: " + excluded.map { "\($0.label): \($0.reason)" }.joined(separator: "; ") + ".")
        }
        return (applicable, excluded)
    }

    /// "Left out as not applicable: Social housing asset value (annually) (it applies only ...). " or nothing.
    static func leftOut(_ excluded: [(label: String, reason: String)]) -> String {
        excluded.isEmpty ? "" : "Left out as not applicable: " + excluded.map { "\($0.label) (\($0.reason))" }.joined(separator: "; ") + ". "
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        if let type = input.organisation.type, exempt.contains(type) {
            throw .notApplicable("the Local Government Transparency Code 2015 applies to councils in England, and this organisation is a \(type) council")
        }
        guard input.hasFile("items") else { return try checklist(input) }
        let catalogue = try input.catalogue("items")
        let dates = try catalogue.modifiedDates()
        let asOf = try input.asOfDate(parameter: self.asOf, exportFact: try input.fact("items"))
        let texts = catalogue.datasets.map { dataset in ([dataset.title] + dataset.keywords).map(Self.words) }
        var exempted: Set<String> = []
        if try input.optionalFact("nothing-to-publish") != nil {
            let node = try input.value("nothing-to-publish")
            for answer in try input.flags(node, what: input.bindings["nothing-to-publish"] ?? "nothing-to-publish") where answer.value {
                guard items.contains(where: { $0.id == answer.id }) else {
                    throw input.invalid("unknown Transparency Code item '\(answer.id)'", at: answer.node,
                                        hint: Suggestion.nearest(to: answer.id, in: items.map(\.id)).map { "did you mean '\($0)'?" }
                                            ?? "the items are \(items.map(\.id).joined(separator: ", "))")
                }
                exempted.insert(answer.id)
            }
        }

        let (applicable, excluded) = try applicable(input)
        var inPlace: [String] = [], late: [String] = [], missing: [String] = []
        var doneWeight = 0.0, doneCount = 0
        for index in applicable {
            let item = items[index]
            if exempted.contains(item.id) {
                inPlace.append("\(item.label): nothing to publish (\(input.bindings["nothing-to-publish"] ?? "nothing-to-publish"))")
                doneWeight += item.weight
                doneCount += 1
                continue
            }
            let found = catalogue.datasets.indices.filter { d in
                phrases[index].contains { phrase in texts[d].contains { Self.contains($0, phrase) } }
            }
            guard !found.isEmpty else { missing.append(item.label); continue }
            // The newest matching dataset stands for the item.
            let newest = found.max { (dates[$0]?.ordinal ?? Int.min) < (dates[$1]?.ordinal ?? Int.min) } ?? found[0]
            let title = catalogue.datasets[newest].title
            let date = dates[newest]
            let shown = "\(item.label): '\(title)'" + (date.map { ", modified \($0)" } ?? ", no date")
            var current = true
            if let asOf, item.frequency != .once {
                let months = item.frequency == .quarterly ? quarterlyMonths : annualMonths
                let cutoff = asOf.day.adding(months: -months)
                if let date { current = date >= cutoff } else { current = false }
                if !current { late.append(shown + " (needed on or after \(cutoff))") }
            }
            if current {
                inPlace.append(shown)
                doneWeight += item.weight
                doneCount += 1
            }
        }
        let total = applicable.reduce(0) { $0 + items[$1].weight }
        let share = total > 0 ? doneWeight / total * 100 : 0
        var findings = catalogue.sourceFindings
        if let asOf {
            findings.append(Finding("as-of", "Currency judged as of (from \(asOf.source))", .text(asOf.day.description)))
            findings.append(Finding("currency-rule", "Current if modified on or after",
                                    .text("quarterly items \(asOf.day.adding(months: -quarterlyMonths)) (\(quarterlyMonths) months); annual items \(asOf.day.adding(months: -annualMonths)) (\(annualMonths) months); once: any date")))
        } else {
            findings.append(Finding("currency-not-checked", "Warning", .text("no as-of date (no date: on the catalogue's fact, no as-of fact or parameter), so only presence was checked")))
        }
        findings += [
            Finding("in-place", "Published and current", .list(inPlace)),
            Finding("out-of-date", "Found but out of date", .list(late)),
            Finding("missing", "Not found in the catalogue", .list(missing)),
            Finding("share", "Weighted share published and current", .number(share, unit: "%")),
        ]
        if !excluded.isEmpty {
            findings.append(Finding("not-applicable", "Not applicable (left out of the share)", .list(excluded.map { "\($0.label): \($0.reason)" })))
        }
        var rationale = "\(doneCount) of \(applicable.count) Transparency Code datasets are in the \(catalogue.kind.rawValue)"
        rationale += asOf == nil ? "" : " and current"
        rationale += " (\(Format.number(share, decimals: 1))% by weight)"
        if !late.isEmpty { rationale += "; \(late.count) found but out of date" }
        if !missing.isEmpty { rationale += "; \(missing.count) not found" }
        rationale += ". " + Self.leftOut(excluded) + thresholds.explain(share, measure: "The share published")
        return AssessorResult(.level(thresholds.level(for: share)), rationale: rationale, findings: findings)
    }

    /// The checklist form: each item id answered yes or no.
    func checklist(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let node = try input.value("items")
        let answers = try input.flags(node, what: input.bindings["items"] ?? "items")
        var present: [String: Bool] = [:]
        for answer in answers {
            guard items.contains(where: { $0.id == answer.id }) else {
                throw input.invalid("unknown Transparency Code item '\(answer.id)'", at: answer.node,
                                    hint: Suggestion.nearest(to: answer.id, in: items.map(\.id)).map { "did you mean '\($0)'?" }
                                        ?? "the items are \(items.map(\.id).joined(separator: ", "))")
            }
            present[answer.id] = answer.value
        }
        let (applicable, excluded) = try applicable(input)
        let items = applicable.map { self.items[$0] }
        let total = items.reduce(0) { $0 + $1.weight }
        let done = items.filter { present[$0.id] == true }
        let share = total > 0 ? done.reduce(0) { $0 + $1.weight } / total * 100 : 0
        var findings = [
            Finding("in-place", "Published and current", .list(done.map(\.label))),
            Finding("missing", "Not published or not current", .list(items.filter { present[$0.id] != true }.map(\.label))),
            Finding("share", "Weighted share published and current", .number(share, unit: "%")),
        ]
        if !excluded.isEmpty {
            findings.append(Finding("not-applicable", "Not applicable (left out of the share)", .list(excluded.map { "\($0.label): \($0.reason)" })))
        }
        let rationale = "\(done.count) of \(items.count) Transparency Code datasets are published and current (\(Format.number(share, decimals: 1))% by weight). "
            + Self.leftOut(excluded) + thresholds.explain(share, measure: "The share published")
        return AssessorResult(.level(thresholds.level(for: share)), rationale: rationale, findings: findings)
    }
}
