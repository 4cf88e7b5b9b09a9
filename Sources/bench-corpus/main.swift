// Writes a deterministic benchmark corpus: N Markdown pages (mixed Chinese and English,
// 2–6 KB, tables, task lists, code, links by relative path and by [[id]], front matter with
// tags and references), N/4 inventory items and a flat ticket export of T rows; plus the
// same pages laid out as a Hugo site (hugo/content, minimal layout) for comparison.
//
//   bench-corpus OUT_DIR PAGES TICKETS
import Foundation
import OpsbookKit


let arguments = CommandLine.arguments
guard arguments.count == 4, let pages = Int(arguments[2]), let tickets = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: bench-corpus OUT_DIR PAGES TICKETS\n".utf8))
    exit(2)
}
let out = URL(fileURLWithPath: arguments[1])
let content = out.appending(path: "content")
let hugo = out.appending(path: "hugo")
let manager = FileManager.default
try? manager.removeItem(at: out)
for folder in ["content/knowledge", "content/inventory", "content/tickets", "hugo/content/knowledge", "hugo/layouts/_default"] {
    try manager.createDirectory(at: out.appending(path: folder), withIntermediateDirectories: true)
}
var random = SeededRandom(seed: 42)
let zh = ["服务器", "数据库", "巡检", "备份", "磁带库", "交换机", "防火墙", "应急预案", "故障处理", "性能优化", "日志", "告警",
          "机房", "空调", "电源", "变更", "补丁", "升级", "迁移", "存储", "网络", "终端", "用户", "权限", "监控"]
let en = ["Oracle", "RAC", "WebLogic", "EVA8100", "XP9500", "SAN", "VLAN", "backup", "restore", "cluster", "node", "listener",
          "tablespace", "archive", "failover", "latency", "throughput", "firmware", "patch", "kernel"]
// Common characters for page-specific terms: each page names a few things no other page
// does, as real runbooks do (the search benchmark queries them).
let han = Array(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所"
        + "民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
        + "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想"
        + "已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
        + "几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权"
        + "收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集"
        + "温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支"
        + "般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属"
        + "圆包火住调满县局照参红细引听该铁价严"
)
@MainActor func term() -> String { String((0..<random.int(2...4)).map { _ in random.pick(han) }) }
@MainActor func sentence() -> String {
    (0..<random.int(8...16)).map { _ in random.int(0...2) == 0 ? random.pick(en) : random.pick(zh) }.joined(
        separator: random.int(0...3) == 0 ? " " : "") + "。"
}
@MainActor func page(_ index: Int) -> (front: [String], body: String) {
    let target = random.int(0...pages - 1)
    let other = random.int(0...pages - 1)
    var body = "# 知识条目 \(index):\(random.pick(zh))与 \(random.pick(en))\n\n"
    body += "本条记录\((0..<4).map { _ in term() }.joined(separator: "、"))的现象与处理。\n\n"
    let size = random.int(2_000...6_000)
    var section = 0
    while body.utf8.count < size {
        section += 1
        body += "## 第 \(section) 节 \(random.pick(zh))\n\n"
        body += (0..<random.int(2...4)).map { _ in sentence() }.joined() + "\n\n"
        switch section % 4 {
        case 0:
            body +=
                "| 项目 | 值 | 说明 |\n|---|---|---|\n"
                + (0..<4).map { _ in "| \(random.pick(zh)) | \(random.int(1...999)) | \(random.pick(en)) |\n" }.joined() + "\n"
        case 1: body += (0..<3).map { _ in "- [\(random.int(0...1) == 0 ? " " : "x")] \(sentence())\n" }.joined() + "\n"
        case 2: body += "```sql\nSELECT * FROM v$\(random.pick(en)) WHERE id = \(random.int(1...999));\n```\n\n"
        default: body += "参见 [条目 \(target)](page-\(target).md) 与 [[page-\(other)]],以及 **\(random.pick(zh))** 和 ~~\(random.pick(en))~~。\n\n"
        }
    }
    let front = ["title: 知识条目 \(index)", "tags: [\(random.pick(zh)), \(random.pick(en))]", "related: [page-\(random.int(0...pages - 1))]",
                 "applies_to: [item-\(random.int(0...max(pages / 4 - 1, 0)))]"]
    return (front, body)
}
for index in 0..<pages {
    let (front, body) = page(index)
    let opsbook = "---\nid: page-\(index)\nkind: howto\n" + front.joined(separator: "\n") + "\n---\n" + body
    try Data(opsbook.utf8).write(to: content.appending(path: "knowledge/page-\(index).md"))
    // Hugo: no [[id]] syntax, so the same text links by relative path only.
    let hugoBody = body.replacingOccurrences(of: "[[page-", with: "[page-").replacingOccurrences(of: "]],", with: "],")
    try Data(("---\n" + front.prefix(2).joined(separator: "\n") + "\n---\n" + hugoBody).utf8)
        .write(to: hugo.appending(path: "content/knowledge/page-\(index).md"))
}
var inventory = "items:\n"
let classes = ["pc-server", "storage", "router-switch", "database", "middleware", "virtual-machine"]
for index in 0..<max(pages / 4, 1) {
    inventory +=
        "  - {id: item-\(index), name: 设备 \(index), class: \(random.pick(classes)),"
            + " ip: 10.\(index / 65536 % 256).\(index / 256 % 256).\(index % 256), serial: SN\(100000 + index)}\n"
}
try Data(inventory.utf8).write(to: content.appending(path: "inventory/items.yaml"))
try Data("title: Bench\nlanguage: zh-CN\n".utf8).write(to: content.appending(path: "site.yaml"))
try Data("""
    calendars:
      office: {hours: ["08:30-12:00", "13:30-17:30"]}
      mobile: 24x7
    policies:
      - {match: {priority: P1}, calendar: mobile, response: 15m, resolve: 4h}
      - {match: {priority: P2}, calendar: mobile, response: 30m, resolve: 8h}
      - {match: {}, calendar: office, response: 1h, resolve: 2d}
    """.utf8).write(to: content.appending(path: "sla.yaml"))
