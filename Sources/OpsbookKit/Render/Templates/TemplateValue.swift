/// What a template sees: every view handed to the theme is one of these, built from typed
/// values, so the template evaluator never casts and never asks Swift what a value is.
public enum TemplateValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case text(String)
    /// A page's rendered HTML as the Markdown stage left it: valid UTF-8 by construction (cmark-gfm's
    /// output of a Swift string, spliced at ASCII bytes), so it reaches the output without the
    /// UTF-8 check a String would make of every page body. Read by templates as text.
    case html([UInt8])
    case list([TemplateValue])
    case object(TemplateFields)

    /// Section semantics as swift-mustache had them (kept so users' templates render as before):
    /// only false, null and an empty list are false — an empty text or a zero is true.
    var isFalsey: Bool {
        switch self {
        case .null, .bool(false): true
        case let .list(items): items.isEmpty
        default: false
        }
    }

    subscript(key: String) -> TemplateValue? {
        if case let .object(fields) = self { fields[key] } else { nil }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        var fields = TemplateFields()
        for (key, value) in elements { fields[key] = value }
        self = .object(fields)
    }
}

extension TemplateValue {
    var text: String? { if case let .text(text) = self { text } else { nil } }
    var items: [TemplateValue]? { if case let .list(items) = self { items } else { nil } }
}

