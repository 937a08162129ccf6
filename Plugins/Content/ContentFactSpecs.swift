import AssessCore

// The evidence the content assessors read: export formats with the start of a file they accept.

enum ContentFormats {
    static let sitemap = ExportFormat("sitemap XML", extensions: ["xml"], sample: """
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <url><loc>https://www.example.gov.uk/</loc><lastmod>2025-09-30</lastmod></url>
        """)
    static let inventory = ExportFormat("content inventory CSV", extensions: ["csv"], sample: """
        URL,Title,Owner,Last edited,Broken links
        https://www.example.gov.uk/bins,Bins and recycling,Waste services,01/08/2025,0
        """)
    static let text = ExportFormat("plain text (a file or a folder of .txt pages)", extensions: ["txt"], sample: """
        Report a missed bin collection
        Tell us by 5pm the day after your collection day.
        """)
}

extension ContentPagesAssessor {
    /// A sitemap or content inventory, or the count the measure needs with the number of pages.
    public var evidenceSpec: [FactSpec] {
        FactSpec.derived(from: Self.description.roles, formats: ["pages": [ContentFormats.sitemap, ContentFormats.inventory]],
                         forms: ["pages": .number(unit: nil, min: 0, max: nil), "total": .number(unit: nil, min: 0, max: nil)])
    }
}

extension ReadabilityAssessor {
    /// Sample pages as plain text, or the measure already worked out.
    public var evidenceSpec: [FactSpec] {
        FactSpec.derived(from: Self.description.roles, formats: ["text": [ContentFormats.text]],
                         forms: ["text": .number(unit: measure.label, min: 0, max: nil)])
    }
}
