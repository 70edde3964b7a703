import Fluent
import GaoxinDomain
import Vapor

/// A model whose name sorts in pinyin order through a stored key (`name_sort`).
protocol PinyinSorted: Model {
    var sortedName: String { get }
    var nameSort: String? { get set }
}

/// Writes the pinyin sort key of every unit, user, enterprise and cluster Fluent creates or
/// updates, so no write path (form, API, import, demo data, a test's fixture) can forget it.
struct PinyinNameMiddleware<M: PinyinSorted>: AsyncModelMiddleware {
    func create(model: M, on db: Database, next: AnyAsyncModelResponder) async throws {
        model.nameSort = PinyinSortKey.key(for: model.sortedName)
        try await next.create(model, on: db)
    }

    func update(model: M, on db: Database, next: AnyAsyncModelResponder) async throws {
        model.nameSort = PinyinSortKey.key(for: model.sortedName)
        try await next.update(model, on: db)
    }
}

enum PinyinSortedModels {
    static func register(on app: Application) {
        app.databases.middleware.use(PinyinNameMiddleware<User>())
        app.databases.middleware.use(PinyinNameMiddleware<Enterprise>())
        app.databases.middleware.use(PinyinNameMiddleware<Cluster>())
        app.databases.middleware.use(SearchPostingsMiddleware<Enterprise>())
        app.databases.middleware.use(SearchPostingsMiddleware<Cluster>())
    }
}
