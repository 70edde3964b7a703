import Fluent
import GaoxinDomain
import SQLKit
import Vapor

/// A model whose texts are filed in the search postings (`search_grams`) under its table.
protocol SearchFiled: Model {
    static var searchTable: String { get }
    /// The filed texts in the order of its `SearchSource`'s columns.
    var searchFiling: SearchIndex.Filed { get }
}

/// Files a model's texts in the search postings whenever Fluent creates or updates it, in the
/// same transaction, so every write path (form, API, import, demo data, a test's fixture) keeps
/// search exact. Declared registers file theirs in `RegisterStore`; generated data calls
/// `SearchIndex.insert`, an import's slice stages them (`SearchPostingsLoad.beginAppend`). Clusters are declared but also written as models (the demo data, the
/// province seeder), so they are filed both ways.
struct SearchPostingsMiddleware<M: SearchFiled>: AsyncModelMiddleware {
    func create(model: M, on db: Database, next: AnyAsyncModelResponder) async throws {
        try await next.create(model, on: db)
        try await SearchIndex.write(M.searchTable, model.searchFiling, on: db as! any SQLDatabase)
    }

    func update(model: M, on db: Database, next: AnyAsyncModelResponder) async throws {
        try await next.update(model, on: db)
        try await SearchIndex.write(M.searchTable, model.searchFiling, on: db as! any SQLDatabase)
    }
}

extension Enterprise: SearchFiled {
    static var searchTable: String { SearchSource.enterprises.table }
    var searchFiling: SearchIndex.Filed { SearchIndex.Filed(id: id!, sortKey: nameSort ?? PinyinSortKey.key(for: name), texts: [name]) }
}

extension Cluster: SearchFiled {
    static var searchTable: String { RegisterDeclaration.clusters.table }
    var searchFiling: SearchIndex.Filed {
        // The declaration's searchable fields, in its order: the name, the liaison leader.
        SearchIndex.Filed(id: id!, sortKey: nameSort ?? PinyinSortKey.key(for: name), texts: [name, liaisonLeader])
    }
}
