/// Every kind of page the site has, declared once: its template, where its pages live, what a
/// search result calls it. The renderer emits pages only through a kind; the resolver's
/// collision check, the theme's list of required templates and the search index read this
/// table. Adding a page family is one file with its view plus one line here.
struct PageKind: Sendable, Hashable {
    /// The template that renders it (Markdown pages may use one named after their type).
    let template: String
    /// Where its pages are written: the folder itself for a kind with one page, else the
    /// folder its pages are under ("" for the site root).
    let folder: String
    let single: Bool
    /// Label key of the type a search result shows; nil: not in the search index. Markdown
    /// pages show their page type instead.
    let searchLabel: String?
    /// What a diagnostic calls its page, for a single generated page that takes no
    /// introduction (a content page at its folder would overwrite it); nil otherwise.
    let generatedPage: String?
    /// For a kind whose pages fill a folder of Opsbook's (inspections/…, reports/…): what a
    /// diagnostic calls them; a content page under that folder is an error.
    var reservedFor: String? = nil
    /// Its entry in the side menu: the label key, and the section that marks it current.
    var menu: Menu? = nil

    struct Menu: Sendable, Hashable {
        var label: String
        var section: String
    }

    /// Whether a page at `path` may belong to this kind. Compared as bytes: String.hasPrefix
    /// compares characters, and a combining mark after the slash joins it ("tags/\u{345}x").
    func owns(_ path: String) -> Bool { single ? path == folder : path.utf8.starts(with: folder.utf8) }
}

extension PageKind {
    static let home = PageKind(
        template: "home", folder: "", single: true, searchLabel: nil, generatedPage: nil, menu: Menu(label: "home", section: ""))
    static let section = PageKind(template: "section", folder: "", single: false, searchLabel: nil, generatedPage: nil)
    static let page = PageKind(template: "page", folder: "", single: false, searchLabel: nil, generatedPage: nil)
    static let inventory = PageKind(
        template: "inventory", folder: Routes.inventory, single: true, searchLabel: "inventory", generatedPage: nil,
        menu: Menu(label: "inventory", section: "inventory"))
    static let inventoryClass = PageKind(
        template: "inventory-class", folder: Routes.inventory, single: false, searchLabel: "inventory",
        generatedPage: nil)
    static let item = PageKind(template: "item", folder: Routes.inventory, single: false, searchLabel: "single.item", generatedPage: nil)
    static let tags = PageKind(template: "tags", folder: Routes.tags, single: true, searchLabel: nil, generatedPage: nil,
                               menu: Menu(label: "tags", section: "tags"))
    static let tag = PageKind(template: "tag", folder: Routes.tags, single: false, searchLabel: nil, generatedPage: nil)
    static let team = PageKind(template: "team", folder: Routes.team, single: true, searchLabel: "team", generatedPage: nil,
                               menu: Menu(label: "team", section: "team"))
    static let search = PageKind(template: "search", folder: "search/", single: true, searchLabel: nil, generatedPage: "search page")
    static let inspections = PageKind(template: "inspections", folder: OperationsPages.inspections, single: true,
                                      searchLabel: "ops.inspections", generatedPage: "inspections index",
                                      menu: Menu(label: "ops.inspections", section: "inspections"))
    static let inspectionSchedule = PageKind(template: "inspection-schedule", folder: OperationsPages.inspections, single: false,
                                             searchLabel: "ops.inspections", generatedPage: nil, reservedFor: "inspection pages")
    // Per-day records: in the site, left out of the search index (they would crowd out the knowledge pages).
    static let inspectionDay = PageKind(
        template: "inspection-day", folder: OperationsPages.inspections, single: false,
        searchLabel: nil, generatedPage: nil)
    static let planned = PageKind(
        template: "planned", folder: OperationsPages.planned, single: true, searchLabel: "ops.planned",
        generatedPage: "planned-work page", menu: Menu(label: "ops.planned", section: "planned"))
    static let spares = PageKind(
        template: "spares", folder: OperationsPages.spares, single: true, searchLabel: "ops.spares",
        generatedPage: "spare-parts page", menu: Menu(label: "ops.spares", section: "spares"))
    static let scorecards = PageKind(
        template: "scorecards", folder: OperationsPages.scorecards, single: true, searchLabel: nil,
        generatedPage: "scorecards index")
    static let scorecard = PageKind(
        template: "scorecard", folder: OperationsPages.scorecards, single: false, searchLabel: nil,
        generatedPage: nil, reservedFor: "scorecards")
    static let reports = PageKind(
        template: "reports", folder: ReportPages.folder, single: true, searchLabel: nil, generatedPage: "reports index",
        menu: Menu(label: "reports", section: "reports"))
    static let report = PageKind(
        template: "report", folder: ReportPages.folder, single: false, searchLabel: "reports", generatedPage: nil,
        reservedFor: "period reports (a page there must be a period's narrative, e.g. reports/2026-10.md)")
    static let dayReport = PageKind(template: "report", folder: ReportPages.folder, single: false, searchLabel: nil, generatedPage: nil)
    static let notFound = PageKind(template: "404", folder: "", single: false, searchLabel: nil, generatedPage: nil)

    static let all: [PageKind] = [
        home, section, page, inventory, inventoryClass, item, tags, tag, team, search, inspections,
        inspectionSchedule, inspectionDay, planned, spares, scorecards, scorecard, reports, report, dayReport, notFound
    ]

    /// The side menu's order; `section` stands for one entry per page type with pages.
    static let menuOrder: [PageKind] = [home, section, inventory, inspections, planned, spares, reports, team, tags]

    /// Templates a theme must have: every kind's, and the layout they all extend.
    static var requiredTemplates: [String] { ["layout"] + all.map(\.template) }
}
