import Fluent
import Foundation
import GaoxinDomain

/// A recorded chain-leader decision: who set which enterprise's tier, when, why, and the
/// ranking it was made on.
final class ChainLeaderDecision: Model, @unchecked Sendable {
    static let schema = "chain_leader_decisions"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "chain_id") var chainID: Int
    @Field(key: "enterprise_id") var enterpriseID: Int
    /// nil: the decision takes the tier away.
    @OptionalField(key: "tier") var tier: String?
    @OptionalField(key: "previous_tier") var previousTier: String?
    @Field(key: "reason") var reason: String
    /// The candidate's score line when the decision was made (JSON), so it can be re-read later.
    @OptionalField(key: "score_json") var scoreJSON: String?
    @OptionalField(key: "decided_by") var decidedBy: Int?
    @Field(key: "decided_at") var decidedAt: Date

    init() {}
}

extension Chain {
    /// The chain's weights, or the standard ones when none were set.
    var leaderWeights: LeaderWeights {
        guard let text = leaderWeightsJSON, let weights = try? JSONDecoder().decode(LeaderWeights.self, from: Data(text.utf8)) else { return .standard }
        return weights
    }
}
