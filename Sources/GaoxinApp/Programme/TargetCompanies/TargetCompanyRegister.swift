/// 招商目标企业 (seed 001's 四张清单: 目标企业清单): a company the zone wants to bring in, the chain
/// node it would fill or strengthen, where the lead came from and why it is a target. Shown on the
/// chain map beside the node's local enterprises and in the cluster's four lists. A lead department
/// keeps its own cluster's targets (ownership through the node's cluster, `chain_node_owners`);
/// the responsible unit is who follows the company up.
extension RegisterTarget {
    /// A chain node, named "产业链／环节" (`chain_node_names`, a view over nodes and their chains:
    /// active while the chain is).
    static let chainNode = RegisterTarget(table: "chain_node_names", zh: "产业链环节", en: "Chain node", nameColumn: "name", alternateColumns: [], isUnit: false)
}

extension RegisterDeclaration {
    static let targetCompanies: RegisterDeclaration = RegisterDeclaration(
        key: "target-companies", table: "target_companies", entity: "target_company", schemaName: "TargetCompany",
        titleZh: "招商目标企业", titleEn: "Target companies",
        fields: [
            RegisterField(key: "name", zh: "企业名称", en: "Company", kind: .text(max: 200), required: true, unique: true, searchable: true, sortable: true, listed: true,
                          helpZh: "导入按企业名称更新", helpEn: "An import updates by this name"),
            RegisterField(key: "creditCode", zh: "统一社会信用代码", en: "Credit code", kind: .creditCode, searchable: true,
                          helpZh: "境内企业填写；境外企业可空", helpEn: "For a company registered in China; empty for one abroad"),
            RegisterField(key: "chainNodeId", zh: "产业链环节", en: "Chain node", kind: .reference(.chainNode), required: true, filterable: true, listed: true,
                          helpZh: "写作“产业链／环节”，如 集成电路产业链／半导体材料", helpEn: "Written “chain／node”"),
            RegisterField(key: "region", zh: "所在地区", en: "Region", kind: .text(max: 100), searchable: true, listed: true,
                          helpZh: "如 上海、深圳、日本东京", helpEn: "e.g. Shanghai, Tokyo"),
            RegisterField(key: "source", zh: "线索来源", en: "Lead source", kind: .choice([
                RegisterChoice(value: "chain_leader", zh: "链主推荐", en: "Chain leader's referral"),
                RegisterChoice(value: "staff", zh: "招商专员", en: "Attraction staff"),
                RegisterChoice(value: "overseas", zh: "海外及异地中心", en: "Overseas or remote centre"),
                RegisterChoice(value: "agency", zh: "中介机构", en: "Agency"),
                RegisterChoice(value: "event", zh: "展会活动", en: "Event"),
                RegisterChoice(value: "other", zh: "其他", en: "Other"),
            ]), filterable: true, listed: true),
            RegisterField(key: "reason", zh: "目标理由", en: "Why a target", kind: .note(max: 1000), searchable: true,
                          helpZh: "补哪个缺失环节、强哪个薄弱环节", helpEn: "Which gap it fills or weak node it strengthens"),
            .responsibleUnit(filterable: true, listed: true),
        ],
        nameField: "name", importKey: "name", policy: Policies.programme, ownership: .referencedUnit(field: "chainNodeId", table: "chain_node_owners"),
        // Illustrative companies for the demo chip chain's missing and weak nodes; not real targets.
        demoRows: [
            ["name": "上海芯源光刻材料有限公司", "chainNodeId": "集成电路产业链／半导体材料", "region": "上海", "source": "chain_leader",
             "reason": "补链：本地缺少光刻胶与电子特气企业", "owningUnitId": "ZS-JCDL"],
            ["name": "深圳微纳设计技术有限公司", "chainNodeId": "集成电路产业链／芯片设计", "region": "深圳", "source": "staff",
             "reason": "补链：芯片设计环节本地企业不足", "owningUnitId": "ZS-JCDL"],
            ["name": "东京精密半导体装备株式会社", "chainNodeId": "集成电路产业链／半导体装备", "region": "日本东京", "source": "overseas",
             "reason": "强链：检测设备配套", "owningUnitId": "HW-TOKYO"],
        ]
    )
}
