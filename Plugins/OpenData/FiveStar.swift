import AssessCore
/// Tim Berners-Lee's 5-star open data scheme (https://5stardata.info), applied to the formats a catalogue
/// lists for each dataset.
///
/// A format earns 1★ when it is on the web but unstructured or of unknown kind (PDF, Word, HTML, images, ZIP,
/// a web page), 2★ when it is structured but proprietary (Excel, Access, shapefile), 3★ when it is
/// structured and non-proprietary (CSV, JSON, GeoJSON, XML, KML, ODS, an API or an OGC web service), and 4★
/// when it is a linked-data format using URIs (RDF, Turtle, JSON-LD, N-Triples, SPARQL). 5★ (linked to other
/// people's data) cannot be seen from a format and is never given. A dataset's rating is its best format.
public enum FiveStar {
    /// Format names (letters and digits only, lower case) and their stars.
    public static let stars: [String: Int] = {
        var table: [String: Int] = [:]
        for name in ["pdf", "doc", "docx", "msword", "rtf", "odt", "txt", "text", "html", "htm", "webpage", "url", "link",
                     "jpg", "jpeg", "png", "gif", "tif", "tiff", "svg", "ppt", "pptx", "zip", "7zip", "rar", "gz", "tar"] {
            table[name] = 1
        }
        for name in ["xls", "xlsx", "xlsm", "excel", "msexcel", "mdb", "accdb", "access", "shp", "shapefile",
                     "esrishapefile", "qgisshapefile", "dbf", "sav", "spss", "dta", "sas", "mapinfo"] {
            table[name] = 2
        }
        for name in ["csv", "tsv", "json", "geojson", "xml", "kml", "kmz", "gml", "gpx", "ods", "api", "rest", "restapi",
                     "arcgisrestapi", "arcgisgeoservice", "featureserver", "mapserver", "esrirest", "wfs", "ogcwfs",
                     "wms", "ogcwms", "wmts", "wcs", "ogcapi", "atom", "rss", "geopackage", "gpkg", "parquet",
                     "sqlite", "netcdf", "ics", "ical", "odata", "yaml"] {
            table[name] = 3
        }
        for name in ["rdf", "rdfxml", "ttl", "turtle", "ntriples", "n3", "nq", "nquads", "jsonld", "sparql", "trig"] {
            table[name] = 4
        }
        return table
    }()

    /// Media types (lower case, without parameters) and the format name they stand for.
    public static let mediaTypes: [String: String] = [
        "text/csv": "csv", "text/tab-separated-values": "tsv", "application/json": "json", "application/geo+json": "geojson",
        "application/vnd.geo+json": "geojson", "application/xml": "xml", "text/xml": "xml",
        "application/vnd.google-earth.kml+xml": "kml", "application/vnd.google-earth.kmz": "kmz",
        "application/gml+xml": "gml", "application/vnd.oasis.opendocument.spreadsheet": "ods",
        "application/atom+xml": "atom", "application/rss+xml": "rss", "application/geopackage+sqlite3": "gpkg",
        "application/rdf+xml": "rdf", "text/turtle": "ttl", "application/n-triples": "ntriples",
        "application/ld+json": "jsonld", "application/sparql-results+json": "sparql",
        "application/vnd.ms-excel": "xls", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
        "application/msaccess": "mdb", "application/pdf": "pdf", "application/msword": "doc",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx", "text/html": "html",
        "text/plain": "txt", "application/zip": "zip", "application/x-zip-compressed": "zip", "image/png": "png",
        "image/jpeg": "jpg", "image/tiff": "tiff",
    ]

    /// The stars a format earns, or nil when it is not recognised (blank, "No file type", a web-map page).
    ///
    /// The whole name is looked up first ("MS EXCEL" → msexcel, "RDF/XML" → rdfxml), then a media type
    /// ("text/csv"), then each word ("Zipped CSV" → csv, "WEB FEATURE SERVICE (WFS)" → wfs), keeping the best.
    public static func stars(forFormat format: String) -> Int? {
        let lower = ExportText.trimmed(format).lowercased()
        let whole = ExportText.key(lower.hasPrefix(".") ? String(lower.dropFirst()) : lower)
        guard !whole.isEmpty else { return nil }
        if let stars = stars[whole] { return stars }
        let mediaType = String(lower.split(separator: ";").first ?? "")
        if let name = mediaTypes[ExportText.trimmed(mediaType)], let stars = stars[name] { return stars }
        var best: Int?
        for word in lower.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
            if let stars = stars[String(word)] { best = max(best ?? 0, stars) }
        }
        return best
    }

    /// A format name guessed from a URL's file extension (`.../spend.csv?v=2` → csv), or nil.
    public static func format(fromURL url: String) -> String? {
        var path = Substring(url)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        guard let slash = path.lastIndex(of: "/") else { return nil }
        let last = path[path.index(after: slash)...]
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return nil }
        let ext = last[last.index(after: dot)...].lowercased()
        return stars[ext] == nil ? nil : ext
    }

    /// "3★" for a number of stars.
    public static func label(_ stars: Int) -> String { stars == 0 ? "0★" : "\(stars)★" }
}