if tickets > 0 {
    try Data(
        ("file: tickets.csv\ncolumns: {id: id, title: title, type: type, priority: priority, opened_at: opened,"
            + " first_response_at: responded, resolved_at: resolved, tier: tier}\n").utf8
    )
    .write(to: content.appending(path: "tickets/bench.yaml"))
    let handle = try FileHandle(
        forWritingTo: {
            let url = content.appending(path: "tickets/tickets.csv"); _ = manager.createFile(atPath: url.path, contents: nil); return url
        }())
    var buffer = "id,title,type,priority,opened,responded,resolved,tier\n"
    let start = 1_767_196_800  // 2026-01-01 00:00 +08:00
    for index in 0..<tickets {
        let opened = start + Int(Double(index) / Double(tickets) * 365 * 86_400)
        // Real desks meet most targets: about 95% of responses and 93% of resolutions fall
        // inside the priority's limits (sla.yaml above), the rest run over by up to 4×.
        let priority = random.int(1...4)
        let (response, resolve) = [(900, 14_400), (1_800, 28_800), (3_600, 57_600), (3_600, 57_600)][priority - 1]
        func duration(_ limit: Int, within percent: Int) -> Int {
            random.int(1...100) <= percent ? random.int(limit / 20...limit * 9 / 10) : random.int(limit * 11 / 10...limit * 4)
        }
        let responded = opened + duration(response, within: 95)
        let resolved = responded + duration(resolve, within: 93)
        func stamp(_ t: Int) -> String {
            // Wall-clock time in UTC+8 (no daylight saving), formatted by hand: a formatter per row is far too slow.
            let local = t + 8 * 3600, days = local / 86_400, seconds = local % 86_400
            let z = days + 719_468, era = z / 146_097, doe = z - era * 146_097
            let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153
            let d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2 ? 1 : 0)
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(y)-\(two(m))-\(two(d))T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))+08:00"
        }
        buffer +=
            "T\(index),\(random.pick(zh))\(random.pick(en)),\(random.pick(["incident", "request", "consultation", "alert"]))"
                + ",P\(priority),\(stamp(opened)),\(stamp(responded))"
                + ",\(stamp(resolved)),\(random.pick(["L1", "L2", "L3"]))\n"
        if buffer.utf8.count > 1 << 20 { handle.write(Data(buffer.utf8)); buffer = "" }
    }
    handle.write(Data(buffer.utf8))
    try handle.close()
}
try Data("""
    baseURL = "http://localhost/"
    title = "Bench"
    languageCode = "zh-cn"
    disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
    [markup.goldmark.renderer]
    unsafe = false
    """.utf8).write(to: hugo.appending(path: "hugo.toml"))
try Data("<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><main>{{ .Content }}</main></body></html>\n".utf8)
    .write(to: hugo.appending(path: "layouts/_default/single.html"))
try Data(
    ("<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>"
        + "{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</body></html>\n").utf8
)
.write(to: hugo.appending(path: "layouts/_default/list.html"))
print("wrote \(pages) pages, \(max(pages / 4, 1)) items and \(tickets) tickets under \(out.path)")
