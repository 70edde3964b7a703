import GaoxinDomain

/// 园区/载体 (SPEC §2.6, seed 001's 特色产业园区 with 认定标准, 动态管理, 统计监测, 挂钩联系): a
/// featured industrial park, incubator, accelerator or maker space — its kind and level, its lead
/// industries (GB/T 4754), the clusters it serves, its area, its liaison leader and the unit that
/// operates it. The operating unit owns it: a `park` or `unit` user writes the parks of its unit or
/// subtree, and their spaces. Occupancy and enterprises come from its yearly statistics and tenants.
extension RegisterTarget {
    static let park = RegisterTarget.register("parks", zh: "园区", en: "Park", nameColumn: "name", path: "/parks")
}

extension RegisterDeclaration {
    static let parkKinds = [
        RegisterChoice(value: "featured", zh: "特色产业园区", en: "Featured industrial park"),
        RegisterChoice(value: "sciencePark", zh: "科技产业园", en: "Science and industry park"),
        RegisterChoice(value: "incubator", zh: "孵化器", en: "Incubator"),
        RegisterChoice(value: "accelerator", zh: "加速器", en: "Accelerator"),
        RegisterChoice(value: "makerspace", zh: "众创空间", en: "Maker space"),
    ]

    static let parks: RegisterDeclaration = RegisterDeclaration(
        key: "parks", table: "parks", entity: "park", schemaName: "Park", titleZh: "园区载体", titleEn: "Parks",
        fields: [
            RegisterField(key: "name", zh: "园区名称", en: "Name", kind: .text(max: 200), required: true, unique: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "kind", zh: "载体类型", en: "Kind", kind: .choice(parkKinds), required: true, filterable: true, listed: true),
            RegisterField(key: "level", zh: "认定级别", en: "Level", kind: .choice(ParkLevel.allCases.map { RegisterChoice(value: $0.rawValue, zh: $0.nameZh, en: $0.nameEn) }),
                          required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "owningUnitId", zh: "运营单位", en: "Operating unit", kind: .reference(.unit), required: true, filterable: true, listed: true,
                          helpZh: "园区用户维护本单位运营的园区及其空间", helpEn: "Park users keep the parks their unit operates, and their spaces"),
            RegisterField(key: "boardId", zh: "所在板块", en: "Board", kind: .reference(.unit), filterable: true),
            RegisterField(key: "leadIndustry", zh: "主导产业", en: "Lead industry", kind: .industry, required: true, filterable: true, listed: true,
                          helpZh: "国民经济行业分类代码或名称，如 3973 集成电路制造", helpEn: "GB/T 4754 code or name, e.g. 3973"),
            RegisterField(key: "secondIndustry", zh: "主导产业（二）", en: "Second lead industry", kind: .industry, filterable: true),
            RegisterField(key: "thirdIndustry", zh: "主导产业（三）", en: "Third lead industry", kind: .industry, filterable: true),
            RegisterField(key: "clusterIds", zh: "对应集群", en: "Clusters", kind: .references(.cluster), filterable: true,
                          helpZh: "“八个一”的“一个园区”由此认定", helpEn: "Fulfils a cluster's 一个园区 checklist item"),
            RegisterField(key: "address", zh: "地址", en: "Address", kind: .text(max: 200), searchable: true),
            RegisterField(key: "landArea", zh: "占地面积", en: "Land area", kind: .area, sortable: true),
            RegisterField(key: "floorArea", zh: "建筑面积", en: "Floor area", kind: .area, sortable: true, listed: true),
            RegisterField(key: "liaisonLeader", zh: "挂钩联系领导", en: "Liaison leader", kind: .text(max: 100), searchable: true,
                          helpZh: "姓名、职务", helpEn: "Name and position"),
            RegisterField(key: "publicContact", zh: "对外招商电话", en: "Public contact", kind: .text(max: 50),
                          helpZh: "显示在公开的云选址页面", helpEn: "Shown on the public space page"),
            RegisterField(key: "recognizedOn", zh: "认定日期", en: "Recognised on", kind: .date, sortable: true),
            RegisterField(key: "longitude", zh: "经度", en: "Longitude", kind: .decimal(places: 6, min: 73, max: 136), helpZh: "大屏地图标注用，高德/腾讯地图坐标（GCJ-02）", helpEn: "For the big screen's map; GCJ-02 (Amap/Tencent) coordinates", example: "120.4"),
            RegisterField(key: "latitude", zh: "纬度", en: "Latitude", kind: .decimal(places: 6, min: 3, max: 54), example: "31.5"),
            .note(),
        ],
        nameField: "name", importKey: "name", policy: Policies.parks, ownership: .unitField("owningUnitId"),
        rules: [RegisterRule.bothOrNeither("longitude", "latitude", zh: "经度、纬度应同时填写", en: "Give both longitude and latitude")],
        demoRows: DemoParks.parks
    )
}
