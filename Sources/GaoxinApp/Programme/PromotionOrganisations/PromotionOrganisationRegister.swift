/// 促进组织: seed 001's 集群促进组织建设 — "一个产业一批促进组织", associations, alliances, institutes and
/// service agencies that monitor a cluster, connect its firms and do its research — with the clusters each serves.
extension RegisterDeclaration {
    static let promotionOrganisations: RegisterDeclaration = RegisterDeclaration(
        key: "promotion-organisations", table: "promotion_organisations", entity: "promotion_organisation", schemaName: "PromotionOrganisation",
        titleZh: "促进组织", titleEn: "Promotion organisations",
        fields: [
            RegisterField(key: "name", zh: "组织名称", en: "Name", kind: .text(max: 200), required: true, unique: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "kind", zh: "类型", en: "Kind", kind: .choice([
                RegisterChoice(value: "association", zh: "行业协会", en: "Trade association"),
                RegisterChoice(value: "alliance", zh: "产业联盟", en: "Industry alliance"),
                RegisterChoice(value: "institute", zh: "研究院所", en: "Research institute"),
                RegisterChoice(value: "serviceAgency", zh: "服务机构", en: "Service agency"),
            ]), filterable: true, listed: true),
            RegisterField(key: "clusterIds", zh: "服务集群", en: "Clusters served", kind: .references(.cluster), filterable: true),
            RegisterField(key: "contact", zh: "联系人", en: "Contact", kind: .text(max: 50)),
            RegisterField(key: "phone", zh: "联系电话", en: "Phone", kind: .code(max: 30)),
            RegisterField(key: "establishedOn", zh: "成立日期", en: "Established on", kind: .date),
            .responsibleUnit(),
            .note(),
        ],
        nameField: "name", importKey: "name", policy: Policies.programme, ownership: .unitField("owningUnitId"),
        // The promotion centre is the demo unit CJ-KJCX (seed 002); the others follow the kinds of
        // organisation seed 001 names (促进中心, 促进会, 联合会) and the zone's research centre of
        // seed 002. Contacts, phone numbers and dates are illustrative.
        demoRows: [
            ["name": "无锡高新区科技创新促进中心", "kind": "serviceAgency", "clusterIds": "集成电路、生命健康、高端装备及新能源、特钢新材料、未来产业",
             "contact": "陈经理", "phone": "0510-8520 0001", "establishedOn": "2021-07-01", "owningUnitId": "CJ-KJCX"],
            ["name": "无锡高新区集成电路产业联盟", "kind": "alliance", "clusterIds": "集成电路", "contact": "李秘书长", "phone": "0510-8520 0002",
             "establishedOn": "2022-05-18", "owningUnitId": "集成电路产业专班"],
            ["name": "无锡高新区生物医药产业发展促进中心", "kind": "serviceAgency", "clusterIds": "生命健康", "contact": "王主任",
             "phone": "0510-8520 0003", "establishedOn": "2024-04-10", "owningUnitId": "生命健康产业专班"],
            ["name": "无锡高新区高端装备产业促进会", "kind": "association", "clusterIds": "高端装备及新能源", "contact": "张秘书长",
             "phone": "0510-8520 0004", "establishedOn": "2024-06-21", "owningUnitId": "高端装备及新能源产业专班"],
            ["name": "无锡高新区新材料产业联合会", "kind": "association", "clusterIds": "特钢新材料", "contact": "周秘书长",
             "phone": "0510-8520 0005", "establishedOn": "2024-08-08", "owningUnitId": "特钢新材料产业专班"],
            ["name": "无锡高新区新质生产力研究中心", "kind": "institute", "clusterIds": "未来产业", "contact": "赵研究员",
             "phone": "0510-8520 0006", "owningUnitId": "GX-JQB", "note": "承担集群发展监测、规划研究。"],
        ]
    )
}
