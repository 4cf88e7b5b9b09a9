/// The three inventory scopes of the service plan (硬件 / 软件 / 基础设施).
public enum Scope: String, Sendable, CaseIterable {
    case hardware, software, facilities
}

/// The fixed vocabulary of configuration-item classes, covering the service plan's scope
/// tables. Documented in README.md; adding one here is the whole change.
public struct InventoryClass: Sendable, Hashable {
    public var id: String
    public var scope: Scope
    public var group: String
    public var zh: String
    public var en: String

    public static let all: [InventoryClass] = [
        .init(id: "minicomputer", scope: .hardware, group: "servers", zh: "小型机", en: "Minicomputer"),
        .init(id: "pc-server", scope: .hardware, group: "servers", zh: "PC服务器", en: "PC server"),
        .init(id: "storage", scope: .hardware, group: "storage", zh: "存储系统", en: "Storage system"),
        .init(id: "san-switch", scope: .hardware, group: "storage", zh: "SAN交换机", en: "SAN switch"),
        .init(id: "tape-library", scope: .hardware, group: "storage", zh: "磁带库", en: "Tape library"),
        .init(id: "router-switch", scope: .hardware, group: "network", zh: "路由器/交换机", en: "Router / switch"),
        .init(id: "firewall", scope: .hardware, group: "security", zh: "防火墙", en: "Firewall"),
        .init(id: "ids-ips", scope: .hardware, group: "security", zh: "入侵检测/防御", en: "IDS / IPS"),
        .init(id: "waf", scope: .hardware, group: "security", zh: "网站防御系统", en: "Web application firewall"),
        .init(id: "security-other", scope: .hardware, group: "security", zh: "其它安防设备", en: "Other security device"),
        .init(id: "desktop", scope: .hardware, group: "desktop", zh: "桌面终端", en: "Desktop terminal"),
        .init(id: "printer", scope: .hardware, group: "desktop", zh: "打印机", en: "Printer"),
        .init(id: "scanner", scope: .hardware, group: "desktop", zh: "扫描仪", en: "Scanner"),
        .init(id: "database", scope: .software, group: "system-software", zh: "数据库", en: "Database"),
        .init(id: "middleware", scope: .software, group: "system-software", zh: "中间件", en: "Middleware"),
        .init(id: "virtual-machine", scope: .software, group: "system-software", zh: "虚拟机", en: "Virtual machine"),
        .init(id: "base-service", scope: .software, group: "base-apps", zh: "基础应用", en: "Base service"),
        .init(id: "security-system", scope: .software, group: "security-ops", zh: "信息运行安全系统", en: "Security operations system"),
        .init(id: "precision-ac", scope: .facilities, group: "machine-room", zh: "精密空调", en: "Precision AC"),
        .init(id: "cabinet-ac", scope: .facilities, group: "machine-room", zh: "柜式空调", en: "Cabinet AC"),
        .init(id: "power", scope: .facilities, group: "machine-room", zh: "机房电源", en: "Machine-room power"),
        .init(id: "access-control", scope: .facilities, group: "machine-room", zh: "门禁系统", en: "Access control"),
        .init(id: "environment-monitoring", scope: .facilities, group: "machine-room", zh: "环控系统", en: "Environment monitoring"),
        .init(id: "video-wall", scope: .facilities, group: "av", zh: "大屏系统", en: "Video wall"),
        .init(id: "av", scope: .facilities, group: "av", zh: "音视频系统", en: "Audio / video"),
        .init(id: "conferencing", scope: .facilities, group: "av", zh: "会议系统", en: "Conferencing"),
        .init(id: "telephony", scope: .facilities, group: "telephony", zh: "电话系统", en: "Telephony"),
        .init(id: "mobile-terminal", scope: .facilities, group: "telephony", zh: "移动办公终端", en: "Mobile terminal"),
        .init(id: "cctv", scope: .facilities, group: "av", zh: "闭路电视", en: "CCTV"),
        .init(id: "cabling", scope: .facilities, group: "machine-room", zh: "弱电间线路", en: "Floor cabling"),
    ]

    public static let byID: [String: InventoryClass] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
}

public struct InventoryItem: Sendable {
    public var id: String
    public var location: SourceLocation
    public var name: String
    public var itemClass: InventoryClass
    /// model, vendor, location, serial, ip, status: shown and searchable, in this order.
    public var properties: [(key: String, value: String)] = []
    public var quantity: Int = 1
    public var systems: [Reference] = []
    public var tags: [String] = []
    public var notes: RenderedMarkdown?
    public var notesLineOffset = 0
    public var audience: Audience?
    /// Fields under `internal:`: shown only in internal builds.
    public var internalProperties: [(key: String, value: String)] = []

    public func property(_ key: String) -> String? { properties.first { $0.key == key }?.value }
}
