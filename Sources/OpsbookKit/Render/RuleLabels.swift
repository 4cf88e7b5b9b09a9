/// The words of 统计口径: the rule each figure is counted by (`rule.<key>`, keyed as report.json
/// keys its figures), and the parts of the SLA and calendar tables.
enum RuleLabels {
    static let chinese: [String: String] = [
        "rule.as_of": """
            数据截至：导出的导出时间（extracted_at）；未给出时，取导出中最新的状态变化时间（创建、更新、响应、到场、解决、关闭及状态记录），\
            不取回访、满意度等其它列。每个导出的工单按它自己的截至时间计时。统计期未被数据完全覆盖的报告为临时报告，数字仍会变化。\
            已关闭但没有解决时间的工单，以关闭时间为解决时间。
            """,
        "rule.response_on_time": "本期新开工单中，首次响应在时限内的 ÷（达标 + 超时）；按工单匹配的 SLA 策略的日历计时，挂起（等待客户）时间不计。",
        "rule.onsite_on_time": "需要现场服务的本期新开工单中，在时限内到场的 ÷（达标 + 超时）；计时规则同上。",
        "rule.resolution_within_sla": "本期新开工单中，在解决时限内解决的 ÷（达标 + 超时）；截至统计时刻仍未解决且已超过时限的计为超时，未超过的不计入（未到期）。",
        "rule.resolution_rate": "本期新开且截至统计时刻已解决的工单 ÷ 本期新开的工单。",
        "rule.complaints_24h": "本期新开的投诉中，24 小时（自然时间）内解决的 ÷（达标 + 超时）。",
        "rule.followup_3d": "已解决的现场服务工单中，解决后 3 天（72 小时自然时间）内回访的 ÷（达标 + 超时）。",
        "rule.first_line_resolution": "本期新开且已解决的工单中，由一线（服务台）解决的所占比例。",
        "rule.satisfaction": "本期新开工单的满意度评分的平均值（及评分数）。",
        "rule.mttr_minutes": """
            本期新开且截至统计时刻已解决的故障工单，从创建到解决的营业时间（扣除挂起）的平均值；中位数与 p90 同口径，\
            p90 为最近秩百分位（至少 90% 的值不超过它的最小值）。
            """,
        "rule.reopen_rate": "本期新开且已解决的工单中，解决后又被重新打开的所占比例。",
        "rule.inspection_overdue": "本期到期的巡检中，超期完成或未完成的 ÷ 到期次数；截至统计时刻仍在宽限期内的不计入。",
        "rule.planned_work_overdue": "本期到期的计划内工作中，超期完成或到期仍未完成的 ÷ 到期项数；尚未到期的不计入。",
        "rule.drills": "本期应演练的应急预案都应完成演练（完成次数 ≥ 应演练次数）；应演练的预案逐一列出。",
        "rule.spares": "期末库存低于最低库存的备件种数，目标为 0；期末库存由当前库存按领用记录倒推。",
        "rule.spare_checks": "备件每半年检查一次（半年报 1 次、年报 2 次），以 spares.yaml 中的检查记录为准。",
        "rule.availability": """
            系统可用率 = 1 − 停机时长 ÷ 服务时长。服务时长按系统的服务日历计，扣除计划内维护窗口；停机时长为该系统各次故障时段的并集。\
            总体可用率 = 1 − 各系统停机时长之和 ÷ 各系统服务时长之和。每个系统另按其重要程度的目标单独评判：\
            任一系统未达到自己的目标，即计为一项未达标，与总体数字无关。
            """,
        "rule.rotation_rate": "近 12 个月离岗人数 ÷ 同期平均在岗人数。",
        "rule.survey_score": "最近一次已结束并签字的半年度满意度调查的总体平均分。",
        "rule.training_hours": "培训学时合计 ÷ 平均在岗人数，按季度折算（每人每季度）。",
        "rules.title_figures": "各项指标的计算规则", "rules.title_sla": "SLA 时限（按优先级与类型，第一条匹配的策略生效）",
        "rules.title_calendars": "服务日历", "rules.title_systems": "各系统的服务日历（可用率按此计）",
        "rules.match": "适用工单", "rules.calendar": "日历", "rules.response": "响应", "rules.onsite": "到场", "rules.resolve": "解决",
        "rules.hours": "服务时间", "rules.workday_length": "工作日长度", "rules.holidays": "节假日", "rules.workdays": "调休上班日",
        "rules.systems": "系统", "rules.count": "数量",
        "rules.any": "其余所有工单", "rules.and": "，且 ", "rules.list": "、", "rules.always_open": "7×24 小时",
        "rules.day_is_24h": "1 天 = 24 小时（自然时间）", "rules.workday": "1 工作日 = # 小时",
        "weekday.1": "周一", "weekday.2": "周二", "weekday.3": "周三", "weekday.4": "周四", "weekday.5": "周五",
        "weekday.6": "周六", "weekday.7": "周日",
        "report.paused": "挂起",
        "appendix.title": "附录", "appendix.a": "附录 A", "appendix.b": "附录 B", "appendix.c": "附录 C", "appendix.d": "附录 D",
        "summary.more_recurring": "另有 # 项，见附录 B", "appendix.more": "另有 # 项，完整清单见",
        "summary.more_in_json": "另有 # 项，完整清单见 report.json",
        "appendix.attached": "共 # 项。打印版不逐条列出：明细见随本报告提交的附件 report.csv（与网页版相同）。",
        "summary.more_incidents": "另有 # 项重大故障，见附录 A",
        "report.figure": "指标", "report.direction": "方向",
        "print.contractor": "服务单位", "print.contract": "合同编号", "print.version": "版本", "print.prepared_on": "编制日期",
        "print.client_block": "客户确认", "print.confirm": "确认意见", "print.score": "评分（满分 100）",
    ]

