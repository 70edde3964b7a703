import Foundation
import GaoxinDomain

/// Illustrative attraction and project work (issue 13 item 10): leads at every stage for the eight
/// attraction teams with their activities, projects in every stage — some late, some with open
/// obstacles —, a month of patrols and seed 002's 2025 target list. Companies and projects are
/// made up. Days that should stay current (next steps, due days) count from the day the demo is
/// loaded; projects carry fixed 2025–2026 days so seed 002's year has progress to show.
enum DemoAttraction {
    static let teams = ["ZS-JCDL", "ZS-GDZB", "ZS-XNY", "ZS-WLCY", "ZS-SMJK", "ZS-KJRC", "ZS-KJXM", "ZS-CXCY"]
    static let teamWords = ["芯片", "精密装备", "储能", "量子", "生物制药", "人工智能", "新材料", "智能传感"]
    static let cities = ["上海", "深圳", "苏州", "杭州", "北京", "合肥", "南京", "成都"]
    static let sources = ["产业链招商", "基金招商", "以商引商", "场景招商", "展会", "海外中心", "异地创新中心"]

    /// `YYYY-MM-DD`, `days` from the day the demo is loaded (Beijing time).
    static func day(_ days: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let date = calendar.date(byAdding: .day, value: days, to: Date())!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    static let leads: [[String: String]] = {
        var rows: [[String: String]] = []
        let stages: [LeadStage] = [.lead, .contacting, .negotiating, .signed, .dropped]
        for (teamIndex, team) in teams.enumerated() {
            for (stageIndex, stage) in stages.enumerated() {
                let number = teamIndex * stages.count + stageIndex + 1
                let city = cities[(teamIndex + stageIndex) % cities.count]
                var row = [
                    "code": String(format: "XS-2025-%03d", number),
                    "companyName": "\(city)\(["启", "卓", "华", "睿", "鼎"][stageIndex])\(teamWords[teamIndex])科技有限公司",
                    "sourceId": sources[(teamIndex + stageIndex) % sources.count],
                    "owningUnitId": team,
                    "estimatedInvestment": String([50_000, 120_000, 300_000, 80_000, 20_000][stageIndex] * (teamIndex % 3 + 1)),
                    "contacts": "\(["张", "王", "刘", "陈", "杨"][stageIndex])总 投资发展部",
                    "stage": stage.rawValue,
                ]
                switch stage {
                case .dropped: row["droppedReason"] = "企业决定在原址扩产，暂无外迁计划"
                case .signed: break
                default:
                    row["nextStep"] = ["发送园区政策包", "安排高管来区考察", "商谈用地与厂房方案"][stageIndex % 3]
                    // One open lead per team overdue, the others due within weeks.
                    row["nextStepOn"] = day(stageIndex == 1 ? -5 - teamIndex : 3 + teamIndex * 2 + stageIndex * 5)
                }
                if teamIndex == 0 && stageIndex < 2 { row["chainNodeId"] = ["集成电路产业链／半导体材料", "集成电路产业链／芯片设计"][stageIndex] }
                rows.append(row)
            }
        }
        return rows
    }()

    static let activities: [[String: String]] = {
        var rows: [[String: String]] = []
        for (index, lead) in leads.enumerated() where lead["stage"] != LeadStage.lead.rawValue {
            // The first team's leads were last touched long ago: they show as leads without activity.
            let last = index < 5 ? -60 : -10 - index % 7
            rows.append(["leadId": lead["code"]!, "occurredOn": day(last - 20), "kind": "call", "subject": "首次电话接洽", "people": "招商专员",
                         "content": "介绍园区产业基础与政策，企业有意了解扩产选址"])
            rows.append(["leadId": lead["code"]!, "occurredOn": day(last), "kind": index % 2 == 0 ? "visit" : "site_visit", "subject": "上门拜访企业高管",
                         "people": "团队负责人、招商专员", "content": "沟通投资规模、用地与人才需求", "nextStep": lead["nextStep"] ?? "",
                         // The lead's next step, where it still lies ahead of this activity.
                         "nextStepOn": lead["nextStepOn"].flatMap { $0 >= day(last) ? $0 : nil } ?? ""].filter { !$0.value.isEmpty })
        }
        return rows
    }()

    /// Projects with fixed days: (name, team, cluster, investment 万元, level, stage, signed, planned registered/started/completed/producing).
    static let projectSpecs: [(String, String, String, Int64, String, ProjectStage, String, [String])] = [
        ("12英寸特色工艺晶圆制造项目", "ZS-JCDL", "集成电路", 1_200_000, "provincial", .started, "2025-02-18", ["2025-04-30", "2025-09-30", "2027-06-30", "2027-12-31"]),
        ("先进封装测试基地项目", "ZS-JCDL", "集成电路", 560_000, "provincial", .registered, "2025-03-12", ["2025-05-31", "2025-10-31", "2027-03-31", "2027-09-30"]),
        ("半导体装备零部件维修及集散基地", "ZS-GDZB", "高端装备及新能源", 520_000, "municipal", .completed, "2025-01-20", ["2025-03-01", "2025-05-01", "2026-06-30", "2026-12-31"]),
        ("高端数控机床整机项目", "ZS-GDZB", "高端装备及新能源", 150_000, "municipal", .signed, "2025-06-08", ["2025-08-31", "2025-12-31", "2027-06-30", "2027-12-31"]),
        ("新型储能电池系统项目", "ZS-XNY", "高端装备及新能源", 880_000, "provincial", .producing, "2025-01-10", ["2025-02-28", "2025-04-30", "2025-12-31", "2026-03-31"]),
        ("光伏逆变器研发制造项目", "ZS-XNY", "高端装备及新能源", 180_000, "district", .started, "2025-04-16", ["2025-06-30", "2025-09-30", "2026-09-30", "2026-12-31"]),
        ("量子精密测量研发中心", "ZS-WLCY", "未来产业", 60_000, "district", .registered, "2025-05-22", ["2025-07-31", "2026-03-31", "2027-03-31", "2027-06-30"]),
        ("创新药产业化基地项目", "ZS-SMJK", "生命健康", 320_000, "municipal", .started, "2025-03-28", ["2025-05-31", "2025-08-31", "2026-10-31", "2027-03-31"]),
        ("高端医疗器械总部项目", "ZS-SMJK", "生命健康", 110_000, "district", .signed, "2025-09-05", ["2025-11-30", "2026-03-31", "2027-09-30", "2027-12-31"]),
        ("人工智能算力中心项目", "ZS-KJRC", "未来产业", 250_000, "municipal", .registered, "2025-07-01", ["2025-09-30", "2026-01-31", "2027-01-31", "2027-06-30"]),
        ("特种合金材料项目", "ZS-KJXM", "特钢新材料", 45_000, "none", .producing, "2025-02-05", ["2025-03-31", "2025-05-31", "2025-11-30", "2026-01-31"]),
        ("智能传感器产业园项目", "ZS-CXCY", "集成电路", 85_000, "district", .completed, "2025-04-02", ["2025-05-31", "2025-07-31", "2026-08-31", "2026-11-30"]),
        ("车规级功率芯片项目", "ZS-JCDL", "集成电路", 130_000, "municipal", .signed, "2026-03-15", ["2026-05-31", "2026-09-30", "2028-03-31", "2028-06-30"]),
        ("氢能装备研发制造项目", "ZS-XNY", "高端装备及新能源", 38_000, "none", .registered, "2026-05-20", ["2026-07-31", "2026-11-30", "2027-10-31", "2027-12-31"]),
    ]

    static let projects: [[String: String]] = projectSpecs.enumerated().map { index, spec in
        let (name, team, cluster, investment, level, stage, signed, planned) = spec
        var row = ["code": String(format: "XM-%@-%03d", String(signed.prefix(4)), index + 1), "name": name,
                   "investor": "\(cities[index % cities.count])\(["启明", "卓越", "华拓", "睿思", "鼎盛"][index % 5])投资集团有限公司",
                   "clusterId": cluster, "owningUnitId": team, "category": index % 4 == 3 ? "headquarters" : "industrial",
                   "totalInvestment": String(investment), "level": level, "stage": stage.rawValue, "signedOn": signed,
                   "landMu": String(investment / 4000), "foreignFunded": index % 5 == 2 ? "是" : "否"]
        if index % 5 == 2 { row["foreignInvestmentUsd"] = String(investment / 7 / 2) }
        for (offset, later) in ProjectStage.allCases.dropFirst().enumerated() {
            // Half the projects were re-planned into 2027 for the stages ahead of them: on schedule, not late.
            row[later.plannedKey!] = later > stage && index % 2 == 1 && planned[offset] < "2027" ? "2027" + planned[offset].dropFirst(4) : planned[offset]
            // A reached stage was reached about its planned day.
            if later <= stage { row[later.reachedKey] = planned[offset] }
        }
        // Signed leads of the teams became these projects.
        if index < teams.count, let lead = leads.first(where: { $0["owningUnitId"] == team && $0["stage"] == LeadStage.signed.rawValue }),
           projectSpecs.firstIndex(where: { $0.1 == team }) == index {
            row["leadId"] = lead["code"]
        }
        if stage == .producing { row["enterpriseId"] = ["新吴恒泰集成电路有限公司", "新吴盛源半导体装备有限公司"][index % 2] }
        return row
    }

    /// Investment plans of the projects still being built: last year's complete, this year's
    /// reported through last month — a third on pace, a third a little behind, a third well behind.
    static let investments: [[String: String]] = {
        let today = day(0), year = Int(today.prefix(4))!
        let due = InvestmentCompletion.monthsDue(year: year, today: today)
        var rows: [[String: String]] = []
        for (index, spec) in projectSpecs.enumerated() where spec.5 != .producing || spec.6 >= "\(year - 1)" {
            let project = projects[index]["code"]!, investment = spec.3
            func row(_ planYear: Int, months: Int, pace: Double) -> [String: String] {
                let plan = max(investment / 4, 1_000)
                var row = ["code": String(format: "TZ-%d-%03d", planYear, index + 1), "projectId": project, "year": String(planYear), "plannedAmount": String(plan)]
                for month in ProjectInvestmentMonths.all.prefix(months) {
                    row[month.key] = String(Int64(Double(plan) / 12 * pace * (month.number % 2 == 0 ? 1.1 : 0.9)))
                }
                return row
            }
            if spec.6 < "\(year)" { rows.append(row(year - 1, months: 12, pace: 0.95)) }
            rows.append(row(year, months: due, pace: [1.1, 0.9, 0.6][index % 3]))
        }
        return rows
    }()

    static let patrols: [[String: String]] = [
        ["code": "XC-M-01", "title": "重大项目月度巡查（第一组）", "patrolledOn": day(-25), "kind": "monthly", "inspectors": "重大项目办 孙科长、规划建设局 吴工",
         "projectIds": "12英寸特色工艺晶圆制造项目、先进封装测试基地项目、创新药产业化基地项目",
         "findings": "晶圆制造项目双回路供电接入滞后；封装测试项目施工许可材料待补正", "owningUnitId": "GX-ZDXM"],
        ["code": "XC-M-02", "title": "重大项目月度巡查（第二组）", "patrolledOn": day(-22), "kind": "monthly", "inspectors": "重大项目办 钱科长",
         "projectIds": "新型储能电池系统项目、光伏逆变器研发制造项目、人工智能算力中心项目",
         "findings": "算力中心项目能耗指标待落实", "owningUnitId": "GX-ZDXM"],
        ["code": "XC-D-01", "title": "在建项目日常跟踪", "patrolledOn": day(-6), "kind": "daily", "inspectors": "集成电路招商团队",
         "projectIds": "12英寸特色工艺晶圆制造项目", "findings": "主厂房结构封顶，设备搬入计划待确认", "owningUnitId": "ZS-JCDL"],
        ["code": "XC-Q-01", "title": "季度重大项目督查", "patrolledOn": day(-40), "kind": "quarterly", "inspectors": "区领导 赵书记、重大项目办",
         "projectIds": "半导体装备零部件维修及集散基地、高端数控机床整机项目", "findings": "数控机床项目注册落地滞后于计划", "owningUnitId": "GX-ZDXM"],
    ]

    static let obstacles: [[String: String]] = [
        ["code": "WT-001", "title": "双回路供电接入滞后", "projectId": "12英寸特色工艺晶圆制造项目", "patrolId": "XC-M-01", "kind": "power",
         "description": "110kV 变电站间隔扩建未完成", "owningUnitId": "GX-GHJS", "dueOn": day(-3), "status": "in_progress"],
        ["code": "WT-002", "title": "施工许可材料待补正", "projectId": "先进封装测试基地项目", "patrolId": "XC-M-01", "kind": "permit",
         "owningUnitId": "GX-GHJS", "dueOn": day(10), "status": "open"],
        ["code": "WT-003", "title": "能耗指标待落实", "projectId": "人工智能算力中心项目", "patrolId": "XC-M-02", "kind": "power",
         "owningUnitId": "GX-ZDXM", "dueOn": day(20), "status": "open"],
        ["code": "WT-004", "title": "研发人员住房需求", "projectId": "创新药产业化基地项目", "kind": "talent", "owningUnitId": "GX-QYFW",
         "dueOn": day(-30), "status": "resolved", "resolution": "人才公寓配租 30 套", "resolvedOn": day(-35)],
        ["code": "WT-005", "title": "流动资金贷款对接", "projectId": "高端数控机床整机项目", "patrolId": "XC-Q-01", "kind": "finance",
         "owningUnitId": "ZS-GDZB", "dueOn": day(-12), "status": "open"],
    ]

    /// Seed 002: 2025 超100亿元 1, 超50亿元 3, 超10亿元 18, 超亿元 180, 总投资 450 亿元 for the zone;
    /// the teams' own lists split the zone's (illustrative).
    static let targets: [[String: String]] = [
        ["code": "MB-2025-WXGX", "title": "2025年“双招双引”目标指引清单", "owningUnitId": "WXGX", "year": "2025", "over100Yi": "1", "over50Yi": "3",
         "over10Yi": "18", "over1Yi": "180", "signedInvestment": "4500000", "talentsIntroduced": "12",
         "note": "2025年全区“双招双引”部署会下发（seed 002）；引进人才目标为示例"],
    ] + teams.enumerated().map { index, team in
        ["code": "MB-2025-\(team)", "title": "2025年招商目标（\(team)）", "owningUnitId": team, "year": "2025", "over100Yi": index == 0 ? "1" : "0",
         "over50Yi": index < 3 ? "1" : "0", "over10Yi": String([4, 3, 3, 2, 2, 2, 1, 1][index]), "over1Yi": String([30, 25, 25, 20, 20, 20, 20, 20][index]),
         "signedInvestment": String([900_000, 700_000, 700_000, 500_000, 500_000, 400_000, 400_000, 400_000][index])]
    }

    /// The zone's own metrics beside the built-in ones (illustrative: seed 002 names the 异地创新中心
    /// target list and 招才引智 without figures).
    static let targetMetrics: [[String: String]] = [
        ["code": "MBZB-01", "name": "新引进研发机构", "measure": "家", "note": "新型研发机构、企业研发中心落户（示例指标）"],
        ["code": "MBZB-02", "name": "异地创新中心落地项目", "measure": "个", "note": "经异地创新中心、海外商务创新交流中心导入并落地的项目（示例指标）"],
    ]

    static let targetMetricGoals: [[String: String]] = [
        ["code": "MBZ-2025-WXGX-01", "metricId": "MBZB-01", "owningUnitId": "WXGX", "year": "2025", "goal": "10"],
        ["code": "MBZ-2025-WXGX-02", "metricId": "MBZB-02", "owningUnitId": "WXGX", "year": "2025", "goal": "20"],
        ["code": "MBZ-2025-ZS-KJXM-01", "metricId": "MBZB-01", "owningUnitId": "ZS-KJXM", "year": "2025", "goal": "4"],
    ]

    static let targetMetricReports: [[String: String]] = [
        ["code": "TB-2025-0001", "content": "某高校集成电路研究院无锡分院落户", "metricId": "MBZB-01", "owningUnitId": "ZS-KJXM", "achievedOn": "2025-03-18", "amount": "1"],
        ["code": "TB-2025-0002", "content": "两家企业研发中心获认定并落户", "metricId": "MBZB-01", "owningUnitId": "ZS-JCDL", "achievedOn": "2025-05-26", "amount": "2"],
        ["code": "TB-2025-0003", "content": "上海异地创新中心导入智能传感项目落地", "metricId": "MBZB-02", "owningUnitId": "ZS-WLCY", "achievedOn": "2025-04-09", "amount": "1"],
        ["code": "TB-2025-0004", "content": "深圳异地创新中心导入新能源装备项目落地", "metricId": "MBZB-02", "owningUnitId": "ZS-XNY", "achievedOn": "2025-06-30", "amount": "2"],
    ]
}
