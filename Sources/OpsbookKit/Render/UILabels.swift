/// The interface words of one language (Labels), looked up by key. A lookup cannot fail: a
/// key missing from the table shows as the key itself, and LabelTests checks that every
/// literal key the code asks for is in both languages.
struct UILabels: Sendable {
    let table: [String: String]

    init(_ language: SiteConfig.Language) { table = Labels.table(for: language) }

    subscript(key: String) -> String { table[key] ?? key }

    /// For vocabularies with a fallback of their own (`value.x` → x).
    func optional(_ key: String) -> String? { table[key] }

    func typePlural(_ type: PageType) -> String { table["type.\(type.rawValue)"] ?? type.rawValue }

    /// `{{labels.x_y}}` in templates: Mustache reads dots as nesting, so keys use underscores.
    /// Keys in sorted order, so that of two keys that meet (`a.b`, `a_b`) the same one wins
    /// in every build.
    var templateValue: TemplateValue {
        var fields = TemplateFields()
        for (key, value) in table.sorted(by: { $0.key < $1.key }) { fields[key.replacingOccurrences(of: ".", with: "_")] = .text(value) }
        return .object(fields)
    }
}
