import GaoxinDomain

/// 空间 (SPEC §2.6, seed 002's 项目空间要素智能匹配 / 云选址): a land parcel, standard factory or
/// building floor on offer in a park — area (land also in 亩), floor load in kN/m², clear height,
/// power, rent or sale price, the day it is free, its status. It belongs to its park's operating
/// unit (a park user keeps only its own parks' spaces) and stays current only while re-confirmed:
/// every save restamps 确认有效至 to 30 days on (`RegisterFreshness`); past it the space is 已过期
/// and leaves matching and the public page until its owner confirms it again.
extension RegisterDeclaration {
    /// Days a confirmation holds.
    static let spaceConfirmationDays = 30
    static let spaceStatuses = [
        RegisterChoice(value: "available", zh: "可租售", en: "Available"),
        RegisterChoice(value: "reserved", zh: "已预订", en: "Reserved"),
        RegisterChoice(value: "occupied", zh: "已入驻", en: "Occupied"),
        RegisterChoice(value: "withdrawn", zh: "已下架", en: "Withdrawn"),
    ]

    static let spaces: RegisterDeclaration = RegisterDeclaration(
        key: "spaces", table: "spaces", entity: "space", schemaName: "Space", titleZh: "空间资源", titleEn: "Spaces",
        fields: [
            .recordNumber("空间编号", "Space number", example: "KJ-0001"),
            RegisterField(key: "name", zh: "空间名称", en: "Name", kind: .text(max: 200), required: true, searchable: true, sortable: true, listed: true,
                          helpZh: "如 A3 栋 2 层、XDG-2025-08 地块", helpEn: "e.g. Building A3 floor 2, parcel XDG-2025-08"),
            RegisterField(key: "parkId", zh: "所属园区", en: "Park", kind: .reference(.park), required: true, filterable: true, listed: true),
            RegisterField(key: "kind", zh: "空间类型", en: "Kind", kind: .choice(SpaceKind.allCases.map { RegisterChoice(value: $0.rawValue, zh: $0.nameZh, en: $0.nameEn) }),
                          required: true, filterable: true, listed: true),
            RegisterField(key: "area", zh: "面积", en: "Area", kind: .area, required: true, sortable: true, listed: true),
            // Derived from the area, so its bound is the largest area's mu (1.5 billion): a bound
            // of its own was below it, and the API's schema refused what the API answered.
            RegisterField(key: "areaMu", zh: "面积（亩）", en: "Area (mu)",
                          kind: .decimal(places: 2, min: 0, max: (LandArea.muHundredths(squareMetres: RegisterFieldKind.areaMaximum) + 99) / 100),
                          sortable: true, derived: true),
            RegisterField(key: "floorLoad", zh: "楼面荷载（kN/m²）", en: "Floor load (kN/m²)", kind: .decimal(places: 1, min: 0, max: 100_000), sortable: true,
                          helpZh: "按 kN/m² 填写，1 t/m² ≈ 9.8 kN/m²；地块不填", helpEn: "In kN/m² (1 t/m² ≈ 9.8 kN/m²); not for land", example: "25"),
            RegisterField(key: "clearHeight", zh: "净高（米）", en: "Clear height (m)", kind: .decimal(places: 1, min: 2, max: 60), sortable: true, example: "8.5"),
            RegisterField(key: "powerCapacity", zh: "供电容量（kVA）", en: "Power capacity (kVA)", kind: .integer(min: 0, max: 1_000_000), sortable: true),
            RegisterField(key: "rent", zh: "租金（元/m²·月）", en: "Rent (yuan/m²/month)", kind: .decimal(places: 2, min: 0, max: 10_000), sortable: true, listed: true),
            RegisterField(key: "salePrice", zh: "售价", en: "Sale price", kind: .money, sortable: true,
                          helpZh: "整体出让或出售的总价", helpEn: "Total price for buying outright"),
            RegisterField(key: "availableFrom", zh: "可交付日期", en: "Available from", kind: .date, sortable: true, filterable: true, listed: true,
                          helpZh: "不填为现可交付", helpEn: "Empty: free now"),
            RegisterField(key: "status", zh: "招商状态", en: "Offer status", kind: .choice(spaceStatuses), required: true, filterable: true, listed: true),
            RegisterField(key: "confirmedUntil", zh: "确认有效至", en: "Confirmed until", kind: .date, sortable: true, listed: true, derived: true),
            .note(max: 1000),
        ],
        nameField: "name", importKey: "code", policy: Policies.parks, ownership: .referencedUnit(field: "parkId", table: "parks"),
        rules: [
            .positive("area", zh: "面积应大于 0 平方米", en: "The area must be above 0 m²"),
            .floorLoad("floorLoad"),
            RegisterRule { values in
                guard values["kind"]?.text == SpaceKind.land.rawValue else { return nil }
                for key in ["floorLoad", "clearHeight"] where values[key] != nil {
                    return .invalid(key, zh: "地块没有楼面荷载和净高，请留空", en: "A land parcel has no floor load or clear height")
                }
                return nil
            },
        ],
        defaultSort: "confirmedUntil",
        timeLimit: .confirmation("confirmedUntil", settledWhen: "status", in: ["occupied", "withdrawn"]),
        demoRows: DemoParks.spaces,
        derive: { values in
            values["areaMu"] = values["area"]?.integer.map { .integer(LandArea.muHundredths(squareMetres: $0)) }
        },
        freshness: RegisterFreshness(field: "confirmedUntil", days: spaceConfirmationDays)
    )
}
