import GaoxinDomain

extension AuditReading {
    /// The record's name as the row holds it: a declared register's name field, a snapshot's
    /// `name` / `displayName` / `username`
    /// (both ends of a chain-node link; a month's enterprise and period), else the name the
    /// summary quotes; nil when nothing names it.
    func name(_ lang: UILanguage) -> String? {
        switch row.entity {
        case "chain_node_enterprise":
            if let node = snapshot("nodeName"), let enterprise = snapshot("enterpriseName") { return "\(node) ← \(enterprise)" }
        case "chain_leader_decision":
            if let enterprise = snapshot("enterpriseName") { return enterprise }
        case "enterprise_indicator":
            let period = snapshot("period") ?? row.entityId.split(separator: "/").last.map(String.init)
            let parts = [quotedName, period].compactMap { $0 }
            return parts.isEmpty ? nil : parts.joined(separator: " ")
        case "enterprise_qualification":
            // A form's summary quotes the enterprise, an import's the qualification itself.
            let kindName = snapshot("kindName")
            let parts = [quotedName.flatMap { $0 == kindName ? nil : $0 }, kindName].compactMap { $0 }
            if !parts.isEmpty { return parts.joined(separator: " · ") }
        case "import":
            if let register = ImportRegisters.find(row.entityId) { return lang.t(register.titleZh, register.titleEn) }
        case "user":
            if let display = snapshot("displayName"), let username = snapshot("username") { return display + lang.t("（\(username)）", " (\(username))") }
            // A sign-in row is written before anyone is signed in: its actor is the user.
            if [.signIn, .signInFailed, .lockOut].contains(action) { return row.actorName }
        default:
            break
        }
        if let declaration = Registers.byEntity[row.entity], let name = snapshot(declaration.nameField) { return name }
        return snapshot("name") ?? snapshot("displayName") ?? snapshot("username") ?? quotedName
    }
}
