import ArgumentParser
import Foundation
import OpsbookKit

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site on 127.0.0.1, rebuilding what each save affects and reloading the browser.")
    @OptionGroup var options: ContentOptions
    @Option(help: "The port on 127.0.0.1.") var port: UInt16 = 8080
    @Flag(help: "Print nothing but problems.") var quiet = false

    func run() throws {
        let buildOptions = options.buildOptions()
        let site = LiveSite(build: Build(options: buildOptions, progress: progressPrinter(quiet: quiet)))
        report(site.update(), quiet: quiet)

        let server: PreviewServer
        do {
            server = try PreviewServer(port: port) { request in LivePreviewRoutes.respond(to: request, site: site) }
        } catch {
            // A port in use fails here at once, with the system's reason.
            FileHandle.standardError.write(Data("cannot serve on 127.0.0.1:\(port): \(error)\n".utf8))
            Foundation.exit(2)
        }
        Thread { server.run() }.start()
        let watched = buildOptions.content.path + (buildOptions.templates.map { " and \($0.path)" } ?? "")
        say("serving http://127.0.0.1:\(port)/ — watching \(watched); Ctrl-C stops")

        let roots = [buildOptions.content, buildOptions.templates].compactMap { $0?.standardizedFileURL.path }
        guard let watcher = FileWatcher(roots: roots) else {
            throw ValidationError("cannot watch \(roots.joined(separator: ", ")) (inotify)")
        }
        let quiet = quiet
        Thread {
            watcher.run { paths in report(site.update(changed: paths), quiet: quiet) }
        }.start()
        dispatchMain()
    }
}

/// One line per update on the terminal, and every problem like a compiler would print it.
private func report(_ update: LiveSite.Update, quiet: Bool) {
    printDiagnostics(update.diagnostics)
    let milliseconds = Int((update.seconds * 1000).rounded())
    if !update.succeeded {
        FileHandle.standardError.write(
            Data("build failed (\(update.kind.rawValue), \(milliseconds) ms); still serving the last good site\n".utf8))
    } else if !quiet {
        let what = update.changedPaths.count == 1 ? update.changedPaths[0] : "\(update.changedPaths.count) files"
        say("\(update.kind.rawValue) rebuild: \(what) in \(milliseconds) ms")
    }
}

/// The site's files from memory, plus the script that reloads the page after a rebuild
/// and shows errors over it.
enum LivePreviewRoutes {
    static func respond(to request: HTTPRequestHead, site: LiveSite) -> PreviewServer.Response {
        switch request.path {
        case "/__opsbook/live.js":
            return PreviewServer.Response(contentType: "text/javascript; charset=utf-8", body: Data(LiveReloadScript.javascript.utf8))
        case "/__opsbook/live.css":
            return PreviewServer.Response(contentType: "text/css; charset=utf-8", body: Data(LiveReloadScript.css.utf8))
        case "/__opsbook/events":
            return events(since: Int(request.query["since"] ?? "") ?? -1, site: site)
        default:
            return file(request.path, site: site)
        }
    }

    /// Long poll: answers as soon as the version differs from the one the page has.
    private static func events(since: Int, site: LiveSite) -> PreviewServer.Response {
        let deadline = Date().addingTimeInterval(25)
        while site.status.version == since, Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        let status = site.status
        let cwd = FileManager.default.currentDirectoryPath
        let errors = status.diagnostics.filter { $0.severity == .error }.map { $0.formatted(relativeTo: cwd) }
        let body = (try? JSONSerialization.data(withJSONObject: ["version": status.version, "errors": errors], options: [.sortedKeys]))
        return PreviewServer.Response(contentType: "application/json", body: body ?? Data("{}".utf8))
    }

    private static func file(_ requested: String, site: LiveSite) -> PreviewServer.Response {
        var path = String(requested.drop { $0 == "/" })
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        if site.file(at: path) == nil, site.file(at: path + "/index.html") != nil { path += "/index.html" }
        guard let file = site.file(at: path), var data = file.data else {
            let page = site.file(at: "404.html")?.data.map(LiveReloadScript.inject) ?? Data("not found".utf8)
            return PreviewServer.Response(status: 404, contentType: "text/html; charset=utf-8", body: page)
        }
        let type = contentType(path)
        if type.hasPrefix("text/html") { data = LiveReloadScript.inject(data) }
        return PreviewServer.Response(contentType: type, body: data)
    }

    static func contentType(_ path: String) -> String {
        switch path.split(separator: ".").last?.lowercased() ?? "" {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "xml": "application/xml"
        case "csv": "text/csv; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "pdf": "application/pdf"
        case "txt", "md": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}

/// Unbuffered, so a log file shows each rebuild as it happens.
private func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
