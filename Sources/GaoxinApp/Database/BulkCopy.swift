import FluentPostgresDriver
import Foundation
import GaoxinDomain

/// PostgreSQL: rows of a `BulkInsert` that returns nothing sent by `COPY … FROM STDIN` in the text
/// format on the transaction's connection. A multi-row `INSERT` binds and parses every value as a
/// parameter; `COPY` streams them (the staged monthly figures went this way first, BENCHMARKS.md).
enum BulkCopy {
    static func run(_ values: ArraySlice<BulkValue>, table: String, columns: [String], on postgres: any PostgresDatabase) async throws {
        guard !values.isEmpty else { return }
        try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                try await connection.copyFrom(table: table, columns: columns, format: .text(.init()), logger: connection.logger) { writer in
                    var buffer = ByteBuffer()
                    var line = ""
                    for (index, value) in values.enumerated() {
                        let column = index % columns.count
                        if column > 0 { line += "\t" }
                        append(value, to: &line)
                        if column == columns.count - 1 {
                            line += "\n"
                            buffer.writeString(line)
                            line.removeAll(keepingCapacity: true)
                            if buffer.readableBytes >= 1 << 20 {
                                try await writer.write(buffer)
                                buffer.clear()
                            }
                        }
                    }
                    if buffer.readableBytes > 0 { try await writer.write(buffer) }
                }
            }
        }.get()
    }

    /// One value as `COPY`'s text format reads it: `\N` for none; in text, a backslash, tab,
    /// line feed or carriage return escaped; an instant to the microsecond PostgresNIO would bind.
    static func append(_ value: BulkValue, to line: inout String) {
        switch value {
        case .null: line += "\\N"
        case .integer(let number): line += String(number)
        case .flag(let flag): line += flag ? "t" : "f"
        case .real(let number):
            if number.isNaN { line += "NaN" } else if number.isInfinite { line += number < 0 ? "-Infinity" : "Infinity" } else { line += "\(number)" }
        case .instant(let date): line += timestamp(date)
        case .text(let text):
            guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { line += text; return }
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\\": line += "\\\\"
                case "\t": line += "\\t"
                case "\n": line += "\\n"
                case "\r": line += "\\r"
                default: line.unicodeScalars.append(scalar)
                }
            }
        }
    }

    /// `YYYY-MM-DD HH:MM:SS.ffffff+00`, from the microseconds since 2000-01-01 that PostgresNIO
    /// binds for the same `Date` (truncated as it truncates), so a copied row equals a bound one.
    static func timestamp(_ date: Date) -> String {
        let micros = Int64(date.timeIntervalSince(postgresEpoch) * 1_000_000)
        let (seconds, fraction) = floorDivision(micros, 1_000_000)
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        // 2000-01-01 is day 10,957 of the days `CalendarDay` counts from 1970-01-01.
        let date = CalendarDay(dayNumber: Int(days) + 10_957)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let micro = String(fraction)
        let time = Int(secondOfDay)
        return "\(date.year)-\(two(date.month))-\(two(date.day)) \(two(time / 3_600)):\(two(time / 60 % 60)):\(two(time % 60))."
            + String(repeating: "0", count: 6 - micro.count) + micro + "+00"
    }

    private static let postgresEpoch = Date(timeIntervalSince1970: 946_684_800)

    private static func floorDivision(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let quotient = a >= 0 ? a / b : -((-a + b - 1) / b)
        return (quotient, a - quotient * b)
    }
}
