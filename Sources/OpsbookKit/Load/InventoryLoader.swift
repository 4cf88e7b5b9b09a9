/// Reads `content/inventory/*.yaml`: a list of items, or a mapping with `items` and
/// `defaults` (keys every item of the file inherits, e.g. one class per file).
enum InventoryLoader {
    static let itemKeys = ["id", "name", "class", "model", "vendor", "location", "serial", "ip", "status",
                           "quantity", "systems", "tags", "notes", "audience", "internal"]
    static let displayedKeys = ["model", "vendor", "location", "serial", "ip", "status"]

    static func load(text: String, file: String, options: LoadOptions = LoadOptions(), log: DiagnosticLog) -> [InventoryItem] {
        // Told apart by the parser, not by counting the log: other files are loaded at the same time.
        let root: YAMLValue
        switch YAMLValue.document(text, file: file, lineOffset: 0, log: log) {
        case let .value(value): root = value
        case .empty:
            log.warning("inventory.empty", at: SourceLocation(file: file, line: 1, column: 1), "inventory file holds no items")
            return []
        case .invalid: return []
        }
        var entries: [YAMLValue]
        var defaults: YAMLMapping?
        if let list = root.sequence {
            entries = list
        } else if let mapping = root.mapping {
            mapping.reportUnknownKeys(allowed: ["items", "defaults"], what: "an inventory file", log: log)
            entries = mapping.list("items", log: log)
            if let value = mapping["defaults"] {
                defaults = value.mapping
                if defaults == nil { log.error("yaml.type", at: value.location, "'defaults' should be a mapping") }
                defaults?.reportUnknownKeys(allowed: itemKeys.filter { $0 != "id" }, what: "inventory defaults", log: log)
            }
        } else {
            log.error("inventory.shape", at: root.location, "an inventory file should be a list of items or a mapping with 'items'")
            return []
        }
        return entries.compactMap { item(from: $0, defaults: defaults, options: options, log: log) }
    }

    private static func item(from entry: YAMLValue, defaults: YAMLMapping?, options: LoadOptions, log: DiagnosticLog) -> InventoryItem? {
        guard let fields = entry.mapping else {
            log.error("inventory.shape", at: entry.location, "each inventory item should be a mapping, not \(entry.kindName)")
            return nil
        }
        fields.reportUnknownKeys(allowed: itemKeys, what: "an inventory item", log: log)
        func value(_ key: String) -> String? { fields.string(key, log: log) ?? defaults?.string(key, log: log) }

        guard let id = fields.string("id", log: log) else {
            log.error("inventory.id", at: fields.location, "inventory item has no 'id'")
            return nil
        }
        if !PageLoader.isValidID(id) {
            log.error("id.invalid", at: fields["id"]!.location,
                      "id '\(id)' must be lowercase letters, digits, '.', '_' or '-', starting with a letter or digit",
                      suggestion: Anchors.slug(id).isEmpty ? nil : Anchors.slug(id))
            return nil
        }
        guard let className = value("class") else {
            log.error("inventory.class", at: fields.location, "inventory item '\(id)' has no 'class'")
            return nil
        }
        let itemClass: InventoryClass
        if let known = InventoryClass.byID[className] {
            itemClass = known
        } else {
            let where_ = fields["class"]?.location ?? defaults?["class"]?.location ?? fields.location
            let closest = Suggestion.closest(to: className, in: InventoryClass.all.map(\.id))
            log.error("inventory.class", at: where_, "unknown inventory class '\(className)'", suggestion: closest)
            // The item stays, under the closest class, so that every reference to it still
            // resolves: dropped, it would turn each into a "did you mean" for another item.
            // The error stops the build before anything is written.
            itemClass = closest.flatMap { InventoryClass.byID[$0] } ?? InventoryClass.all[0]
        }
        var item = InventoryItem(id: id, location: fields["id"]!.location, name: value("name") ?? id, itemClass: itemClass)
        item.properties = displayedKeys.compactMap { key in value(key).map { (key, $0) } }
        if let quantityValue = fields["quantity"] ?? defaults?["quantity"] {
            let quantity = (fields["quantity"] != nil ? fields : defaults!).int("quantity", log: log)
            if let quantity, quantity < 0 {
                log.error("inventory.quantity", at: quantityValue.location, "quantity cannot be negative")
            }
            item.quantity = max(quantity ?? 1, 0)
        }
        let systemsSource = fields["systems"] != nil ? fields : (defaults ?? fields)
        item.systems = systemsSource.strings("systems", log: log).map {
            Reference(target: $0.text, location: $0.location, field: "systems")
        }
        item.tags = (fields["tags"] != nil ? fields : (defaults ?? fields)).strings("tags", log: log).map(\.text)
        if let notesValue = fields["notes"], let notes = fields.string("notes", log: log) {
            // Block scalars start on the line after their `|`.
            item.notesLineOffset = notesValue.location.line - 1 + (notes.contains("\n") ? 1 : 0)
            let visible = InternalSections.apply(
                notes, keep: options.audience >= .internal, file: fields.location.file, lineOffset: item.notesLineOffset, log: log)
            item.notes = MarkdownRenderer.render(visible, rawHTML: options.rawHTML)
        }
        item.audience = AudienceKey.read(fields, log: log).0 ?? defaults.flatMap { AudienceKey.read($0, log: log).0 }
        if let hidden = fields["internal"] {
            if let mapping = hidden.mapping {
                mapping.reportUnknownKeys(allowed: displayedKeys, what: "internal item fields", log: log)
                item.internalProperties = displayedKeys.compactMap { key in mapping.string(key, log: log).map { (key, $0) } }
            } else {
                log.error("yaml.type", at: hidden.location, "'internal' holds item fields shown only in internal builds, as a mapping")
            }
        }
        return item
    }
}
