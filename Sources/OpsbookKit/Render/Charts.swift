/// Inline SVG charts: no JavaScript, print cleanly, readable without colour (values are
/// written on or beside the marks, and each chart has a text title for screen readers).
enum Charts {
    static let palette = ["#0b5cad", "#d4761c", "#1a7f37", "#8250df", "#cf222e", "#57606a"]

    /// Columns per slot, stacked by series (e.g. tickets per day by type).
    static func stackedColumns(title: String, slots: [String], series: [(name: String, values: [Int])]) -> String {
        let width = 720, height = 220, left = 36, bottom = 40, top = 10
        let totals = slots.indices.map { index in series.reduce(0) { $0 + $1.values[index] } }
        let maximum = max(totals.max() ?? 0, 1)
        let plotWidth = width - left - 10, plotHeight = height - bottom - top
        let step = Double(plotWidth) / Double(max(slots.count, 1))
        var svg = open(title, width: width, height: height + 24)
        svg += axis(left: left, top: top, plotWidth: plotWidth, plotHeight: plotHeight, maximum: maximum)
        let labelEvery = max(1, slots.count / 12)
        for (index, slot) in slots.enumerated() {
            var y = Double(top + plotHeight)
            let x = Double(left) + Double(index) * step + step * 0.15
            for (seriesIndex, entry) in series.enumerated() where entry.values[index] > 0 {
                let h = Double(entry.values[index]) / Double(maximum) * Double(plotHeight)
                y -= h
                svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(step * 0.7))\" height=\"\(f(h))\" fill=\"\(palette[seriesIndex % palette.count])\"><title>\(HTML.escape(slot)) \(HTML.escape(entry.name)): \(entry.values[index])</title></rect>"
            }
            if index % labelEvery == 0 {
                svg += "<text x=\"\(f(x + step * 0.35))\" y=\"\(top + plotHeight + 14)\" font-size=\"10\" text-anchor=\"middle\" fill=\"#59636e\">\(HTML.escape(short(slot)))</text>"
            }
        }
        svg += legend(series.map(\.name), y: height + 8, left: left)
        return svg + "</svg>"
    }

    /// Horizontal bars with their values written at the end.
    static func bars(title: String, rows: [(label: String, value: Int)], color: String = palette[0]) -> String {
        let rowHeight = 22, labelWidth = 170, width = 720
        let height = max(rows.count, 1) * rowHeight + 8
        let maximum = max(rows.map(\.value).max() ?? 0, 1)
        var svg = open(title, width: width, height: height)
        for (index, row) in rows.enumerated() {
            let y = index * rowHeight + 4
            let w = Double(row.value) / Double(maximum) * Double(width - labelWidth - 60)
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" font-size=\"12\" text-anchor=\"end\" fill=\"#1f2328\">\(HTML.escape(String(row.label.prefix(16))))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(f(max(w, 1)))\" height=\"14\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(f(Double(labelWidth) + w + 6))\" y=\"\(y + 14)\" font-size=\"12\" fill=\"#1f2328\">\(row.value)</text>"
        }
        return svg + "</svg>"
    }

    /// Rates (0…1) over a sequence of periods, one line per series; gaps where undefined.
    static func lines(title: String, slots: [String], series: [(name: String, values: [Double?])], target: Double?) -> String {
        let width = 720, height = 200, left = 44, bottom = 28, top = 10
        let plotWidth = width - left - 20, plotHeight = height - bottom - top
        let step = Double(plotWidth) / Double(max(slots.count - 1, 1))
        var svg = open(title, width: width, height: height + 24)
        for tick in [0.0, 0.5, 1.0] {
            let y = Double(top) + (1 - tick) * Double(plotHeight)
            svg += "<line x1=\"\(left)\" x2=\"\(left + plotWidth)\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"#d8dee4\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(f(y + 4))\" font-size=\"10\" text-anchor=\"end\" fill=\"#59636e\">\(Int(tick * 100))%</text>"
        }
        if let target {
            let y = Double(top) + (1 - target) * Double(plotHeight)
            svg += "<line x1=\"\(left)\" x2=\"\(left + plotWidth)\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"#cf222e\" stroke-dasharray=\"4 3\"/>"
        }
        for (index, slot) in slots.enumerated() {
            svg += "<text x=\"\(f(Double(left) + Double(index) * step))\" y=\"\(top + plotHeight + 16)\" font-size=\"10\" text-anchor=\"middle\" fill=\"#59636e\">\(HTML.escape(slot))</text>"
        }
        for (seriesIndex, entry) in series.enumerated() {
            let color = palette[seriesIndex % palette.count]
            var path = ""
            for (index, value) in entry.values.enumerated() {
                guard let value else { continue }
                let x = Double(left) + Double(index) * step, y = Double(top) + (1 - value) * Double(plotHeight)
                path += (path.isEmpty ? "M" : " L") + "\(f(x)) \(f(y))"
                svg += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"3\" fill=\"\(color)\"><title>\(HTML.escape(slots[index])) \(HTML.escape(entry.name)): \(JSONValue.format(value * 100, places: 1))%</title></circle>"
            }
            if !path.isEmpty { svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>" }
        }
        svg += legend(series.map(\.name), y: height + 8, left: left)
        return svg + "</svg>"
    }

    private static func open(_ title: String, width: Int, height: Int) -> String {
        "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTML.escape(title))\" xmlns=\"http://www.w3.org/2000/svg\"><title>\(HTML.escape(title))</title>"
    }

    private static func axis(left: Int, top: Int, plotWidth: Int, plotHeight: Int, maximum: Int) -> String {
        var svg = ""
        for fraction in [0.0, 0.5, 1.0] {
            let y = Double(top) + (1 - fraction) * Double(plotHeight)
            svg += "<line x1=\"\(left)\" x2=\"\(left + plotWidth)\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"#d8dee4\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(f(y + 4))\" font-size=\"10\" text-anchor=\"end\" fill=\"#59636e\">\(Int((Double(maximum) * fraction).rounded()))</text>"
        }
        return svg
    }

    private static func legend(_ names: [String], y: Int, left: Int) -> String {
        var svg = "", x = left
        for (index, name) in names.enumerated() {
            svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"10\" height=\"10\" fill=\"\(palette[index % palette.count])\"/>"
            svg += "<text x=\"\(x + 14)\" y=\"\(y + 9)\" font-size=\"11\" fill=\"#1f2328\">\(HTML.escape(name))</text>"
            x += 24 + name.count * 12
        }
        return svg
    }

    /// `2026-10-15` → `10-15`, `2026-10` → `10月`-style short labels stay readable on the axis.
    private static func short(_ slot: String) -> String { slot.count == 10 ? String(slot.dropFirst(5)) : slot }

    private static func f(_ value: Double) -> String { JSONValue.format(value, places: 1) }
}
