/// 线索来源 (SPEC §2.4): where attraction leads come from — 产业链招商, 基金招商, 以商引商, 场景招商,
/// 展会, 海外中心, 异地创新中心 — kept as data so a zone adds its own without a release.
extension RegisterTarget {
    static let leadSource = RegisterTarget.register("lead_sources", zh: "线索来源", en: "Lead source", nameColumn: "name", path: "/lead-sources")
}

extension RegisterDeclaration {
    static let leadSources: RegisterDeclaration = RegisterDeclaration(
        key: "lead-sources", table: "lead_sources", entity: "lead_source", schemaName: "LeadSource",
        titleZh: "线索来源", titleEn: "Lead sources",
        fields: [
            RegisterField(key: "name", zh: "来源名称", en: "Name", kind: .text(max: 50), required: true, unique: true, searchable: true, sortable: true, listed: true,
                          helpZh: "导入按名称更新", helpEn: "An import updates by this name"),
            .note(max: 500),
        ],
        nameField: "name", importKey: "name", policy: Policies.officeRegisters, ownership: .officeOnly,
        demoRows: ["产业链招商", "基金招商", "以商引商", "场景招商", "展会", "海外中心", "异地创新中心"].map { ["name": $0] }
    )
}
