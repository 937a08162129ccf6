import Foundation
/// Writes a ``QuestionTable`` as CSV (RFC 4180: fields with a comma, quote, line break or edge space are
/// quoted, quotes doubled; lines end in CRLF), one row per question with every column of
/// ``QuestionTable/columns``, so that `assess import` reads it back to the same table.
public enum TableWriter {
    /// The CSV text.
    public static func csv(_ table: QuestionTable) -> String {
        var lines = [QuestionTable.columns.map(field).joined(separator: ",")]
        for dimension in table.dimensions {
            for question in dimension.questions {
                let section = question.section.flatMap { id in dimension.sections.first { $0.id == id } }
                let cells: [String: String] = [
                    "dimension": dimension.id,
                    "dimension-title": dimension.title,
                    "dimension-description": dimension.description,
                    "dimension-weight": dimension.weight.map(TableNumber.text) ?? "",
                    "section": question.section ?? "",
                    "section-title": section?.title ?? "",
                    "section-weight": section?.weight.map(TableNumber.text) ?? "",
                    "id": question.id,
                    "title": question.title,
                    "question": question.question,
                    "guidance": question.guidance,
                    "weight": question.weight.map(TableNumber.text) ?? "",
                    "core": question.core ? "true" : "",
                    "options": CellSyntax.optionsCell(question.options, otherwise: question.otherwise),
                    "points": question.points.map(TableNumber.text) ?? "",
                    "means": "",
                    "when": question.when.map(CellSyntax.conditionCell) ?? "",
                    "applies-to": question.appliesTo.map(CellSyntax.applicabilityCell) ?? "",
                ]
                lines.append(QuestionTable.columns.map { field(cells[$0] ?? "") }.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// One field, quoted when it must be (the engine's CSV reader trims unquoted fields, so edge spaces are
    /// quoted too).
    static func field(_ text: String) -> String {
        let needsQuotes = text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
            || text.first.map { $0 == " " || $0 == "\t" } == true || text.last.map { $0 == " " || $0 == "\t" } == true
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
