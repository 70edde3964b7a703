import Fluent
import Foundation
import GaoxinDomain
import SQLKit

/// Illustrative enterprises of the eight boards with a year of monthly figures, so the register,
/// its lists and the complexity matrix built from the zone's own data have something to show.
/// Names and figures are made up (each board leans to the industries the seeds give it); the
/// credit codes are well-formed but belong to no real company.
enum DemoEnterpriseData {
    struct Industry {
        let code: String
        let word: String
    }

    static let industries: [String: Industry] = [
        "3130": Industry(code: "3130", word: "特钢"), "1711": Industry(code: "1711", word: "纺织"), "2614": Industry(code: "2614", word: "化工"),
        "3591": Industry(code: "3591", word: "环保装备"), "3831": Industry(code: "3831", word: "电缆"), "3071": Industry(code: "3071", word: "陶瓷"),
        "6513": Industry(code: "6513", word: "软件"), "3670": Industry(code: "3670", word: "汽车部件"), "3441": Industry(code: "3441", word: "泵阀"),
        "3825": Industry(code: "3825", word: "光伏"), "3581": Industry(code: "3581", word: "医疗器械"), "3973": Industry(code: "3973", word: "集成电路"),
        "3562": Industry(code: "3562", word: "半导体装备"), "2761": Industry(code: "2761", word: "生物医药"), "3841": Industry(code: "3841", word: "锂电"),
        "3919": Industry(code: "3919", word: "智能终端"),
    ]

    /// Board code → (administrative division code for the credit code, industries and their weight).
    static let boards: [(code: String, division: String, mix: [(String, Int)])] = [
        ("JY", "320281", [("3130", 9), ("1711", 5), ("2614", 4), ("3841", 2), ("3441", 1)]),
        ("YX", "320282", [("3591", 6), ("3831", 6), ("3071", 3), ("2614", 2)]),
        ("LX", "320213", [("6513", 6), ("3581", 2), ("1711", 1)]),
        ("XS", "320205", [("3670", 6), ("1711", 3), ("3441", 3), ("3825", 2)]),
        ("HS", "320206", [("3670", 5), ("3441", 4), ("3825", 4), ("3130", 2)]),
        ("BH", "320211", [("6513", 5), ("3581", 4), ("2761", 2)]),
        ("XW", "320214", [("3973", 8), ("3562", 5), ("2761", 4), ("3841", 4), ("3919", 3), ("3581", 2), ("6513", 2)]),
        ("JK", "320200", [("6513", 5), ("3919", 3), ("3973", 1)]),
    ]

    static let prefixes = ["恒", "华", "锦", "新", "盛", "瑞", "嘉", "远", "宏", "天", "博", "中"]
    static let suffixes = ["泰", "创", "晟", "达", "源", "科", "联", "芯", "通", "德", "誉", "拓"]
    /// The latest demo year; figures run over `years` so growth and year-on-year work everywhere.
    static let year = 2025
    static let years = 2023...2025

    /// A well-formed credit code: 91 (enterprise) + division + "MA" + 7 serial characters + check.
    static func creditCode(division: String, serial: Int) -> String {
        let first17 = "91" + division + "MA" + String(format: "%07d", serial)
        return first17 + String(CreditCode.checkCharacter(for: first17)!)
    }

