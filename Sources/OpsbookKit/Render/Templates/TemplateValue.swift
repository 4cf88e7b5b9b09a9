/// What a template sees: every view handed to the theme is one of these, built from typed
/// values, so the template evaluator never casts and never asks Swift what a value is.
public enum TemplateValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case text(String)
    case list([TemplateValue])
    case object([String: TemplateValue])

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
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension TemplateValue {
    /// A view written as `[String: Any]` (the older view builders), converted once at the
    /// boundary; values of other types print as Swift describes them, as swift-mustache did.
    init(any value: Any) {
        switch value {
        case let value as TemplateValue: self = value
        case let text as String: self = .text(text)
        case let text as Substring: self = .text(String(text))
        case let flag as Bool: self = .bool(flag)
        case let number as Int: self = .int(number)
        case let number as Double: self = .double(number)
        case let fields as [String: Any]: self = .object(fields.mapValues(TemplateValue.init(any:)))
        case let fields as [String: String]: self = .object(fields.mapValues(TemplateValue.text))
        case let items as [Any]: self = .list(items.map(TemplateValue.init(any:)))
        default:
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional {
                self = mirror.children.first.map { TemplateValue(any: $0.value) } ?? .null
            } else {
                self = .text(String(describing: value))
            }
        }
    }
}

extension TemplateValue {
    var text: String? { if case let .text(text) = self { text } else { nil } }
    var items: [TemplateValue]? { if case let .list(items) = self { items } else { nil } }
}

extension TemplateValue {
    /// A `[String: Any]` view (OperationsPages, ReportPages) as typed fields, converted once.
    static func fields(_ view: [String: Any]) -> [String: TemplateValue] { view.mapValues(TemplateValue.init(any:)) }
}
