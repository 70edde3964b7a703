import Fluent
import Foundation
import GaoxinDomain

/// An enterprise of the register (SPEC §2.3), identified by its 统一社会信用代码.
final class Enterprise: Model, @unchecked Sendable {
    static let schema = "enterprises"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "credit_code") var creditCode: String
    @Field(key: "name") var name: String
    /// Pinyin key of the name (`PinyinNameMiddleware`), for lists sorted by name.
    @OptionalField(key: "name_sort") var nameSort: String?
    /// GB/T 4754-2017 digits (2–4), see `IndustryCode`.
    @Field(key: "industry_code") var industryCode: String
    /// The unit that keeps the enterprise (its board or department); bounds the unit role's writes.
    @Field(key: "unit_id") var unitID: Int
    /// 规上: above the statistical scale threshold.
    @Field(key: "above_scale") var aboveScale: Bool
    @OptionalField(key: "tier") var tier: String?
    @OptionalField(key: "address") var address: String?
    @Field(key: "active") var active: Bool
    @OptionalField(key: "note") var note: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var enterpriseTier: EnterpriseTier? { tier.flatMap(EnterpriseTier.init(rawValue:)) }
}

/// One enterprise's figures for one month. A figure left empty was not reported, which is not 0.
final class EnterpriseIndicator: Model, @unchecked Sendable {
    static let schema = "enterprise_indicators"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "enterprise_id") var enterpriseID: Int
    /// `YYYY-MM`.
    @Field(key: "period") var period: String
    /// Money in 万元.
    @OptionalField(key: "revenue") var revenue: Int64?
    @OptionalField(key: "output_value") var outputValue: Int64?
    @OptionalField(key: "tax") var tax: Int64?
    @OptionalField(key: "rd_expense") var rdExpense: Int64?
    @OptionalField(key: "employees") var employees: Int?
    @OptionalField(key: "invention_patents") var inventionPatents: Int?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

extension Enterprise: PinyinSorted {
    var sortedName: String { name }
}