    static func insert(on db: Database, now: Date) async throws {
        let units = try await OrgUnit.query(on: db).all()
        let byCode = Dictionary(units.compactMap { u in u.code.map { ($0, u) } }, uniquingKeysWith: { a, _ in a })
        let sql = db as! any SQLDatabase
        var serial = 1
        var random = DemoRandom(seed: 2025)
        for board in boards {
            guard let unit = byCode[board.code] else { continue }
            for (industryCode, weight) in board.mix {
                let industry = industries[industryCode]!
                for index in 0..<min(weight, 4) {
                    let enterprise = Enterprise()
                    enterprise.creditCode = creditCode(division: board.division, serial: serial)
                    enterprise.name = unit.name + prefixes[(serial + index) % prefixes.count] + suffixes[(serial * 7) % suffixes.count] + industry.word + "有限公司"
                    enterprise.industryCode = industry.code
                    enterprise.unitID = unit.id!
                    enterprise.aboveScale = index < 3
                    enterprise.tier = index == 0 && weight >= 5 ? EnterpriseTier.backbone.rawValue : nil
                    enterprise.active = true
                    serial += 1
                    try await enterprise.create(on: db)
                    // Monthly revenue in 万元: the board's weight for the industry sets the scale.
                    let base = Int64(weight * weight) * 900 + Int64(random.next(upTo: 2_000))
                    let insert = sql.insert(into: "enterprise_indicators")
                        .columns("enterprise_id", "period", "revenue", "output_value", "tax", "rd_expense", "employees", "invention_patents", "updated_at")
                    var months: [IndicatorDTO] = []
                    // Each enterprise grows at its own pace, 2–16 % a year (some shrink a little).
                    let growthPercent = Int64(random.next(upTo: 19)) - 3
                    for (year, month) in years.flatMap({ year in (1...12).map { (year, $0) } }) {
                        let grown = (0..<(year - years.lowerBound)).reduce(base) { value, _ in value * (100 + growthPercent) / 100 }
                        let revenue = grown + Int64(random.next(upTo: Int(grown / 5) + 1))
                        let row = EnterpriseIndicator()
                        row.enterpriseID = enterprise.id!
                        row.period = Period(year: year, month: month)!.description
                        row.revenue = revenue
                        row.outputValue = revenue * 11 / 10
                        row.tax = revenue / 25
                        row.rdExpense = revenue / 30
                        row.employees = Int(base / 40) + 20
                        row.inventionPatents = Int(base / 3_000)
                        months.append(IndicatorDTO(row))
                        insert.values(SQLBind(row.enterpriseID), SQLBind(row.period), SQLBind(row.revenue), SQLBind(row.outputValue), SQLBind(row.tax),
                                      SQLBind(row.rdExpense), SQLBind(row.employees), SQLBind(row.inventionPatents), SQLBind(now))
                    }
                    try await insert.run()
                    // Backbone enterprises are recognised high-tech enterprises (three years); the
                    // first of each industry is also a tech-based SME of the demo year.
                    var recognitions: [(Qualification, String, String?)] = []
                    if enterprise.tier != nil { recognitions.append((.highTech, "2024-11-15", "2027-11-14")) }
                    if index == 0 { recognitions.append((.techSME, "2025-04-30", "2025-12-31")) }
                    for (kind, granted, expires) in recognitions {
                        let row = EnterpriseQualification()
                        row.enterpriseID = enterprise.id!
                        row.kind = kind.rawValue
                        row.grantedOn = granted
                        row.expiresOn = expires
                        try await row.create(on: db)
                        try await AuditLog.record(on: db, at: now, actor: nil, actorName: "演示数据", address: nil, action: .create, entity: "enterprise_qualification",
                                                  entityID: "\(row.id!)", summary: "载入演示资质“\(kind.nameZh)”", before: NoSnapshot?.none,
                                                  after: QualificationDTO(row, today: QualificationWrites.today(now)))
                    }
                    try await AuditLog.record(on: db, at: now, actor: nil, actorName: "演示数据", address: nil, action: .create, entity: "enterprise",
                                              entityID: "\(enterprise.id!)", summary: "载入演示企业“\(enterprise.name)”及 \(years.lowerBound)—\(years.upperBound) 年月度指标",
                                              before: NoSnapshot?.none, after: DemoSnapshot(enterprise: enterprise.snapshot(unitName: unit.name), months: months))
                }
            }
        }
    }

    struct DemoSnapshot: Encodable {
        var enterprise: RegisterDTO
        var months: [IndicatorDTO]
    }
}

/// A small deterministic generator (SplitMix64) so the demo is the same on every machine.
struct DemoRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(upTo bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(max(bound, 1)))
    }
}
