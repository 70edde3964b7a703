import Foundation

/// A secret field (a password) is checked as typed, then hashed before the transaction that
/// stores it: bcrypt is slow by design, and a transaction held open for it would block every
/// other writer (on SQLite, every request). The hash is all that is stored; nothing reads it back.
enum RegisterSecrets {
    typealias Hasher = @Sendable (String) async throws -> String

    /// Replaces each secret's typed text by its hash.
    static func hash(_ values: inout RegisterValues, _ declaration: RegisterDeclaration, using hasher: Hasher) async throws {
        for field in declaration.fields where field.kind.isSecret {
            if case .text(let typed)? = values[field.key] { values[field.key] = .text(try await hasher(typed)) }
        }
    }

    /// The row value under which an import's `prepare` leaves a secret's hash: not a column of any
    /// file (a heading cannot hold a control character).
    static func rowKey(_ field: RegisterField) -> String { "\u{1}hash:" + field.key }

    /// An import's rows with each typed secret hashed beside it, before the write's transaction.
    static func prepare(_ rows: [ImportRow], _ declaration: RegisterDeclaration, context: ImportContext) async throws -> [ImportRow] {
        let secrets = declaration.fields.filter(\.kind.isSecret)
        guard !secrets.isEmpty else { return rows }
        var prepared: [ImportRow] = []
        prepared.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            var values = row.values
            // A registered record's row carries no secret (refused if it does): nothing to hash.
            for field in secrets where !row.value(field.key).isEmpty { values[rowKey(field)] = try await context.passwords(row.value(field.key)) }
            prepared.append(ImportRow(number: row.number, values: values))
            if index % 20 == 0 { await context.report("validating", index, rows.count) }
        }
        return prepared
    }

    /// A planned row's secrets replaced by the hashes `prepare` left in its row.
    static func take(_ values: inout RegisterValues, from row: ImportRow?, _ declaration: RegisterDeclaration) throws {
        for field in declaration.fields where field.kind.isSecret && values[field.key] != nil {
            guard let hash = row?.values[rowKey(field)] else { throw AppError.internalError }
            values[field.key] = .text(hash)
        }
    }
}
