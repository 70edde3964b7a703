/// 入驻企业: an enterprise in a park — since when, and whether it is incubated there (在孵). One
/// active record per enterprise: a move to another park deactivates the old one. The park's page
/// and the enterprise's page list them; the park's operator keeps them.
extension RegisterDeclaration {
    static let parkTenants: RegisterDeclaration = RegisterDeclaration(
        key: "park-tenants", table: "park_tenants", entity: "park_tenant", schemaName: "ParkTenant", titleZh: "入驻企业", titleEn: "Park tenants",
        fields: [
            RegisterField(key: "code", zh: "入驻编号", en: "Tenancy number", kind: .code(max: 50), required: true, unique: true, searchable: true, sortable: true, listed: true,
                          helpZh: "如 RZ-2025-001", helpEn: "e.g. RZ-2025-001"),
            RegisterField(key: "enterpriseId", zh: "企业", en: "Enterprise", kind: .reference(.enterprise), required: true, unique: true, filterable: true, listed: true,
                          helpZh: "企业名称或统一社会信用代码；一家企业同时只在一个园区，导入按企业更新", helpEn: "The enterprise's name or credit code; one park at a time; an import updates by it"),
            RegisterField(key: "parkId", zh: "园区", en: "Park", kind: .reference(.park), required: true, filterable: true, listed: true),
            RegisterField(key: "movedInOn", zh: "入驻日期", en: "Moved in on", kind: .date, sortable: true, filterable: true, listed: true),
            RegisterField(key: "incubated", zh: "在孵企业", en: "Incubated", kind: .flag, filterable: true, listed: true),
            RegisterField(key: "location", zh: "入驻位置", en: "Location", kind: .text(max: 100), helpZh: "如 A3 栋 2 层", helpEn: "e.g. Building A3, floor 2"),
            .note(max: 500),
        ],
        nameField: "code", importKey: "enterpriseId", policy: Policies.parks, ownership: .referencedUnit(field: "parkId", table: "parks"),
        defaultSort: "movedInOn", defaultDescending: true,
        demoRows: DemoParks.tenants
    )
}
