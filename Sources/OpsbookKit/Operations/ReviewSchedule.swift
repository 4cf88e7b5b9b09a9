/// Documents kept current (the seed's scorecard deducts for documents not updated in time):
/// when a page's next review is due and whether it is past it.
enum ReviewSchedule {
    /// `review_every` (the page's, else site.yaml's for its type, else for `all`) after
    /// `reviewed`; `.never` when it must be reviewed and never was. Narratives are records of
    /// their period, not documents kept current.
    static func due(_ page: Page, in content: Content) -> OperationsStatus.DrillDue? {
        guard !content.isNarrative(page),
            let every = page.reviewEvery ?? content.site.reviewEvery[page.type.rawValue] ?? content.site.reviewEvery["all"]
        else { return nil }
        guard let reviewed = page.reviewed else { return .never }
        return .on(every.after(reviewed))
    }

    /// Past its review on `day`. Only the latest review is recorded: a day before it is not
    /// judged (the review before is unknown).
    static func overdue(_ page: Page, in content: Content, on day: Day) -> Bool {
        switch due(page, in: content) {
        case .never: true
        case let .on(due): (page.reviewed.map { $0 <= day } ?? false) && due < day
        case nil: false
        }
    }
}
