import GaoxinDomain

/// 产业集群 (SPEC §2.2), declared: the registry's fields, list, forms, API, import and export come
/// from here like every register's. What only a cluster has — its figures against the target, its
/// chains, its checklists and four lists — are sections of its page (`ClusterSections`) and
/// routes of their own (`ClusterRoutes`). The office keeps the registry; the lead department
/// (牵头部门) keeps the cluster's chains, figures and checklist (`ClusterOwnership`).
extension RegisterDeclaration {
    static let clusters: RegisterDeclaration = RegisterDeclaration(
        key: "clusters", table: "clusters", entity: "cluster", schemaName: "Cluster", titleZh: "产业集群", titleEn: "Clusters",
        fields: [
            // Unique among all clusters, deactivated ones too: figures files and other registers name a cluster by it.
            RegisterField(key: "name", zh: "集群名称", en: "Name", kind: .text(max: 100), required: true, unique: true, uniqueAmongAll: true,
                          searchable: true, sortable: true, listed: true, helpZh: "已有名称的导入行将更新该集群", helpEn: "An import row with an existing name updates that cluster"),
            RegisterField(key: "category", zh: "集群类别", en: "Category", kind: .choice(ClusterCategory.allCases.map {
                // The short names (优势产业) are how departments write them in their files.
                RegisterChoice(value: $0.rawValue, zh: $0.nameZh, en: $0.nameEn, aliases: [String($0.nameZh.prefix { $0 != "（" })])
            }), required: true, sortable: true, filterable: true, listed: true, headingAliases: ["类别"]),
            RegisterField(key: "leadUnitId", zh: "牵头部门", en: "Lead unit", kind: .reference(.unit), required: true, filterable: true, listed: true,
                          helpZh: "维护该集群产业链、营收与机制清单的单位", helpEn: "The unit that keeps the cluster's chains, figures and checklist"),
            RegisterField(key: "liaisonLeader", zh: "挂钩领导", en: "Liaison leader", kind: .text(max: 100), searchable: true, listed: true),
            RegisterField(key: "annualTarget", zh: "年度营收目标", en: "Annual revenue target", kind: .money, sortable: true, listed: true,
                          headingAliases: ["Annual target (10k yuan)"]),
            RegisterField(key: "figuresSource", zh: "营收口径", en: "Figures source", kind: .choice(ClusterFiguresSource.allCases.map {
                RegisterChoice(value: $0.rawValue, zh: $0.nameZh, en: $0.nameEn, aliases: [String($0.nameZh.prefix { $0 != "（" })])
            }), filterable: true, helpZh: "空为企业汇总", helpEn: "Empty means summed from enterprises", whenEmpty: .text(ClusterFiguresSource.bottomUp.rawValue)),
            RegisterField(key: "sortOrder", zh: "排序号", en: "Sort order", kind: .integer(min: Int64(InputLimits.sortOrder.lowerBound), max: Int64(InputLimits.sortOrder.upperBound)),
                          sortable: true, helpZh: "集群在各处列出的先后，小的在前", helpEn: "Order clusters are listed in, smallest first", whenEmpty: .integer(0)),
            .note(),
        ],
        nameField: "name", importKey: "name", policy: Policies.clusterRegistry, ownership: .unitField("leadUnitId"),
        defaultSort: "sortOrder",
        listLinks: [RegisterLink(zh: "集群体系（如“465”）与合计", en: "Cluster structures and totals", path: Site.clusterStructures)],
        // The hand-written list's export (before the registry was declared) also showed each cluster's chains.
        exportOnlyHeadings: ["产业链", "Chains"]
    )
}
