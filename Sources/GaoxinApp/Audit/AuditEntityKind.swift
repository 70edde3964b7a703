import GaoxinDomain

/// A kind of record the audit log writes (`audit_log.entity`): its name in both languages, the
/// English noun a summary uses, and the labels of its snapshot's fields in their DTO's order.
/// Every `entity:` an `AuditLog.record` call (or a bulk writer) passes is listed here: the kinds
/// kept in models of their own by hand, every declared register's from its declaration.
struct AuditEntityKind: Sendable {
    struct Field: Sendable {
        let key: String
        let zh: String
        let en: String
    }

    let value: String
    let zh: String
    let en: String
    /// In an English sentence: "Updated <noun> <name>".
    let noun: String
    let fields: [Field]

    static func find(_ value: String) -> AuditEntityKind? { all.first { $0.value == value } }

    /// The field's label in the page language; a key the table lacks reads as itself.
    func label(_ key: String, _ lang: UILanguage) -> String {
        if let field = fields.first(where: { $0.key == key }) { return lang.t(field.zh, field.en) }
        return key
    }

    private static func f(_ key: String, _ zh: String, _ en: String) -> Field { Field(key: key, zh: zh, en: en) }
    private static let id = f("id", "ID", "ID")
    private static let active = f("active", "启用", "Active")
    private static let note = f("note", "备注", "Note")
    private static let sortOrder = f("sortOrder", "排序号", "Sort order")

    static let all: [AuditEntityKind] = fixed + Registers.declared.map(AuditEntityKind.init(register:))

