/// Where a fact came from; it sets how much the result can be trusted.
public enum Provenance: String, Sendable, Hashable, CaseIterable {
    /// Taken from a system or a published statistic.
    case measured
    /// Written in an approved document.
    case documented
    /// The organisation's own view (the default).
    case selfReported = "self-reported"

    /// The confidence a fact of this kind carries, 0 ... 1.
    public var confidence: Double {
        switch self {
        case .measured: return 1.0
        case .documented: return 0.8
        case .selfReported: return 0.5
        }
    }
}

/// The organisation an evidence file describes.
public struct Organisation: Sendable, Hashable {
    /// Its name.
    public var name: String
    /// Its kind: district, unitary, housing-association ...
    public var type: String?
    /// A code such as the ONS GSS code.
    public var code: String?
    /// Residents.
    public var population: Double?
    /// The period the evidence describes.
    public var period: String?
    /// The UK nation: as given, else from the GSS code's first letter, else unknown.
    public var nation: Nation
    /// Free attributes (`housing-stock: yes`), as written, which `applies-to: attributes:` matches; an
    /// attribute not stated here matches any condition.
    public var attributes: [String: String] = [:]

    /// Creates an organisation; the nation defaults to the one its GSS code names.
    public init(name: String, type: String? = nil, code: String? = nil, population: Double? = nil, period: String? = nil,
                nation: Nation? = nil) {
        self.name = name
        self.type = type
        self.code = code
        self.population = population
        self.period = period
        self.nation = nation ?? Nation(gssCode: code)
    }
}

/// The provenance an evidence file's `defaults:` block gives every fact that does not state its own.
public struct FactDefaults: Sendable, Hashable {
    /// The default source.
    public var source: Provenance?
    /// The default reference.
    public var reference: String?
    /// The default date.
    public var date: String?

    /// Creates defaults; nil parts leave a fact's own default.
    public init(source: Provenance? = nil, reference: String? = nil, date: String? = nil) {
        self.source = source
        self.reference = reference
        self.date = date
    }

    /// The details box every fact of the file starts from (nil when the defaults give no reference or date):
    /// made once, shared by every fact until one changes its own.
    func sharedDetails() -> FactDetails.Box? {
        reference == nil && date == nil ? nil : FactDetails.Box(FactDetails(reference: reference, date: date))
    }

    /// Puts these defaults in a fact that states nothing yet (call before reading its own keys), sharing
    /// `details` (from ``sharedDetails()``) rather than copying the reference and date into each fact.
    func apply(to fact: inout Fact, sharing details: FactDetails.Box?) {
        if let source { fact.source = source }
        if let details { fact.shareDetails(details) }
    }
}

/// One fact about the organisation.
public struct Fact: Sendable {
    /// Its key, such as `channel.volumes`.
    public var key: String
    /// Its value, read later by the type each assessor needs; nil when not applicable.
    public var value: YAMLNode?
    /// Where it came from.
    public var source: Provenance
    /// Where the fact is written.
    public var location: SourceLocation
    /// The provenance and file details most facts leave out, kept out of line (copied on write) so that a fact
    /// is small to move, store and free: an evidence file can hold tens of thousands of facts.
    private var details: FactDetails.Box?

    /// Set when the fact does not apply to this organisation, with the reason.
    public var notApplicable: String? {
        get { details?.value.notApplicable }
        set { update { $0.notApplicable = newValue } }
    }
    /// A reference to the document or system it came from.
    public var reference: String? {
        get { details?.value.reference }
        set { update { $0.reference = newValue } }
    }
    /// When it was true or measured.
    public var date: String? {
        get { details?.value.date }
        set { update { $0.date = newValue } }
    }
    /// A free note.
    public var note: String? {
        get { details?.value.note }
        set { update { $0.note = newValue } }
    }
    /// An export file holding the fact (CSV, JSON, XML), as written in the evidence.
    public var file: String? {
        get { details?.value.file }
        set { update { $0.file = newValue } }
    }
    /// The export file's path resolved against the evidence file's folder.
    public var filePath: String? {
        get { details?.value.filePath }
        set { update { $0.filePath = newValue } }
    }
    /// Where the `file:` path is written, for errors about the file itself.
    public var fileLocation: SourceLocation? {
        get { details?.value.fileLocation }
        set { update { $0.fileLocation = newValue } }
    }

