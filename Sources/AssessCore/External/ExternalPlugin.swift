import Foundation

/// An assessor plugin in any language: an executable speaking the JSON-lines protocol of docs/plugins.md.
///
/// One process serves a whole run. A plugin that fails (cannot start, times out, crashes, answers garbage,
/// sends too much, or speaks another protocol version) never takes the assessment down: the criteria it
/// would have scored become `error` with a clear message, and its standard error is kept for diagnostics.
public final class ExternalPlugin: @unchecked Sendable {
    /// The protocol version this `assess` speaks.
    public static let protocolVersion = 1
    /// The largest response line accepted.
    public static let maxResponseBytes = 1 << 20

    /// The path as the user gave it.
    public let path: String
    /// The name the plugin gave in its handshake (or the file name).
    public private(set) var name: String
    /// Its assessors, as it described them.
    public private(set) var descriptions: [AssessorDescription] = []
    /// Why the plugin is unusable, if it is.
    public private(set) var failure: PluginFailure?
    /// Seconds allowed for each answer.
    public let timeout: Double

    private let lock = NSLock()
    private var process: PluginProcess?
    private var nextID = 0

    /// A plugin a framework lists that the caller chose not to start (a command that only reads the
    /// framework). Its assessors are unknown; criteria naming them load, and are errors if assessed.
    public init(notStarted path: String, timeout: Double = 10) {
        self.path = path
        self.timeout = timeout
        self.name = (path as NSString).lastPathComponent
        self.failure = .notStarted
    }

    /// Starts a plugin and performs the handshake. Never throws: a failure is kept in ``failure``.
    public init(path: String, arguments: [String] = [], timeout: Double = 10, assessVersion: String) {
        self.path = path
        self.timeout = timeout
        self.name = (path as NSString).lastPathComponent
        do {
            let process = try PluginProcess(executable: path, arguments: arguments, maxLine: Self.maxResponseBytes)
            self.process = process
            let hello = JSONValue.object([
                ("type", .string("hello")), ("protocol", .number(Double(Self.protocolVersion))), ("assess", .string(assessVersion)),
            ])
            switch process.exchange(hello.compact(), timeout: timeout) {
            case .failure(let failure): self.failure = failure
            case .success(let line): handshake(line)
            }
            // A plugin that failed its handshake gets no requests: stop it now rather than at the end.
            if let failure { process.abandon(failure) }
        } catch {
            failure = error
        }
    }

    private func handshake(_ line: String) {
        guard let object = Self.object(line) else { failure = .invalidJSON(line); return }
        guard object.text("type") == "hello" else {
            failure = .protocolError("answered the handshake with type '\(object.text("type") ?? "none")' instead of 'hello'")
            return
        }
        guard let version = object["protocol"]?.scalar?.number, version == Double(Self.protocolVersion) else {
            failure = .protocolError("speaks protocol version \(object["protocol"]?.scalar?.text ?? "none"), but this assess speaks version \(Self.protocolVersion)")
            return
        }
        if let name = object.text("name"), !name.isEmpty { self.name = name }
        guard let assessors = object["assessors"]?.items else {
            failure = .protocolError("its handshake has no 'assessors' list")
            return
        }
        let origin = "plugin \(name)"
        descriptions = assessors.compactMap { entry in
            guard let id = entry.text("id"), !id.isEmpty else { return nil }
            let roles = (entry["roles"]?.items ?? []).compactMap { role -> RoleDescription? in
                guard let name = role.text("name") else { return nil }
                return RoleDescription(name, type: role.text("type") ?? "any", required: role["required"]?.scalar?.bool ?? true,
                                       role.text("summary") ?? "")
            }
            let parameters = (entry["parameters"]?.items ?? []).compactMap { parameter -> ParameterDescription? in
                guard let name = parameter.text("name") else { return nil }
                let defaultValue = parameter["default"].flatMap { node -> String? in
                    if node.scalar?.isNull == true { return nil }
                    return node.scalar?.text ?? JSONValue(node).compact()
                }
                return ParameterDescription(name, type: parameter.text("type") ?? "any",
                                            default: defaultValue, parameter.text("summary") ?? "")
            }
            return AssessorDescription(id: id, title: entry.text("title") ?? id, purpose: entry.text("purpose") ?? "",
                                       roles: roles, parameters: parameters, examples: [], origin: origin)
        }
    }

