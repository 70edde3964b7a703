import Foundation
import GaoxinDomain
import OpenAPIKit30
import Vapor

/// An enterprise as the API and the audit log see it.
struct EnterpriseDTO: Content, Equatable, APISchema {
    var id: Int
    var creditCode: String
    var name: String
    var industryCode: String
    var industrySection: String?
    /// The code's GB/T 4754-2017 name (Chinese), or its nearest listed ancestor's.
    var industryName: String?
    var unitId: Int
    var unitName: String?
    var aboveScale: Bool
    var tier: String?
    var tierName: String?
    var address: String?
    var active: Bool
    var note: String?
    /// In lists only (absent elsewhere, so audit snapshots keep their shape): 近 12 个月营收 in 万元
    /// and the month the twelve end with, the clusters it counts in and its chain nodes.
    var recentRevenue: Int64?
    var revenueThrough: String?
    var clusterNames: String?
    var nodeNames: String?

    init(_ enterprise: Enterprise, unitName: String? = nil) {
        self.init(id: enterprise.id ?? 0, creditCode: enterprise.creditCode, name: enterprise.name, industryCode: enterprise.industryCode,
                  unitId: enterprise.unitID, unitName: unitName, aboveScale: enterprise.aboveScale, tier: enterprise.tier,
                  address: enterprise.address, active: enterprise.active, note: enterprise.note)
    }

    /// A list's row as the API gives it: the same fields, read by the list's one query (no
    /// second load of the page's enterprises), and the list-only ones.
    init(listRow row: EnterpriseQueries.Row) {
        self.init(id: row.id, creditCode: row.creditCode, name: row.name, industryCode: row.industryCode, unitId: row.unitId,
                  unitName: row.unitName, aboveScale: row.aboveScale, tier: row.tier, address: row.address, active: row.active, note: row.note)
        recentRevenue = row.recentRevenue
        revenueThrough = row.revenueThrough
        clusterNames = row.clusterNames
        nodeNames = row.nodeNames
    }

    /// The stored fields; the industry's section and name and the tier's name are derived here.
    private init(id: Int, creditCode: String, name: String, industryCode: String, unitId: Int, unitName: String?, aboveScale: Bool,
                 tier: String?, address: String?, active: Bool, note: String?) {
        self.id = id
        self.creditCode = creditCode
        self.name = name
        self.industryCode = industryCode
        industrySection = (try? IndustryCode.parse(industryCode).get())?.section.map(String.init)
        industryName = IndustryCatalogue.standard.name(of: industryCode)?.zh
        self.unitId = unitId
        self.unitName = unitName
        self.aboveScale = aboveScale
        self.tier = tier
        tierName = tier.flatMap(EnterpriseTier.init(rawValue:))?.nameZh
        self.address = address
        self.active = active
        self.note = note
    }

    static let schemaName = "Enterprise"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "id": .integer, "creditCode": .string(minLength: 18, maxLength: 18), "name": .string,
            "industryCode": .string, "industrySection": .string(required: false, nullable: true),
            "industryName": .string(required: false, nullable: true),
            "unitId": .integer, "unitName": .string(required: false, nullable: true), "aboveScale": .boolean,
            "tier": .string(required: false, nullable: true, allowedValues: EnterpriseTier.allCases.map { AnyCodable($0.rawValue) } + [nil]),
            "tierName": .string(required: false, nullable: true), "address": .string(required: false, nullable: true),
            "active": .boolean, "note": .string(required: false, nullable: true),
            "recentRevenue": .integer(required: false, description: "列表中：最近 12 个月营业收入（万元），截至 revenueThrough"),
            "revenueThrough": .string(required: false, description: "列表中：这 12 个月的最后一个月 YYYY-MM"),
            "clusterNames": .string(required: false, description: "列表中：所属产业集群，以“、”分隔"),
            "nodeNames": .string(required: false, description: "列表中：挂接的产业链环节（产业链／环节），以“、”分隔"),
        ])
    }
}

