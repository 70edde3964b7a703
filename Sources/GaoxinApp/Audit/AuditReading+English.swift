import GaoxinDomain

extension AuditReading {
    /// The summary in English, built from the action, the kind and the record's name (the stored
    /// summary is Chinese, written at the change; this reads old rows the same way).
    var englishSummary: String {
        let noun = kind?.noun ?? row.entity
        let subject = noun + " " + (name(.en) ?? "#" + row.entityId)
        let stored = row.summary
        let byImport = stored.hasPrefix("导入"), byDemo = stored.hasPrefix("载入演示") || stored.hasPrefix("演示"), byCLI = stored.hasPrefix("命令行")
        let source = byCLI ? " (command line)" : ""
        if let special = specialEnglishSummary(byImport: byImport) { return special + source }
        guard let action else { return stored }
        let text: String
        switch action {
        case .create: text = (byImport ? "Imported " : byDemo ? "Loaded demo " : "Created ") + subject
        case .update:
            if stored.hasPrefix("链主遴选") { text = "Chain-leader selection changed the tier of " + subject }
            else if stored.hasPrefix("解锁") { text = "Unlocked " + subject }
            else { text = (byImport ? "Updated by import: " : "Updated ") + subject }
        case .delete: text = "Deleted " + subject
        case .move: text = "Moved " + subject
        case .deactivate: text = "Deactivated " + subject
        case .reactivate: text = "Reactivated " + subject
        case .importRows: text = "Imported " + subject
        case .signIn: text = "Signed in"
        case .signInFailed: text = "Sign-in failed"
        case .lockOut: text = "Account locked after repeated failed sign-ins"
        case .tokenCreate: text = "Created " + subject
        case .tokenRevoke: text = "Revoked " + subject
        case .passwordChange: text = "Changed the password of " + subject
        case .restore: text = "Restored a backup"
        }
        return text + source
    }

    /// Kinds whose sentence is not "<verb> <kind> <name>".
    private func specialEnglishSummary(byImport: Bool) -> String? {
        switch row.entity {
        case "chain_node_enterprise":
            guard let node = snapshot("nodeName"), let enterprise = snapshot("enterpriseName") else { return nil }
            if action == .create { return "Attached \(enterprise) to chain node \(node)" }
            if action == .delete { return "Detached \(enterprise) from chain node \(node)" }
        case "chain_leader_decision":
            guard let enterprise = snapshot("enterpriseName") else { return nil }
            let tier = snapshot("tier").flatMap(EnterpriseTier.init(rawValue:))
            return "Chain-leader selection: \(enterprise) set to " + (tier.map { $0.nameEn.lowercased() } ?? "no tier")
        case "enterprise_indicator":
            guard let name = name(.en) else { return nil }
            return (byImport ? "Imported the monthly figures of " : "Reported the monthly figures of ") + name
        case "import":
            guard action == .importRows else { return nil }
            let register = ImportRegisters.find(row.entityId).map(\.titleEn) ?? row.entityId
            let count = importedCount.map { "\($0) rows" } ?? "rows"
            return "Imported \(count) of \(register)" + (importedFile.map { " (file: \($0))" } ?? "")
        default:
            break
        }
        return nil
    }

    /// "导入企业 12 条（文件：x.xlsx）" → 12.
    private var importedCount: Int? {
        guard let end = row.summary.range(of: " 条") else { return nil }
        let digits = row.summary[..<end.lowerBound].reversed().prefix { $0.isASCII && $0.isNumber }
        return Int(String(digits.reversed()))
    }

    /// "导入企业 12 条（文件：x.xlsx）" → x.xlsx.
    private var importedFile: String? {
        guard let start = row.summary.range(of: "（文件："), row.summary.hasSuffix("）") else { return nil }
        return String(row.summary[start.upperBound..<row.summary.index(before: row.summary.endIndex)])
    }
}
