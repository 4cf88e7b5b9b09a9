/// The words of the people and client-feedback section, team roster and attention list.
enum PeopleLabels {
    static let chinese: [String: String] = [
        "people.section": "人员与客户反馈",
        "people.note": "人员轮换率按截至本期末的滚动 12 个月计算：离开人数 ÷ 日均在岗人数。轮换须提前一个月报批；客户书面要求更换时 14 天内到岗；“先进后出”即新人到岗后原人员方可离场。",
        "kpi.rotation_rate": "人员轮换率", "kpi.training_hours": "人均培训学时", "kpi.survey_score": "满意度调查",
        "people.leavers": "离开", "people.average_headcount": "日均在岗", "people.hours_per_person": "小时/人", "people.sessions": "次培训",
        "people.person_hours": "人·小时", "people.on_site": "在岗 / 合同人数", "people.days_below": "低于合同人数天数",
        "people.rules": "轮换规范问题", "people.without_notice": "未提前一个月报批", "people.late": "超期替换", "people.filo": "违反先进后出",
        "people.unapproved": "未经批准到岗",
        "people.backup": "后备工程师", "people.available": "在岗", "people.missing": "缺岗", "people.expired": "已过期",
        "people.no_survey": "尚无已签字的半年度调查", "people.previous": "上次", "people.responses": "份",
        "people.changes": "人员变动", "people.person": "人员", "people.role": "岗位", "people.end": "离场日", "people.replaced_by": "接替人员",
        "people.start": "到岗日", "people.approved": "批准日", "people.problems": "问题", "people.fine": "符合要求",
        "people.certifications": "90 天内到期的认证", "people.cert": "认证", "people.vendor": "厂商", "people.expires": "到期日",
        "people.days_left": "剩余",
        "people.survey": "服务质量调查", "people.item": "调查项目", "people.this": "本次", "people.visits": "本期客户走访",
        "people.actions": "未关闭的改进事项", "people.action": "事项", "people.owner": "负责人", "people.due": "期限", "people.status": "状态",
        "people.source": "来源", "people.overdue": "已超期", "people.roster": "人员配置（合同与在岗）", "people.contracted": "合同人数",
        "people.actual": "在岗人数", "people.certs": "认证", "people.below": "低于合同", "people.cert_expiring": "认证即将到期",
        "people.cert_expired": "认证已过期", "people.action_overdue": "改进事项超期", "people.short": "岗位缺员",
        "action.open": "未开始", "action.doing": "进行中", "action.closed": "已关闭",
    ]

    static let english: [String: String] = [
        "people.section": "People and client feedback",
        "people.note":
            """
            Rotation rate is over the 12 months to the end of the period: leavers ÷ average daily headcount. A rotation \
            is requested and approved a month ahead; on the client's written request the replacement starts within 14 \
            days; first in, last out: the leaver goes only once the newcomer is on site.
            """,
        "kpi.rotation_rate": "Staff rotation rate", "kpi.training_hours": "Training hours per person", "kpi.survey_score": "Service survey",
        "people.leavers": "leavers", "people.average_headcount": "average headcount", "people.hours_per_person": "h / person",
        "people.sessions": "sessions",
        "people.person_hours": "person-hours", "people.on_site": "On site / contracted", "people.days_below": "days below contract",
        "people.rules": "Rotation rule breaches", "people.without_notice": "no month's approved notice", "people.late": "late replacement",
        "people.filo": "first in, last out broken", "people.unapproved": "started before approval", "people.backup": "Backup engineer",
        "people.available": "available", "people.missing": "missing",
        "people.expired": "expired", "people.no_survey": "no signed half-year survey yet", "people.previous": "previous",
        "people.responses": "responses",
        "people.changes": "Staffing changes", "people.person": "Person", "people.role": "Role", "people.end": "Last day",
        "people.replaced_by": "Replaced by",
        "people.start": "Start", "people.approved": "Approved", "people.problems": "Problems", "people.fine": "as agreed",
        "people.certifications": "Certifications expiring within 90 days", "people.cert": "Certification", "people.vendor": "Vendor",
        "people.expires": "Expires", "people.days_left": "Left", "people.survey": "Service-quality survey", "people.item": "Item",
        "people.this": "This",
        "people.visits": "Client visits", "people.actions": "Open improvement actions", "people.action": "Action", "people.owner": "Owner",
        "people.due": "Due", "people.status": "Status", "people.source": "Source", "people.overdue": "overdue",
        "people.roster": "Roster (contracted and on site)", "people.contracted": "Contracted", "people.actual": "On site",
        "people.certs": "Certifications",
        "people.below": "below contract", "people.cert_expiring": "Certification expiring", "people.cert_expired": "Certification expired",
        "people.action_overdue": "Improvement action overdue", "people.short": "Role below contract",
        "action.open": "open", "action.doing": "in progress", "action.closed": "closed",
    ]
}
