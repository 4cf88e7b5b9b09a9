extension StringProtocol {
    /// The parts between the ASCII byte `separator`, cut at the byte. String's
    /// `split(separator:)` compares Characters: slower (grapheme breaking on every path, 3 % of
    /// a build's instructions), and wrong for paths, where a `/` followed by a combining mark
    /// is one Character — `../◌́x` was not split at its slash, though the file system splits it there.
    func parts(separatedBy separator: UInt8, omittingEmpty: Bool = true) -> [Substring] {
        Substring(self).utf8.split(separator: separator, omittingEmptySubsequences: omittingEmpty).map { Substring($0) }
    }
}
