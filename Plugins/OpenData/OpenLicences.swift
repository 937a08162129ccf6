import AssessCore
/// Which licences count as open: those that conform to the Open Definition (https://opendefinition.org/licenses/)
/// and that UK public bodies use, recognised from a CKAN `license_id`, a DCAT-US `license` URL, or a
/// licence's title.
public enum OpenLicences {
    /// One family of open licences and how it is written in catalogues.
    public struct Family: Sendable {
        /// The family's name.
        public let name: String
        /// Ids matched exactly (lower case), as CKAN and SPDX write them.
        public let ids: [String]
        /// Text matched anywhere in the licence (lower case): URLs and titles.
        public let fragments: [String]
    }

    /// The open licence families. The first that matches names the licence in the findings.
    public static let families: [Family] = [
        Family(name: "Open Government Licence",
               ids: ["uk-ogl", "ogl", "ogl-uk", "ogl-uk-1.0", "ogl-uk-2.0", "ogl-uk-3.0", "ogl-3.0", "ogl3", "uk-ogl-3.0",
                     "open-government-licence"],
               fragments: ["nationalarchives.gov.uk/doc/open-government-licence", "open government licence",
                           "open government license", "open-government-licence"]),
        Family(name: "Creative Commons Attribution (CC BY, CC BY-SA)",
               ids: ["cc-by", "cc-by-2.0", "cc-by-2.5", "cc-by-3.0", "cc-by-4.0", "cc-by-sa", "cc-by-sa-3.0", "cc-by-sa-4.0"],
               fragments: ["creativecommons.org/licenses/by/", "creativecommons.org/licenses/by-sa/",
                           "creative commons attribution"]),
        Family(name: "Creative Commons Zero (CC0)",
               ids: ["cc-zero", "cc0", "cc0-1.0", "cc-0"],
               fragments: ["creativecommons.org/publicdomain/zero/", "public-domain/cc0", "creative commons cczero",
                           "creative commons zero"]),
        Family(name: "Open Data Commons (ODC-BY, ODbL, PDDL)",
               ids: ["odc-by", "odc-by-1.0", "odc-odbl", "odbl", "odbl-1.0", "odc-pddl", "pddl", "pddl-1.0"],
               fragments: ["opendatacommons.org/licenses/by", "opendatacommons.org/licenses/odbl",
                           "opendatacommons.org/licenses/pddl", "open database license", "open data commons"]),
        Family(name: "Public domain",
               ids: ["other-pd", "public-domain", "publicdomain"],
               fragments: ["creativecommons.org/publicdomain/mark/", "public domain"]),
        Family(name: "Other open licence (CKAN other-open, other-at)",
               ids: ["other-open", "other-at"],
               fragments: ["other (open)", "other (attribution)"]),
    ]

    /// Text that marks a licence as not open whatever else it says: non-commercial or no-derivatives terms.
    public static let closedFragments = ["-nc", "by-nc", "-nd", "noncommercial", "non-commercial", "noderivatives",
                                         "no derivatives", "not open", "other-closed"]

    /// The family of an open licence, or nil when the licence is not recognised as open.
    public static func family(of licence: String) -> String? {
        let text = ExportText.trimmed(licence).lowercased()
        guard !text.isEmpty else { return nil }
        if closedFragments.contains(where: { text.contains($0) }) { return nil }
        for family in families where family.ids.contains(text) { return family.name }
        for family in families where family.fragments.contains(where: { text.contains($0) }) { return family.name }
        return nil
    }
}
