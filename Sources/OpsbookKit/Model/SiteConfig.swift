/// `content/site.yaml`.
public struct SiteConfig: Sendable {
    public var title = "Opsbook"
    public var client = ""
    /// Who delivers the service, and the contract's number: both on every printed report's cover.
    public var contractor = ""
    public var contractNumber = ""
    public var language: Language = .zhCN
    public var timezone = "Asia/Shanghai"
    /// Without it every link is relative, so the site works from any sub-path and file://.
    public var baseURL: String?
    /// `edit_url`: where a page's source is edited; its path under content/ is appended, or
    /// replaces `{path}` (GitLab `…/-/edit/main/content/`, GitHub `…/edit/main/content/`).
    /// Internal builds only.
    public var editURL: String?
    /// `raw_html`: omit (default) or sanitize through the allowlist.
    public var rawHTML: LoadOptions.RawHTML = .omit
    /// `broken_links`: error (default) stops the build; warn reports each at its line and
    /// writes the site, the link shown as its text (Docusaurus `onBrokenLinks`, MkDocs `validation`).
    public var brokenLinks: BrokenLinks = .error
    /// Monthly, quarterly and yearly report pages link their PDF (written by `opsbook pdf`).
    public var pdf = false
    /// `review_every`: page type (or `all`) → how often pages must be reviewed.
    public var reviewEvery: [String: Interval] = [:]

    public enum BrokenLinks: String, Sendable, CaseIterable {
        case error, warn
    }

    public enum Language: String, Sendable, CaseIterable {
        case zhCN = "zh-CN"
        case en
    }

    public init() {}
}
