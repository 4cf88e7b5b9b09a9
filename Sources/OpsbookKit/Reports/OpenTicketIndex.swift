/// Answers "how many tickets were resolved between two instants" and "which tickets were
/// still open at an instant" for every period without scanning all tickets each time: a
/// year of a million tickets has 435 periods.
struct OpenTicketIndex: Sendable {
    /// Opening instants in ascending order (the builder's ticket order) with resolution
    /// instants beside them; Int.max while unresolved.
    private let opened: [Int]
    private let resolved: [Int]
    private let resolvedSorted: [Int]
    /// Tickets open longer than `window` (or never resolved): few, checked one by one.
    private let longRunning: [Int]
    /// A ticket resolved within this long of opening can only be open at an instant if it
    /// was opened in the window before it.
    private static let window = 7 * 86_400

    init(_ tickets: [Ticket]) {
        let opened = tickets.map(\.openedAt), resolved = tickets.map { $0.resolvedAt ?? Int.max }
        self.opened = opened
        self.resolved = resolved
        resolvedSorted = tickets.compactMap(\.resolvedAt).sorted()
        longRunning = tickets.indices.filter { resolved[$0] == Int.max || resolved[$0] - opened[$0] > Self.window }
    }

    func resolvedCount(from start: Int, before end: Int) -> Int {
        max(0, Self.lowerBound(end, in: resolvedSorted) - Self.lowerBound(start, in: resolvedSorted))
    }

    /// Calls `body` with the opening instant of each ticket opened before `instant` and not
    /// resolved before it.
    func forEachOpen(at instant: Int, _ body: (Int) -> Void) {
        let from = Self.lowerBound(instant - Self.window, in: opened), to = Self.lowerBound(instant, in: opened)
        for index in from..<to where resolved[index] != Int.max && resolved[index] >= instant
            && resolved[index] - opened[index] <= Self.window {
            body(opened[index])
        }
        for index in longRunning where opened[index] < instant && resolved[index] >= instant { body(opened[index]) }
    }

    private static func lowerBound(_ value: Int, in sorted: [Int]) -> Int {
        var low = 0, high = sorted.count
        while low < high { let mid = (low + high) / 2; if sorted[mid] < value { low = mid + 1 } else { high = mid } }
        return low
    }
}
