/// The kind of body an organisation is: one of the UK council types a rubric's `applies-to:` names
/// (``Applicability/organisationTypes``), or free text for any other body.
public enum OrganisationType: Sendable, Hashable, CustomStringConvertible {
    /// One of ``Applicability/organisationTypes`` (`district`, `unitary`, `london-borough` ...).
    case known(String)
    /// Any other body, as written.
    case other(String)

    /// Reads a type as written in evidence.
    public init(_ text: String) {
        self = Applicability.organisationTypes.contains(text) ? .known(text) : .other(text)
    }

    /// The type as written.
    public var description: String {
        switch self {
        case .known(let text), .other(let text): return text
        }
    }
}

/// The UK nation an organisation is in.
public enum Nation: String, Sendable, Hashable, CaseIterable {
    /// England.
    case england
    /// Wales.
    case wales
    /// Scotland.
    case scotland
    /// Northern Ireland.
    case northernIreland = "northern-ireland"
    /// Not given, and not known from the code.
    case unknown

    /// The nation a GSS code (a letter and eight digits, such as E07000223) names by its first letter
    /// (E, W, S, N), or unknown for anything else.
    public init(gssCode code: String?) {
        guard let code, code.utf8.count == 9, code.utf8.dropFirst().allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            self = .unknown
            return
        }
        switch code.first {
        case "E": self = .england
        case "W": self = .wales
        case "S": self = .scotland
        case "N": self = .northernIreland
        default: self = .unknown
        }
    }
}

/// The period evidence describes: a UK financial year (April to March), written `2025-26`, or free text for
/// any other period.
public enum Period: Sendable, Hashable, CustomStringConvertible {
    /// The financial year starting in April of this year.
    case financialYear(Int)
    /// Any other period, as written.
    case other(String)

    /// Reads a period as written (`2025-26`, `2025/26` and `2025-2026` are financial years).
    public init(_ text: String) {
        if let start = CalendarDate.financialYear(text) { self = .financialYear(start) } else { self = .other(text) }
    }

    /// Why text shaped like a financial year is not one, or nil when it is one or is not shaped like one.
    ///
    /// Shaped like one: `NNNN-NN`, `NNNN/NN` or `NNNN-NNNN` whose second year is the first or up to three
    /// after it (`2025-27`, `2025/25`), so `2025-13` is left to the date check ("there is no month 13").
    public static func financialYearProblem(_ text: String) -> String? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" }).map(String.init)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2 || parts[1].count == 4,
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
              CalendarDate.financialYear(text) == nil, let start = Int(parts[0]), let end = Int(parts[1]) else { return nil }
        let gap = parts[1].count == 2 ? (end - start % 100 + 100) % 100 : end - start
        guard (0...3).contains(gap) else { return nil }
        let next = twoDigits((start + 1) % 100)
        return "\(text) is not a financial year: one starting in April \(start) ends in March \(start + 1) (\(start)-\(next))"
    }

    /// The canonical text: `2025-26` for a financial year, else as written.
    public var description: String {
        switch self {
        case .financialYear(let start): return "\(start)-" + twoDigits((start + 1) % 100)
        case .other(let text): return text
        }
    }
}

extension Organisation {
    /// The type, typed; nil when not given.
    public var organisationType: OrganisationType? { type.map(OrganisationType.init) }

    /// The period, typed; nil when not given.
    public var typedPeriod: Period? { period.map(Period.init) }
}

/// `7` → `07`.
private func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
