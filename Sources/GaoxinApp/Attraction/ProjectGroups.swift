import SQLKit

/// What the project totals (`ProjectPipeline`, `InvestmentProgress`) and the warnings' counts share:
/// the key levels in the register's declared order with their names, a grouped row's key (an id or
/// a code), and a SUM/COUNT that is NULL over no rows read as 0.
enum ProjectGroups {
    /// (code, Chinese name) of the project register's `level` choices, in declared order.
    static let levels: [(key: String, name: String)] = {
        guard case .choice(let choices)? = RegisterDeclaration.projects.field("level")?.kind else { return [] }
        return choices.map { ($0.value, $0.zh) }
    }()

    /// The `k` column of a grouped row: a unit or cluster id, or a stage or level code.
    static func key(_ row: any SQLRow) throws -> String {
        if let number = try? row.decode(column: "k", as: Int64.self) { return String(number) }
        return try row.decode(column: "k", as: String.self)
    }

    /// An aggregate column of an optional row, NULL (no rows) as 0.
    static func count(_ row: (any SQLRow)?, _ column: String) throws -> Int {
        guard let row, try !row.decodeNil(column: column) else { return 0 }
        return try row.decode(column: column, as: Int.self)
    }
}
