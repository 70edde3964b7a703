import Fluent
import Foundation
import GaoxinDomain
import Vapor

/// Create, update, deactivate and reactivate a declared register's record: checked through
/// `RegisterChecker`, owned as the declaration says, written with its audit row in one transaction.
enum RegisterWrites {
    /// The `unit` and `park` roles write only records their subtree owns; others are bounded by the route's roles.
    static func requireOwnership(_ declaration: RegisterDeclaration, _ record: RegisterRecord, actor: Actor, on db: Database) async throws {
        guard try await writable(declaration, [record], actor: actor, on: db).contains(record.id) else { throw AppError.forbidden }
    }

    /// The ids of the records the actor's ownership lets it write: the owning units' paths looked
    /// up in one query per 500 records (an import's file checks thousands at once).
    static func writable(_ declaration: RegisterDeclaration, _ records: [RegisterRecord], actor: Actor, on db: Database) async throws -> Set<Int> {
        guard actor.isOwnershipBound else { return Set(records.map(\.id)) }
        let key: String, paths: [Int64: UnitPath]
        switch declaration.ownership {
        case .officeOnly: return []
        case .unitField(let field):
            key = field
            paths = try await RegisterOwnershipLookup.unitPaths(ids: Set(records.compactMap { $0.values[field]?.integer }), on: db)
        case .referencedUnit(let field, let table):
            key = field
            paths = try await RegisterOwnershipLookup.unitPaths(table: table, ids: Array(Set(records.compactMap { $0.values[field]?.integer })), on: db)
        }
        return Set(records.filter { record in record.values[key]?.integer.flatMap { paths[$0] }.map(actor.owns) == true }.map(\.id))
    }

    /// Whether the request's actor may write this record (its roles, then its ownership): what a
    /// page asks before it offers a form or an action.
    static func mayWrite(_ declaration: RegisterDeclaration, _ record: RegisterRecord, _ req: Request) async -> Bool {
        guard let actor = req.actor, actor.hasAny(declaration.policy.write) else { return false }
        return (try? await requireOwnership(declaration, record, actor: actor, on: req.db)) != nil
    }

    /// Whether the actor may create records at all (the `unit` role only where ownership follows a unit).
    static func mayCreate(_ declaration: RegisterDeclaration, actor: Actor) -> Bool {
        guard actor.hasAny(declaration.policy.write) else { return false }
        if actor.hasAny([.admin, .office]) { return true }
        if case .officeOnly = declaration.ownership { return false }
        return true
    }

    static func create(_ declaration: RegisterDeclaration, _ input: RegisterInput, _ req: Request) async throws -> RegisterRecord {
        let actor = try req.requireActor()
        guard mayCreate(declaration, actor: actor) else { throw AppError.forbidden }
        var values = try await checked(declaration, input, existing: nil, actor: actor, on: req.db)
        let hasher = req.password.async
        try await RegisterSecrets.hash(&values, declaration) { try await hasher.hash($0) }
        let id = try await req.db.transaction { [values] tx in
            let id = try await RegisterStore.insert(declaration, values, now: req.now, on: tx)
            let record = try await RegisterStore.find(declaration, id: id, on: tx)!
            try await declaration.afterWrite?(nil, record, req.now, tx)
            try await AuditLog.record(req, on: tx, action: .create, entity: declaration.entity, entityID: "\(id)",
                                      summary: "新建\(declaration.titleZh)“\(name(declaration, record))”", before: NoSnapshot?.none,
                                      after: RegisterDTO(declaration: declaration, record: record.forAudit))
            return id
        }
        return try await RegisterStore.find(declaration, id: id, today: DisplayFormat.day(req.now), on: req.db)!
    }

    static func update(_ declaration: RegisterDeclaration, _ record: RegisterRecord, _ input: RegisterInput, _ req: Request) async throws -> RegisterRecord {
        let actor = try req.requireActor()
        try await requireOwnership(declaration, record, actor: actor, on: req.db)
        let values = try await checked(declaration, input, existing: record, actor: actor, on: req.db)
        // An edit that changes nothing writes nothing and is not audited — unless saving restamps
        // the record as current (`freshness`), which is then the change.
        if values == record.values, declaration.freshness == nil { return record }
        try await req.db.transaction { tx in
            try await RegisterStore.update(declaration, id: record.id, values, now: req.now, on: tx)
            let after = try await RegisterStore.find(declaration, id: record.id, on: tx)!
            try await declaration.afterWrite?(record, after, req.now, tx)
            try await AuditLog.record(req, on: tx, action: .update, entity: declaration.entity, entityID: "\(record.id)",
                                      summary: "修改\(declaration.titleZh)“\(name(declaration, after))”",
                                      before: RegisterDTO(declaration: declaration, record: record.forAudit), after: RegisterDTO(declaration: declaration, record: after.forAudit))
        }
        return try await RegisterStore.find(declaration, id: record.id, today: DisplayFormat.day(req.now), on: req.db)!
    }

    static func setActive(_ declaration: RegisterDeclaration, _ record: RegisterRecord, _ active: Bool, _ req: Request) async throws -> RegisterRecord {
        let actor = try req.requireActor()
        try await requireOwnership(declaration, record, actor: actor, on: req.db)
        guard record.active != active else { return record }
        if let refusal = declaration.activationRule?(record, actor) { throw AppError.validation(ValidationFailed([refusal])) }
        if let conflict = try await declaration.activationConflict?(record, active, actor, req.db) { throw AppError.conflict(conflict) }
        if active {
            // A reactivated record must still be valid (its unique values may have been taken meanwhile).
            var input = RegisterInput(source: .json)
            for field in declaration.fields where field.unique { input.texts[field.key] = record.values[field.key]?.uniqueKey ?? "" }
            _ = try await checked(declaration, input, existing: record, actor: actor, on: req.db)
        }
        try await req.db.transaction { tx in
            try await RegisterStore.setActive(declaration, id: record.id, active, now: req.now, on: tx)
            var after = record
            after.active = active
            try await declaration.afterWrite?(record, after, req.now, tx)
            try await AuditLog.record(req, on: tx, action: active ? .reactivate : .deactivate, entity: declaration.entity, entityID: "\(record.id)",
                                      summary: (active ? "启用" : "停用") + "\(declaration.titleZh)“\(name(declaration, record))”",
                                      before: RegisterDTO(declaration: declaration, record: record.forAudit), after: RegisterDTO(declaration: declaration, record: after.forAudit))
        }
        return try await RegisterStore.find(declaration, id: record.id, today: DisplayFormat.day(req.now), on: req.db)!
    }

    static func checked(_ declaration: RegisterDeclaration, _ input: RegisterInput, existing: RegisterRecord?, actor: Actor, on db: Database) async throws -> RegisterValues {
        let outcome = try await RegisterChecker.check(declaration, [(input, existing)], actor: actor, on: db)[0]
        if !outcome.errors.isEmpty { throw ValidationFailed(outcome.errors) }
        return outcome.values
    }

    static func name(_ declaration: RegisterDeclaration, _ record: RegisterRecord) -> String {
        record.text(declaration.nameField) ?? "#\(record.id)"
    }
}
