import Fluent
import Crypto
import Foundation
import GaoxinSheets

/// A CSV file of a `SlicedImportRegister`, read, checked and written `sliceRows` rows at a time in
/// one transaction: memory stays bounded whatever the file's length, and a bad row anywhere —
/// the last of 36,000,000 — rolls every slice back, so the import is still all or nothing and
/// a crash leaves no trace of it. After the first problem the rest of the file is only checked,
/// so every bad row is reported (the first `listedErrors` of them listed).
enum SlicedImportRun {
    static let defaultSliceRows = 50_000
    /// Problems listed in a refusal; the count says how many there were.
    static let listedErrors = 10_000

    /// Thrown out of the transaction to roll it back.
    private struct Refused: Error {
        let errors: [ImportRowError]
        let count: Int
    }

    /// Thrown out of a rehearsal's transaction once everything is written: rolled back.
    private struct Rehearsed: Error {
        let written: Int
        let rows: Int
    }

    /// `rehearsal`: the whole import is done — every check, write, roll-up and audit row — and
    /// then rolled back (`gaoxin bench import` times it on a real database and keeps no row of
    /// it). It holds the write lock as long as an import does, and on PostgreSQL the id sequences
    /// move on: not for a database in use.
    static func run(_ register: any SlicedImportRegister, source: ImportSource, fileName: String?, context: ImportContext,
                    sliceRows: Int, started: UInt64, rehearsal: Bool = false) async throws -> JobOutcome {
        let reader: CSVSliceReader
        let checksum = Checksum()
        var pending: [CSVSliceReader.Row] = []
        let header: SheetParsing.Header
        do {
            reader = try source.sliceReader(sliceBytes: 4 << 20)
            reader.observe = { checksum.update(data: $0) }
            // The heading is the first row with content.
            var first: CSVSliceReader.Row?
            while first == nil, let rows = try reader.next() {
                first = rows.first
                pending = Array(rows.dropFirst())
            }
            guard let first else { return ImportJob.fileRefused("文件是空的：没有标题行", fileName: fileName) }
            header = SheetParsing.Header(number: first.number, cells: first.cells, register: register)
        } catch let error as SheetError {
            return ImportJob.fileRefused(error.messageZh, fileName: fileName)
        }
        if !header.errors.isEmpty { return ImportJob.refused(header.errors, count: header.errors.count, register: register) }
        let slices = register.slices(context: context)
        let sliceRows = min(sliceRows, register.maxSliceRows)
        let afterHeading = pending
        let outcome: (written: Int, rows: Int)
        do {
            outcome = try await SQLiteConnectionSetup.bulkTransaction(on: context.db) { tx in
                let progress = context.forTransaction(on: tx)
                var errors: [ImportRowError] = [], errorCount = 0, written = 0, rowCount = 0
                func take(_ rows: [CSVSliceReader.Row]) async throws {
                    let importRows = rows.map { header.row(number: $0.number, cells: $0.cells) }
                    rowCount += importRows.count
                    var found = SheetParsing.exampleRows(importRows, register: register)
                    let taken = try await slices.take(importRows, write: errorCount == 0 && found.isEmpty, on: tx)
                    found += taken.errors
                    written += taken.written
                    errorCount += found.count
                    errors += found.prefix(max(0, listedErrors - errors.count))
                    let phase = errorCount == 0 ? "writing" : "validating"
                    await progress.report(phase, reader.bytesRead, reader.totalBytes)
                    await context.announce?(phase, reader.bytesRead, reader.totalBytes)
                }
                var batch = afterHeading
                while true {
                    while batch.count < sliceRows, let more = try reader.next() { batch += more }
                    if batch.isEmpty { break }
                    let cut = min(sliceRows, batch.count)
                    try await take(Array(batch[0..<cut]))
                    batch.removeFirst(cut)
                }
                if rowCount == 0 { throw Refused(errors: [header.noDataError], count: 1) }
                if errorCount > 0 { throw Refused(errors: errors, count: errorCount) }
                try await slices.finish(on: tx)
                let file = ImportFileRecord(fileName: fileName, sha256: checksum.hex(), bytes: reader.bytesRead, rows: rowCount, written: written)
                try await ImportJob.audit(register, file, context: context, on: tx)
                if rehearsal { throw Rehearsed(written: written, rows: rowCount) }
                return (written, rowCount)
            }
        } catch let rehearsed as Rehearsed {
            outcome = (rehearsed.written, rehearsed.rows)
        } catch let refused as Refused {
            return ImportJob.refused(refused.errors, count: refused.count, register: register)
        } catch let error as SheetError {
            return ImportJob.fileRefused(error.messageZh, fileName: fileName)
        }
        // A rehearsal wrote nothing that stayed: no import's metrics, no "imported" message.
        if rehearsal {
            return .succeeded(message: "试导入：\(outcome.written) 条\(register.titleZh)已写入并回滚（共 \(outcome.rows) 行）",
                              resultJSON: ImportJob.json(ImportResult(inserted: 0, errors: [])))
        }
        return await ImportJob.succeeded(register, inserted: outcome.written, rows: outcome.rows, context: context, started: started)
    }
}

/// The file's SHA-256, fed as the reader reads it; one import's task uses it.
private final class Checksum: @unchecked Sendable {
    private var hasher = SHA256()

    func update(data: ArraySlice<UInt8>) { data.withUnsafeBytes { hasher.update(bufferPointer: $0) } }
    func hex() -> String { ImportFileRecord.hex(hasher.finalize()) }
}
