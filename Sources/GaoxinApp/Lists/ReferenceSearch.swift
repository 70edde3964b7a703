import Foundation
import SQLKit

/// Search-then-choose for a record a person names by typing part of it (an enterprise among a
/// province's thousands), without JavaScript: the server finds the active records whose name
/// contains the text — case-insensitive, the list search's `LIKE` — shortest name first, then id;
/// the caller takes a single match and offers several as a select that posts the id.
/// One query per table for all the texts of a submission, each text limited to `limit` rows.
enum ReferenceSearch {
    /// Most candidates offered for one text.
    static let limit = 10

    /// Where to search: the table, its name expression, the code that tells namesakes apart.
    struct Table: Sendable {
        let table: String
        let nameColumn: String
        let codeColumn: String?
        /// The measure word before the noun in a message (家 for enterprises).
        let measureZh: String

        static let enterprises = Table(table: "enterprises", nameColumn: "name", codeColumn: "credit_code", measureZh: "家")
    }

    struct Candidate: Sendable, Equatable {
        let id: Int
        let name: String
        let code: String?

        /// "名称（代码）": what a select shows, so namesakes differ.
        var label: String { code.map { "\(name)（\($0)）" } ?? name }
    }

    /// What one text found: at most `limit` candidates, and whether there were more.
    struct Matches: Sendable, Equatable {
        var candidates: [Candidate] = []
        var more = false
    }

    /// For each non-empty text, the active records whose name contains it.
    static func search(_ table: Table, texts: [String], on db: any SQLDatabase) async throws -> [String: Matches] {
        let wanted = Array(Set(texts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })).sorted()
        var found: [String: Matches] = [:]
        // SQLite allows 500 terms in one compound SELECT; a form sends a handful of texts.
        for chunk in wanted.chunked(100) {
            var query = SQLQueryString("")
            for (index, text) in chunk.enumerated() {
                let name = table.nameColumn
                query.appendInterpolation(unsafeRaw: (index > 0 ? " UNION ALL " : "") + "SELECT * FROM (SELECT \(index) AS k, id, \(name) AS name, "
                    + "\(table.codeColumn ?? "NULL") AS code, length(\(name)) AS len FROM \(table.table) WHERE active = ")
                query.appendInterpolation(bind: true)
                query.appendInterpolation(unsafeRaw: " AND lower(\(name)) LIKE ")
                query.appendInterpolation(bind: ListRunner.likePattern(text))
                query.appendInterpolation(unsafeRaw: " ESCAPE '\\' ORDER BY length(\(name)), id LIMIT \(limit + 1)) s\(index)")
            }
            var rows: [Int: [(len: Int, candidate: Candidate)]] = [:]
            for row in try await db.raw(query).all() {
                let code = try row.decodeNil(column: "code") ? nil : try row.decode(column: "code", as: String.self)
                let candidate = Candidate(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self), code: code)
                rows[try row.decode(column: "k", as: Int.self), default: []].append((try row.decode(column: "len", as: Int.self), candidate))
            }
            for (index, text) in chunk.enumerated() {
                let sorted = (rows[index] ?? []).sorted { ($0.len, $0.candidate.id) < ($1.len, $1.candidate.id) }.map(\.candidate)
                found[text] = Matches(candidates: Array(sorted.prefix(limit)), more: sorted.count > limit)
            }
        }
        return found
    }

    /// Records by id (active or not), to show a chosen one by name.
    static func records(_ table: Table, ids: [Int], on db: any SQLDatabase) async throws -> [Int: Candidate] {
        var found: [Int: Candidate] = [:]
        for chunk in Array(Set(ids)).chunked(500) {
            let rows = try await db.raw("""
                SELECT id, \(unsafeRaw: table.nameColumn) AS name, \(unsafeRaw: table.codeColumn ?? "NULL") AS code FROM \(unsafeRaw: table.table) WHERE id IN (\(binds: chunk))
                """).all()
            for row in rows {
                let code = try row.decodeNil(column: "code") ? nil : try row.decode(column: "code", as: String.self)
                let candidate = Candidate(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self), code: code)
                found[candidate.id] = candidate
            }
        }
        return found
    }

    /// "找到 2 家名称包含“中誉”的企业，请选择" — with the candidates' names after it when `listing`.
    static func chooseMessage(_ text: String, _ matches: Matches, table: Table, nounZh: String, nounEn: String, listing: Bool) -> (zh: String, en: String) {
        let count = matches.candidates.count
        var zh = matches.more ? "找到 \(count) \(table.measureZh)以上名称包含“\(text)”的\(nounZh)，请选择或输入更完整的名称"
                              : "找到 \(count) \(table.measureZh)名称包含“\(text)”的\(nounZh)，请选择"
        var en = "\(count)\(matches.more ? "+" : "") \(nounEn.lowercased())s have names containing \(text); choose one"
        if listing {
            zh += "：" + matches.candidates.map(\.name).joined(separator: "、")
            en += ": " + matches.candidates.map(\.name).joined(separator: ", ")
        }
        return (zh, en)
    }
}
