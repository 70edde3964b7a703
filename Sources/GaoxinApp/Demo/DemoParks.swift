/// The demo's parks, spaces, recognition standard, space needs and application scenarios. Park
/// names follow the seeds — 零碳科技产业园 (seed 002), 黄金湾科创园 and 无锡星谷 (seed 003), the
/// 集成电路特色产业园 the demo checklist speaks of; figures, spaces and people are illustrative. The
/// scenarios echo seed 002's 2025 第一批应用场景清单 (published 2025-02-04, 揭榜挂帅); their
/// deadlines, like the spaces' dates, lie ahead of whenever the demo is loaded, so three calls are
/// open on the public page of a fresh install.
enum DemoParks {
    static func ahead(_ days: Int) -> String { DemoAttraction.day(days) }

    static let parks: [[String: String]] = [
        ["name": "无锡高新区集成电路特色产业园", "kind": "featured", "level": "provincial", "owningUnitId": "CJ-KJCX", "boardId": "XW",
         "leadIndustry": "3973", "secondIndustry": "3562", "thirdIndustry": "6520", "clusterIds": "集成电路",
         "address": "无锡市新吴区菱湖大道", "landArea": "1200000", "floorArea": "860000", "liaisonLeader": "区领导 钱副主任",
         "publicContact": "0510-8521 0001", "recognizedOn": "2023-12-28", "longitude": "120.402", "latitude": "31.488"],
        ["name": "零碳科技产业园", "kind": "featured", "level": "municipal", "owningUnitId": "CJ-KJCX", "boardId": "XW",
         "leadIndustry": "3825", "secondIndustry": "4416", "clusterIds": "高端装备及新能源",
         "address": "无锡市新吴区新华路", "landArea": "800000", "floorArea": "420000", "liaisonLeader": "区领导 孙副主任",
         "publicContact": "0510-8521 0002", "recognizedOn": "2024-06-18", "longitude": "120.448", "latitude": "31.512"],
        ["name": "无锡高新区生命健康产业园", "kind": "sciencePark", "level": "provincial", "owningUnitId": "生命健康产业专班", "boardId": "XW",
         "leadIndustry": "2761", "secondIndustry": "3581", "thirdIndustry": "2720", "clusterIds": "生命健康",
         "address": "无锡市新吴区和风路", "landArea": "650000", "floorArea": "510000", "liaisonLeader": "区领导 李副主任",
         "publicContact": "0510-8521 0003", "recognizedOn": "2022-09-30", "longitude": "120.385", "latitude": "31.466"],
        ["name": "无锡高新区创新创业孵化中心", "kind": "incubator", "level": "national", "owningUnitId": "CJ-KJCX", "boardId": "XW",
         "leadIndustry": "6513", "secondIndustry": "7320", "clusterIds": "未来产业",
         "address": "无锡市新吴区震泽路", "floorArea": "120000", "liaisonLeader": "科技局 周局长", "publicContact": "0510-8521 0004",
         "recognizedOn": "2021-11-15", "longitude": "120.357", "latitude": "31.492"],
        ["name": "黄金湾科创园", "kind": "sciencePark", "level": "none", "owningUnitId": "XS", "boardId": "XS",
         "leadIndustry": "6513", "secondIndustry": "3670",
         "address": "无锡市锡山区黄金湾", "landArea": "300000", "floorArea": "180000", "publicContact": "0510-8820 0005",
         "longitude": "120.402", "latitude": "31.602", "note": "近期开园（seed 003）"],
        ["name": "无锡星谷加速器", "kind": "accelerator", "level": "municipal", "owningUnitId": "未来产业专班",
         "leadIndustry": "3741", "clusterIds": "未来产业", "floorArea": "90000", "publicContact": "0510-8521 0006",
         "note": "全力推进无锡星谷建设（seed 003）"],
    ]

