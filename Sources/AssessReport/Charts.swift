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
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
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

    /// A timeline of roadmap actions by quarter.
    public static func timeline(items: [RoadmapItem], capacity: Double, colour: String, maxRows: Int = 12) -> String {
        let shown = Array(items.prefix(maxRows))
        let quarters = max(4, min(12, shown.map(\.endQuarter).max() ?? 4))
        let labelWidth = 250.0, quarterWidth = 52.0, rowHeight = 20.0, top = 26.0
        let width = labelWidth + quarterWidth * Double(quarters) + 10
        let height = top + rowHeight * Double(max(shown.count, 1)) + (items.count > shown.count ? 22 : 8)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(width)) \(number(height))\" width=\"\(number(width))\" height=\"\(number(height))\" role=\"img\" aria-labelledby=\"timeline-title timeline-desc\">"
        let description = shown.map { "\($0.action.title): quarter \($0.quarter)\($0.endQuarter > $0.quarter ? " to \($0.endQuarter)" : "")" }.joined(separator: "; ")
        svg += "<title id=\"timeline-title\">Roadmap by quarter</title><desc id=\"timeline-desc\">\(escape(description))</desc>"
        for quarter in 1...quarters {
            let x = labelWidth + quarterWidth * Double(quarter - 1)
            let shade = quarter == 1 ? "#f3f2f1" : "#ffffff"
            svg += "<rect x=\"\(number(x))\" y=\"\(number(top - 4))\" width=\"\(number(quarterWidth))\" height=\"\(number(height - top))\" fill=\"\(shade)\" stroke=\"#b1b4b6\" stroke-width=\"0.5\"/>"
            svg += "<text x=\"\(number(x + quarterWidth / 2))\" y=\"16\" font-size=\"12\" text-anchor=\"middle\" fill=\"#0b0c0c\">Q\(quarter)</text>"
        }
        for (row, item) in shown.enumerated() {
            let y = top + rowHeight * Double(row)
            let title = item.action.title.count > 38 ? String(item.action.title.prefix(36)) + "…" : item.action.title
            svg += "<text x=\"0\" y=\"\(number(y + 13))\" font-size=\"12\" fill=\"#0b0c0c\">\(escape(title))</text>"
            let start = min(item.quarter, quarters), end = min(item.endQuarter, quarters)
            let x = labelWidth + quarterWidth * Double(start - 1) + 3
            let barWidth = quarterWidth * Double(end - start + 1) - 6
            let fill = item.horizon == .now ? colour : item.horizon == .next ? "#28a197" : "#505a5f"
            svg += "<rect x=\"\(number(x))\" y=\"\(number(y + 3))\" width=\"\(number(barWidth))\" height=\"\(number(rowHeight - 7))\" rx=\"2\" fill=\"\(fill)\"/>"
        }
        if items.count > shown.count {
            svg += "<text x=\"0\" y=\"\(number(height - 6))\" font-size=\"12\" fill=\"#505a5f\">and \(items.count - shown.count) more in the roadmap table</text>"
        }
        return svg + "</svg>"
    }
}