    static let english: [String: String] = [
        "rule.as_of": """
            As of: the export's extraction time (extracted_at); without one, the newest time in the export that moved a ticket's \
            state (opened, updated, responded, arrived, resolved, closed, state events), never a follow-up, survey or other column. \
            Each export's tickets are clocked up to its own as-of. A report whose period the data does not fully cover is \
            provisional: its figures will change. A ticket closed without a resolved time was resolved when it closed.
            """,
        "rule.response_on_time": """
            Tickets opened in the period with a first response within target ÷ (met + breached), in the business time of \
            the calendar of the ticket's SLA policy, pauses (waiting on the client) excluded.
            """,
        "rule.onsite_on_time": """
            Tickets opened in the period that needed on-site service, arrived within target ÷ (met + breached); clocks as \
            above.
            """,
        "rule.resolution_within_sla": """
            Tickets opened in the period resolved within target ÷ (met + breached); one still open past its target at \
            as-of is breached, one inside it is pending and not counted.
            """,
        "rule.resolution_rate": "Tickets opened in the period and resolved by as-of ÷ tickets opened in the period.",
        "rule.complaints_24h": """
            Complaints opened in the period resolved within 24 hours of wall-clock time ÷ (met + breached).
            """,
        "rule.followup_3d": """
            Resolved on-site services followed up within 3 days (72 hours of wall-clock time) ÷ (met + breached).
            """,
        "rule.first_line_resolution": """
            Of the tickets opened in the period and resolved, the share resolved at the first line (service desk).
            """,
        "rule.satisfaction": "The mean satisfaction score of tickets opened in the period (and how many answered).",
        "rule.mttr_minutes": """
            Mean business time from opening to resolution (pauses excluded) of the incidents opened in the period and \
            resolved by as-of; median and p90 over the same tickets, p90 by nearest rank (the smallest value with at least \
            90 % of values at or below it).
            """,
        "rule.reopen_rate": """
            Of the tickets opened in the period and resolved, the share opened again after resolution.
            """,
        "rule.inspection_overdue": """
            Inspections due in the period done late or not done ÷ inspections due; those still inside their grace at as-of \
            are not counted.
            """,
        "rule.planned_work_overdue": """
            Planned work due in the period finished late or still open past due ÷ items due; items not yet due are not \
            counted.
            """,
        "rule.drills": """
            Every emergency plan due for a drill in the period is drilled (done ≥ due); the plans due are named.
            """,
        "rule.spares": """
            Spare parts below their minimum stock at period end, target 0; stock at period end is worked back from usage \
            records.
            """,
        "rule.spare_checks": """
            Spare parts are checked once every half year (1 in a half-year report, 2 in a year), as spares.yaml's checks \
            record.
            """,
        "rule.availability": """
            Availability = 1 − downtime ÷ service time. Service time is counted on the system's service calendar, less \
            planned maintenance windows; downtime is the union of the system's outages. Overall = 1 − total downtime ÷ \
            total service time. Each system is also judged against the target of its criticality: any system that misses \
            its own target is a missed figure, whatever the overall figure says.
            """,
        "rule.rotation_rate": "People who left in the trailing 12 months ÷ average headcount over them.",
        "rule.survey_score": """
            The overall mean of the latest half-yearly satisfaction survey that ended and was signed.
            """,
        "rule.training_hours": "Training hours ÷ average headcount, per person per quarter.",
        "rules.title_figures": "How each figure is counted", "rules.title_sla": "SLA targets (by priority and type; the first policy that matches applies)",
        "rules.title_calendars": "Service calendars", "rules.title_systems": "Each system's service calendar (availability is counted on it)",
        "rules.match": "Tickets", "rules.calendar": "Calendar", "rules.response": "Response", "rules.onsite": "On site", "rules.resolve": "Resolution",
        "rules.hours": "Hours", "rules.workday_length": "Working day", "rules.holidays": "Holidays", "rules.workdays": "Make-up working days",
        "rules.systems": "Systems", "rules.count": "Count",
        "rules.any": "every other ticket", "rules.and": " and ", "rules.list": ", ", "rules.always_open": "24×7",
        "rules.day_is_24h": "1 day = 24 hours (wall-clock)", "rules.workday": "1 working day = # hours",
        "weekday.1": "Mon", "weekday.2": "Tue", "weekday.3": "Wed", "weekday.4": "Thu", "weekday.5": "Fri",
        "weekday.6": "Sat", "weekday.7": "Sun",
        "report.paused": "paused",
        "appendix.title": "Appendices", "appendix.a": "Appendix A", "appendix.b": "Appendix B", "appendix.c": "Appendix C", "appendix.d": "Appendix D",
        "summary.more_recurring": "# more: see appendix B", "appendix.more": "# more; every one is in",
        "summary.more_in_json": "# more: every one is in report.json",
        "appendix.attached": "# in all. The printed report does not list them: see the attached report.csv (as on the web).",
        "summary.more_incidents": "# more major incidents: see appendix A",
        "report.figure": "figure", "report.direction": "better",
        "print.contractor": "Contractor", "print.contract": "Contract number", "print.version": "Version",
        "print.prepared_on": "Prepared on", "print.client_block": "Client confirmation", "print.confirm": "Comments",
        "print.score": "Score (of 100)",
    ]
}
