import Fluent
import GaoxinDomain
import SQLKit
import Vapor

/// Files an enterprise's name in the search postings whenever Fluent creates or updates it, in the
/// same transaction, so every write path (form, API, import, demo data) keeps search exact.
/// Declared registers file theirs in `RegisterStore`; bulk writers call `SearchIndex.insert`.
struct SearchPostingsMiddleware: AsyncModelMiddleware {
    typealias Model = Enterprise

    func create(model: Enterprise, on db: Database, next: AnyAsyncModelResponder) async throws {
        try await next.create(model, on: db)
        try await SearchIndex.write(SearchSource.enterprises.table, Self.filed(model), on: db as! any SQLDatabase)
    }

    func update(model: Enterprise, on db: Database, next: AnyAsyncModelResponder) async throws {
        try await next.update(model, on: db)
        try await SearchIndex.write(SearchSource.enterprises.table, Self.filed(model), on: db as! any SQLDatabase)
    }

    static func filed(_ enterprise: Enterprise) -> SearchIndex.Filed {
        SearchIndex.Filed(id: enterprise.id!, sortKey: enterprise.nameSort ?? PinyinSortKey.key(for: enterprise.name), texts: [enterprise.name])
    }
}