    private static let fixed: [AuditEntityKind] = [
        AuditEntityKind(value: "api_token", zh: "API 令牌", en: "API token", noun: "API token", fields: [
            id, f("name", "令牌名称", "Token name"), f("prefix", "前缀", "Prefix"), f("readOnly", "只读", "Read-only"),
            f("createdAt", "创建时间", "Created"), f("lastUsedAt", "最近使用", "Last used"), f("revokedAt", "吊销时间", "Revoked"),
        ]),
        AuditEntityKind(value: "enterprise_indicator", zh: "企业月度指标", en: "Monthly figures", noun: "monthly figures",
                        fields: [f("enterpriseId", "企业 ID", "Enterprise id"), f("period", "月份", "Month")]
                            + IndicatorWrites.figures.map { f($0.key, $0.zh, $0.en) }),
        AuditEntityKind(value: "enterprise_qualification", zh: "企业资质", en: "Qualification", noun: "qualification", fields: [
            id, f("enterpriseId", "企业 ID", "Enterprise id"), f("kind", "资质类型代码", "Kind code"), f("kindName", "资质类型", "Kind"),
            f("grantedOn", "认定日期", "Granted on"), f("expiresOn", "有效期至", "Expires on"), note, f("valid", "有效", "Valid"),
        ]),
        AuditEntityKind(value: ClusterFigureWrites.entity, zh: "集群月度规上营收（填报）", en: "Cluster month (reported)", noun: "cluster month", fields: [
            f("clusterId", "产业集群 ID", "Cluster id"), f("period", "月份", "Month"), f("revenue", "规上营收（万元）", "Revenue (10k yuan)"), note,
        ]),
        AuditEntityKind(value: PeriodClose.entity, zh: "关账", en: "Period close", noun: "period", fields: [
            f("month", "月份", "Month"), f("reason", "重新开账原因", "Reason for reopening"),
        ]),
        AuditEntityKind(value: BulletinIssue.entity, zh: "通报", en: "Bulletin", noun: "bulletin", fields: [
            f("month", "月份", "Month"), f("number", "期号", "Number"), f("issuer", "发文单位", "Issuer"), f("final", "据已关账数据", "From a closed month"),
        ]),
        AuditEntityKind(value: ClusterStructureWrites.entity, zh: "集群体系", en: "Cluster structure", noun: "cluster structure", fields: [
            id, f("name", "体系名称", "Name"), f("unitId", "归属单位 ID", "Unit id"), f("unitName", "归属单位", "Unit"), note, sortOrder, active, f("groups", "分组", "Groups"),
        ]),
        AuditEntityKind(value: ChecklistWrites.entryEntity, zh: "机制清单填报", en: "Checklist entry", noun: "checklist entry", fields: [
            f("clusterId", "产业集群 ID", "Cluster id"), f("itemId", "清单项目 ID", "Item id"), f("itemName", "清单项目", "Item"), f("status", "状态", "Status"),
            f("unitId", "指定单位 ID", "Unit id"), note,
        ]),
        AuditEntityKind(value: ChecklistWrites.templateEntity, zh: "机制清单模板", en: "Checklist template", noun: "checklist template", fields: [
            id, f("name", "清单名称", "Name"), note, f("locked", "内置", "Built in"), active, f("items", "项目", "Items"),
        ]),
        AuditEntityKind(value: "chain", zh: "产业链", en: "Chain", noun: "chain", fields: [
            id, f("clusterId", "产业集群 ID", "Cluster id"), f("name", "产业链名称", "Name"),
            f("minEnterprises", "环节企业数门槛（家）", "Enterprises per node at least"),
            f("minRevenue", "环节近 12 个月营收门槛（万元）", "Node revenue, last 12 months, at least (10k yuan)"),
            f("requireBackbone", "须有骨干及以上企业", "Needs a backbone enterprise or above"),
        ] + LeaderWeights.Criterion.allCases.map { f("leaderWeights.\($0.rawValue)", "链主权重：" + $0.nameZh, "Leader weight: " + $0.nameEn) }
          + [active, note]),
        AuditEntityKind(value: "chain_node", zh: "产业链环节", en: "Chain node", noun: "chain node", fields: [
            id, f("chainId", "产业链 ID", "Chain id"), f("parentId", "上级环节 ID", "Parent node id"), f("segment", "环节位置", "Segment"),
            f("name", "环节名称", "Name"), f("industryCodes", "行业代码", "Industry codes"), f("products", "关键产品与技术", "Products"), sortOrder,
        ]),
        AuditEntityKind(value: "chain_node_enterprise", zh: "产业链环节关联", en: "Chain-node link", noun: "chain-node link", fields: [
            f("nodeId", "环节 ID", "Node id"), f("nodeName", "环节", "Node"), f("enterpriseId", "企业 ID", "Enterprise id"), f("enterpriseName", "企业", "Enterprise"),
        ]),
        AuditEntityKind(value: "chain_leader_decision", zh: "链主遴选", en: "Chain-leader decision", noun: "chain-leader decision", fields: [
            id, f("chainId", "产业链 ID", "Chain id"), f("enterpriseId", "企业 ID", "Enterprise id"), f("enterpriseName", "企业", "Enterprise"),
            f("tier", "定为层级", "Tier set"), f("previousTier", "原层级", "Previous tier"), f("reason", "决定理由", "Reason"),
            f("decidedAt", "决定时间", "Decided at"), f("decidedByName", "决定人", "Decided by"),
        ]),
        AuditEntityKind(value: "complexity_dataset", zh: "产业复杂度数据集", en: "Complexity dataset", noun: "complexity dataset", fields: [
            id, f("name", "数据集名称", "Name"), f("measure", "指标", "Measure"), f("rowCount", "行数", "Rows"), f("years", "年份", "Years"),
            f("source", "来源", "Source"), f("description", "说明", "Description"), f("createdAt", "创建时间", "Created"),
        ]),
        AuditEntityKind(value: "enterprise_custom_figure", zh: "企业自定义指标", en: "Zone-defined figure", noun: "zone-defined figure", fields: [
            f("value", "数值", "Value"),
        ]),
        AuditEntityKind(value: "import", zh: "导入", en: "Import", noun: "import", fields: [
            f("file", "文件", "File"), f("sha256", "文件 SHA-256", "File SHA-256"), f("bytes", "字节数", "Bytes"), f("rows", "数据行数", "Rows"),
            f("written", "写入条数", "Records written"), f("unchanged", "未改动行数", "Rows unchanged"),
        ]),
        AuditEntityKind(value: "backup", zh: "备份", en: "Backup", noun: "backup", fields: []),
    ]
}

extension AuditEntityKind {
    /// A declared register's kind: its title, and its snapshot's (`RegisterDTO`) fields with the
    /// labels the declaration gives them, a reference's name beside its id.
    init(register declaration: RegisterDeclaration) {
        var fields = [Self.id, Self.active]
        if let limit = declaration.timeLimit { fields.append(Field(key: limit.key, zh: limit.labelZh, en: limit.labelEn)) }
        if declaration.tree != nil { fields += [Field(key: "path", zh: "路径", en: "Path"), Field(key: "depth", zh: "层级", en: "Depth")] }
        for field in declaration.shownFields {
            fields.append(Field(key: field.key, zh: field.headingZh, en: field.headingEn))
            if let nameKey = RegisterDTO.nameKey(field) { fields.append(Field(key: nameKey, zh: field.zh + "（名称）", en: field.en + " (name)")) }
        }
        // “ProjectInvestment” → “project investment”
        let noun = declaration.schemaName.reduce(into: "") { text, character in
            if character.isUppercase, !text.isEmpty { text.append(" ") }
            text.append(character.lowercased())
        }
        // The kind beside a record's name is singular in English (“Cluster 集成电路”), as the noun is.
        self.init(value: declaration.entity, zh: declaration.titleZh, en: noun.prefix(1).uppercased() + noun.dropFirst(), noun: noun, fields: fields)
    }
}