    static let tenants: [[String: String]] = [
        ["code": "RZ-2023-001", "enterpriseId": "新吴恒泰集成电路有限公司", "parkId": "无锡高新区集成电路特色产业园", "movedInOn": "2023-03-01", "location": "A1 栋"],
        ["code": "RZ-2023-002", "enterpriseId": "新吴盛源半导体装备有限公司", "parkId": "无锡高新区集成电路特色产业园", "movedInOn": "2023-07-15", "location": "B3 栋 1–2 层"],
        ["code": "RZ-2024-001", "enterpriseId": "新吴宏通生物医药有限公司", "parkId": "无锡高新区生命健康产业园", "movedInOn": "2024-02-20", "location": "C2 栋"],
        ["code": "RZ-2024-002", "enterpriseId": "新吴远创医疗器械有限公司", "parkId": "无锡高新区创新创业孵化中心", "movedInOn": "2024-05-08", "incubated": "是", "location": "3 层 305"],
    ]

    static let statistics: [[String: String]] = {
        // (park, revenue 万元 2024, lead share ‰, enterprises, high-tech, usable m², occupied m², platforms, incubated)
        let specs: [(String, Int64, Int64, Int, Int, Int64, Int64, Int, Int)] = [
            ("无锡高新区集成电路特色产业园", 4_200_000, 780, 186, 64, 780_000, 702_000, 9, 0),
            ("零碳科技产业园", 1_350_000, 610, 72, 21, 380_000, 266_000, 3, 0),
            ("无锡高新区生命健康产业园", 2_100_000, 820, 143, 58, 470_000, 413_600, 6, 0),
            ("无锡高新区创新创业孵化中心", 86_000, 550, 126, 18, 110_000, 97_900, 2, 94),
            ("黄金湾科创园", 52_000, 400, 23, 3, 150_000, 48_000, 0, 0),
        ]
        var rows: [[String: String]] = []
        for (index, spec) in specs.enumerated() {
            for (offset, year) in [2024, 2025].enumerated() {
                // 2025 a little higher, except the new park, which the office returned for correction.
                let grow = offset == 0 ? 1.0 : 1.08
                let revenue = Int64(Double(spec.1) * grow)
                rows.append(["code": String(format: "YQTJ-%d-%03d", year, index + 1), "parkId": spec.0, "year": String(year),
                             "enterprises": String(Int(Double(spec.3) * grow)), "aboveScaleEnterprises": String(spec.3 / 3),
                             "highTechEnterprises": String(spec.4 + offset * 4), "revenue": String(revenue),
                             "leadIndustryRevenue": String(revenue * spec.2 / 1000), "tax": String(revenue / 20), "rdSpending": String(revenue / 25),
                             "employees": String(spec.3 * 95), "usableArea": String(spec.5), "occupiedArea": String(min(spec.5, Int64(Double(spec.6) * grow))),
                             "provincialPlatforms": String(spec.7), "incubated": String(spec.8), "graduated": String(spec.8 / 8),
                             "reviewStatus": year == 2024 ? "reviewed" : (index == 4 ? "returned" : "submitted")])
            }
        }
        return rows
    }()

    static let standards: [[String: String]] = [
        ["name": "特色产业园区认定标准（2024 版）", "parkKind": "featured", "passMark": "70", "effectiveYear": "2024",
         "note": "主导产业集聚度、规模、创新能力、载体利用四个方面（示例）"],
        ["name": "科技产业园评价标准（2024 版）", "parkKind": "sciencePark", "passMark": "60", "effectiveYear": "2024"],
        ["name": "科技企业孵化器评价标准（2024 版）", "parkKind": "incubator", "passMark": "60", "effectiveYear": "2024"],
    ]

