import Fluent
import Foundation
import GaoxinSheets

/// A register whose CSV files are read, checked and written a slice at a time inside one
/// transaction (SPEC §7: a province's 36,000,000 monthly rows). Memory holds one slice and what
/// the register keeps across slices (the keys seen, to name a repeated row), never the file; the
/// transaction keeps the import all-or-nothing and invisible until it commits.
protocol SlicedImportRegister: ImportRegister {
    /// A fresh state for one import.
    func slices(context: ImportContext) -> any ImportSlices
    /// Whether its CSV files are streamed (a register whose rows need slow work before the
    /// transaction — hashing passwords — takes the whole file).
    var streamsFiles: Bool { get }
    /// The most rows a slice of its files holds, whatever the configured slice (a register whose
    /// checked rows are large keeps its slices smaller, so an import stays within its memory).
    var maxSliceRows: Int { get }
}

extension SlicedImportRegister {
    var streamsFiles: Bool { true }
    var maxSliceRows: Int { Int.max }
}

/// One import's state across its slices.
protocol ImportSlices: AnyObject, Sendable {
    /// Checks one slice's rows against the database (`tx`) and the rows of the slices before it,
    /// then, when `write` is true and the slice has no problem, writes it. Returns the problems
    /// and how many records were inserted or changed.
    func take(_ rows: [ImportRow], write: Bool, on tx: any Database) async throws -> (errors: [ImportRowError], written: Int)
    /// After the last slice of a file without problems, in the same transaction: what the
    /// register does once for the whole file (the figures' twelve-month revenue).
    func finish(on tx: any Database) async throws
}

/// The usual slices: each planned against the database and the keys the slices before it gave
/// (`Seen`: codes or months with their first row), then written when asked. A register states
/// its plan and its writer; the state across slices is kept here.
final class PlannedSlices<Seen, Item>: ImportSlices, @unchecked Sendable {
    typealias Plan = (_ rows: [ImportRow], _ tx: any Database, _ seen: inout Seen) async throws -> (errors: [ImportRowError], items: [Item])
    typealias Write = (_ items: [Item], _ tx: any Database) async throws -> Int
    typealias Finish = (_ tx: any Database) async throws -> Void

    private var seen: Seen
    private let plan: Plan
    private let writer: Write
    private let finisher: Finish

    init(seen: Seen, plan: @escaping Plan, write: @escaping Write, finish: @escaping Finish = { _ in }) {
        self.seen = seen
        self.plan = plan
        writer = write
        finisher = finish
    }

    func take(_ rows: [ImportRow], write: Bool, on tx: any Database) async throws -> (errors: [ImportRowError], written: Int) {
        let planned = try await plan(rows, tx, &seen)
        guard write, planned.errors.isEmpty else { return (planned.errors, 0) }
        return ([], try await writer(planned.items, tx))
    }

    func finish(on tx: any Database) async throws { try await finisher(tx) }
}

/// Where an import's file is: in memory (an upload) or on disk (the CLI, which can stream a file
/// of any size).
enum ImportSource: Sendable {
    case data(Data)
    case file(String)

    /// The file's first bytes, to tell its format.
    func start() throws -> Data {
        switch self {
        case .data(let data): return data.prefix(8)
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else { throw AppError.badRequest("无法读取文件 \(path)", field: "file") }
            defer { try? handle.close() }
            return (try handle.read(upToCount: 8)) ?? Data()
        }
    }

    /// Whether `register` takes this file slice by slice: a CSV (not xlsx, not UTF-16) of a
    /// sliced register.
    func streams(for register: any ImportRegister, fileName: String?) throws -> Bool {
        let head = try start()
        return (register as? any SlicedImportRegister)?.streamsFiles == true && !SheetParsing.isXLSX(head, name: fileName) && CSVSliceReader.reads(start: head)
    }

    func sliceReader(sliceBytes: Int) throws -> CSVSliceReader {
        switch self {
        case .data(let data): return CSVSliceReader(data: data, sliceBytes: sliceBytes)
        case .file(let path): return try CSVSliceReader(path: path, sliceBytes: sliceBytes)
        }
    }

    /// The whole file (for xlsx and registers that are not sliced).
    func wholeData() throws -> Data {
        switch self {
        case .data(let data): return data
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else { throw AppError.badRequest("无法读取文件 \(path)", field: "file") }
            return data
        }
    }
}

/// The first row that gave each enterprise's month (of one series: a zone indicator, or 0 for the
/// six built-in figures), for a file of any length: per series and month, pages of 4,096
/// enterprise ids holding row numbers (0: not yet). A page starts sparse (a dictionary of the ids
/// given) and becomes a dense array once it holds a quarter of its ids: a file of 36 months of
/// 1,000,000 enterprises takes about 150 MB in dense pages (a dictionary of keys took ten times
/// that), and a file of a few thousand enterprises scattered over a province's ids — ten zone
/// indicators over 36 months — stays in a few megabytes instead of a dense page for every one.
struct FirstRowByMonth {
    private struct Page: Hashable {
        let series: Int
        let month: Int
        let block: Int
    }
    private var dense: [Page: [UInt32]] = [:]
    private var sparse: [Page: [UInt16: UInt32]] = [:]
    private static let pageBits = 12
    /// A sparse page of more ids than this becomes dense (4 bytes an id against ≈ 16 in a dictionary).
    private static let denseFrom = 1 << pageBits / 4

    /// The row that gave this month before, or nil (and `row` is remembered as its first).
    mutating func earlier(_ key: MonthOf, series: Int = 0, row: Int) -> Int? {
        let page = Page(series: series, month: key.period.year * 12 + key.period.month - 1, block: key.enterpriseID >> Self.pageBits)
        let slot = key.enterpriseID & (1 << Self.pageBits - 1)
        if let index = dense.index(forKey: page) {
            // Through the index: one hash lookup, and the page changed in place.
            let first = dense.values[index][slot]
            if first != 0 { return Int(first) }
            dense.values[index][slot] = UInt32(row)
            return nil
        }
        if let first = sparse[page]?[UInt16(slot)] { return Int(first) }
        sparse[page, default: [:]][UInt16(slot)] = UInt32(row)
        if sparse[page]!.count > Self.denseFrom, let given = sparse.removeValue(forKey: page) {
            var rows = [UInt32](repeating: 0, count: 1 << Self.pageBits)
            for (slot, first) in given { rows[Int(slot)] = first }
            dense[page] = rows
        }
        return nil
    }
}
