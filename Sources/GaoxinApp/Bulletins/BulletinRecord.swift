import Fluent
import Foundation

/// A month's bulletin as issued: its content (canonical JSON, `BulletinContent.encoded`) and who
/// drew it when. One per month; drawing it again replaces it (the audit log keeps both).
final class BulletinRecord: Model, @unchecked Sendable {
    static let schema = "bulletins"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "month") var month: String
    @Field(key: "number") var number: Int
    @Field(key: "issuer") var issuer: String
    /// Drawn from a closed month.
    @Field(key: "final") var final: Bool
    @Field(key: "content_json") var contentJSON: String
    @Field(key: "generated_at") var generatedAt: Date
    @OptionalField(key: "user_id") var userID: Int?
    @Field(key: "user_name") var userName: String
    init() {}

    func content() throws -> BulletinContent { try BulletinContent.decode(contentJSON) }
}
