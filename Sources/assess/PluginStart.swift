import ArgumentParser

/// `--start-plugins`, for the commands that only read a framework (`validate`, `rubrics`, `explain`): the
/// plugins a framework lists are programs, so these commands run them only when asked.
struct PluginStartOption: ParsableArguments {
    @Flag(name: .customLong("start-plugins"), help: ArgumentHelp(
        "Also start the plugins framework.yaml lists under 'plugins:', to check the assessors and parameters of the criteria that use them. This runs the plugins' code: use it only for a framework you trust. (Plugins given with --plugin are always started.)"))
    var startPlugins = false

    /// The sentence commands that read a framework add to their help.
    static let discussion = """
        The plugins a framework lists under 'plugins:' are programs: this command does not start them unless \
        --start-plugins is given, so reading an untrusted framework runs none of its code. Plugins given with \
        --plugin are started.
        """
}
