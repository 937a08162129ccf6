import AssessCore

/// Digital share of contacts and cost to serve, from contact volumes by channel.
///
/// Unit costs default to the Socitm 2012 benchmark used in the GDS Digital Efficiency Report (annex 5):
/// face to face £8.62, phone £2.83, web £0.15 per contact. Evidence or parameters can override them.
public struct ChannelMixAssessor: Assessor {
    /// Socitm 2012 cost per contact, in pounds.
    public static let socitm2012: [String: Double] = ["face-to-face": 8.62, "phone": 2.83, "web": 0.15]

    let digital: [String]
    let thresholds: Thresholds
    let targetShare: Double
    let unitCosts: [String: Double]

    public static let description = AssessorDescription(
        id: "channel-shift.channel-mix", title: "Channel mix and cost to serve",
        purpose: "Computes the digital share of contacts from volumes by channel, the annual cost to serve from unit costs (Socitm 2012 by default), and the saving if the digital share reached a target.",
        roles: [
            RoleDescription("volumes", type: "mapping of channel to contacts per year", "contact volumes by channel"),
            RoleDescription("unit-costs", type: "mapping of channel to £ per contact", required: false,
                            "the organisation's own unit costs, overriding the defaults"),
        ],
        parameters: [
            ParameterDescription("digital", type: "list of channels", default: "[web, email, chat, social, app]", "channels counted as digital"),
            ParameterDescription("target-share", type: "percentage", default: "80", "digital share for the saving-at-target figure"),
            ParameterDescription("unit-costs", type: "mapping of channel to £", default: "face-to-face 8.62, phone 2.83, web 0.15", "default unit costs"),
        ] + Thresholds.parameterDescriptions,
        examples: [
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]",
                            evidence: "volumes: {face-to-face: 20000, phone: 130000, web: 50000}", expect: .level(2)),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]",
                            evidence: "volumes: {phone: 20000, web: 80000, email: 10000, face-to-face: 0}", expect: .level(5)),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]",
                            evidence: "volumes: {phone: 100, pigeon: 5}", expect: .level(1)),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]",
                            evidence: "volumes: {phone: lots}", expect: .error("must be a number")),
            AssessorExample(parameters: "thresholds: [10, 25, 45, 65, 80]",
                            evidence: "volumes: {phone: 0, web: 0}", expect: .error("no contacts")),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        var digital = ["web", "email", "chat", "social", "app"]
        if let list = parameters["digital"]?.list() { digital = list.compactMap { $0.string() } }
        let target = parameters["target-share"]?.number(in: 0...100) ?? 80
        var costs = Self.socitm2012
        if let map = parameters["unit-costs"], let pairs = map.node.pairs {
            for pair in pairs {
                guard let key = pair.key.scalar?.text else { continue }
                if let cost = NodeReader(node: pair.value, path: "\(map.path).\(key)", context: map.context).number(in: 0...10_000) {
                    costs[key] = cost
                }
            }
        } else if let map = parameters["unit-costs"] {
            map.error("unit-costs must map channels to pounds per contact", hint: "for example {phone: 3.10, web: 0.20}")
        }
        guard let thresholds = Thresholds(parameters: parameters, scale: scale) else { return nil }
        self.digital = digital
        self.targetShare = target
        self.unitCosts = costs
        var t = thresholds
        if t.unit.isEmpty { t.unit = "%" }
        self.thresholds = t
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let node = try input.value("volumes")
        guard let pairs = node.pairs else {
            throw input.invalid("\(input.bindings["volumes"] ?? "volumes") must map each channel to its contacts per year, found \(node.kindDescription)",
                                at: node, hint: "write one 'channel: number' per line, such as 'phone: 120000'")
        }
        var volumes: [(channel: String, count: Double)] = []
        for pair in pairs {
            let channel = pair.key.scalar?.text ?? "?"
            let count = try input.number(pair.value, what: "contacts for \(channel)")
            guard count >= 0 else { throw input.invalid("contacts for \(channel) cannot be negative", at: pair.value) }
            volumes.append((channel, count))
        }
        var costs = unitCosts
        if let override = try input.optionalFact("unit-costs"), let map = override.value?.pairs {
            for pair in map {
                let channel = pair.key.scalar?.text ?? "?"
                costs[channel] = try input.number(pair.value, what: "unit cost for \(channel)")
            }
        }
        let total = volumes.reduce(0) { $0 + $1.count }
        guard total > 0 else {
            throw input.invalid("the contact volumes add up to no contacts", at: node, hint: "give the contacts per year for each channel")
        }
        let digitalCount = volumes.filter { digital.contains($0.channel) }.reduce(0) { $0 + $1.count }
        let share = digitalCount / total * 100

        let costed = volumes.filter { costs[$0.channel] != nil }
        let uncosted = volumes.filter { costs[$0.channel] == nil && $0.count > 0 }.map(\.channel)
        let costToServe = costed.reduce(0) { $0 + $1.count * (costs[$1.channel] ?? 0) }
        let costedContacts = costed.reduce(0) { $0 + $1.count }

        var findings = [
            Finding("total-contacts", "Contacts per year", .number(total, unit: nil)),
            Finding("digital-share", "Digital share of contacts", .number(share, unit: "%")),
        ]
        for volume in volumes {
            findings.append(Finding("volume.\(volume.channel)", "Contacts by \(volume.channel)", .number(volume.count, unit: nil)))
        }
        findings.append(Finding("cost-to-serve", "Annual cost to serve (costed channels)", .number(costToServe, unit: "£")))
        if costedContacts > 0 {
            findings.append(Finding("cost-per-contact", "Average cost per contact", .number(costToServe / costedContacts, unit: "£")))
        }
        var saving: Double = 0
        if share < targetShare, let webCost = costs["web"] {
            // Move non-digital contacts to the web, in proportion, until the digital share reaches the target.
            let nonDigital = volumes.filter { !digital.contains($0.channel) }
            let nonDigitalTotal = nonDigital.reduce(0) { $0 + $1.count }
            let toMove = total * (targetShare - share) / 100
            if nonDigitalTotal > 0 {
                for channel in nonDigital {
                    let moved = toMove * channel.count / nonDigitalTotal
                    saving += moved * ((costs[channel.channel] ?? webCost) - webCost)
                }
            }
            findings.append(Finding("saving-at-target", "Annual saving if \(Format.number(targetShare))% of contacts were digital", .number(saving, unit: "£")))
        }
        if !uncosted.isEmpty {
            findings.append(Finding("uncosted-channels", "Channels left out of the cost (no unit cost)", .list(uncosted)))
        }
        let assumptions = costs.keys.sorted().map { "\($0) £\(Format.number(costs[$0] ?? 0))" }.joined(separator: ", ")
        findings.append(Finding("unit-costs", "Unit costs used", .text(assumptions)))
        var rationale = "\(Format.number(digitalCount, decimals: 0)) of \(Format.number(total, decimals: 0)) contacts are digital (\(Format.number(share, decimals: 1))%). "
        rationale += thresholds.explain(share, measure: "The digital share")
        rationale += " Cost to serve is \(Format.quantity(costToServe, unit: "£", decimals: 0)) a year"
        if saving > 0 { rationale += "; reaching \(Format.number(targetShare))% digital would save about \(Format.quantity(saving, unit: "£", decimals: 0)) a year" }
        rationale += "."
        return AssessorResult(.level(thresholds.level(for: share)), rationale: rationale, findings: findings)
    }
}
