/// "Did you mean" candidates by edit distance, as compilers offer them.
public enum Suggestion {
    /// The closest candidate within a distance that scales with the word's length, or nil.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased())
        let limit = max(2, target.count / 3)
        var best: (distance: Int, candidate: String)?
        for candidate in candidates {
            let lowered = Array(candidate.lowercased())
            if abs(lowered.count - target.count) > limit { continue }
            let distance = editDistance(target, lowered, limit: limit)
            guard distance <= limit else { continue }
            if best == nil || (distance, candidate) < (best!.distance, best!.candidate) {
                best = (distance, candidate)
            }
        }
        return best?.candidate
    }

    /// Closest by edit distance, else a candidate whose last path component equals the
    /// word's, which catches ids given without their folder (`erp` for `systems/erp`).
    public static func forReference(_ word: String, in candidates: [String]) -> String? {
        if let near = closest(to: word, in: candidates) { return near }
        let tail = word.pathParts.last.map(String.init) ?? word
        return candidates.filter { $0.pathParts.last.map(String.init) == tail }.sorted().first
            ?? closest(to: tail, in: candidates.map { String($0.pathParts.last ?? "") })
                .flatMap { name in candidates.sorted().first { $0.hasSuffix("/" + name) || $0 == name } }
    }

    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = Swift.min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return rowMinimum }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
