import Fluent
import GaoxinDomain

/// Finds the unit a register row names, by code first and then by a unique name, the way every
/// import refers to units.
struct UnitLookup {
    private let byCode: [String: OrgUnit]
    private let byName: [String: [OrgUnit]]

    init(on db: Database) async throws {
        let units = try await OrgUnit.query(on: db).all()
        byCode = Dictionary(units.compactMap { unit in unit.code.map { ($0, unit) } }, uniquingKeysWith: { a, _ in a })
        byName = Dictionary(grouping: units, by: \.name)
    }

    enum Outcome {
        case found(OrgUnit)
        case problem(String)
    }

    func find(_ text: String) -> Outcome {
        if let unit = byCode[text] { return .found(unit) }
        guard let matches = byName[text] else { return .problem("找不到该单位（请填写单位编码或名称）") }
        guard matches.count == 1 else { return .problem("有 \(matches.count) 个同名单位，请改用单位编码") }
        return .found(matches[0])
    }
}
