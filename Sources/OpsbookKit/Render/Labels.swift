/// The words of the interface in each supported language. Keys are what templates use as
/// `{{labels.key}}`; values of the content vocabularies are translated under `value.*`.
enum Labels {
    static func table(for language: SiteConfig.Language) -> [String: String] {
        language == .en ? english : chinese
    }

    static func typePlural(_ type: PageType, _ labels: [String: String]) -> String {
        labels["type.\(type.rawValue)"] ?? type.rawValue
    }

    static let chinese: [String: String] = [
        "lang": "zh-CN",
        "home": "首页", "skip": "跳到正文", "menu": "导航",
        "type.system": "应用系统", "type.procedure": "操作规程", "type.emergency-plan": "应急预案",
        "type.article": "知识库", "type.page": "其它页面",
        "single.system": "应用系统", "single.procedure": "操作规程", "single.emergency-plan": "应急预案",
        "single.article": "知识文章", "single.page": "页面", "single.item": "配置项",
        "inventory": "资产清单", "team": "团队与支持体系", "tags": "标签", "tag": "标签",
        "scope.hardware": "硬件", "scope.software": "软件", "scope.facilities": "基础设施",
        "scope_title": "服务范围一览", "scope_note": "数量按资产清单汇总(含 quantity 字段)。",
        "class": "类别", "count": "数量", "entries": "条目", "items": "配置项",
        "name": "名称", "id": "编号", "quantity": "数量", "systems": "相关系统",
        "field.model": "型号", "field.vendor": "厂商", "field.location": "位置", "field.serial": "序列号",
        "field.ip": "IP 地址", "field.status": "状态", "field.description": "说明", "field.owner": "负责人",
        "field.criticality": "重要程度", "field.kind": "类型", "field.frequency": "执行频率", "field.role": "执行岗位",
        "field.severity": "级别", "field.trigger": "触发条件", "field.rto": "RTO", "field.rpo": "RPO",
        "field.roles": "参与角色",
        "rel.runs_on": "运行于", "rel.depends_on": "依赖系统", "rel.applies_to": "适用对象",
        "rel.related": "相关内容", "rel.systems": "承载系统",
        "referenced_by": "被引用", "referenced_by.item": "配置项",
        "drills": "演练记录", "date": "日期", "result": "结果", "notes": "备注", "no_drills": "尚无演练记录。",
        "on_this_page": "本页目录", "previous": "上一篇", "next": "下一篇",
        "tiers": "支持层级", "roles": "岗位配置", "people": "人员", "tier": "层级", "headcount": "人数",
        "duties": "工作内容", "phone": "电话", "email": "邮箱", "total_headcount": "合计人数",
        "not_found": "页面不存在", "not_found_text": "您访问的页面不存在或已移动。", "back_home": "返回首页",
        "content_counts": "知识库内容", "latest_drills": "最近的应急演练", "all_tags": "全部标签",
        "pages_with_tag": "带此标签的内容", "generated": "生成于", "kb": "运维知识库",
        "value.critical": "关键", "value.high": "高", "value.medium": "中", "value.low": "低",
        "value.pass": "通过", "value.partial": "部分通过", "value.fail": "未通过",
        "value.sop": "标准操作", "value.inspection": "巡检", "value.change": "变更", "value.maintenance": "维护",
        "value.troubleshooting": "故障处理", "value.setup": "安装配置", "value.backup": "备份", "value.recovery": "恢复",
        "value.checklist": "检查单",
        "value.inspection-report": "巡检报告", "value.onsite-service-report": "现场服务报告",
        "value.emergency-plan": "应急方案", "value.solution": "解决方案", "value.tuning-plan": "调优方案",
        "value.diagnosis-report": "系统诊断报告", "value.hardening-plan": "安全加固方案",
        "value.migration-plan": "设备迁移方案", "value.patch-plan": "补丁安装方案", "value.upgrade-plan": "版本升级方案",
        "value.faq": "常见问题", "value.howto": "操作指南",
    ]

    static let english: [String: String] = [
        "lang": "en",
        "home": "Home", "skip": "Skip to content", "menu": "Navigation",
        "type.system": "Systems", "type.procedure": "Procedures", "type.emergency-plan": "Emergency plans",
        "type.article": "Knowledge base", "type.page": "Other pages",
        "single.system": "System", "single.procedure": "Procedure", "single.emergency-plan": "Emergency plan",
        "single.article": "Article", "single.page": "Page", "single.item": "Configuration item",
        "inventory": "Inventory", "team": "Team and support tiers", "tags": "Tags", "tag": "Tag",
        "scope.hardware": "Hardware", "scope.software": "Software", "scope.facilities": "Facilities",
        "scope_title": "Service scope at a glance", "scope_note": "Counts are summed from the inventory (including quantity).",
        "class": "Class", "count": "Count", "entries": "Entries", "items": "Items",
        "name": "Name", "id": "ID", "quantity": "Quantity", "systems": "Systems",
        "field.model": "Model", "field.vendor": "Vendor", "field.location": "Location", "field.serial": "Serial",
        "field.ip": "IP address", "field.status": "Status", "field.description": "Description", "field.owner": "Owner",
        "field.criticality": "Criticality", "field.kind": "Kind", "field.frequency": "Frequency", "field.role": "Role",
        "field.severity": "Severity", "field.trigger": "Trigger", "field.rto": "RTO", "field.rpo": "RPO",
        "field.roles": "Roles",
        "rel.runs_on": "Runs on", "rel.depends_on": "Depends on", "rel.applies_to": "Applies to",
        "rel.related": "Related", "rel.systems": "Systems on it",
        "referenced_by": "Referenced by", "referenced_by.item": "Configuration items",
        "drills": "Drills", "date": "Date", "result": "Result", "notes": "Notes", "no_drills": "No drills recorded yet.",
        "on_this_page": "On this page", "previous": "Previous", "next": "Next",
        "tiers": "Support tiers", "roles": "Staffing", "people": "People", "tier": "Tier", "headcount": "Headcount",
        "duties": "Duties", "phone": "Phone", "email": "E-mail", "total_headcount": "Total headcount",
        "not_found": "Page not found", "not_found_text": "The page you asked for does not exist or has moved.",
        "back_home": "Back to the home page",
        "content_counts": "Knowledge base", "latest_drills": "Latest emergency drills", "all_tags": "All tags",
        "pages_with_tag": "Tagged", "generated": "Generated", "kb": "Operations knowledge base",
        "value.critical": "critical", "value.high": "high", "value.medium": "medium", "value.low": "low",
        "value.pass": "pass", "value.partial": "partial", "value.fail": "fail",
    ]
}
