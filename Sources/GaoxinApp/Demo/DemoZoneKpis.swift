/// The demo zone's indicator system: the 国家高新区 evaluation's indicators the registers can
/// compute, a few entered ones, and seed 003's kind of board targets (科创载体 万平方米, 引进大学生
/// 万人). Targets and entered values are illustrative, scaled to the demo's hundred enterprises.
enum DemoZoneKpis {
    static let indicators: [[String: String]] = [
        kpi("ZB-01", "有效高新技术企业", "innovation", "firms", "highTechEnterprises", cumulative: false),
        kpi("ZB-02", "企业研发投入强度", "innovation", "percent", "rdIntensity", cumulative: false),
        kpi("ZB-03", "企业万人发明专利拥有量", "innovation", "perTenThousand", "patentsPerTenThousandEmployees", cumulative: false),
        kpi("ZB-04", "省级以上创新平台", "innovation", "items", "provincialPlatforms", cumulative: false),
        kpi("ZB-05", "省级以上孵化器", "innovation", "items", "entered", cumulative: false, note: "园区与载体登记上线后改为自动计算"),
        kpi("ZB-06", "规上企业营业收入", "structure", "yi", "aboveScaleRevenue", cumulative: true),
        kpi("ZB-07", "专精特新“小巨人”企业", "structure", "firms", "littleGiants", cumulative: false),
        kpi("ZB-08", "绿色工厂", "green", "items", "entered", cumulative: false),
        kpi("ZB-09", "新设外资企业", "openness", "firms", "entered", cumulative: true),
        kpi("ZB-10", "新签约项目总投资", "annual", "yi", "signedInvestment", cumulative: true),
        kpi("ZB-11", "新签约超10亿元项目", "annual", "items", "majorProjectsSigned", cumulative: true),
        kpi("ZB-12", "建成投用科创载体", "annual", "tenThousandSquareMetres", "entered", cumulative: true),
        kpi("ZB-13", "引进大学生", "annual", "tenThousandPersons", "entered", cumulative: true),
        kpi("ZB-14", "引进高层次人才", "annual", "persons", "talentsIntroduced", cumulative: true),
    ]

    static let targets: [[String: String]] = figures(prefix: "ZBMB", field: "target", [
        ("ZB-01", ["2024": "3", "2025": "4"]), ("ZB-02", ["2024": "3.2", "2025": "3.4"]), ("ZB-03", ["2024": "150", "2025": "160"]),
        ("ZB-04", ["2024": "2", "2025": "3"]), ("ZB-05", ["2024": "5", "2025": "6"]), ("ZB-06", ["2024": "110", "2025": "130"]),
        ("ZB-07", ["2025": "2"]), ("ZB-08", ["2025": "4"]), ("ZB-09", ["2025": "12"]), ("ZB-10", ["2025": "450"]),
        ("ZB-11", ["2025": "18"]), ("ZB-12", ["2024": "60", "2025": "80"]), ("ZB-13", ["2024": "1.4", "2025": "1.6"]), ("ZB-14", ["2025": "5"]),
    ])

    static let values: [[String: String]] = figures(prefix: "ZBTB", field: "value", [
        ("ZB-05", ["2023": "4", "2024": "5", "2025": "6"]), ("ZB-08", ["2023": "2", "2024": "3", "2025": "3"]),
        ("ZB-09", ["2023": "9", "2024": "11", "2025": "13"]), ("ZB-12", ["2023": "52.5", "2024": "63.8", "2025": "71.2"]),
        ("ZB-13", ["2023": "1.21", "2024": "1.45", "2025": "1.52"]),
    ])

    private static func kpi(_ code: String, _ name: String, _ category: String, _ measure: String, _ source: String, cumulative: Bool, note: String? = nil) -> [String: String] {
        var row = ["code": code, "name": name, "category": category, "measure": measure, "source": source, "cumulative": cumulative ? "是" : "否"]
        row["note"] = note
        return row
    }

    /// One row per indicator and year, numbered by year and indicator (ZBMB-2025-01).
    private static func figures(prefix: String, field: String, _ lines: [(code: String, byYear: [String: String])]) -> [[String: String]] {
        lines.flatMap { line in
            line.byYear.keys.sorted().map { year in
                var row = ["code": "\(prefix)-\(year)-\(line.code.suffix(2))", "kpiId": line.code, "year": year, field: line.byYear[year]!]
                if field == "value" { row["basis"] = "示例数据" }
                return row
            }
        }
    }
}
