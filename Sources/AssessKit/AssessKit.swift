import AssessCore
import ChannelShiftAssessors
import ContentAssessors
import DigitalEngagementAssessors
import DigitalInclusionAssessors
import MobileAssessors
import OpenDataAssessors

/// The assembled product: the engine's generic assessors, the six domain plugins, and the built-in framework.
public enum AssessKit {
    /// The version of `assess`, printed in every report.
    public static let version = "0.1.0"

    /// The domain plugins, in the order of the six areas.
    public static var plugins: [any AssessorPlugin.Type] {
        [ChannelShiftPlugin.self, DigitalEngagementPlugin.self, MobilePlugin.self, ContentPlugin.self,
         DigitalInclusionPlugin.self, OpenDataPlugin.self]
    }

    /// Every assessor: the generic ones first, then each plugin's.
    public static var registry: AssessorRegistry {
        var registry = AssessorRegistry.builtIn
        for plugin in plugins { registry.register(plugin: plugin) }
        return registry
    }

    /// Loads the framework at a path, or the built-in one when the path is nil. `startPlugins` says whether the
    /// plugins the framework lists are started (run) or only checked to exist.
    public static func loadFramework(
        path: String?, registry: AssessorRegistry = registry, plugins: [ExternalPlugin] = [], pluginTimeout: Double = 10,
        startPlugins: Bool = true
    ) throws(LoadError) -> Framework {
        let loader = FrameworkLoader(registry: registry, plugins: plugins, pluginTimeout: pluginTimeout, assessVersion: version,
                                     startPlugins: startPlugins)
        if let path { return try loader.load(path: path) }
        return try loader.load(embedded: DefaultFramework.files, parsed: DefaultFramework.parsed,
                               frameworkFile: DefaultFramework.frameworkFile)
    }
}

/// The built-in six-area digital strategy framework, embedded from `rubrics/` by `scripts/embed-rubrics`.
public enum DefaultFramework {
    /// The display path of its `framework.yaml`.
    public static let frameworkFile = "rubrics/framework.yaml"

    /// The embedded files by path, for tests that check they match `rubrics/`.
    public static var embeddedFiles: [String: String] { files }

    /// The embedded files' parsed trees (``YAMLDocument/archive``) by path, so a run does not parse the built-in
    /// framework's YAML. Recorded from a parse of ``embeddedFiles`` by
    /// `ASSESS_RECORD_PARSED=1 swift test --filter EmbeddedParsedTrees`; a test fails when they are stale.
    public static var parsedFiles: [String: String] { parsed }
}
