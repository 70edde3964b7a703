/// The three kinds of cluster (SPEC §2.2), each with its verb of the programme.
public enum ClusterCategory: String, CaseIterable, Codable, Sendable {
    case advantage, emerging, future

    public var nameZh: String {
        switch self {
        case .advantage: return "优势产业（焕新）"
        case .emerging: return "战略性新兴产业（壮大）"
        case .future: return "未来产业（培育）"
        }
    }

    public var nameEn: String {
        switch self {
        case .advantage: return "Advantage (renew)"
        case .emerging: return "Strategic emerging (grow)"
        case .future: return "Future (cultivate)"
        }
    }

    public init?(codeOrName text: String) {
        if let category = ClusterCategory(rawValue: text) { self = category; return }
        guard let category = ClusterCategory.allCases.first(where: { $0.nameZh == text || $0.nameZh.hasPrefix(text) && text.count >= 2 }) else { return nil }
        self = category
    }
}

/// Where a chain node sits: 上游 / 中游 / 下游.
public enum ChainSegment: String, CaseIterable, Codable, Sendable {
    case upstream, midstream, downstream

    public var nameZh: String {
        switch self {
        case .upstream: return "上游"
        case .midstream: return "中游"
        case .downstream: return "下游"
        }
    }

    public var nameEn: String {
        switch self {
        case .upstream: return "Upstream"
        case .midstream: return "Midstream"
        case .downstream: return "Downstream"
        }
    }
}
