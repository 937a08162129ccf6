import ArgumentParser
import AssessCore

/// Where evidence may read export files from (`--files-root`), for the commands that read evidence.
struct FileOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A folder that evidence 'file:' paths may also lead to (repeatable). By default only the evidence file's folder; see docs/evidence.md.",
        valueName: "dir"))
    var filesRoot: [String] = []

    func validate() throws {
        for folder in filesRoot where !FileReader.isDirectory(folder) {
            throw ValidationError("--files-root '\(folder)' is not a folder; name an existing folder")
        }
    }

    /// An evidence loader allowing these folders.
    var loader: EvidenceLoader { EvidenceLoader(fileRoots: filesRoot) }
}
