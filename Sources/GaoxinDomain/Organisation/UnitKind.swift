/// The kinds of organisation unit (SPEC §2.1), plus the city that groups boards.
public enum UnitKind: String, CaseIterable, Codable, Sendable {
    case city, zone, board, department, taskForce, attractionTeam, overseasCentre, remoteCentre, promotionOrg

    public var nameZh: String {
        switch self {
        case .city: return "市"
        case .zone: return "园区/区"
        case .board: return "板块"
        case .department: return "部门"
        case .taskForce: return "专班"
        case .attractionTeam: return "招商团队"
        case .overseasCentre: return "海外商务中心"
        case .remoteCentre: return "异地创新中心"
        case .promotionOrg: return "促进组织"
        }
    }

    public var nameEn: String {
        switch self {
        case .city: return "City"
        case .zone: return "Zone"
        case .board: return "Board"
        case .department: return "Department"
        case .taskForce: return "Task force"
        case .attractionTeam: return "Attraction team"
        case .overseasCentre: return "Overseas centre"
        case .remoteCentre: return "Remote innovation centre"
        case .promotionOrg: return "Promotion organisation"
        }
    }

    /// Accepts the code or the Chinese/English name, as typed into an import file.
    public init?(codeOrName text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let kind = UnitKind(rawValue: trimmed) { self = kind; return }
        guard let kind = UnitKind.allCases.first(where: {
            $0.nameZh == trimmed || $0.nameEn.lowercased() == trimmed.lowercased()
        }) else { return nil }
        self = kind
    }
}

import Foundation
