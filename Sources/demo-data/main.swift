// Writes a year of plausible service-desk events for the demo client
// (content/tickets/service-desk-2026.csv): deterministic, so the committed file can be
// re-derived byte for byte with `make demo-data`.
import Foundation
import OpsbookKit

extension SeededRandom {
    mutating func weighted<T>(_ items: [(T, Double)]) -> T {
        var roll = unit() * items.reduce(0) { $0 + $1.1 }
        for (item, weight) in items { roll -= weight; if roll < 0 { return item } }
        return items.last!.0
    }
    /// Exponential with the given mean, for waiting times.
    mutating func exponential(mean: Double) -> Double { -mean * log(1 - unit()) }
}

/// SplitMix64: tiny, fast and the same on every platform, unlike the system generator.

let arguments = CommandLine.arguments
let contentDirectory = URL(fileURLWithPath: arguments.count > 1 ? arguments[1] : "content")
let output = contentDirectory.appending(path: "tickets/service-desk-2026.csv")
let diagnostics = DiagnosticLog()
let content = ContentLoader.load(from: contentDirectory, log: diagnostics)
let time = LocalTime(content.site.timezone)
let office = content.sla.calendars["office"] ?? .twentyFourSeven("office", time: time)
let systems = content.pages.filter { $0.type == .system }.map(\.id).sorted()
let items = content.items.sorted { $0.id < $1.id }
let desktops = items.filter { $0.itemClass.id == "desktop" }.map(\.id)
let printers = items.filter { $0.itemClass.id == "printer" }.map(\.id)
let servers = items.filter {
    ["pc-server", "minicomputer", "storage", "san-switch", "tape-library", "database", "middleware"].contains($0.itemClass.id)
}.map(\.id)
let network = items.filter { ["router-switch", "firewall", "ids-ips", "waf"].contains($0.itemClass.id) }.map(\.id)
let facilities = items.filter {
    ["precision-ac", "power", "access-control", "environment-monitoring", "video-wall", "av", "conferencing", "telephony"].contains(
        $0.itemClass.id)
}.map(\.id)
let engineers = ["孙丽", "钱敏", "李娜", "吴昊", "郑凯", "冯涛", "陈刚", "褚亮", "卫东", "蒋琳", "沈洁", "韩磊"]

struct Kind {
    var type: String, title: String, category: String, group: String, assets: [String], system: Bool, onsite: Double
}
let kinds: [(Kind, Double)] = [
    (Kind(type: "服务请求", title: "新员工桌面终端部署", category: "桌面终端", group: "桌面组", assets: desktops, system: false, onsite: 0.9), 10),
    (Kind(type: "服务请求", title: "ERP 权限变更申请", category: "应用系统", group: "应用组", assets: [], system: true, onsite: 0), 9),
    (Kind(type: "服务请求", title: "打印机更换硒鼓", category: "办公设备", group: "桌面组", assets: printers, system: false, onsite: 0.8), 8),
    (Kind(type: "服务请求", title: "VPN 账号开通", category: "网络", group: "网络组", assets: [], system: false, onsite: 0), 5),
    (Kind(type: "服务请求", title: "防火墙策略开通", category: "网络安全", group: "网络组", assets: network, system: false, onsite: 0), 4),
    (Kind(type: "咨询", title: "系统操作咨询", category: "应用系统", group: "服务台", assets: [], system: true, onsite: 0), 14),
    (Kind(type: "咨询", title: "邮件客户端设置咨询", category: "桌面终端", group: "服务台", assets: [], system: false, onsite: 0), 6),
    (Kind(type: "故障", title: "桌面终端无法开机", category: "桌面终端", group: "桌面组", assets: desktops, system: false, onsite: 0.95), 8),
    (Kind(type: "故障", title: "应用系统访问缓慢", category: "应用系统", group: "应用组", assets: [], system: true, onsite: 0.1), 6),
    (Kind(type: "故障", title: "服务器硬件告警", category: "服务器", group: "主机组", assets: servers, system: false, onsite: 0.7), 3),
    (Kind(type: "故障", title: "磁带库备份失败", category: "存储备份", group: "主机组", assets: ["tape-library"], system: false, onsite: 0.5), 2),
    (Kind(type: "故障", title: "楼层网络中断", category: "网络", group: "网络组", assets: network, system: false, onsite: 0.8), 3),
    (
        Kind(
            type: "故障", title: "视频会议画面卡顿", category: "视频会议", group: "视频会议组", assets: ["video-conference", "video-wall"], system: false,
            onsite: 0.9), 2
    ),
    (Kind(type: "故障", title: "精密空调告警", category: "机房环境", group: "运行组", assets: ["precision-ac"], system: false, onsite: 1), 1),
    (
        Kind(
            type: "告警", title: "数据库表空间使用率超阈值", category: "数据库", group: "数据库组", assets: ["db-erp-prod", "db-fin-prod", "db-oa-db"],
            system: false, onsite: 0), 4
    ),
    (Kind(type: "告警", title: "服务器 CPU 使用率告警", category: "服务器", group: "主机组", assets: servers, system: false, onsite: 0), 4),
    (Kind(type: "投诉", title: "服务响应不及时投诉", category: "服务质量", group: "项目经理", assets: [], system: false, onsite: 0), 0.8),
]
let priorities: [String: [(String, Double)]] = [
    "服务请求": [("中", 40), ("低", 55), ("高", 5)],
    "咨询": [("低", 80), ("中", 20)],
    "故障": [("紧急", 6), ("高", 24), ("中", 55), ("低", 15)],
    "告警": [("高", 15), ("中", 60), ("低", 25)],
    "投诉": [("中", 100)],
]
/// Targets as in sla.yaml, in seconds: (response, onsite, resolve, 24x7?).
let targets: [String: (Int, Int, Int, Bool)] = [
    "紧急": (900, 3600, 4 * 3600, true), "高": (1800, 7200, 8 * 3600, true),
    "中": (3600, 4 * 3600, 2 * office.secondsPerDay, false), "低": (4 * 3600, office.secondsPerDay, 5 * office.secondsPerDay, false),
]