    static let criteria: [[String: String]] = [
        ["code": "TS-01", "name": "主导产业营收占比", "standardId": "特色产业园区认定标准（2024 版）", "statistic": "leadIndustryShare", "threshold": "60", "weight": "30", "required": "是"],
        ["code": "TS-02", "name": "年营业收入", "standardId": "特色产业园区认定标准（2024 版）", "statistic": "revenue", "threshold": "1500000", "weight": "25"],
        ["code": "TS-03", "name": "高新技术企业", "standardId": "特色产业园区认定标准（2024 版）", "statistic": "highTechEnterprises", "threshold": "30", "weight": "20"],
        ["code": "TS-04", "name": "载体使用率", "standardId": "特色产业园区认定标准（2024 版）", "statistic": "occupancyRate", "threshold": "80", "weight": "15"],
        ["code": "TS-05", "name": "省级以上研发平台", "standardId": "特色产业园区认定标准（2024 版）", "statistic": "provincialPlatforms", "threshold": "3", "weight": "10"],
        ["code": "KJ-01", "name": "入驻企业", "standardId": "科技产业园评价标准（2024 版）", "statistic": "enterprises", "threshold": "50", "weight": "40"],
        ["code": "KJ-02", "name": "载体使用率", "standardId": "科技产业园评价标准（2024 版）", "statistic": "occupancyRate", "threshold": "70", "weight": "30", "required": "是"],
        ["code": "KJ-03", "name": "研发投入", "standardId": "科技产业园评价标准（2024 版）", "statistic": "rdSpending", "threshold": "20000", "weight": "30"],
        ["code": "FH-01", "name": "在孵企业", "standardId": "科技企业孵化器评价标准（2024 版）", "statistic": "incubated", "threshold": "50", "weight": "50", "required": "是"],
        ["code": "FH-02", "name": "当年毕业企业", "standardId": "科技企业孵化器评价标准（2024 版）", "statistic": "graduated", "threshold": "8", "weight": "30"],
        ["code": "FH-03", "name": "载体使用率", "standardId": "科技企业孵化器评价标准（2024 版）", "statistic": "occupancyRate", "threshold": "75", "weight": "20"],
    ]

    static let spaces: [[String: String]] = [
        ["code": "KJ-JC-001", "name": "集成电路园 C5 栋标准厂房 1 层", "parkId": "无锡高新区集成电路特色产业园", "kind": "factory", "area": "4800",
         "floorLoad": "30", "clearHeight": "9", "powerCapacity": "2500", "rent": "38", "status": "available"],
        ["code": "KJ-JC-002", "name": "集成电路园 C5 栋标准厂房 2 层", "parkId": "无锡高新区集成电路特色产业园", "kind": "factory", "area": "4800",
         "floorLoad": "15", "clearHeight": "6", "powerCapacity": "1250", "rent": "32", "status": "available"],
        ["code": "KJ-JC-003", "name": "集成电路园 XDG-2025-08 地块", "parkId": "无锡高新区集成电路特色产业园", "kind": "land", "area": "53360",
         "powerCapacity": "10000", "salePrice": "16000", "availableFrom": ahead(120), "status": "available", "note": "工业用地，约 80 亩"],
        ["code": "KJ-LT-001", "name": "零碳园 2 号厂房", "parkId": "零碳科技产业园", "kind": "factory", "area": "12000",
         "floorLoad": "50", "clearHeight": "12", "powerCapacity": "6300", "rent": "28", "salePrice": "9600", "status": "available"],
        ["code": "KJ-LT-002", "name": "零碳园研发楼 5 层", "parkId": "零碳科技产业园", "kind": "floor", "area": "1600",
         "floorLoad": "5", "clearHeight": "3.6", "powerCapacity": "200", "rent": "45", "availableFrom": ahead(45), "status": "available"],
        ["code": "KJ-SM-001", "name": "生命园 D1 栋 GMP 厂房", "parkId": "无锡高新区生命健康产业园", "kind": "factory", "area": "6500",
         "floorLoad": "20", "clearHeight": "7.5", "powerCapacity": "2000", "rent": "42", "status": "reserved"],
        ["code": "KJ-SM-002", "name": "生命园研发楼 8 层", "parkId": "无锡高新区生命健康产业园", "kind": "floor", "area": "2200",
         "floorLoad": "6", "clearHeight": "3.8", "powerCapacity": "400", "rent": "52", "status": "available"],
        ["code": "KJ-FH-001", "name": "孵化中心 6 层共享办公", "parkId": "无锡高新区创新创业孵化中心", "kind": "floor", "area": "800",
         "floorLoad": "3", "clearHeight": "3.2", "powerCapacity": "100", "rent": "35", "status": "available"],
        ["code": "KJ-HJW-001", "name": "黄金湾科创园 1 号楼", "parkId": "黄金湾科创园", "kind": "floor", "area": "9000",
         "floorLoad": "4", "clearHeight": "4.2", "powerCapacity": "800", "rent": "30", "availableFrom": ahead(30), "status": "available"],
        ["code": "KJ-HJW-002", "name": "黄金湾 B-07 地块", "parkId": "黄金湾科创园", "kind": "land", "area": "33350",
         "powerCapacity": "5000", "salePrice": "8000", "status": "occupied"],
    ]

