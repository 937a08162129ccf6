import AssessCore

/// Digital share of contacts and cost to serve, from contact volumes by channel.
///
/// Volumes come from a mapping in the evidence or from a contact-centre CSV export (see ``ContactExport``).
/// Unit costs default to the Socitm 2012 benchmark used in the GDS Digital Efficiency Report (annex 5):
/// face to face £8.62, phone £2.83, web £0.15 per contact. Evidence (a mapping or a CSV) or parameters can
/// override them.
public struct ChannelMixAssessor: Assessor {
    /// Socitm 2012 cost per contact, in pounds.
    public static let socitm2012: [String: Double] = ["face-to-face": 8.62, "phone": 2.83, "web": 0.15]

    let digital: [String]
    let thresholds: Thresholds
    let targetShare: Double
    let unitCosts: [String: Double]
    /// How the Socitm defaults are uprated, if the rubric says (`uprate:`): the index named, its years and the
    /// factor (index in the later year ÷ index in 2012-13).
    let uprating: (index: String, from: String, to: String, factor: Double)?

    /// A contact export in the documented layout, for the examples.
    static let exampleExport = """
        month,service,channel,contacts
        2025-04,Council tax,Telephone,5200
        2025-04,Council tax,Web form,3100
        2025-04,Council tax,Face to face,400
        2025-04,Waste and recycling,Telephone,2900
        2025-04,Waste and recycling,Web form,4600
        2025-04,Waste and recycling,Email,300
        2025-05,Council tax,Telephone,4800
        2025-05,Council tax,Web form,3500
        2025-05,Council tax,Face to face,350
        2025-05,Waste and recycling,Telephone,2500
        2025-05,Waste and recycling,Web form,5100
        2025-05,Waste and recycling,Email,250

        """

