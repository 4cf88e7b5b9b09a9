/// Where each thing of the site is written. Paths are folders ("systems/erp/") holding an
/// index.html, "" being the home page: pretty URLs on a server, plain files from file://.
public enum Routes {
    static let sectionFileNames: Set<String> = ["index", "_index", "readme"]

    /// A page's folder: its path under content/ without `.md`, lowercased, with characters
    /// that are awkward in URLs folded to `-`. `x/index.md`, `x/_index.md` and
    /// `x/README.md` stand for the folder `x/` itself.
    public static func pageFolder(_ sourcePath: String) -> String {
        var parts = PageLoader.defaultID(for: sourcePath).pathParts.map(String.init)
        if let last = parts.last, sectionFileNames.contains(last) { parts.removeLast() }
        let cleaned = parts.map(urlSafe)
        return cleaned.isEmpty ? "" : cleaned.joined(separator: "/") + "/"
    }

    /// Letters, digits and `._-` kept, every other scalar `-`. ASCII is decided without Unicode's
    /// property tables (there, letters and digits are exactly the alphabetic and numeric scalars).
    private static func urlSafe(_ part: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(part.utf8.count)
        for scalar in part.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                    bytes.append(byte)
                default: bytes.append(UInt8(ascii: "-"))
                }
            } else if Anchors.isLetterOrDigit(scalar) {
                UTF8.encode(scalar) { bytes.append($0) }
            } else {
                bytes.append(UInt8(ascii: "-"))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func typeIndex(_ type: PageType) -> String { type.folder + "/" }
    public static let inventory = "inventory/"
    public static func inventoryClass(_ itemClass: InventoryClass) -> String { "inventory/\(itemClass.id)/" }
    public static func item(_ item: InventoryItem) -> String { "inventory/\(item.itemClass.id)/\(item.id)/" }
    public static let tags = "tags/"
    public static func tag(_ tag: String) -> String { "tags/\(tagSlug(tag))/" }
    public static let team = "team/"

    /// Generated pages that take no introduction from a README: a page in their folder would
    /// overwrite them. Read from the registry of page kinds.
    static var generatedWithoutIntroduction: [(folder: String, what: String)] {
        PageKind.all.compactMap { kind in kind.generatedPage.map { (kind.folder, $0) } }
    }

    /// Folders whose every page is Opsbook's (inspection pages, scorecards, period reports).
    static var reservedFolders: [(folder: String, what: String)] {
        PageKind.all.compactMap { kind in kind.reservedFor.map { (kind.folder, $0) } }
    }

    public static func tagSlug(_ tag: String) -> String {
        let slug = Anchors.slug(tag)
        return slug.isEmpty ? "tag" : slug
    }
}