/// The instant `seconds` of business time after `start` on the office calendar.
func addBusiness(_ start: Int, _ seconds: Int, alwaysOpen: Bool) -> Int {
    if alwaysOpen || seconds <= 0 { return start + max(seconds, 0) }
    var low = start, high = start + seconds
    while office.seconds(from: start, to: high) < seconds { high += max(seconds, 3600) * 2 }
    while high - low > 60 {
        let mid = (low + high) / 2
        if office.seconds(from: start, to: mid) < seconds { low = mid } else { high = mid }
    }
    return high
}

var random = SeededRandom(seed: 20_261_031)
var reopens = SeededRandom(seed: 20_261_201)
var rows: [[String]] = []
let header = ["工单号", "状态", "更新时间", "标题", "类型", "优先级", "系统", "资产", "分类", "处理组", "处理人", "解决层级",
              "受理渠道", "创建时间", "需要现场", "到场时间", "满意度", "回访时间"]
let first = Day("2025-11-01")!, last = Day("2026-10-31")!
let dataEnd = time.instant(last.adding(days: 1))
var number = 0
var day = first
while day <= last {
    let working = office.isWorkingDay(day)
    let count = working ? random.int(14...24) : random.int(1...4)
    var openings: [Int] = []
    for _ in 0..<count {
        let minute = working ? random.int(8 * 60 + 20...18 * 60) : random.int(7 * 60...22 * 60)
        openings.append(time.instant(day, minute: minute, second: random.int(0...59)))
    }
    for opened in openings.sorted() {
        number += 1
        let id = String(format: "SD%@%04d", String(day.year * 10000 + day.month * 100 + day.day), number % 10000)
        let kind = random.weighted(kinds)
        let priority = random.weighted(priorities[kind.type]!)
        let (responseTarget, onsiteTarget, resolveTarget, allDay) = targets[priority]!
        let calendarOpen = allDay
        let late = random.unit()
        // Most clocks stop well inside their target; a few do not.
        let responseDelay =
            late < 0.015
            ? Int(Double(responseTarget) * (1.2 + random.unit())) : Int(random.exponential(mean: Double(responseTarget) / 6)) + 60
        let responded = addBusiness(opened, min(responseDelay, responseTarget * 3), alwaysOpen: calendarOpen)
        let onsite = random.unit() < kind.onsite
        let arrived =
            onsite
            ? addBusiness(
                responded, random.unit() < 0.03 ? onsiteTarget : Int(random.exponential(mean: Double(onsiteTarget) / 4)),
                alwaysOpen: calendarOpen) : nil
        var pause: (Int, Int)? = nil
        if random.unit() < 0.12 {
            let start = responded + random.int(600...7200)
            pause = (start, start + random.int(3600...3 * 86_400))
        }
        let breachResolve = random.unit() < 0.04
        let work =
            breachResolve
            ? Int(Double(resolveTarget) * (1.1 + random.unit()))
            : Int(min(random.exponential(mean: Double(resolveTarget) / 4), Double(resolveTarget) * 0.9))
        // The resolution clock runs from opening, so work is measured from there too.
        var resolved = max(addBusiness(opened, max(work, 600), alwaysOpen: calendarOpen), (arrived ?? responded) + 300)
        if let pause, resolved > pause.0 { resolved += pause.1 - pause.0 }
        let stillOpen = opened > dataEnd - 86_400 && random.unit() < 0.15
        let closed = resolved + random.int(3600...3 * 86_400)
        let tier = kind.type == "咨询" ? "一线" : random.weighted([("一线", 0.58), ("二线", 0.32), ("三线", 0.08), ("厂商", 0.02)])
        let system = kind.system ? random.pick(systems) : ""
        let asset = kind.assets.isEmpty ? "" : random.pick(kind.assets)
        let channel = kind.type == "告警" ? "监控" : random.weighted([("电话", 0.6), ("邮件", 0.2), ("现场", 0.15), ("门户", 0.05)])
        let satisfaction = random.unit() < 0.7 ? String(random.weighted([(5, 0.62), (4, 0.3), (3, 0.06), (2, 0.02)])) : ""
        // Follow-up calls are made in office hours: most within the next working day, some days later.
        let followUp =
            onsite
            ? addBusiness(
                resolved, random.unit() < 0.92 ? random.int(1800...office.secondsPerDay) : random.int(3...4) * office.secondsPerDay,
                alwaysOpen: false) : nil
        let stamp = { (instant: Int) -> String in
            let (date, seconds) = time.local(instant)
            return String(format: "%@ %02d:%02d:%02d", date.description, seconds / 3600, seconds / 60 % 60, seconds % 60)
        }
        // Each row is the ticket as it stood at that update: the arrival once it happened; the
        // survey score and the follow-up call only on the row that finished the ticket, if they
        // happened before the export was taken.
        func row(_ state: String, _ at: Int, engineer: String, final: Bool) -> [String] {
            let finished = final && (state == "已解决" || state == "已关闭")
            let called = followUp.flatMap { finished && $0 < dataEnd ? stamp($0) : nil } ?? ""
            return [
                id, state, stamp(at), kind.title, kind.type, priority, system, asset, kind.category, kind.group, engineer, tier,
                channel, stamp(opened), onsite ? "是" : "否", arrived.flatMap { $0 <= at ? stamp($0) : nil } ?? "",
                finished ? satisfaction : "", called
            ]
        }
        var events: [(state: String, at: Int, reopen: Bool)] = [("新建", opened, false), ("处理中", responded, false)]
        if let pause, pause.0 < resolved { events += [("挂起", pause.0, false), ("处理中", pause.1, false)] }
        // The engineer's arrival on site is an update of its own.
        if let arrived, arrived < resolved { events.append(("处理中", arrived, false)) }
        events.sort { $0.at < $1.at }
        if !stillOpen {
            events.append(("已解决", resolved, false))
            // A few tickets come back after their resolution (the caller reports it again) and
            // are resolved once more before they close; drawn from their own stream, so every
            // other ticket keeps its bytes.
            if reopens.unit() < 0.025, closed - resolved >= 7200 {
                let third = (closed - resolved) / 3
                events += [("处理中", resolved + third, true), ("已解决", resolved + 2 * third, true)]
            }
            if closed < dataEnd { events.append(("已关闭", closed, false)) }
        }
        events = events.filter { $0.at < dataEnd }
        for (index, event) in events.enumerated() {
            let engineer = event.reopen ? reopens.pick(engineers) : random.pick(engineers)
            rows.append(row(event.state, event.at, engineer: engineer, final: index == events.count - 1))
        }
    }
    day = day.adding(days: 1)
}
func field(_ text: String) -> String {
    text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
}
let csv = ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
try Data([0xEF, 0xBB, 0xBF] + Array(csv.utf8)).write(to: output)
print("wrote \(rows.count) event rows for \(number) tickets to \(output.path)")

