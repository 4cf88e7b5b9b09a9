import Foundation

/// Reads `content/site.yaml`; a missing file means every default.
enum SiteConfigLoader {
    static func load(text: String, file: String, log: DiagnosticLog) -> SiteConfig {
        var config = SiteConfig()
        guard
            let fields = YAMLValue.parseMapping(
                text, file: file, shapeID: "site.shape", shape: "site.yaml should be a mapping of settings",
                keys: [
                    "title", "client", "contractor", "contract_number", "language", "timezone", "base_url", "raw_html",
                    "broken_links", "pdf",
                    "review_every", "edit_url"
                ],
                what: "site.yaml", log: log)
        else { return config }
        readModes(fields, into: &config, log: log)
        readReviewEvery(fields, into: &config, log: log)
        config.title = fields.string("title", log: log) ?? config.title
        config.client = fields.string("client", log: log) ?? ""
        config.contractor = fields.string("contractor", log: log) ?? ""
        config.contractNumber = fields.string("contract_number", log: log) ?? ""
        readLanguageAndZone(fields, into: &config, log: log)
        readURLs(fields, into: &config, log: log)
        return config
    }

    private static func readModes(_ fields: YAMLMapping, into config: inout SiteConfig, log: DiagnosticLog) {
        if let raw = fields.string("raw_html", log: log) {
            if let mode = LoadOptions.RawHTML(rawValue: raw) { config.rawHTML = mode }
            else { log.error("site.raw_html", at: fields.location(of: "raw_html"), "raw_html must be 'omit' or 'sanitize'") }
        }
        if let mode = fields.string("broken_links", log: log) {
            if let known = SiteConfig.BrokenLinks(rawValue: mode) { config.brokenLinks = known }
            else { log.error("site.broken_links", at: fields.location(of: "broken_links"), "broken_links must be 'error' or 'warn'") }
        }
        if let pdf = fields.string("pdf", log: log) {
            if let flag = ["true": true, "false": false][pdf.lowercased()] { config.pdf = flag }
            else { log.error("site.pdf", at: fields.location(of: "pdf"), "pdf must be true or false") }
        }
    }

    private static func readReviewEvery(_ fields: YAMLMapping, into config: inout SiteConfig, log: DiagnosticLog) {
        if let review = fields["review_every"] {
            let pairs: [(String, YAMLValue)] =
                review.mapping?.pairs.compactMap { key, value in key.scalar.map { ($0, value) } } ?? [("all", review)]
            for (type, value) in pairs {
                if type != "all", PageType(rawValue: type) == nil {
                    log.error(
                        "site.review_every", at: value.location,
                        "'\(type)' is not a page type (system, procedure, emergency-plan, article, page or all)")
                } else if let text = value.scalar, let interval = Interval(text) {
                    config.reviewEvery[type] = interval
                } else {
                    log.error(
                        "site.review_every", at: value.location,
                        "review_every is an interval (6m, 1y) or a mapping of page type to interval")
                }
            }
        }
    }

    private static func readLanguageAndZone(_ fields: YAMLMapping, into config: inout SiteConfig, log: DiagnosticLog) {
        if let language = fields.string("language", log: log) {
            if let known = SiteConfig.Language(rawValue: language) { config.language = known }
            else {
                log.error("site.language", at: fields.location(of: "language"), "unsupported language '\(language)'",
                          suggestion: Suggestion.closest(to: language, in: SiteConfig.Language.allCases.map(\.rawValue)))
            }
        }
        if let zone = fields.string("timezone", log: log) {
            if TimeZone(identifier: zone) != nil {
                config.timezone = zone
            } else {
                log.error(
                    "site.timezone", at: fields.location(of: "timezone"),
                    "unknown time zone '\(zone)' (use an IANA name such as Asia/Shanghai)",
                    suggestion: Suggestion.closest(to: zone, in: TimeZone.knownTimeZoneIdentifiers))
            }
        }
    }

    private static func readURLs(_ fields: YAMLMapping, into config: inout SiteConfig, log: DiagnosticLog) {
        if let base = fields.string("base_url", log: log) {
            if let url = URL(string: base), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil {
                config.baseURL = base.hasSuffix("/") ? base : base + "/"
            } else {
                log.error("site.base_url", at: fields.location(of: "base_url"), "base_url must be an absolute http(s) URL")
            }
        }
        if let edit = fields.string("edit_url", log: log) {
            if let url = URL(string: edit.replacingOccurrences(of: "{path}", with: "x")), let scheme = url.scheme,
               ["http", "https"].contains(scheme), url.host != nil {
                config.editURL = edit
            } else {
                log.error("site.edit_url", at: fields.location(of: "edit_url"), "edit_url must be an absolute http(s) URL")
            }
        }
    }
}
