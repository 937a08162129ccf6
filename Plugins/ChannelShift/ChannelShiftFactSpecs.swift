import AssessCore

// The evidence the channel-shift assessors read: export formats with the start of a file they accept.

enum ChannelShiftFormats {
    static let contacts = ExportFormat("contact export CSV (CRM, telephony)", extensions: ["csv"], sample: """
        month,service,channel,contacts
        2025-04,Benefits,Email,529
        """)
    static let unitCosts = ExportFormat("unit costs CSV", extensions: ["csv"], sample: """
        Channel,Cost per contact
        Face to face,9.40
        """)
    static let avoidable = ExportFormat("contact sample CSV", extensions: ["csv"], sample: """
        date,channel,service,contacts,avoidable
        2026-02-09,Email,Benefits,3,1
        """)
    static let services = ExportFormat("service list CSV", extensions: ["csv"], sample: """
        Service,Service area,Transactional,Online status,Annual transactions
        Apply for a parking permit,Parking,Yes,Full,4100
        """)
    static let count = FactForm.number(unit: nil, min: 0, max: nil)
}

extension ChannelMixAssessor {
    /// Volumes by channel (a mapping or a contact export) and optional unit costs.
    public var evidenceSpec: [FactSpec] {
        FactSpec.derived(from: Self.description.roles,
                         formats: ["volumes": [ChannelShiftFormats.contacts], "unit-costs": [ChannelShiftFormats.unitCosts]])
            .map { spec in
                guard spec.role == "unit-costs" else { return spec }
                var spec = spec
                spec.question = "What does one contact cost the council on each channel, in pounds, if it has worked this out?"
                spec.help = "The council's own cost per contact by channel (face to face, phone, web ...), which replaces "
                    + "the Socitm 2012 benchmarks. Answer ? if it has not been worked out: the benchmarks are then used."
                return spec
            }
    }
}

extension DigitalTrendAssessor {
    /// A monthly contact export, or the change in the digital share.
    public var evidenceSpec: [FactSpec] {
        FactSpec.derived(from: Self.description.roles, formats: ["volumes": [ChannelShiftFormats.contacts]],
                         forms: ["change": .number(unit: "percentage points", min: -100, max: 100)])
    }
}

extension AvoidableContactAssessor {
    /// The avoidable share, or a sample of contacts marking the avoidable ones.
    public var evidenceSpec: [FactSpec] {
        FactSpec.derived(from: Self.description.roles, formats: ["avoidable": [ChannelShiftFormats.avoidable]],
                         forms: ["avoidable": .number(unit: "%", min: 0, max: 100)])
    }
}

extension EndToEndServicesAssessor {
    /// A count of services online end to end with the total, or a service list.
    public var evidenceSpec: [FactSpec] {
        FactSpec.derived(from: Self.description.roles, formats: ["services": [ChannelShiftFormats.services]],
                         forms: ["services": ChannelShiftFormats.count, "total": ChannelShiftFormats.count])
    }
}