    /// Factories for the plugin's assessors, to add to a registry.
    public var factories: [AssessorFactory] {
        descriptions.map { description in
            AssessorFactory(description: description) { parameters, _ in
                ExternalAssessor(plugin: self, id: description.id, parameters: JSONValue(parameters.reader.node),
                                 requiredParameters: description.parameters.filter { $0.defaultValue == nil }.map(\.name),
                                 reader: parameters)
            }
        }
    }

    /// Sends one assessment request and waits for its answer. Requests are sequential: one at a time, each
    /// answered (or failed) before the next is sent.
    ///
    /// An answer must carry its request's `id`: one without it, or with another request's, is a protocol
    /// error that stops the plugin (it is out of step, so none of its later answers could be trusted), and
    /// never a score. Once a plugin has failed, later requests fail at once without being sent, so a dead
    /// plugin costs one timeout per run, not one per criterion.
    func request(_ fields: [(String, JSONValue)]) -> Result<YAMLNode, PluginFailure> {
        lock.lock()
        defer { lock.unlock() }
        if let failure { return .failure(failure) }
        guard let process else { return .failure(.cannotStart("not started")) }
        nextID += 1
        let id = nextID
        let message = JSONValue.object([("type", .string("assess")), ("id", .number(Double(id)))] + fields)
        switch process.exchange(message.compact(), timeout: timeout) {
        case .failure(let failure):
            self.failure = failure
            return .failure(failure)
        case .success(let line):
            guard let object = Self.object(line) else { return .failure(stop(.invalidJSON(line))) }
            guard let scalar = object["id"]?.scalar, scalar.isPlain, scalar.number == Double(id) else {
                let given = object["id"]?.scalar.map { $0.isPlain ? $0.text : "\"\($0.text)\"" }
                let what = given.map { "with id \($0)" } ?? "without an id"
                return .failure(stop(.protocolError(
                    "answered request \(id) \(what); each answer must carry its request's id, so the plugin was stopped")))
            }
            return .success(object)
        }
    }

    private func stop(_ failure: PluginFailure) -> PluginFailure {
        self.failure = failure
        process?.abandon(failure)
        return failure
    }

    /// How a plugin's run ended, for the notes and warnings shown after a run.
    public struct Ending: Sendable {
        /// What it wrote on standard error (the last 64 KiB).
        public var stderr: String
        /// Its exit status if it ended by itself once its input closed; nil if it had to be stopped or never ran.
        public var exitStatus: Int32?
        /// Sentences about how the plugin behaved (each to follow "plugin 'name' "): an exit status that is
        /// not 0, lines that answered no request, standard error cut short.
        public var warnings: [String]
    }

    /// Ends the plugin: closes its input, waits up to 2 seconds for it to exit, then stops its whole process
    /// group (anything it started that is still running). Safe to call more than once.
    public func finish() -> Ending {
        lock.lock()
        defer { lock.unlock() }
        guard let process else { return Ending(stderr: "", exitStatus: nil, warnings: []) }
        let status = process.finish()
        self.process = nil
        var warnings: [String] = []
        if let status, status != 0, failure == nil { warnings.append("exited with status \(status)") }
        if process.strayLines > 0 {
            let lines = process.strayLines == 1 ? "1 line" : "\(process.strayLines) lines"
            warnings.append("printed \(lines) that answered no request, which \(process.strayLines == 1 ? "was" : "were") ignored; "
                            + "a plugin must write only its answers on standard output, and programs it starts must not inherit it")
        }
        if process.stderrDropped > 0 {
            warnings.append("wrote more than \(PluginProcess.stderrLimit) bytes on standard error; only the last \(PluginProcess.stderrLimit) were kept")
        }
        return Ending(stderr: process.stderr, exitStatus: status, warnings: warnings)
    }

