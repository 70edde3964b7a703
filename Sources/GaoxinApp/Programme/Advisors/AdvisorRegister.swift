/// 产业生态发展顾问: the experts and entrepreneurs the zone engages as industrial-ecosystem advisors
/// (seed 000: "聘请了9名专家、企业家担任高新区产业生态发展顾问") — their field, where they work,
/// the clusters they advise, and their term.
extension RegisterDeclaration {
    static let advisors: RegisterDeclaration = RegisterDeclaration(
        key: "advisors", table: "advisors", entity: "advisor", schemaName: "Advisor", titleZh: "产业生态发展顾问", titleEn: "Advisors",
        fields: [
            RegisterField(key: "name", zh: "姓名", en: "Name", kind: .text(max: 50), required: true, unique: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "field", zh: "领域", en: "Field", kind: .text(max: 100), searchable: true, listed: true),
            RegisterField(key: "organisation", zh: "工作单位", en: "Organisation", kind: .text(max: 100), searchable: true, listed: true),
            RegisterField(key: "title", zh: "职务/职称", en: "Position/title", kind: .text(max: 50)),
            RegisterField(key: "clusterIds", zh: "联系集群", en: "Clusters advised", kind: .references(.cluster), filterable: true),
            RegisterField(key: "termFrom", zh: "聘期起", en: "Term from", kind: .date, sortable: true),
            RegisterField(key: "termTo", zh: "聘期止", en: "Term to", kind: .date),
            .responsibleUnit(),
            .note(max: 1000),
        ],
        nameField: "name", importKey: "name", policy: Policies.programme, ownership: .unitField("owningUnitId"),
        rules: [.notBefore("termTo", "termFrom", zh: "聘期止不能早于聘期起", en: "The term cannot end before it starts")],
        // Illustrative people: 某某-style placeholder names (as news reports anonymise); seed 000
        // names neither the nine advisors nor their term, so fields, posts and the three-year term
        // from the 2024-03-05 meeting are invented. Employers of the entrepreneurs are demo
        // enterprises (DemoEnterpriseData); the unit is the demo cluster office (DemoData).
        demoRows: [
            ["name": "赵某某", "field": "集成电路设计与制造", "organisation": "江南大学", "title": "教授", "clusterIds": "集成电路",
             "termFrom": "2024-03-05", "termTo": "2027-03-04", "owningUnitId": "GX-JQB"],
            ["name": "钱某某", "field": "生物医药", "organisation": "新吴宏通生物医药有限公司", "title": "董事长", "clusterIds": "生命健康",
             "termFrom": "2024-03-05", "termTo": "2027-03-04", "owningUnitId": "GX-JQB"],
            ["name": "孙某某", "field": "新能源与储能", "organisation": "新吴恒泰锂电有限公司", "title": "总经理", "clusterIds": "高端装备及新能源",
             "termFrom": "2024-03-05", "termTo": "2027-03-04", "owningUnitId": "GX-JQB"],
            ["name": "周某某", "field": "特钢与高温合金材料", "organisation": "江阴华芯特钢有限公司", "title": "首席技术官", "clusterIds": "特钢新材料",
             "termFrom": "2024-03-05", "termTo": "2027-03-04", "owningUnitId": "GX-JQB"],
            ["name": "吴某某", "field": "产业经济与园区规划", "organisation": "东南大学", "title": "研究员",
             "clusterIds": "未来产业、集成电路", "termFrom": "2024-03-05", "termTo": "2027-03-04", "owningUnitId": "GX-JQB",
             "note": "联系两个集群，参与未来产业新赛道研判（示例）"],
        ]
    )
}
