/// A 门类 of GB/T 4754-2017 — the letter `IndustryCode.section` implies — with its name in both
/// languages (the English of the national statistics bureau's translation).
public struct IndustrySection: Equatable, Sendable {
    public let letter: Character
    public let nameZh: String
    public let nameEn: String

    public init?(letter: Character) {
        guard let found = Self.all.first(where: { $0.letter == letter }) else { return nil }
        self = found
    }

    private init(_ letter: Character, _ nameZh: String, _ nameEn: String) {
        self.letter = letter
        self.nameZh = nameZh
        self.nameEn = nameEn
    }

    public static let all: [IndustrySection] = [
        .init("A", "农、林、牧、渔业", "Agriculture, forestry, animal husbandry and fishery"),
        .init("B", "采矿业", "Mining"),
        .init("C", "制造业", "Manufacturing"),
        .init("D", "电力、热力、燃气及水生产和供应业", "Production and supply of electricity, heat, gas and water"),
        .init("E", "建筑业", "Construction"),
        .init("F", "批发和零售业", "Wholesale and retail trades"),
        .init("G", "交通运输、仓储和邮政业", "Transport, storage and post"),
        .init("H", "住宿和餐饮业", "Accommodation and catering"),
        .init("I", "信息传输、软件和信息技术服务业", "Information transmission, software and information technology services"),
        .init("J", "金融业", "Financial intermediation"),
        .init("K", "房地产业", "Real estate"),
        .init("L", "租赁和商务服务业", "Leasing and business services"),
        .init("M", "科学研究和技术服务业", "Scientific research and technical services"),
        .init("N", "水利、环境和公共设施管理业", "Management of water conservancy, environment and public facilities"),
        .init("O", "居民服务、修理和其他服务业", "Services to households, repair and other services"),
        .init("P", "教育", "Education"),
        .init("Q", "卫生和社会工作", "Health and social work"),
        .init("R", "文化、体育和娱乐业", "Culture, sports and entertainment"),
        .init("S", "公共管理、社会保障和社会组织", "Public administration, social security and social organisation"),
        .init("T", "国际组织", "International organisations"),
    ]
}
