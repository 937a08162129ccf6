import AssessCore
import AssessKit

/// Small frameworks and evidence built in memory for scoring tests.
public enum Fixtures {
    /// A framework from rubric YAML texts (keyed by file name), with the given framework.yaml body.
    public static func framework(_ frameworkYAML: String, rubrics: [String: String]) throws -> Framework {
        var files = ["fx/framework.yaml": frameworkYAML]
        for (name, text) in rubrics { files["fx/\(name)"] = text }
        do {
            return try FrameworkLoader(registry: AssessKit.registry).load(embedded: files, frameworkFile: "fx/framework.yaml")
        } catch {
            throw FixtureError(message: error.diagnostics.map(\.description).joined(separator: "\n"))
        }
    }

    /// Evidence from YAML text.
    public static func evidence(_ text: String, file: String = "fx/evidence.yaml") throws -> Evidence {
        do {
            return try EvidenceLoader().decode(YAMLParser.parse(text, file: file))
        } catch {
            throw FixtureError(message: error.diagnostics.map(\.description).joined(separator: "\n"))
        }
    }

    /// A five-level scale block for framework.yaml.
    public static let scaleYAML = """
        scale:
          levels:
            - {level: 1, name: Ad hoc, description: a}
            - {level: 2, name: Developing, description: b}
            - {level: 3, name: Defined, description: c}
            - {level: 4, name: Embedded, description: d}
            - {level: 5, name: Leading, description: e}
        """

    /// Level descriptors for a criterion.
    public static let levelsYAML = "{1: one, 2: two, 3: three, 4: four, 5: five}"
}

/// A fixture that failed to load, with its diagnostics.
public struct FixtureError: Error, CustomStringConvertible {
    /// The rendered diagnostics.
    public var message: String
    public var description: String { message }
}

extension Error {
    /// The diagnostics of a load or parse error, or the error described.
    public var diagnostics: [Diagnostic] {
        if let error = self as? LoadError { return error.diagnostics }
        if let error = self as? DiagnosticError { return error.diagnostics }
        return [Diagnostic(file: "?", location: .unknown, message: String(describing: self))]
    }
}
