import Foundation

/// Runs `body` for 0..<count on every core and returns the results in index order, so the
/// output never depends on which core finished first. Serial when `parallel` is false (tests
/// compare the two).
func parallelMap<T>(_ count: Int, parallel: Bool = true, _ body: (Int) -> T) -> [T] {
    guard parallel, count > 1 else { return (0..<count).map(body) }
    let slots = Slots<T>(count: count)
    withoutActuallyEscaping(body) { body in
        let work = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: count) { index in slots.set(index, work.value(index)) }
    }
    return slots.values
}

/// One slot per job; each job writes only its own.
private final class Slots<T>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = NSLock()
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: T) { lock.lock(); storage[index] = value; lock.unlock() }
    var values: [T] { lock.lock(); defer { lock.unlock() }; return storage.map { $0! } }
}

/// The closures given to parallelMap only read shared state, which Swift cannot prove.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Runs `body` on consecutive ranges of 0..<count on every core. A job that sets up its own
/// copies of shared objects here keeps the two cores from contending for their reference
/// counts, which costs more than the work when the work per index is small.
func parallelRanges<T>(_ count: Int, chunk: Int, parallel: Bool = true, _ body: (Range<Int>) -> T) -> [T] {
    parallelMap((count + chunk - 1) / chunk, parallel: parallel) { number in
        body(number * chunk..<min(count, (number + 1) * chunk))
    }
}

/// Objects a job uses on its own, made on demand and handed from job to job: two jobs
/// running at once never share one (see parallelRanges), and no more are made than jobs ever
/// ran at once — about one per core — however small the jobs.
final class Pool<Item>: @unchecked Sendable {
    /// Items are handed out in a box: a renderer is a large value, and copying it in and out
    /// of the free list retained and released each of its parts on every job, on both cores.
    private final class Slot {
        let item: Item
        init(_ item: Item) { self.item = item }
    }

    private var free: [Slot] = []
    private let lock = NSLock()
    private let make: () -> Item

    /// `first`: an item to hand out before making any (the original the copies are made from:
    /// one fewer copy, and the job that takes it shares it with no one).
    init(first: Item? = nil, _ make: @escaping () -> Item) {
        self.make = make
        if let first { free = [Slot(first)] }
    }

    func with<Result>(_ body: (Item) -> Result) -> Result {
        lock.lock()
        let taken = free.popLast()
        lock.unlock()
        let slot = taken ?? Slot(make())
        defer { lock.lock(); free.append(slot); lock.unlock() }
        return body(slot.item)
    }
}
