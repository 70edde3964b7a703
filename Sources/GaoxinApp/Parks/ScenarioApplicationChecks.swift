import Fluent
import GaoxinDomain
import SQLKit

/// Contact details as people type them: a mainland mobile (11 digits from 1), or a landline with
/// its area code (0510-8523 4567, (0510)85234567), optionally +86 and an extension.
enum ContactPhone {
    static func isPlausible(_ raw: String) -> Bool {
        var digits = raw.filter { $0.isASCII && $0.isNumber }
        if raw.trimmingCharacters(in: .whitespaces).hasPrefix("+86") { digits = String(digits.dropFirst(2)) }
        let allowed = Set("0123456789 -()+转#（）")
        guard raw.allSatisfy({ allowed.contains($0) }) else { return false }
        if digits.count == 11, digits.hasPrefix("1") { return true }
        return digits.hasPrefix("0") && (10...16).contains(digits.count)
    }

    static func isPlausibleEmail(_ raw: String) -> Bool {
        let parts = raw.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        return !raw.contains(where: { $0.isWhitespace })
    }
}

/// The application's checks across records: the scenario must be open (征集中, deadline not past)
/// for a new application, and one credit code applies to a scenario once.
enum ScenarioApplicationChecks {
    @Sendable static func check(_ items: [RegisterBatchItem], on db: Database) async throws -> [[FieldError]] {
        let sql = db as! any SQLDatabase
        let scenarioIDs = Array(Set(items.compactMap { $0.values["scenarioId"]?.integer }))
        var scenarios: [Int64: (status: String, deadline: String, title: String)] = [:]
        var taken: [String: (id: Int, code: String)] = [:]
        for chunk in scenarioIDs.chunked(500) {
            for row in try await sql.raw("SELECT id, status, deadline, title FROM scenarios WHERE id IN (\(binds: chunk))").all() {
                scenarios[try row.decode(column: "id", as: Int64.self)] = (try row.decode(column: "status", as: String.self),
                                                                         try row.decode(column: "deadline", as: String.self), try row.decode(column: "title", as: String.self))
            }
            for row in try await sql.raw("""
                SELECT id, code, scenario_id, credit_code FROM scenario_applications WHERE active = \(bind: true) AND scenario_id IN (\(binds: chunk))
                """).all() {
                let key = "\(try row.decode(column: "scenario_id", as: Int64.self))/\(try row.decode(column: "credit_code", as: String.self))"
                taken[key] = (try row.decode(column: "id", as: Int.self), try row.decode(column: "code", as: String.self))
            }
        }
        var seen: [String: Int] = [:]
        return items.map { item in
            guard let scenario = item.values["scenarioId"]?.integer, let code = item.values["creditCode"]?.text else { return [] }
            var errors: [FieldError] = []
            // The public form's applications; the owner may record one received otherwise (by letter, at a fair) at any time.
            if item.existingID == nil, item.values["fromPublic"] == .flag(true), let found = scenarios[scenario], found.status != ScenarioStatus.open.rawValue {
                let status = ScenarioStatus(rawValue: found.status)?.zh ?? found.status
                errors.append(.invalid("scenarioId", zh: "场景“\(found.title)”\(status)，不接受申请", en: "The scenario is not open for applications"))
            }
            let key = "\(scenario)/\(code)"
            if let other = taken[key], other.id != item.existingID {
                errors.append(FieldError(field: "creditCode", code: "duplicate", zh: "该统一社会信用代码已申请此场景（\(other.code)）",
                                         en: "This credit code has already applied to the scenario (\(other.code))"))
            } else if let earlier = seen[key] {
                errors.append(FieldError(field: "creditCode", code: "duplicate", zh: "与第 \(earlier) 行是同一企业申请同一场景", en: "Same company and scenario as row \(earlier)"))
            }
            seen[key] = item.number
            return errors
        }
    }
}
