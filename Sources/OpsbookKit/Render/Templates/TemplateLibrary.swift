/// The theme's templates, parsed once, and the evaluator that renders them over typed
/// values into bytes. Opsbook evaluates Mustache itself: swift-mustache looked up every name
/// by dynamic casts and escaped text Character by Character, most of a build's time
/// (README, "Dependencies"); this evaluator is held to the Mustache spec by TemplateSpecTests.
struct TemplateLibrary: Sendable {
    private var templates: [String: [TemplateNode]] = [:]
    private var sources: [String: String] = [:]
    /// Partials and parents included from an indented standalone tag, parsed again with
    /// every line indented, as the spec defines it (prepared by `prepareIndentation`).
    private var indented: [Indented: [TemplateNode]] = [:]
    /// Block replacements read again with the indentation of a place they fill, keyed by
    /// their text (BlockShape).
    private var reindented: [Indented: [TemplateNode]] = [:]

    private struct Indented: Hashable {
        var name: String
        var indent: [UInt8]
    }

    /// Nesting of partials and parents beyond which nothing more is included: a template
    /// that includes itself must not exhaust the stack.
    static let maximumDepth = 64

    mutating func add(_ source: String, named name: String) throws(TemplateSyntaxError) {
        templates[name] = try TemplateParser.parse(source)
        sources[name] = source
    }

    func contains(_ name: String) -> Bool { templates[name] != nil }

    /// Parses the indented variants every standalone inclusion and every indented block
    /// needs, nested ones included (bounded: a self-including template indents without end).
    mutating func prepareIndentation() {
        var grew = true
        while grew {
            var found = Found()
            for nodes in templates.values { found.walk(nodes) }
            for nodes in indented.values { found.walk(nodes) }
            for nodes in reindented.values { found.walk(nodes) }
            grew = false
            for next in found.inclusions where indented[next] == nil && next.indent.count <= 256 && indented.count < 1000 {
                guard let source = sources[next.name], let nodes = try? TemplateParser.parse(BlockShape.indent(source, by: next.indent))
                else { continue }
                indented[next] = nodes
                grew = true
            }
            for (name, indents) in found.places {
                for source in found.arguments[name] ?? [] {
                    for indent in indents where indent.count <= 256 && reindented[Indented(name: source, indent: indent)] == nil
                        && reindented.count < 1000 {
                        guard let nodes = try? TemplateParser.parse(BlockShape.indent(source, by: indent)) else { continue }
                        reindented[Indented(name: source, indent: indent)] = nodes
                        grew = true
                    }
                }
            }
        }
    }

    /// What `prepareIndentation` reads from templates: indented inclusions, block replacements
    /// by name, and the indentations that places of each name give.
    private struct Found {
        var inclusions: [Indented] = []
        var arguments: [String: Set<String>] = [:]
        var places: [String: Set<[UInt8]>] = [:]

        mutating func walk(_ nodes: [TemplateNode]) {
            for node in nodes {
                switch node {
                case let .partial(name, indent): if !indent.isEmpty { inclusions.append(Indented(name: name, indent: indent)) }
                case let .parent(name, indent, blocks):
                    if !indent.isEmpty { inclusions.append(Indented(name: name, indent: indent)) }
                    for (blockName, argument) in blocks {
                        if let source = argument.source { arguments[blockName, default: []].insert(source) }
                        walk(argument.nodes)
                    }
                case let .section(_, body, _): walk(body)
                case let .block(name, body, shape):
                    if !shape.expansion.isEmpty { places[name, default: []].insert(shape.expansion) }
                    walk(body)
                case .text, .value: break
                }
            }
        }
    }

    fileprivate func nodes(_ name: String, indent: [UInt8]) -> [TemplateNode]? {
        indent.isEmpty ? templates[name] : indented[Indented(name: name, indent: indent)] ?? templates[name]
    }

