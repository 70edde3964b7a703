import Fluent
import Vapor

/// A record kept in a model of its own (a unit, a user, an enterprise, a cluster) whose every
/// change is written with its audit row, before → after, in one transaction.
protocol AuditedRecord: Model where IDValue == Int {
    associatedtype Snapshot: Encodable
    /// The audit log's entity (`unit`).
    static var auditEntity: String { get }
    /// The noun of the audit summaries (`单位`: 新建单位“…”).
    static var auditNounZh: String { get }
    /// How summaries name the record.
    var auditName: String { get }
    /// What the audit row keeps of the record before and after a change.
    var auditSnapshot: Snapshot { get }
    var active: Bool { get set }
}

/// The create / update / deactivate skeleton every such register shares; a register passes only
/// what it writes besides (a unit's tree key, a user's sessions).
enum AuditedWrites {
    /// `insert` creates the record inside the transaction; the audit row follows it.
    static func create<R: AuditedRecord>(_ req: Request, summary: ((R) -> String)? = nil,
                                         _ insert: @escaping @Sendable (Database) async throws -> R) async throws -> R {
        try await req.db.transaction { tx in
            let record = try await insert(tx)
            try await AuditLog.record(req, on: tx, action: .create, entity: R.auditEntity, entityID: "\(record.id!)",
                                      summary: summary?(record) ?? "新建\(R.auditNounZh)“\(record.auditName)”",
                                      before: NoSnapshot?.none, after: record.auditSnapshot)
            return record
        }
    }

    /// `change` applies the validated fields and saves, inside the transaction.
    static func update<R: AuditedRecord>(_ record: R, _ req: Request,
                                         _ change: @escaping @Sendable (R, Database) async throws -> Void) async throws -> R {
        let before = record.auditSnapshot
        return try await req.db.transaction { tx in
            try await change(record, tx)
            try await AuditLog.record(req, on: tx, action: .update, entity: R.auditEntity, entityID: "\(record.id!)",
                                      summary: "修改\(R.auditNounZh)“\(record.auditName)”", before: before, after: record.auditSnapshot)
            return record
        }
    }

    /// Deactivation keeps the record (others point to it); `also` writes what follows from it in
    /// the same transaction. Setting the state it already has changes and records nothing.
    static func setActive<R: AuditedRecord>(_ record: R, _ active: Bool, _ req: Request,
                                            also: (@Sendable (R, Database) async throws -> Void)? = nil) async throws -> R {
        if record.active == active { return record }
        let before = record.auditSnapshot
        return try await req.db.transaction { tx in
            record.active = active
            try await record.save(on: tx)
            try await also?(record, tx)
            try await AuditLog.record(req, on: tx, action: active ? .reactivate : .deactivate, entity: R.auditEntity, entityID: "\(record.id!)",
                                      summary: (active ? "启用" : "停用") + "\(R.auditNounZh)“\(record.auditName)”", before: before, after: record.auditSnapshot)
            return record
        }
    }
}

/// The writes of a register kept in a model of its own, as the pages and the API call them.
protocol RecordWrites: Sendable {
    associatedtype Record: AuditedRecord
    associatedtype Input: Decodable & Sendable

    /// The record the request's `:id` names (404 when there is none).
    static func record(_ req: Request) async throws -> Record
    static func create(_ input: Input, _ req: Request) async throws -> Record
    /// Fields the input lacks keep their value (a PATCH).
    static func update(_ record: Record, _ input: Input, _ req: Request) async throws -> Record
    static func setActive(_ record: Record, _ active: Bool, _ req: Request) async throws -> Record
}

/// Writes that are "check the input into fields, apply them to the model", by an actor who must
/// own the record (the `unit` role writes what its subtree keeps): create, update and
/// deactivate follow from `validate`, `apply` and `requireOwnership`.
protocol FieldRecordWrites: RecordWrites {
    associatedtype Fields: Sendable
    static func validate(_ input: Input, existing: Record?, actor: Actor, on db: Database) async throws -> Fields
    static func apply(_ fields: Fields, to record: Record)
    static func requireOwnership(_ record: Record, actor: Actor, on db: Database) async throws
}

extension FieldRecordWrites {
    static func create(_ input: Input, _ req: Request) async throws -> Record {
        let fields = try await validate(input, existing: nil, actor: try req.requireActor(), on: req.db)
        return try await AuditedWrites.create(req) { tx in
            let record = Record()
            apply(fields, to: record)
            record.active = true
            try await record.create(on: tx)
            return record
        }
    }

    static func update(_ record: Record, _ input: Input, _ req: Request) async throws -> Record {
        let actor = try req.requireActor()
        try await requireOwnership(record, actor: actor, on: req.db)
        let fields = try await validate(input, existing: record, actor: actor, on: req.db)
        return try await AuditedWrites.update(record, req) { record, tx in
            apply(fields, to: record)
            try await record.save(on: tx)
        }
    }

    /// Deactivation keeps the record and what points to it; lists mark it 已停用.
    static func setActive(_ record: Record, _ active: Bool, _ req: Request) async throws -> Record {
        try await requireOwnership(record, actor: try req.requireActor(), on: req.db)
        return try await AuditedWrites.setActive(record, active, req)
    }
}
