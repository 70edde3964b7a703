import Vapor

/// The JSON handlers every register kept in a model of its own shares — show, create, partial
/// update, deactivate, reactivate — each answering with the register's DTO. A register names its
/// writes and how it presents a record; its list and its own operations stay its own.
protocol RecordAPI: Sendable {
    associatedtype Writes: RecordWrites
    associatedtype DTO: Encodable

    /// The paged list (each register's own query and DTO).
    static func list(_ req: Request) async throws -> Response
    static func present(_ record: Writes.Record, _ req: Request) async throws -> DTO
    /// Refuses what a PATCH may not change here (a unit's parent moves through its own operation).
    static func checkPatch(_ input: Writes.Input, of record: Writes.Record) throws
}

extension RecordAPI {
    static func checkPatch(_ input: Writes.Input, of record: Writes.Record) throws {}

    static func show(_ req: Request) async throws -> Response {
        try .json(try await present(try await Writes.record(req), req))
    }

    static func create(_ req: Request) async throws -> Response {
        let record = try await Writes.create(try APIBody.decode(Writes.Input.self, req), req)
        return try .json(try await present(record, req), status: .created)
    }

    static func update(_ req: Request) async throws -> Response {
        let record = try await Writes.record(req)
        let input = try APIBody.decodePatch(Writes.Input.self, req)
        try checkPatch(input, of: record)
        return try .json(try await present(try await Writes.update(record, input, req), req))
    }

    static func setActive(_ active: Bool) -> @Sendable (Request) async throws -> Response {
        { req in
            let record = try await Writes.setActive(try await Writes.record(req), active, req)
            return try .json(try await present(record, req))
        }
    }
}
