/// An enterprise's place in its chain (SPEC §2.3): set by a recorded chain-leader decision.
public enum EnterpriseTier: String, CaseIterable, Codable, Sendable {
    case chainLeader, candidate, backbone, rising

    public var nameZh: String {
        switch self {
        case .chainLeader: return "链主"
        case .candidate: return "准链主"
        case .backbone: return "骨干"
        case .rising: return "新锐"
        }
    }

    public var nameEn: String {
        switch self {
        case .chainLeader: return "Chain leader"
        case .candidate: return "Chain-leader candidate"
        case .backbone: return "Backbone"
        case .rising: return "Rising"
        }
    }

    /// Ranks for "骨干 or above" checks: chain leader 3 … rising 0.
    public var rank: Int {
        switch self {
        case .chainLeader: return 3
        case .candidate: return 2
        case .backbone: return 1
        case .rising: return 0
        }
    }

    public init?(codeOrName text: String) {
        if let tier = EnterpriseTier(rawValue: text) { self = tier; return }
        guard let tier = EnterpriseTier.allCases.first(where: { $0.nameZh == text || $0.nameEn.lowercased() == text.lowercased() }) else { return nil }
        self = tier
    }
}
