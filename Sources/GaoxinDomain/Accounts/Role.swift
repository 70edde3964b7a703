/// The six roles of SPEC §5. A user may hold several.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    case admin, office, unit, park, leader, auditor

    public var nameZh: String {
        switch self {
        case .admin: return "系统管理员"
        case .office: return "集群办"
        case .unit: return "单位用户"
        case .park: return "园区用户"
        case .leader: return "领导"
        case .auditor: return "审计"
        }
    }

    public var nameEn: String {
        switch self {
        case .admin: return "Administrator"
        case .office: return "Cluster office"
        case .unit: return "Unit user"
        case .park: return "Park user"
        case .leader: return "Leader"
        case .auditor: return "Auditor"
        }
    }

    /// Accepts the code (`office`) or the Chinese name (`集群办`), as an import file may hold either.
    public init?(codeOrName text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let role = Role(rawValue: trimmed.lowercased()) { self = role; return }
        guard let role = Role.allCases.first(where: { $0.nameZh == trimmed || $0.nameEn.lowercased() == trimmed.lowercased() }) else { return nil }
        self = role
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

import Foundation

/// Roles as stored: sorted codes joined by commas with a leading and trailing comma, so
/// `roles LIKE '%,office,%'` filters by one role without a join table.
public enum RoleSet {
    public static func encode(_ roles: Set<Role>) -> String {
        roles.isEmpty ? "" : "," + roles.sorted().map(\.rawValue).joined(separator: ",") + ","
    }

    public static func decode(_ text: String) -> Set<Role> {
        Set(text.split(separator: ",").compactMap { Role(rawValue: String($0)) })
    }
}
