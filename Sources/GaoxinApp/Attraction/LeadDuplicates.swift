import Fluent
import GaoxinDomain
import SQLKit

/// One company, one team: a new or changed lead naming a company (by credit code or by the same
/// name written another way) that another open lead already works is refused, naming that team;
/// so is one that another team has signed (its follow-up projects — a second phase, an expansion —
/// are that team's). The signing team may open a new lead for its own company.
enum LeadDuplicates {
    @Sendable static func check(_ items: [RegisterBatchItem], on db: Database) async throws -> [[FieldError]] {
        let held = (LeadStage.allCases.filter(\.isOpen) + [.signed]).map(\.rawValue)
        let keys = Set(items.compactMap { $0.values["companyKey"]?.text })
        let codes = Set(items.compactMap { $0.values["creditCode"]?.text.map(CreditCode.compact) })
        struct Holder { let id: Int; let code: String; let company: String; let team: String; let unit: Int64; let signed: Bool }
        var byKey: [String: [Holder]] = [:], byCode: [String: [Holder]] = [:]
        let sql = db as! any SQLDatabase
        for (column, values) in [("company_key", Array(keys)), ("credit_code", Array(codes))] {
            for chunk in values.chunked(500) {
                let rows = try await sql.raw("""
                    SELECT l.id, l.code, l.company_name, l.company_key, l.credit_code, l.stage, l.owning_unit_id, u.name AS team
                    FROM leads l JOIN units u ON u.id = l.owning_unit_id
                    WHERE l.active = \(bind: true) AND l.stage IN (\(binds: held)) AND l.\(unsafeRaw: column) IN (\(binds: chunk))
                    """).all()
                for row in rows {
                    let holder = Holder(id: try row.decode(column: "id", as: Int.self), code: try row.decode(column: "code", as: String.self),
                                        company: try row.decode(column: "company_name", as: String.self), team: try row.decode(column: "team", as: String.self),
                                        unit: try row.decode(column: "owning_unit_id", as: Int64.self),
                                        signed: try row.decode(column: "stage", as: String.self) == LeadStage.signed.rawValue)
                    byKey[try row.decode(column: "company_key", as: String.self), default: []].append(holder)
                    if let code = try row.decode(column: "credit_code", as: String?.self) { byCode[CreditCode.compact(code), default: []].append(holder) }
                }
            }
        }
        // The batch's own earlier leads, by name key and by credit code, as the stored ones are
        // found: an open lead repeats an earlier open one, or one another team signed.
        var seen: [String: (row: Int, unit: Int64?, signed: Bool)] = [:]
        return items.map { item in
            guard let stage = item.values["stage"]?.text.flatMap(LeadStage.init), stage.isOpen || stage == .signed else { return [] }
            let key = item.values["companyKey"]?.text ?? ""
            let code = item.values["creditCode"]?.text.map(CreditCode.compact)
            let unit = item.values["owningUnitId"]?.integer
            let marks = (key.isEmpty ? [] : ["name:" + key]) + (code.map { ["code:" + $0] } ?? [])
            func remember() { for mark in marks where seen[mark] == nil { seen[mark] = (item.number, unit, stage == .signed) } }
            guard stage.isOpen else { remember(); return [] }
            let others = ((byKey[key] ?? []) + (code.flatMap { byCode[$0] } ?? [])).filter { $0.id != item.existingID && !($0.signed && $0.unit == unit) }
            if let other = others.first(where: { !$0.signed }) {
                return [FieldError(field: "companyName", code: "duplicate",
                                   zh: "该企业已由“\(other.team)”跟进（线索 \(other.code)“\(other.company)”），请与该团队联系",
                                   en: "\(other.team) already works this company (lead \(other.code), \(other.company))")]
            }
            if let other = others.first {
                return [FieldError(field: "companyName", code: "duplicate",
                                   zh: "该企业已由“\(other.team)”签约（线索 \(other.code)“\(other.company)”），后续项目请由该团队跟进",
                                   en: "\(other.team) signed this company (lead \(other.code), \(other.company)); its follow-up projects are theirs")]
            }
            if let earlier = marks.compactMap({ seen[$0] }).first(where: { !$0.signed || $0.unit != unit }) {
                return [FieldError(field: "companyName", code: "duplicate", zh: "与第 \(earlier.row) 行是同一企业", en: "The same company as row \(earlier.row)")]
            }
            remember()
            return []
        }
    }
}
