import Foundation
import GaoxinDomain
import OpenAPIKit30
import Vapor

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