    /// A replacement as the place it fills indents it.
    fileprivate func nodes(_ argument: TemplateArgument, indent: [UInt8]) -> [TemplateNode] {
        guard !indent.isEmpty, let source = argument.source else { return argument.nodes }
        return reindented[Indented(name: source, indent: indent)] ?? argument.nodes
    }

    /// The template `name` rendered over `context`; nil when there is no such template.
    func render(_ name: String, _ context: TemplateValue) -> [UInt8]? {
        guard let nodes = templates[name] else { return nil }
        var evaluation = TemplateEvaluation(library: self, stack: [context])
        evaluation.out.reserveCapacity(32 * 1024)
        evaluation.render(nodes, blocks: [:], depth: 0)
        return evaluation.out
    }
}

/// One render: the context stack and the bytes written so far.
private struct TemplateEvaluation {
    let library: TemplateLibrary
    var stack: [TemplateValue]
    var out: [UInt8] = []

    mutating func render(_ nodes: [TemplateNode], blocks: [String: TemplateArgument], depth: Int) {
        for node in nodes {
            switch node {
            case let .text(bytes): out.append(contentsOf: bytes)
            case let .value(name, escaped): if let value = lookUp(name) { write(value, escaped: escaped) }
            case let .section(name, body, inverted):
                let value = lookUp(name) ?? .null
                if inverted {
                    if value.isFalsey { render(body, blocks: blocks, depth: depth) }
                } else {
                    section(value, body, blocks: blocks, depth: depth)
                }
            case let .partial(name, indent):
                guard depth < TemplateLibrary.maximumDepth, let nodes = library.nodes(name, indent: indent) else { continue }
                render(nodes, blocks: [:], depth: depth + 1)
            case let .parent(name, indent, overrides):
                guard depth < TemplateLibrary.maximumDepth, let nodes = library.nodes(name, indent: indent) else { continue }
                // The outermost definition of a block wins.
                render(nodes, blocks: overrides.merging(blocks) { _, outer in outer }, depth: depth + 1)
            case let .block(name, fallback, shape):
                render(blocks[name].map { library.nodes($0, indent: shape.expansion) } ?? fallback, blocks: blocks, depth: depth)
            }
        }
    }

    private mutating func section(_ value: TemplateValue, _ body: [TemplateNode], blocks: [String: TemplateArgument], depth: Int) {
        switch value {
        case .null, .bool(false): return
        case .bool(true): render(body, blocks: blocks, depth: depth)
        case let .list(items):
            for item in items {
                stack.append(item)
                render(body, blocks: blocks, depth: depth)
                stack.removeLast()
            }
        default:
            stack.append(value)
            render(body, blocks: blocks, depth: depth)
            stack.removeLast()
        }
    }

    /// The first part of a dotted name is looked for from the innermost context outwards;
    /// the rest only inside what that found (spec: "Dotted Names - Context Precedence").
    private func lookUp(_ name: TemplateName) -> TemplateValue? {
        guard let first = name.parts.first, let code = name.codes.first else { return stack.last }
        var found: TemplateValue?
        for frame in stack.reversed() {
            if case let .object(fields) = frame, let value = fields[first, code] { found = value; break }
        }
        guard var value = found else { return nil }
        for (part, code) in zip(name.parts, name.codes).dropFirst() {
            guard case let .object(fields) = value, let child = fields[part, code] else { return nil }
            value = child
        }
        return value
    }

    private mutating func write(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case let .text(text): escaped ? escape(text) : out.append(contentsOf: text.utf8)
        case let .html(bytes): escaped ? HTML.appendEscaped(bytes, to: &out) : out.append(contentsOf: bytes)
        case let .int(number): out.append(contentsOf: String(number).utf8)
        case let .double(number): out.append(contentsOf: String(describing: number).utf8)
        case let .bool(flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null, .list, .object: break
        }
    }

    /// Runs without a character to escape are copied whole.
    private mutating func escape(_ text: String) {
        if text.utf8.contains(where: HTML.needsEscape) { HTML.appendEscaped(text, to: &out) } else { out.append(contentsOf: text.utf8) }
    }
}
