import GaoxinDomain
import Vapor

/// The list parameters every list page and list endpoint accepts: `q`, `page`, `per`, `sort`
/// (`name` or `-name` for descending) and the list's own filters. Bad values are a 400 naming the field.
struct ListQuery: Sendable, Equatable {
    var search: String?
    var page: Int = 1
    var per: Int = 50
    var sortKey: String
    var descending: Bool
    var filters: [String: String] = [:]
    /// The request's day (`YYYY-MM-DD`, Beijing time), for filters that ask "as of today".
    var today: String = DisplayFormat.day(Date())

    static let maxPer = 200
    static let maxPage = 1_000_000
    /// Counted in Unicode scalars, as JSON Schema's `maxLength` counts (the API document says 100).
    static let maxSearchLength = 100

    static func parse(_ req: Request, _ definition: ListDefinition) throws -> ListQuery {
        if req.url.path.hasPrefix("/api/") { try refuseUnknownParameters(req, definition) }
        var query = ListQuery(sortKey: definition.defaultSort, descending: definition.defaultDescending)
        query.today = DisplayFormat.day(req.now)
        let given = (try? req.query.decode(QueryValues.self).values) ?? [:]
        let rawSearch = given["q"] ?? ""
        if rawSearch.unicodeScalars.count > maxSearchLength { throw AppError.badRequest("搜索词不能超过 \(maxSearchLength) 个字符", field: "q") }
        let search = rawSearch.trimmingCharacters(in: .whitespacesAndNewlines)
        query.search = search.isEmpty ? nil : search
        if let raw = given["page"], !raw.isEmpty {
            guard let page = Int(raw), page >= 1, page <= maxPage else { throw AppError.badRequest("页码应为不小于 1 的整数", field: "page") }
            query.page = page
        }
        if let raw = given["per"], !raw.isEmpty {
            guard let per = Int(raw), (1...maxPer).contains(per) else { throw AppError.badRequest("每页条数应为 1 到 \(maxPer) 之间的整数", field: "per") }
            query.per = per
        }
        if let raw = given["sort"], !raw.isEmpty {
            let descending = raw.hasPrefix("-")
            let key = descending ? String(raw.dropFirst()) : raw
            guard definition.sorts[key] != nil else {
                throw AppError.badRequest("不能按“\(key)”排序，可用：\(definition.sorts.keys.sorted().joined(separator: "、"))", field: "sort")
            }
            query.sortKey = key
            query.descending = descending
        }
        let api = req.url.path.hasPrefix("/api/")
        for filter in definition.filters {
            guard let value = given[filter.key], !value.isEmpty else { continue }
            let raw = value.trimmingCharacters(in: .whitespaces)
            // An empty value is “any” (a form's 全部); on a page, spaces around a value are
            // forgiven. An API client that sends only spaces sent no value its schema allows.
            if raw.isEmpty, api { throw AppError.badRequest("筛选条件“\(filter.zh)”的值不能只有空白", field: filter.key) }
            if raw.isEmpty { continue }
            guard filter.accepts(raw) else {
                throw AppError.badRequest("筛选条件“\(filter.zh)”的值“\(raw)”无效", field: filter.key)
            }
            query.filters[filter.key] = raw
        }
        return query
    }

    /// The query string's parameters that hold one text each, decoded once: asking Vapor for each
    /// parameter by name decoded the whole query string again every time (a list has up to twenty
    /// filters; 1.5 % of an API list request's CPU). The same values as asking by name: the last
    /// one where a parameter is given twice (a page takes that; the API refuses it), none for a
    /// nested key (`a[b]=…`) or a flag without `=`.
    struct QueryValues: Decodable {
        var values: [String: String] = [:]

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: ParameterKey.self)
            for key in container.allKeys {
                if let value = try? container.decode(String.self, forKey: key) { values[key.stringValue] = value }
            }
        }

        struct ParameterKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }

    /// Parameters every list takes besides its filters (`lang` chooses the messages' language).
    static let commonParameters = ["q", "page", "per", "sort", "lang"]

    /// An API list refuses a parameter it does not take, naming it: a misspelt or renamed filter
    /// (`role` for `roles`) must not silently list everything. It refuses one given twice too:
    /// every parameter takes one value, and which of two would count is not the client's to guess.
    /// (A page keeps its other parameters, such as a notice after a save.)
    static func refuseUnknownParameters(_ req: Request, _ definition: ListDefinition) throws {
        let known = Set(commonParameters + definition.filters.map(\.key))
        var given = Set<String>()
        for pair in (req.url.query ?? "").split(separator: "&") {
            let raw = String(pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            let key = (raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? raw)
            guard !key.isEmpty else { continue }
            let shown = String(key.prefix(40))
            guard known.contains(key) else {
                throw AppError.badRequest("不支持查询参数“\(shown)”，可用：" + known.sorted().joined(separator: "、"), field: shown)
            }
            guard given.insert(key).inserted else { throw AppError.badRequest("查询参数“\(shown)”只能给一次", field: shown) }
        }
    }

    /// The query string of this list state with some parameters changed (for sort links, pages, exports).
    func queryString(_ changes: [String: String?] = [:]) -> String {
        parameters(changes).map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }.joined(separator: "&")
    }

    /// The parameters of this list state with some changed (nil removes one), sorted by name.
    func parameters(_ changes: [String: String?] = [:]) -> [(key: String, value: String)] {
        var items: [String: String] = filters
        if let search { items["q"] = search }
        if page != 1 { items["page"] = String(page) }
        if per != 50 { items["per"] = String(per) }
        items["sort"] = (descending ? "-" : "") + sortKey
        for (key, value) in changes { items[key] = value }
        return items.filter { !$0.value.isEmpty }.map { (key: $0.key, value: $0.value) }.sorted { $0.key < $1.key }
    }
}