/// What a client sends to create or change an enterprise. On PATCH, absent fields keep their
/// value; `tier` and the texts are cleared by an empty string.
struct EnterpriseInput: Content, APISchema {
    var creditCode: String?
    var name: String?
    var industryCode: String?
    var unitId: Int?
    var aboveScale: Bool?
    var tier: String?
    var address: String?
    var note: String?

    static let schemaName = "EnterpriseInput"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "creditCode": .string(required: true, maxLength: 30, pattern: JSONSchema.nonBlank), "name": .string(required: true, maxLength: 200, pattern: JSONSchema.nonBlank),
            "industryCode": .string(required: true, maxLength: 100, pattern: JSONSchema.nonBlank), "unitId": .integer(required: true),
            "aboveScale": .boolean(required: false),
            "tier": .string(required: false, nullable: true, allowedValues: EnterpriseTier.allCases.map { AnyCodable($0.rawValue) } + [AnyCodable(""), nil]),
            "address": .string(required: false, nullable: true, maxLength: 200), "note": .string(required: false, nullable: true, maxLength: 2000),
        ])
    }
}

typealias EnterpriseListDTO = PagedDTO<EnterpriseDTO>

/// One month of an enterprise's figures; money in 万元, null when not reported.
struct IndicatorDTO: Content, Equatable, APISchema {
    var enterpriseId: Int
    var period: String
    var revenue: Int64?
    var outputValue: Int64?
    var tax: Int64?
    var rdExpense: Int64?
    var employees: Int?
    var inventionPatents: Int?

    init(_ row: EnterpriseIndicator) {
        enterpriseId = row.enterpriseID
        period = row.period
        revenue = row.revenue
        outputValue = row.outputValue
        tax = row.tax
        rdExpense = row.rdExpense
        employees = row.employees
        inventionPatents = row.inventionPatents
    }

    static let schemaName = "EnterpriseIndicator"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "enterpriseId": .integer, "period": .string(pattern: IndicatorInput.periodPattern),
            "revenue": .integer(required: false, nullable: true), "outputValue": .integer(required: false, nullable: true),
            "tax": .integer(required: false, nullable: true), "rdExpense": .integer(required: false, nullable: true),
            "employees": .integer(required: false, nullable: true), "inventionPatents": .integer(required: false, nullable: true),
        ])
    }
}

/// The figures of one month as sent by a client or a form; every figure is optional.
struct IndicatorInput: Content, Equatable, APISchema {
    /// `Period`: years 1900–2999, months 01–12.
    static let periodPattern = "^(19[0-9]{2}|2[0-9]{3})-(0[1-9]|1[0-2])$"

    var revenue: Int64?
    var outputValue: Int64?
    var tax: Int64?
    var rdExpense: Int64?
    var employees: Int?
    var inventionPatents: Int?
    /// Why a closed month's figures are corrected (required then, ignored for an open month).
    var restatementReason: String?

    /// No figure given (a reason alone changes nothing).
    var isEmpty: Bool { revenue == nil && outputValue == nil && tax == nil && rdExpense == nil && employees == nil && inventionPatents == nil }

    static let schemaName = "EnterpriseIndicatorInput"
    static var openAPISchema: JSONSchema {
        // The bounds `IndicatorWrites.validate` checks; at least one figure (a null one is not given).
        let money = JSONSchema.integer(required: false, nullable: true, maximum: (Int(IndicatorWrites.moneyLimit) - 1, exclusive: false),
                                       minimum: (0, exclusive: false))
        let count = JSONSchema.integer(required: false, nullable: true, maximum: (IndicatorWrites.countLimit - 1, exclusive: false),
                                       minimum: (0, exclusive: false))
        return .object(minProperties: 1, properties: [
            "revenue": money, "outputValue": money, "tax": money, "rdExpense": money, "employees": count, "inventionPatents": count,
            "restatementReason": .string(required: false, nullable: true, description: "更正已关账月份时必填：更正原因", maxLength: 500),
        ])
    }
}

struct IndicatorListDTO: Content, APISchema {
    var items: [IndicatorDTO]

    static let schemaName = "EnterpriseIndicatorList"
    static var openAPISchema: JSONSchema {
        .object(properties: ["items": .array(items: .reference(.component(named: IndicatorDTO.schemaName)))])
    }
}
