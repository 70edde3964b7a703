import Fluent
import GaoxinDomain
import SQLKit

/// 目标指引清单 (seed 002): a unit's attraction targets for a year — new projects by investment
/// class (counted cumulatively, `InvestmentClass`) and total signed investment. Progress is never
/// typed: it is the projects the unit's subtree signed that year (`TargetProgress`).
extension RegisterDeclaration {
    static let attractionTargets: RegisterDeclaration = RegisterDeclaration(
        key: "attraction-targets", table: "attraction_targets", entity: "attraction_target", schemaName: "AttractionTarget",
        titleZh: "招商目标指引清单", titleEn: "Attraction targets",
        fields: [
            RegisterField(key: "code", zh: "清单编号", en: "Number", kind: .code(max: 50), required: true, unique: true, searchable: true, listed: true,
                          helpZh: "如 MB-2025-WXGX；导入按编号更新", helpEn: "e.g. MB-2025-WXGX; an import updates by this number"),
            RegisterField(key: "title", zh: "清单名称", en: "Title", kind: .text(max: 100), required: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "owningUnitId", zh: "责任单位", en: "Unit", kind: .reference(.unit), required: true, filterable: true, listed: true,
                          helpZh: "目标计入本单位及下级单位负责的项目", helpEn: "Counts the projects of this unit and the units below it"),
            RegisterField(key: "year", zh: "年度", en: "Year", kind: .integer(min: 2000, max: 2100), required: true, sortable: true, listed: true),
            RegisterField(key: "over100Yi", zh: "超100亿元项目（个）", en: "Projects ≥ 10bn yuan", kind: .integer(min: 0, max: 100_000), listed: true),
            RegisterField(key: "over50Yi", zh: "超50亿元项目（个）", en: "Projects ≥ 5bn yuan", kind: .integer(min: 0, max: 100_000), listed: true),
            RegisterField(key: "over10Yi", zh: "超10亿元项目（个）", en: "Projects ≥ 1bn yuan", kind: .integer(min: 0, max: 100_000), listed: true),
            RegisterField(key: "over1Yi", zh: "超亿元项目（个）", en: "Projects ≥ 100m yuan", kind: .integer(min: 0, max: 100_000), listed: true),
            RegisterField(key: "signedInvestment", zh: "签约总投资", en: "Signed investment", kind: .money, listed: true),
            .note(max: 1000),
        ],
        nameField: "title", importKey: "code", policy: Policies.officeRegisters, ownership: .officeOnly,
        defaultSort: "year", defaultDescending: true,
        demoRows: DemoAttraction.targets,
        batchCheck: AttractionTargetYears.check
    )
}

/// One target list per unit and year.
enum AttractionTargetYears {
    @Sendable static func check(_ items: [RegisterBatchItem], on db: Database) async throws -> [[FieldError]] {
        let units = Set(items.compactMap { $0.values["owningUnitId"]?.integer })
        var taken: [String: (id: Int, title: String)] = [:]
        for chunk in Array(units).chunked(500) {
            let rows = try await (db as! any SQLDatabase).raw("""
                SELECT id, title, owning_unit_id, year FROM attraction_targets WHERE active = \(bind: true) AND owning_unit_id IN (\(binds: chunk))
                """).all()
            for row in rows {
                taken["\(try row.decode(column: "owning_unit_id", as: Int64.self))/\(try row.decode(column: "year", as: Int64.self))"] =
                    (try row.decode(column: "id", as: Int.self), try row.decode(column: "title", as: String.self))
            }
        }
        var seen: [String: Int] = [:]
        return items.enumerated().map { index, item in
            guard let unit = item.values["owningUnitId"]?.integer, let year = item.values["year"]?.integer else { return [] }
            let key = "\(unit)/\(year)"
            if let other = taken[key], other.id != item.existingID {
                return [FieldError(field: "owningUnitId", code: "duplicate", zh: "该单位 \(year) 年已有目标清单“\(other.title)”", en: "This unit already has targets for \(year): \(other.title)")]
            }
            if let first = seen[key] {
                return [FieldError(field: "owningUnitId", code: "duplicate", zh: "与第 \(first + 1) 条是同一单位同一年度", en: "The same unit and year as item \(first + 1)")]
            }
            seen[key] = index
            return []
        }
    }
}
