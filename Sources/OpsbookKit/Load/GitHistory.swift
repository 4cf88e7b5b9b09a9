import Foundation

/// "最后更新" for each page: the date of the last commit that touched its file, read from git
/// once per build. It depends only on the checked-out history (not on the clock or on
/// uncommitted edits), so a given commit always gives the same dates; outside a git
/// checkout, or without git, there are none.
enum GitHistory {
    /// Paths relative to `folder` → the committer date (YYYY-MM-DD) of their newest commit.
    static func lastCommitDays(in folder: URL) -> [String: Day] {
        guard let output = run(["-C", folder.path, "-c", "core.quotepath=off", "log", "--format=@@%cs", "--name-only", "--relative", "-z",
                                "--", "."]) else { return [:] }
        return parse(output)
    }

    /// `git log -z --name-only` prints, newest first, `@@DATE` then the commit's paths, each
    /// ended by NUL (the first path of a commit after a newline); the first date seen wins.
    static func parse(_ output: Data) -> [String: Day] {
        var days: [String: Day] = [:]
        var current: Day?
        for token in output.split(separator: 0, omittingEmptySubsequences: true) {
            var text = String(decoding: token, as: UTF8.self)
            while text.first == "\n" { text.removeFirst() }
            if text.hasPrefix("@@") { current = Day(String(text.dropFirst(2))); continue }
            guard let current, !text.isEmpty, days[text] == nil else { continue }
            days[text] = current
        }
        return days
    }

    private static func run(_ arguments: [String]) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }
}