    /// Creates a fact.
    public init(
        key: String, value: YAMLNode?, notApplicable: String? = nil, source: Provenance = .selfReported,
        reference: String? = nil, date: String? = nil, note: String? = nil, file: String? = nil, filePath: String? = nil,
        location: SourceLocation = .unknown
    ) {
        self.key = key
        self.value = value
        self.source = source
        self.location = location
        let details = FactDetails(notApplicable: notApplicable, reference: reference, date: date, note: note,
                                  file: file, filePath: filePath)
        if !details.isEmpty { self.details = FactDetails.Box(details) }
    }

    /// Shares another fact's details box (the file's defaults), so applying defaults allocates nothing.
    mutating func shareDetails(_ box: FactDetails.Box?) { details = box }

    /// Changes the details, copying them first when another fact shares them.
    private mutating func update(_ change: (inout FactDetails) -> Void) {
        if isKnownUniquelyReferenced(&details), let unique = details {
            change(&unique.value)
        } else {
            var copy = details?.value ?? FactDetails()
            change(&copy)
            details = FactDetails.Box(copy)
        }
    }
}

/// A fact's out-of-line details (see ``Fact``).
struct FactDetails: Sendable {
    var notApplicable: String?
    var reference: String?
    var date: String?
    var note: String?
    var file: String?
    var filePath: String?
    var fileLocation: SourceLocation?

    var isEmpty: Bool {
        notApplicable == nil && reference == nil && date == nil && note == nil && file == nil && filePath == nil
            && fileLocation == nil
    }

    /// The box a fact holds. It is changed only through ``Fact``'s `update`, which copies it first unless the
    /// fact holds the only reference, so a box shared between facts (or tasks) is never written to.
    final class Box: @unchecked Sendable {
        var value: FactDetails
        init(_ value: FactDetails) { self.value = value }
    }
}

/// Everything known about one organisation.
public struct Evidence: Sendable {
    /// The organisation.
    public var organisation: Organisation
    /// Facts by key.
    public var facts: [String: Fact]
    /// The parsed file, kept so problems found while scoring can quote their line.
    public var document: YAMLDocument
    /// Target levels the organisation has set itself, by dimension id (for roadmaps).
    public var targets: [String: Int] = [:]
    /// Which files the facts' `file:` paths may lead to: by default only the evidence file's folder.
    public var files: FileAccess
    /// The answers file named with `answers:` (resolved against the evidence file's folder), if any.
    public var answersFile: String?
    /// The pack the evidence is written for (`framework: odi-pathway`), by id only; nil for the built-in
    /// framework. The command line's `--framework` wins.
    public var framework: String?

    /// Creates evidence whose export files must sit in the evidence file's folder (or below it).
    public init(organisation: Organisation, facts: [String: Fact], document: YAMLDocument) {
        self.organisation = organisation
        self.facts = facts
        self.document = document
        self.files = FileAccess(roots: [FileReader.folder(of: document.file)])
    }

    /// A fact by key; `organisation.population` and the other organisation fields are facts too.
    public func fact(_ key: String) -> Fact? {
        if let fact = facts[key] { return fact }
        guard key.hasPrefix("organisation.") else { return nil }
        let field = key.dropFirst("organisation.".count)
        let text: String?
        switch field {
        case "population": text = organisation.population.map { NodeReader.format($0) }
        case "name": text = organisation.name
        case "type": text = organisation.type
        case "code": text = organisation.code
        case "period": text = organisation.period
        default: text = field.hasPrefix("attributes.") ? organisation.attributes[String(field.dropFirst("attributes.".count))] : nil
        }
        guard let text else { return nil }
        return Fact(key: key, value: YAMLNode(.scalar(YAMLScalar(text: text, isPlain: true)), at: .unknown),
                    source: .documented, reference: "organisation block")
    }
}