    public static let description = AssessorDescription(
        id: "channel-shift.channel-mix", title: "Channel mix and cost to serve",
        purpose: "Computes the digital share of contacts from volumes by channel (a mapping, or a contact-centre CSV export with a channel column and optionally service and month), the annual cost to serve from unit costs (Socitm 2012 by default), and the saving if the digital share reached a target.",
        roles: [
            RoleDescription("volumes", type: "mapping of channel to contacts per year, or a contact export (CSV)",
                            "contact volumes by channel"),
            RoleDescription("unit-costs", type: "mapping of channel to £ per contact, or a CSV (channel, cost per contact)",
                            required: false, "the organisation's own unit costs, overriding the defaults"),
        ],
        parameters: [
            ParameterDescription("digital", type: "list of channels", default: "[web, chat, app]",
                                 "channels counted as digital self-service (email and social media messages are answered by staff: assisted contact)"),
            ParameterDescription("target-share", type: "percentage", default: "80", "digital share for the saving-at-target figure"),
            ParameterDescription("unit-costs", type: "mapping of channel to £", default: "face-to-face 8.62, phone 2.83, web 0.15", "default unit costs"),
            ParameterDescription("uprate", type: "{index, from, to, from-value, to-value}", default: "none (2012 prices)",
                                 "uprates the Socitm 2012 defaults by a published price index: its name and date, the years, and its values in them"),
        ] + Thresholds.parameterDescriptions,
        examples: [
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]",
                            evidence: "volumes: {face-to-face: 20000, phone: 130000, web: 50000}", expect: .level(2)),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]",
                            evidence: "volumes: {phone: 20000, web: 80000, face-to-face: 0}", expect: .level(5)),
            // Email is assisted contact, not self-service: 80,000 of 110,000 (72.73%), half way from level 4 (65) to 5 (80).
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]",
                            evidence: "volumes: {phone: 20000, web: 80000, email: 10000, face-to-face: 0}", expect: .level(4.5152)),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]",
                            evidence: "volumes: {phone: 100, pigeon: 5}", expect: .level(1)),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]",
                            evidence: "volumes: {phone: lots}", expect: .error("must be a number")),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]",
                            evidence: "volumes: {phone: 0, web: 0}", expect: .error("no contacts")),
            // 16,300 of 33,000 contacts are web forms (the 550 emails are assisted contact): 49.39%, 0.22 of the
            // way from level 3 (45) to 4 (65).
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]",
                            evidence: "volumes: {file: contacts.csv}", files: ["contacts.csv": exampleExport],
                            expect: .level(3.2197)),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]",
                            evidence: "{volumes: {file: contacts.csv}, unit-costs: {file: costs.csv}}",
                            files: ["contacts.csv": exampleExport,
                                    "costs.csv": "channel,cost per contact\nPhone,3.10\nWeb,0.25\nEmail,1.85\nFace to face,eight\n"],
                            expect: .error("'eight' in column 'cost per contact' is not a number")),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]",
                            evidence: "volumes: {file: contacts.csv}",
                            files: ["contacts.csv": "month,channel,contacts\n2025-04,Telephone,5200\n2025-04,Web form,\n"],
                            expect: .error("the 'contacts' cell is empty")),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]",
                            evidence: "volumes: {file: contacts.csv}",
                            files: ["contacts.csv": "month,service,contacts\n2025-04,Council tax,5200\n"],
                            expect: .error("no column named 'channel'")),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]",
                            evidence: "volumes: {file: missing.csv}", files: ["other.csv": "channel,contacts\n"],
                            expect: .error("does not exist")),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]", evidence: "unit-costs: {phone: 3}",
                            expect: .notAssessed),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        var digital = Channel.selfService
        if let list = parameters["digital"]?.list() { digital = list.compactMap { $0.string() }.map(Channel.id) }
        let target = parameters["target-share"]?.number(in: 0...100) ?? 80
        var costs = Self.socitm2012
        if let map = parameters["unit-costs"], let pairs = map.node.pairs {
            for pair in pairs {
                guard let key = pair.key.scalar?.text else { continue }
                if let cost = NodeReader(node: pair.value, path: "\(map.path).\(key)", context: map.context).number(in: 0...10_000) {
                    costs[Channel.id(key)] = cost
                }
            }
        } else if let map = parameters["unit-costs"] {
            map.error("unit-costs must map channels to pounds per contact", hint: "for example {phone: 3.10, web: 0.20}")
        }
        var uprating: (index: String, from: String, to: String, factor: Double)?
        if let map = parameters["uprate"]?.mapping(keys: ["index", "from", "to", "from-value", "to-value"]) {
            if let index = map.string("index"), let from = map.string("from"), let to = map.string("to"),
               let fromValue = map.required("from-value")?.number(in: 0.001...1_000_000),
               let toValue = map.required("to-value")?.number(in: 0.001...1_000_000) {
                uprating = (index, from, to, toValue / fromValue)
                for (channel, cost) in Self.socitm2012 where costs[channel] == cost { costs[channel] = cost * toValue / fromValue }
            }
        }
        guard let thresholds = Thresholds(parameters: parameters, scale: scale) else { return nil }
        self.uprating = uprating
        self.digital = digital
        self.targetShare = target
        self.unitCosts = costs
        var t = thresholds
        if t.unit.isEmpty { t.unit = "%" }
        self.thresholds = t
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        var volumes: [(channel: String, count: Double)] = []
        var findings: [Finding] = []
        var export: ContactExport?
        if input.hasFile("volumes") {
            let file = try input.file("volumes")
            let contacts = try ContactExport(file, needs: [.channel], measure: "the digital share of contacts")
            volumes = contacts.byChannel
            export = contacts
            findings.append(Finding("export", "Contact export", .text("\(file.fact.file ?? file.path): \(contacts.summary)")))
        } else {
            let node = try input.value("volumes")
            guard let pairs = node.pairs else {
                throw input.invalid("\(input.bindings["volumes"] ?? "volumes") must map each channel to its contacts per year, found \(node.kindDescription)",
                                    at: node, hint: "write one 'channel: number' per line, such as 'phone: 120000', or name a contact export with 'file:'")
            }
            for pair in pairs {
                let channel = pair.key.scalar?.text ?? "?"
                let count = try input.number(pair.value, what: "contacts for \(channel)")
                guard count >= 0 else { throw input.invalid("contacts for \(channel) cannot be negative", at: pair.value) }
                let id = Channel.id(channel)
                if let index = volumes.firstIndex(where: { $0.channel == id }) {
                    volumes[index].count += count
                } else {
                    volumes.append((id, count))
                }
            }
        }
        let (costs, costSource, ownCostChannels) = try unitCosts(input)
        let total = volumes.reduce(0) { $0 + $1.count }
        guard total > 0 else {
            if let export {
                throw export.file.error("the contact export adds up to no contacts", line: export.headerLine,
                                        hint: "check the contacts column")
            }
            throw input.invalid("the contact volumes add up to no contacts", at: try input.value("volumes"),
                                hint: "give the contacts per year for each channel")
        }
        let digitalCount = volumes.filter { digital.contains($0.channel) }.reduce(0) { $0 + $1.count }
        let share = digitalCount / total * 100

        // An export that covers other than twelve months is scaled to a year for the cost figures.
        var perYear = 1.0
        var period = "a year"
        if let months = export?.months, !months.isEmpty, months.count != 12 {
            perYear = 12 / Double(months.count)
            period = "\(months.count) month\(months.count == 1 ? "" : "s")"
        }

        let costed = volumes.filter { costs[$0.channel] != nil }
        let uncosted = volumes.filter { costs[$0.channel] == nil && $0.count > 0 }.map(\.channel)
        let costToServe = costed.reduce(0) { $0 + $1.count * (costs[$1.channel] ?? 0) } * perYear
        let costedContacts = costed.reduce(0) { $0 + $1.count }

        findings += [
            Finding("total-contacts", export == nil ? "Contacts per year" : "Contacts in the export", .number(total, unit: nil)),
            Finding("digital-contacts", "Digital contacts (\(digital.joined(separator: ", ")))", .number(digitalCount, unit: nil)),
            Finding("digital-share", "Digital share of contacts", .number(share, unit: "%")),
        ]
        for volume in volumes {
            findings.append(Finding("volume.\(volume.channel)", "Contacts by \(volume.channel)", .number(volume.count, unit: nil)))
        }
        if let export, export.hasService {
            findings.append(Finding("digital-share-by-service", "Digital share by service (largest first)",
                                    .list(byService(export))))
        }
        if perYear != 1 {
            findings.append(Finding("annualised", "Cost figures scaled to a year from", .text(period)))
        }
        findings.append(Finding("cost-to-serve", "Annual cost to serve (costed channels)", .number(costToServe, unit: "£")))
        if costedContacts > 0 {
            findings.append(Finding("cost-per-contact", "Average cost per contact", .number(costToServe / perYear / costedContacts, unit: "£")))
        }
        // Move non-digital contacts to the web, in proportion, until the digital share reaches a share.
        func savingAt(_ target: Double) -> (saving: Double, moved: Double)? {
            guard share < target, let webCost = costs["web"] else { return nil }
            let nonDigital = volumes.filter { !digital.contains($0.channel) }
            let nonDigitalTotal = nonDigital.reduce(0) { $0 + $1.count }
            guard nonDigitalTotal > 0 else { return nil }
            let toMove = total * (target - share) / 100
            var saving: Double = 0
            for channel in nonDigital {
                let moved = toMove * channel.count / nonDigitalTotal
                saving += moved * ((costs[channel.channel] ?? webCost) - webCost)
            }
            return (saving * perYear, toMove * perYear)
        }
        // The saving is a finding, not part of the reasoning: a report states it once, as an indicative range
        // with its price basis, from the roadmap's planned level.
        if let atTarget = savingAt(targetShare) {
            findings.append(Finding("contacts-to-move", "Contacts to move online to reach \(Format.number(targetShare))%",
                                    .number(atTarget.moved.rounded(), unit: nil)))
            findings.append(Finding("saving-at-target", "Annual saving if \(Format.number(targetShare))% of contacts were digital", .number(atTarget.saving, unit: "£")))
        }
        // The saving at each higher level's threshold, so a roadmap can state what reaching that level saves.
        if thresholds.higherIsBetter {
            for (index, threshold) in thresholds.values.enumerated() where threshold > share && threshold <= 100 {
                if let atLevel = savingAt(threshold) {
                    findings.append(Finding("saving-at-level-\(index + 1)",
                                            "Annual saving if the digital share reached level \(index + 1) (\(Format.number(threshold))%)",
                                            .number(atLevel.saving, unit: "£")))
                }
            }
        }
        if !uncosted.isEmpty {
            findings.append(Finding("uncosted-channels", "Channels left out of the cost (no unit cost)", .list(uncosted)))
        }
        let assumptions = costs.keys.sorted().map { "\($0) \(Self.pounds(costs[$0] ?? 0))" }.joined(separator: ", ")
        findings.append(Finding("unit-costs", "Unit costs used (\(costSource))", .text(assumptions)))
        // The Socitm figures are 2012 prices. They are uprated only when the rubric names a published index and
        // its values (`uprate:`): the build holds no index series of its own. The organisation's own costs win.
        let socitm = uprating.map { "\($0.to) prices (Socitm 2012 unit costs uprated from \($0.from) to \($0.to) by \($0.index))" }
            ?? "2012 prices (Socitm 2012 unit costs, not uprated)"
        // The basis names only the figures actually used: the channels with contacts and a cost.
        let used = costed.filter { $0.count > 0 }.map(\.channel)
        let defaultsBasis = unitCostsAreSocitm ? socitm : "the rubric's unit costs"
        // The organisation's own costs are taken to be in the prices of the period its evidence is for.
        let own = input.organisation.period.map { "the organisation's own unit costs (\($0) prices)" } ?? "the organisation's own unit costs"
        let priceBasis = used.allSatisfy(ownCostChannels.contains) && !used.isEmpty ? own
            : used.contains(where: ownCostChannels.contains) ? "\(own) where given, \(defaultsBasis) for the rest"
            : defaultsBasis
        findings.append(Finding("price-basis", "Price basis of the unit costs", .text(priceBasis)))
        var rationale = "\(Format.number(digitalCount, decimals: 0)) of \(Format.number(total, decimals: 0)) contacts are digital (\(Format.number(share, decimals: 1))%). "
        rationale += thresholds.explain(share, measure: "The digital share")
        rationale += " Cost to serve is about \(Format.roundedPounds(costToServe)) a year"
        if perYear != 1 { rationale += " (scaled from \(period))" }
        rationale += "."
        return AssessorResult(.level(thresholds.level(for: share)), rationale: rationale, findings: findings)
    }

    /// Whether the defaults are the Socitm 2012 figures (uprated or not), rather than the rubric's own.
    var unitCostsAreSocitm: Bool { unitCosts == Self.socitm2012 || uprating != nil }

    /// The unit costs to use (defaults, overridden by the evidence's mapping or CSV), where they come from, and
    /// the channels whose cost is the organisation's own.
    func unitCosts(_ input: AssessorInput) throws(AssessmentIssue) -> ([String: Double], String, Set<String>) {
        var costs = unitCosts
        var own: Set<String> = []
        let defaults = costs == Self.socitm2012 ? "Socitm 2012 benchmark"
            : uprating.map { "Socitm 2012 benchmark uprated to \($0.to)" } ?? "the rubric's defaults"
        if input.hasFile("unit-costs") {
            let file = try input.file("unit-costs")
            for entry in try UnitCostFile.read(file) {
                costs[entry.channel] = entry.cost
                own.insert(entry.channel)
            }
            return (costs, "\(file.fact.file ?? file.path), then \(defaults)", own)
        }
        guard input.bindings["unit-costs"] != nil, let fact = try input.optionalFact("unit-costs") else { return (costs, defaults, own) }
        guard let node = fact.value, let pairs = node.pairs else {
            let node = fact.value ?? YAMLNode(.mapping([]), at: fact.location)
            throw input.invalid("\(fact.key) must map each channel to its cost per contact in pounds, found \(node.kindDescription)",
                                at: node, hint: "for example {phone: 3.10, web: 0.20}, or name a CSV with 'file:'")
        }
        for pair in pairs {
            let channel = pair.key.scalar?.text ?? "?"
            let cost = try input.number(pair.value, what: "unit cost for \(channel)")
            guard cost >= 0 else { throw input.invalid("the unit cost for \(channel) cannot be negative", at: pair.value) }
            costs[Channel.id(channel)] = cost
            own.insert(Channel.id(channel))
        }
        return (costs, "\(fact.key), then \(defaults)", own)
    }

    /// A unit cost in pounds and pence: `£2.20`, `£8.62`, `£3`.
    static func pounds(_ value: Double) -> String {
        var text = Format.number(value, decimals: 2)
        if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) == 2 { text += "0" }
        return "£" + text
    }

    /// "Council tax: 38.2% of 61,240", largest services first, at most ten.
    func byService(_ export: ContactExport) -> [String] {
        var totals: [String: (all: Double, digital: Double)] = [:]
        for record in export.records {
            let service = record.service ?? "(no service)"
            let isDigital = digital.contains(record.channel ?? "")
            totals[service, default: (0, 0)].all += record.contacts
            if isDigital { totals[service, default: (0, 0)].digital += record.contacts }
        }
        let sorted = totals.sorted { $0.value.all != $1.value.all ? $0.value.all > $1.value.all : $0.key < $1.key }
        var lines = sorted.prefix(10).map { service, count in
            let share = count.all > 0 ? count.digital / count.all * 100 : 0
            return "\(service): \(Format.number(share, decimals: 1))% of \(Format.number(count.all, decimals: 0))"
        }
        if sorted.count > 10 { lines.append("and \(sorted.count - 10) more services") }
        return lines
    }
}