    /// A response line parsed (JSON is YAML, so the engine's own parser reads it), if it is a JSON object.
    static func object(_ line: String) -> YAMLNode? {
        guard line.hasPrefix("{"),
              let document = try? YAMLParser.parse(line, file: "plugin response", limits: YAMLLimits(maxBytes: maxResponseBytes, maxDepth: 32, maxAliasExpansion: 0)),
              let root = document.root, root.pairs != nil else { return nil }
        return root
    }
}

/// A criterion's assessor provided by an external plugin.
struct ExternalAssessor: Assessor {
    static let description = AssessorDescription(
        id: "external", title: "External plugin assessor", purpose: "Forwards to a plugin process.", roles: [], parameters: [],
        examples: [])

    let plugin: ExternalPlugin
    let id: String
    let parameters: JSONValue

    init?(parameters: MappingReader, scale: Scale) { return nil }

    init?(plugin: ExternalPlugin, id: String, parameters: JSONValue, requiredParameters: [String], reader: MappingReader) {
        var ok = true
        for name in requiredParameters where reader[name] == nil {
            _ = reader.required(name)
            ok = false
        }
        guard ok else { return nil }
        self.plugin = plugin
        self.id = id
        self.parameters = parameters
    }

    /// The roles the plugin declared in its handshake.
    var evidenceSpec: [FactSpec] {
        FactSpec.derived(from: plugin.descriptions.first { $0.id == id }?.roles ?? [])
    }

