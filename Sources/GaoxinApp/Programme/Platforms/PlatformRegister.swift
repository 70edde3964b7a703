/// 创新平台: seed 000's "一个平台 — 围绕产业组建和成立专业化的研发创新平台" and seed 002's 夯实创新平台支撑:
/// each platform's kind, its recognition level, the organisation it rests on, and the clusters it serves.
extension RegisterDeclaration {
    static let platforms: RegisterDeclaration = RegisterDeclaration(
        key: "platforms", table: "platforms", entity: "platform", schemaName: "Platform", titleZh: "创新平台", titleEn: "Innovation platforms",
        fields: [
            RegisterField(key: "name", zh: "平台名称", en: "Name", kind: .text(max: 200), required: true, unique: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "kind", zh: "类型", en: "Kind", kind: .choice([
                RegisterChoice(value: "keyLab", zh: "重点实验室", en: "Key laboratory"),
                RegisterChoice(value: "engineeringCenter", zh: "工程技术研究中心", en: "Engineering research centre"),
                RegisterChoice(value: "enterpriseTechCenter", zh: "企业技术中心", en: "Enterprise technology centre"),
                RegisterChoice(value: "newRDInstitution", zh: "新型研发机构", en: "New R&D institution"),
                RegisterChoice(value: "pilotPlatform", zh: "中试平台", en: "Pilot platform"),
                RegisterChoice(value: "publicService", zh: "公共服务平台", en: "Public service platform"),
            ]), filterable: true, listed: true),
            RegisterField(key: "level", zh: "级别", en: "Level", kind: .choice([
                RegisterChoice(value: "national", zh: "国家级", en: "National"),
                RegisterChoice(value: "provincial", zh: "省级", en: "Provincial"),
                RegisterChoice(value: "municipal", zh: "市级", en: "Municipal"),
            ]), sortable: true, filterable: true, listed: true),
            RegisterField(key: "host", zh: "依托单位", en: "Host organisation", kind: .text(max: 200), searchable: true, listed: true),
            RegisterField(key: "recognizedOn", zh: "认定日期", en: "Recognised on", kind: .date),
            RegisterField(key: "clusterIds", zh: "服务集群", en: "Clusters served", kind: .references(.cluster), filterable: true),
            .responsibleUnit(),
            .note(),
        ],
        nameField: "name", importKey: "name", policy: Policies.programme, ownership: .unitField("owningUnitId"),
        // Hosts are the organisations seed 002 names (华进半导体, 通用电气医疗, 无锡生命科学产业发展公司, the
        // promotion centre); platform names, kinds, levels and dates are illustrative.
        demoRows: [
            ["name": "集成电路先进封装测试技术研发平台", "kind": "newRDInstitution", "level": "national", "host": "华进半导体封装先导技术研发中心有限公司",
             "recognizedOn": "2023-06-16", "clusterIds": "集成电路", "owningUnitId": "集成电路产业专班"],
            ["name": "医学影像设备企业技术中心", "kind": "enterpriseTechCenter", "level": "provincial", "host": "通用电气医疗系统（中国）有限公司",
             "recognizedOn": "2022-12-20", "clusterIds": "生命健康", "owningUnitId": "生命健康产业专班"],
            ["name": "生命健康产业公共服务平台", "kind": "publicService", "level": "municipal", "host": "无锡生命科学产业发展有限公司",
             "recognizedOn": "2024-03-28", "clusterIds": "生命健康", "owningUnitId": "生命健康产业专班"],
            ["name": "高端装备及新能源中试验证平台", "kind": "pilotPlatform", "level": "municipal", "host": "无锡高新区科技创新促进中心",
             "recognizedOn": "2024-10-15", "clusterIds": "高端装备及新能源、特钢新材料", "owningUnitId": "CJ-KJCX"],
            ["name": "人工智能与空天信息重点实验室", "kind": "keyLab", "level": "provincial", "host": "无锡高新区科技创新促进中心",
             "clusterIds": "未来产业", "owningUnitId": "未来产业专班", "note": "省级认定，争创国家级重点实验室。"],
        ]
    )
}