    static let needs: [[String: String]] = [
        ["code": "XQ-2026-001", "name": "车规级功率芯片项目厂房需求", "projectId": "车规级功率芯片项目", "owningUnitId": "ZS-JCDL", "kind": "factory",
         "areaMin": "4000", "areaMax": "8000", "floorLoad": "25", "clearHeight": "8", "powerCapacity": "2000", "industry": "3972",
         "maxRent": "40", "neededBy": ahead(180)],
        ["code": "XQ-2026-002", "name": "氢能装备研发制造项目用地需求", "projectId": "氢能装备研发制造项目", "owningUnitId": "ZS-XNY", "kind": "land",
         "areaMin": "30000", "areaMax": "60000", "powerCapacity": "4000", "industry": "3825", "maxPrice": "15000", "neededBy": ahead(240)],
    ]

    static let scenarios: [[String: String]] = [
        ["code": "CJ-2025-001", "title": "12 英寸晶圆厂智能巡检机器人应用场景", "owningUnitId": "集成电路产业专班", "clusterId": "集成电路",
         "need": "面向 12 英寸晶圆厂洁净车间，征集可自主导航、识别设备异常与泄漏的智能巡检机器人方案，需满足 Class 100 洁净要求，首批部署 10 台。",
         "budget": "800", "publishedOn": "2025-02-04", "deadline": ahead(60), "status": "open", "publicContact": "集成电路产业专班 0510-8521 1001"],
        ["code": "CJ-2025-002", "title": "医学影像 AI 辅助诊断多中心验证场景", "owningUnitId": "生命健康产业专班", "clusterId": "生命健康",
         "need": "开放区内三家医院的影像数据脱敏环境，征集肺结节、骨折等 AI 辅助诊断产品开展多中心临床验证。",
         "budget": "500", "publishedOn": "2025-02-04", "deadline": ahead(45), "status": "open", "publicContact": "生命健康产业专班 0510-8521 1002"],
        ["code": "CJ-2025-003", "title": "园区分布式光伏与储能协同调度场景", "owningUnitId": "高端装备及新能源产业专班", "clusterId": "高端装备及新能源",
         "need": "零碳科技产业园 20 MW 屋顶光伏与 10 MWh 储能，征集源网荷储一体化调度平台及运营方案。",
         "budget": "1200", "publishedOn": "2025-02-04", "deadline": ahead(90), "status": "open", "publicContact": "高端装备及新能源产业专班 0510-8521 1003"],
        ["code": "CJ-2024-006", "title": "低空物流无人机园区配送场景", "owningUnitId": "未来产业专班", "clusterId": "未来产业",
         "need": "园区内医药冷链与快递末端配送无人机航线试点。", "budget": "300", "publishedOn": "2024-06-01", "deadline": "2024-08-31",
         "status": "delivered", "evaluationScore": "4", "evaluation": "航线稳定运行三个月，配送时效提升约 40%；冷链温控记录需完善。"],
    ]

    static let applications: [[String: String]] = [
        ["code": "SQ-2025-0001", "scenarioId": "CJ-2025-001", "companyName": "无锡智巡机器人科技有限公司", "creditCode": DemoEnterpriseData.creditCode(division: "320214", serial: 9_100_001),
         "contactName": "许工", "contactPhone": "13900001111", "proposal": "基于激光 SLAM 与多光谱识别的洁净室巡检机器人，已在两家 8 英寸厂部署。",
         "status": "shortlisted", "reviewNote": "技术路线可行，安排现场测试"],
        ["code": "SQ-2025-0002", "scenarioId": "CJ-2025-002", "companyName": "江苏影联医疗科技有限公司", "creditCode": DemoEnterpriseData.creditCode(division: "320213", serial: 9_100_002),
         "contactName": "林博士", "contactPhone": "0510-8566 7788", "email": "lin@example.com", "proposal": "肺结节 AI 已获二类证，可在三个月内完成多中心部署。",
         "status": "submitted"],
    ]
}