    func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let description = plugin.descriptions.first { $0.id == id }
        var evidence: [(String, JSONValue)] = []
        for role in description?.roles ?? [] {
            guard let key = input.bindings[role.name] else { continue }
            let fact: Fact
            do { fact = try input.fact(role.name) } catch {
                if case .missing = error, !role.required { continue }
                throw error
            }
            evidence.append((role.name, .object([
                ("fact", .string(key)), ("value", fact.value.map(JSONValue.init) ?? .null),
                ("file", .string(fact.filePath)), ("source", .string(fact.source.rawValue)),
                ("reference", .string(fact.reference)), ("date", .string(fact.date)),
            ])))
        }
        let organisation = input.organisation
        let answer = plugin.request([
            ("assessor", .string(id)), ("criterion", .string(input.criterionID)), ("parameters", parameters),
            ("scale", .object([("min", .number(1)), ("max", .number(Double(input.scale.top)))])),
            ("organisation", .object([
                ("name", .string(organisation.name)), ("type", .string(organisation.type)), ("code", .string(organisation.code)),
                ("population", .number(organisation.population)), ("period", .string(organisation.period)),
            ])),
            ("evidence", .object(evidence)),
        ])
        switch answer {
        case .failure(let failure):
            throw .invalid(pluginDiagnostic(failure.message))
        case .success(let object):
            return try result(object, input: input)
        }
    }

    private func pluginDiagnostic(_ message: String) -> Diagnostic {
        Diagnostic(file: plugin.path, location: .unknown, message: "plugin '\(plugin.name)' \(message)",
                   hint: "see docs/plugins.md; run with --strict to make plugin errors fatal")
    }

    private func result(_ object: YAMLNode, input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let status = object.text("status") ?? ""
        let rationale = object.text("rationale") ?? ""
        let message = object.text("message") ?? rationale
        switch status {
        case "not-assessed": throw .unassessable(message.isEmpty ? "the plugin gave no reason" : message)
        case "not-applicable": throw .notApplicable(message)
        case "error": throw .invalid(pluginDiagnostic("reported an error: \(message)"))
        case "assessed": break
        default: throw .invalid(pluginDiagnostic("answered with an unknown status '\(status)'"))
        }
        // Numbers in the answer pass the same range check as evidence (InputNumber): a plugin cannot bring in
        // a figure the evidence could not.
        for key in ["level", "points", "maxPoints"] {
            if let scalar = object[key]?.scalar, let problem = scalar.numberProblem {
                throw .invalid(pluginDiagnostic("answered " + InputNumber.message("'\(key)'", is: scalar.text, problem)))
            }
        }
        var findings: [Finding] = []
        for entry in object["findings"]?.items ?? [] {
            let id = entry.text("id") ?? ""
            let label = entry.text("label") ?? id
            let value: Finding.Value
            let raw = entry["value"]
            if let scalar = raw?.scalar, scalar.isPlain, let problem = scalar.numberProblem {
                throw .invalid(pluginDiagnostic("answered " + InputNumber.message("finding '\(id)'", is: scalar.text, problem)))
            } else if let scalar = raw?.scalar, scalar.isPlain, let number = scalar.number {
                value = .number(number, unit: entry.text("unit"))
            } else if let scalar = raw?.scalar, scalar.isPlain, scalar.text == "true" || scalar.text == "false" {
                value = .flag(scalar.text == "true")
            } else if let items = raw?.items {
                value = .list(items.map { $0.scalar?.text ?? Engine.summary($0) })
            } else {
                value = .text(raw?.scalar?.text ?? "")
            }
            findings.append(Finding(id, label, value))
        }
        if let level = object["level"]?.scalar?.number {
            guard level.isFinite, level >= 1, level <= Double(input.scale.top) else {
                throw .invalid(pluginDiagnostic("answered level \(Format.number(level)), outside the scale 1 to \(input.scale.top)"))
            }
            return AssessorResult(.level(level), rationale: rationale, findings: findings)
        }
        if let points = object["points"]?.scalar?.number, let max = object["maxPoints"]?.scalar?.number,
           points.isFinite, max.isFinite, max > 0, points >= 0, points <= max {
            return AssessorResult(.points(points, of: max), rationale: rationale, findings: findings)
        }
        throw .invalid(pluginDiagnostic("answered 'assessed' without a valid 'level' (1 to \(input.scale.top)) or 'points' and 'maxPoints'"))
    }
}

extension YAMLNode {
    /// The text of a scalar under a key, if there is one.
    func text(_ key: String) -> String? {
        guard let scalar = self[key]?.scalar, !scalar.isNull else { return nil }
        return scalar.text
    }
}

extension JSONValue {
    /// A YAML node as JSON: plain numbers become numbers, `true`/`false` booleans, `null`/`~` null, all else text.
    public init(_ node: YAMLNode) {
        switch node.content {
        case .scalar(let scalar):
            if scalar.isNull { self = .null; return }
            if scalar.isPlain, let number = scalar.number { self = .number(number); return }
            if scalar.isPlain, scalar.text == "true" || scalar.text == "false" { self = .bool(scalar.text == "true"); return }
            self = .string(scalar.text)
        case .sequence(let items): self = .array(items.map(JSONValue.init))
        case .mapping(let pairs): self = .object(pairs.map { ($0.key.scalar?.text ?? "", JSONValue($0.value)) })
        }
    }

    /// The value on one line, for line-delimited protocols.
    public func compact() -> String {
        var output = ""
        writeCompact(to: &output)
        return output
    }

    private func writeCompact(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let value):
            output += value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .string(let value): Self.escape(value, into: &output)
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                item.writeCompact(to: &output)
            }
            output += "]"
        case .object(let pairs):
            output += "{"
            for (index, pair) in pairs.enumerated() {
                if index > 0 { output += "," }
                Self.escape(pair.0, into: &output)
                output += ":"
                pair.1.writeCompact(to: &output)
            }
            output += "}"
        }
    }
}
