import Fluent
import Foundation
import GaoxinDomain

/// One recognition an enterprise holds: kind, the day granted and, for those that lapse (高新技术企业
/// is recognised for three years), the day it expires. Dates are `YYYY-MM-DD` text, the same on both engines.
final class EnterpriseQualification: Model, @unchecked Sendable {
    static let schema = "enterprise_qualifications"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "enterprise_id") var enterpriseID: Int
    @Field(key: "kind") var kind: String
    @Field(key: "granted_on") var grantedOn: String
    @OptionalField(key: "expires_on") var expiresOn: String?
    @OptionalField(key: "note") var note: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var qualification: Qualification? { Qualification(rawValue: kind) }

    /// Held on `day` (`YYYY-MM-DD`): granted by then and not yet expired.
    func isValid(on day: String) -> Bool { grantedOn <= day && (expiresOn.map { $0 >= day } ?? true) }
}
