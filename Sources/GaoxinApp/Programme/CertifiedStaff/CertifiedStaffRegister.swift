/// 招商专员认证 (SPEC §3, people registers): attraction staff certified by the zone, with a
/// certificate that expires — an expired certificate shows as expired (derived, `timeLimit`).
extension RegisterDeclaration {
    static let certifiedStaff: RegisterDeclaration = RegisterDeclaration(
        key: "certified-staff", table: "certified_staff", entity: "certified_staff", schemaName: "CertifiedStaff",
        titleZh: "招商专员认证", titleEn: "Certified attraction staff",
        fields: [
            RegisterField(key: "certificateNumber", zh: "证书编号", en: "Certificate number", kind: .code(max: 50), required: true, unique: true,
                          searchable: true, sortable: true, listed: true),
            RegisterField(key: "name", zh: "姓名", en: "Name", kind: .text(max: 50), required: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "unitId", zh: "所在单位", en: "Unit", kind: .reference(.unit), required: true, filterable: true, listed: true),
            RegisterField(key: "level", zh: "等级", en: "Level", kind: .choice([
                RegisterChoice(value: "junior", zh: "初级", en: "Junior"),
                RegisterChoice(value: "intermediate", zh: "中级", en: "Intermediate"),
                RegisterChoice(value: "senior", zh: "高级", en: "Senior"),
            ]), required: true, filterable: true, listed: true),
            RegisterField(key: "issuedOn", zh: "发证日期", en: "Issued on", kind: .date, required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "expiresOn", zh: "有效期至", en: "Expires on", kind: .date, required: true, sortable: true, listed: true),
            .note(),
        ],
        nameField: "name", importKey: "certificateNumber", policy: Policies.programme, ownership: .unitField("unitId"),
        rules: [.notBefore("expiresOn", "issuedOn", zh: "有效期至不能早于发证日期", en: "The expiry cannot be before the issue date")],
        defaultSort: "expiresOn", timeLimit: .expiry("expiresOn"),
        // Illustrative people (placeholder names) of the demo's attraction teams.
        demoRows: [
            ["certificateNumber": "ZSZY-2024-001", "name": "张明", "unitId": "ZS-JCDL", "level": "高级", "issuedOn": "2024-03-01", "expiresOn": "2027-02-28"],
            ["certificateNumber": "ZSZY-2024-002", "name": "李华", "unitId": "ZS-SMJK", "level": "中级", "issuedOn": "2024-03-01", "expiresOn": "2026-10-15"],
            ["certificateNumber": "ZSZY-2023-017", "name": "王芳", "unitId": "ZS-GDZB", "level": "初级", "issuedOn": "2023-06-01", "expiresOn": "2025-05-31"],
            ["certificateNumber": "ZSZY-2025-004", "name": "赵磊", "unitId": "ZS-XNY", "level": "中级", "issuedOn": "2025-01-10", "expiresOn": "2028-01-09"],
        ]
    )
}
