/// Why a recommendation could not be made, in Chinese and English.
public enum RecommendationError: Error, Equatable, Sendable {
    case invalidWeights(density: Double, pci: Double, cog: Double)
    /// The location has no row in that year's data.
    case unknownLocation(location: String, year: String)
    /// The location's values sum to 0 that year, so it takes no part in the computation.
    case locationWithoutData(location: String, year: String)
    /// The location already has every product.
    case nothingToAdd(location: String, year: String)
    /// PCI, COG or density is undefined for every candidate (see the year's notes).
    case indicesUndefined(year: String)

    public var messageZh: String {
        switch self {
        case .invalidWeights(let density, let pci, let cog):
            return "推荐权重无效（密度 \(density)、PCI \(pci)、COG \(cog)）：各权重须为非负数且不全为 0。"
        case .unknownLocation(let location, let year):
            return "\(year) 年的数据中没有地区 \(location)。"
        case .locationWithoutData(let location, let year):
            return "地区 \(location) 在 \(year) 年的数据合计为 0，未参与计算，无法推荐。"
        case .nothingToAdd(let location, let year):
            return "地区 \(location) 在 \(year) 年已具备所有产品的比较优势，没有可推荐的新产品。"
        case .indicesUndefined(let year):
            return "\(year) 年的 PCI、COG 或密度无定义（原因见该年的计算提示），无法排序推荐。"
        }
    }

    public var messageEn: String {
        switch self {
        case .invalidWeights(let density, let pci, let cog):
            return "Invalid recommendation weights (density \(density), PCI \(pci), COG \(cog)): each must be ≥ 0 and not all 0."
        case .unknownLocation(let location, let year):
            return "Location \(location) has no data in \(year)."
        case .locationWithoutData(let location, let year):
            return "The values of location \(location) sum to 0 in \(year); it takes no part in the computation, so nothing can be recommended."
        case .nothingToAdd(let location, let year):
            return "Location \(location) already has every product in \(year); there is nothing new to recommend."
        case .indicesUndefined(let year):
            return "PCI, COG or density is undefined in \(year) (the year's notes say why), so no ranking can be made."
        }
    }
}

extension RecommendationError: CustomStringConvertible {
    public var description: String { "\(messageZh) / \(messageEn)" }
}
