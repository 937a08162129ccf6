import AssessCore

/// The public data about every current UK council bundled with `assess`: `data/public/*.csv`, embedded by
/// `scripts/rebuild-public-data` so no path is needed.
public enum PublicDataBundle {
    /// The bundled data, read once.
    public static let data: Result<PublicData, PublicData.Problem> = {
        do throws(PublicData.Problem) {
            return .success(try PublicData(councilsCSV: councilsCSV, sourcesCSV: sourcesCSV))
        } catch {
            return .failure(error)
        }
    }()

    /// The embedded files by repository path, for the test that checks they match `data/public/`.
    public static var embeddedFiles: [String: String] {
        ["data/public/councils.csv": councilsCSV, "data/public/sources.csv": sourcesCSV]
    }
}
