/// 认定标准 (seed 001's 特色产业园区认定标准): a standard a kind of park is recognised and kept
/// under — its pass mark and the year it takes effect; its criteria are `park-criteria` records.
/// The office's: written by admin and office only.
extension RegisterTarget {
    static let parkStandard = RegisterTarget.register("park_standards", zh: "认定标准", en: "Recognition standard", nameColumn: "name", path: "/park-standards")
}

extension RegisterDeclaration {
    static let parkStandards: RegisterDeclaration = RegisterDeclaration(
        key: "park-standards", table: "park_standards", entity: "park_standard", schemaName: "ParkStandard", titleZh: "园区认定标准", titleEn: "Park standards",
        fields: [
            RegisterField(key: "name", zh: "标准名称", en: "Name", kind: .text(max: 200), required: true, unique: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "parkKind", zh: "适用载体类型", en: "For parks of kind", kind: .choice(parkKinds), required: true, filterable: true, listed: true,
                          helpZh: "每类载体按其在用标准中生效年度不晚于统计年度的最新一项评价", helpEn: "Each kind is assessed under its latest standard in force that year"),
            RegisterField(key: "passMark", zh: "合格分", en: "Pass mark", kind: .integer(min: 1, max: 100), required: true, listed: true,
                          helpZh: "满分 100；必备条件另须全部达到", helpEn: "Out of 100; every required criterion must also be met"),
            RegisterField(key: "effectiveYear", zh: "生效年度", en: "In force from", kind: .integer(min: 2000, max: 2100), required: true, sortable: true, filterable: true, listed: true),
            .note(),
        ],
        nameField: "name", importKey: "name", policy: Policies.officeRegisters, ownership: .officeOnly,
        defaultSort: "effectiveYear", defaultDescending: true,
        demoRows: DemoParks.standards
    )
}
