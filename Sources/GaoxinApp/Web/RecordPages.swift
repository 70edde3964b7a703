import GaoxinDomain
import Vapor

/// The HTML handlers every register kept in a model of its own shares: the list and its export
/// (one list definition for both), create and update (read the form → write → redirect to the
/// record, or the form again with every problem at its field) and deactivate / reactivate (→ the
/// record's page, a refusal shown on it). A register says how to read its form, write a record
/// and draw its pages; the flow is written once here.
protocol RecordPages: Sendable {
    associatedtype Writes: RecordWrites
    associatedtype Row: Decodable & Sendable
    typealias Record = Writes.Record
    typealias Input = Writes.Input

    static var list: ListDefinition { get }
    static var exportColumns: [ListColumn<Row>] { get }
    static var exportNames: ExportNames { get }
    static func renderIndex(_ req: Request, query: ListQuery, page: ListPage<Row>) async throws -> Response
    static func newForm(_ req: Request) async throws -> Response
    static func editForm(_ req: Request) async throws -> Response

    static func path(of record: Record) -> String
    /// Refuses before the form is read (another unit's record); nothing by default.
    static func requireMayChange(_ record: Record, _ req: Request) async throws
    /// The typed input and the raw form (to show back what was typed), with what did not parse.
    static func decodeForm(_ req: Request) throws -> (input: Input, raw: [String: String], errors: [FieldError])
    /// Problems of a form that did not parse, with every other rule's, so all show at once.
    static func allFailures(_ parseErrors: [FieldError], _ input: Input, existing: Record?, _ req: Request) async throws -> ValidationFailed
    static func renderForm(_ req: Request, record: Record?, input: Input, raw: [String: String], errors: [FieldError],
                           status: HTTPResponseStatus) async throws -> Response
    /// The record's page, with a refusal at the top when there is one (a unit that still has users).
    static func renderShow(_ req: Request, errors: [FieldError], status: HTTPResponseStatus) async throws -> Response
}

extension RecordPages {
    static func requireMayChange(_ record: Record, _ req: Request) async throws {}
}

extension RecordPages where Writes: FieldRecordWrites {
    /// Another unit's record is refused before its form is even read.
    static func requireMayChange(_ record: Record, _ req: Request) async throws {
        try await Writes.requireOwnership(record, actor: try req.requireActor(), on: req.db)
    }
}

extension RecordPages {
    static func index(_ req: Request) async throws -> Response {
        let query = try ListQuery.parse(req, list)
        let page = try await ListRunner.page(list, query, on: req.sql, as: Row.self)
        return try await renderIndex(req, query: query, page: page)
    }

    static func export(_ req: Request) async throws -> Response {
        let query = try ListQuery.parse(req, list)
        let format = try ListExport.format(req)
        let rows = try await ListRunner.all(list, query, on: req.sql, as: Row.self)
        let lang = req.uiLanguage
        return try ListExport.response(rows, columns: exportColumns, sheetName: lang.t(exportNames.sheetZh, exportNames.sheetEn),
                                       fileName: lang.t(exportNames.fileZh, exportNames.fileEn), format: format, lang: lang)
    }

    static func create(_ req: Request) async throws -> Response {
        let (input, raw, parseErrors) = try decodeForm(req)
        do {
            guard parseErrors.isEmpty else { throw try await allFailures(parseErrors, input, existing: nil, req) }
            let record = try await Writes.create(input, req)
            return .redirect(path(of: record) + "?notice=created")
        } catch {
            guard let failed = validationFailure(error) else { throw error }
            return try await renderForm(req, record: nil, input: input, raw: raw, errors: failed.errors, status: .unprocessableEntity)
        }
    }

    static func update(_ req: Request) async throws -> Response {
        let record = try await Writes.record(req)
        try await requireMayChange(record, req)
        let (input, raw, parseErrors) = try decodeForm(req)
        do {
            guard parseErrors.isEmpty else { throw try await allFailures(parseErrors, input, existing: record, req) }
            _ = try await Writes.update(record, input, req)
            return .redirect(path(of: record) + "?notice=saved")
        } catch {
            guard let failed = validationFailure(error) else { throw error }
            return try await renderForm(req, record: record, input: input, raw: raw, errors: failed.errors, status: .unprocessableEntity)
        }
    }

    /// A write's refusal of the form's values, thrown as itself or wrapped as the API's error.
    private static func validationFailure(_ error: any Error) -> ValidationFailed? {
        if let failed = error as? ValidationFailed { return failed }
        if case AppError.validation(let failed) = error { return failed }
        return nil
    }

    static func setActive(_ active: Bool) -> @Sendable (Request) async throws -> Response {
        { req in
            let record = try await Writes.record(req)
            do {
                _ = try await Writes.setActive(record, active, req)
            } catch AppError.conflict(let message, _) {
                return try await renderShow(req, errors: [FieldError(field: "active", code: "conflict", zh: message, en: message)], status: .conflict)
            }
            return .redirect(path(of: record) + "?notice=" + (active ? "reactivated" : "deactivated"))
        }
    }
}

/// A list export's sheet name and file name, in both languages.
struct ExportNames: Sendable {
    let sheetZh, sheetEn, fileZh, fileEn: String
}