// Inspection records for the schedules in content/inspections/schedules.yaml: most on time,
// some late, a few recorded as missed and a few with no record at all.
var inspections = SeededRandom(seed: 20_261_101)
var yaml = "# 巡检记录:由 make demo-data 按 schedules.yaml 以固定随机种子生成。\nrecords:\n"
let findingsTexts = ["回风温度 26.5℃,超出正常范围,已清洗滤网并复测正常。", "告警日志出现 ORA-00060 死锁一次,已通知应用顾问分析。",
                     "UPS 电池组 3 号电池内阻偏高,已提交备件申请。", "上周五备份作业部分完成,已按[[tape-backup-failure]]补备份。",
                     "表空间 USERS 使用率 86%,已按[RAC 日常巡检](../procedures/rac-daily-check.md#数据库层)扩容。"]
var recordCount = 0
for schedule in content.schedules.sorted(by: { $0.id < $1.id }) {
    let calendar = schedule.calendar.flatMap { content.sla.calendars[$0] } ?? office
    let start = schedule.from ?? first
    for day in schedule.frequency.days(from: start, to: last.adding(days: 1), calendar: calendar) {
        let roll = inspections.unit()
        if roll < 0.01 { continue }                       // not done, not recorded
        let missed = roll < 0.025
        let late = !missed && roll < 0.06
        let delay = late ? schedule.grace + inspections.int(15...180) * 60 : inspections.int(0...max(schedule.grace / 60 - 5, 5)) * 60
        let instant = time.instant(day, minute: schedule.at) + (missed ? 0 : delay)
        let (date, seconds) = time.local(instant)
        let findings = !missed && inspections.unit() < 0.05
        yaml += "  - schedule: \(schedule.id)\n    date: \(date) \(String(format: "%02d:%02d", seconds / 3600, seconds / 60 % 60))\n"
        yaml += "    by: \(inspections.pick(engineers))\n    result: \(missed ? "missed" : findings ? "findings" : "ok")\n"
        if findings { yaml += "    findings: \"\(inspections.pick(findingsTexts).replacingOccurrences(of: "\"", with: "\\\""))\"\n" }
        recordCount += 1
    }
}
let recordsFile = contentDirectory.appending(path: "inspections/records-2026.yaml")
try Data(yaml.utf8).write(to: recordsFile)
print("wrote \(recordCount) inspection records to \(recordsFile.path)")
