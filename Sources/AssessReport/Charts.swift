import AssessCore
import Foundation

/// SVG charts for the report: drawn from numbers only, with text alternatives, and all text escaped.
public enum Charts {
    /// XML-escapes text for SVG.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
    }

    /// A radar chart of dimension scores on the level scale, with an optional projected outline.
    public static func radar(titles: [String], scores: [Double?], projected: [Double?]?, top: Int, colour: String,
                             description: String) -> String {
        let size = 340.0, centre = 170.0, radius = 105.0
        let count = max(titles.count, 3)
        func point(_ index: Int, _ level: Double) -> (Double, Double) {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(count)
            let r = radius * max(0, min(level, Double(top))) / Double(top)
            return (centre + r * cos(angle), centre + r * sin(angle))
        }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(size)) \(number(size))\" width=\"\(number(size))\" height=\"\(number(size))\" role=\"img\" aria-labelledby=\"radar-title radar-desc\">"
        svg += "<title id=\"radar-title\">Score by area</title><desc id=\"radar-desc\">\(escape(description))</desc>"
        for level in 1...top {
            let ring = (0..<count).map { point($0, Double(level)) }.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " ")
            svg += "<polygon points=\"\(ring)\" fill=\"none\" stroke=\"#b1b4b6\" stroke-width=\"1\"/>"
        }
        for index in 0..<count {
            let (x, y) = point(index, Double(top))
            svg += "<line x1=\"\(number(centre))\" y1=\"\(number(centre))\" x2=\"\(number(x))\" y2=\"\(number(y))\" stroke=\"#b1b4b6\" stroke-width=\"1\"/>"
        }
        for level in 1...top {
            let (_, y) = point(0, Double(level))
            svg += "<text x=\"\(number(centre + 3))\" y=\"\(number(y + 11))\" font-size=\"10\" fill=\"#505a5f\">\(level)</text>"
        }
        func outline(_ values: [Double?], stroke: String, fill: String, dash: Bool) -> String {
            let points = values.enumerated().map { point($0.offset, $0.element ?? 0) }.map { "\(number($0.0)),\(number($0.1))" }
            return "<polygon points=\"\(points.joined(separator: " "))\" fill=\"\(fill)\" fill-opacity=\"0.25\" stroke=\"\(stroke)\" stroke-width=\"2.5\"\(dash ? " stroke-dasharray=\"6 4\"" : "")/>"
        }
        if let projected { svg += outline(projected, stroke: "#00703c", fill: "none", dash: true) }
        svg += outline(scores, stroke: colour, fill: colour, dash: false)
        for (index, title) in titles.enumerated() {
            let (x, y) = point(index, Double(top) + 0.55)
            let anchor = abs(x - centre) < 10 ? "middle" : (x < centre ? "end" : "start")
            let words = title.split(separator: " ").map(String.init)
            var lines: [String] = []
            for word in words {
                if let last = lines.last, last.count + word.count + 1 <= 16 { lines[lines.count - 1] += " " + word } else { lines.append(word) }
            }
            let start = y - Double(lines.count - 1) * 6.5 + 4
            for (offset, line) in lines.enumerated() {
                svg += "<text x=\"\(number(x))\" y=\"\(number(start + Double(offset) * 13))\" font-size=\"12\" text-anchor=\"\(anchor)\" fill=\"#0b0c0c\">\(escape(line))</text>"
            }
        }
        return svg + "</svg>"
    }

    /// The roadmap's timeline: one row per dimension, one column per quarter, each cell showing how many of
    /// the dimension's actions are under way that quarter, coloured by horizon.
    public static func timeline(rows: [(title: String, counts: [Int])], quarters: Int, colour: String) -> String {
        let labelWidth = 200.0, quarterWidth = 40.0, rowHeight = 22.0, top = 24.0
        let width = labelWidth + quarterWidth * Double(quarters) + 4
        let height = top + rowHeight * Double(rows.count) + 4
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(width)) \(number(height))\" width=\"\(number(width))\" height=\"\(number(height))\" role=\"img\" aria-labelledby=\"timeline-title timeline-desc\">"
        let description = rows.map { row in
            let active = row.counts.enumerated().filter { $0.element > 0 }.map { "Q\($0.offset + 1): \($0.element)" }
            return "\(row.title): " + (active.isEmpty ? "no actions" : active.joined(separator: ", "))
        }.joined(separator: "; ")
        svg += "<title id=\"timeline-title\">Actions under way by area and quarter</title><desc id=\"timeline-desc\">\(escape(description))</desc>"
        for quarter in 1...max(quarters, 1) {
            let x = labelWidth + quarterWidth * Double(quarter - 1)
            svg += "<text x=\"\(number(x + quarterWidth / 2))\" y=\"15\" font-size=\"12\" text-anchor=\"middle\" fill=\"#0b0c0c\">Q\(quarter)</text>"
        }
        // Solid fills dark enough for white numbers (at least 4.5:1): brand colour, GOV.UK green, dark grey.
        let horizonColour = { (quarter: Int) -> String in quarter <= 1 ? colour : quarter <= 4 ? "#00703c" : "#505a5f" }
        for (index, row) in rows.enumerated() {
            let y = top + rowHeight * Double(index)
            svg += "<text x=\"0\" y=\"\(number(y + 15))\" font-size=\"12\" fill=\"#0b0c0c\">\(escape(row.title))</text>"
            svg += "<line x1=\"\(number(labelWidth))\" y1=\"\(number(y + rowHeight))\" x2=\"\(number(width - 4))\" y2=\"\(number(y + rowHeight))\" stroke=\"#b1b4b6\" stroke-width=\"0.5\"/>"
            for (offset, count) in row.counts.enumerated() where count > 0 {
                let x = labelWidth + quarterWidth * Double(offset) + 2
                svg += "<rect x=\"\(number(x))\" y=\"\(number(y + 3))\" width=\"\(number(quarterWidth - 4))\" height=\"\(number(rowHeight - 6))\" rx=\"2\" fill=\"\(horizonColour(offset + 1))\"/>"
                svg += "<text x=\"\(number(x + (quarterWidth - 4) / 2))\" y=\"\(number(y + 15))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#ffffff\" font-weight=\"bold\">\(count)</text>"
            }
        }
        return svg + "</svg>"
    }
}
