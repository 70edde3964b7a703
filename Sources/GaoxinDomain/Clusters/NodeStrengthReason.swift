/// One threshold a chain node misses, in both languages: the rule reports what it found, the
/// page picks the language it is read in.
public enum NodeStrengthReason: Equatable, Sendable {
    /// No active local enterprise is attached: the node is missing (补链).
    case noLocalEnterprise
    case fewEnterprises(count: Int, minimum: Int)
    /// Revenue over the last twelve months and the chain's minimum, in 万元.
    case lowRevenue(revenue: Int64, minimum: Int64)
    case noBackbone

    public var zh: String {
        switch self {
        case .noLocalEnterprise: return "无本地企业"
        case .fewEnterprises(let count, let minimum): return "本地企业 \(count) 家，少于 \(minimum) 家"
        case .lowRevenue(let revenue, let minimum): return "近 12 个月营收 \(Wan(revenue).yiText) 亿元，低于 \(Wan(minimum).yiText) 亿元"
        case .noBackbone: return "无骨干及以上企业"
        }
    }

    public var en: String {
        switch self {
        case .noLocalEnterprise: return "no local enterprise"
        case .fewEnterprises(let count, let minimum):
            return "\(count) local \(count == 1 ? "enterprise" : "enterprises"), fewer than \(minimum)"
        case .lowRevenue(let revenue, let minimum):
            return "revenue over the last 12 months \(Wan(revenue).yiText) (100m yuan), below \(Wan(minimum).yiText)"
        case .noBackbone: return "no backbone or higher enterprise"
        }
    }
}
