/// 基金: seed 000's "一个基金 — 成立产业发展专项子基金，做到一产业至少一基金": each industry's
/// special sub-fund, its size in 万元, who manages it, where it stands, and the clusters it invests in.
extension RegisterDeclaration {
    static let funds: RegisterDeclaration = RegisterDeclaration(
        key: "funds", table: "funds", entity: "fund", schemaName: "Fund", titleZh: "基金", titleEn: "Funds",
        fields: [
            RegisterField(key: "name", zh: "基金名称", en: "Name", kind: .text(max: 200), required: true, unique: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "size", zh: "规模", en: "Size", kind: .money, sortable: true, listed: true, helpZh: "认缴规模", helpEn: "Committed capital"),
            RegisterField(key: "manager", zh: "管理机构", en: "Manager", kind: .text(max: 200), searchable: true, listed: true),
            RegisterField(key: "stage", zh: "阶段", en: "Stage", kind: .choice([
                RegisterChoice(value: "raising", zh: "募集中", en: "Raising"),
                RegisterChoice(value: "investing", zh: "投资期", en: "Investing"),
                RegisterChoice(value: "exiting", zh: "退出期", en: "Exiting"),
                RegisterChoice(value: "closed", zh: "已清算", en: "Closed"),
            ]), filterable: true, listed: true),
            RegisterField(key: "establishedOn", zh: "设立日期", en: "Established on", kind: .date, sortable: true, filterable: true),
            RegisterField(key: "clusterIds", zh: "投向集群", en: "Clusters invested in", kind: .references(.cluster), filterable: true),
            .responsibleUnit(filterable: true, listed: true),
            .note(),
        ],
        nameField: "name", importKey: "name", policy: Policies.programme, ownership: .unitField("owningUnitId"),
        defaultSort: "size", defaultDescending: true,
        // One fund per industry as seed 000 asks; the manager is the zone's venture-capital group
        // named in seed 002. Sizes (万元), dates and stages are illustrative, not reported figures.
        demoRows: [
            ["name": "无锡高新区集成电路产业专项子基金", "size": "200000", "manager": "无锡市高新区创业投资控股集团有限公司", "stage": "investing",
             "establishedOn": "2024-04-18", "clusterIds": "集成电路", "owningUnitId": "金融保障专班"],
            ["name": "无锡高新区生命健康产业专项子基金", "size": "100000", "manager": "无锡市高新区创业投资控股集团有限公司", "stage": "investing",
             "establishedOn": "2024-06-06", "clusterIds": "生命健康", "owningUnitId": "金融保障专班"],
            ["name": "无锡高新区高端装备及新能源产业专项子基金", "size": "150000", "manager": "无锡市高新区创业投资控股集团有限公司", "stage": "raising",
             "establishedOn": "2024-09-20", "clusterIds": "高端装备及新能源", "owningUnitId": "金融保障专班"],
            ["name": "无锡高新区特钢新材料产业专项子基金", "size": "50000", "manager": "无锡市高新区创业投资控股集团有限公司", "stage": "raising",
             "clusterIds": "特钢新材料", "owningUnitId": "特钢新材料产业专班", "note": "募集中，设立日期待定。"],
            ["name": "无锡高新区未来产业天使基金", "size": "30000", "manager": "无锡市高新区创业投资控股集团有限公司", "stage": "investing",
             "establishedOn": "2024-11-08", "clusterIds": "未来产业、集成电路", "owningUnitId": "GX-JQB",
             "note": "投早投小，培育耐心资本、长期资本、大胆资本。"],
            ["name": "无锡高新区科技创新创业投资基金（一期）", "size": "20000", "manager": "无锡市高新区创业投资控股集团有限公司", "stage": "closed",
             "establishedOn": "2015-12-01", "owningUnitId": "GX-JQB"],
        ]
    )
}
