import Dispatch
import Glibc

/// Writes the complexity command's CSV outputs: one row per (year, location, product) of each
/// year's full grid, and optionally the proximity of every product pair.
///
/// Nine million grid rows are about 1.3 GB of text, so: values that belong to a location or a
/// product are formatted once; the rows are formatted on all cores, a block of locations per
/// task, into reused buffers; the blocks are written in order.
enum ComplexityCSVWriter {
    static let gridColumns = ["year", "loc", "prod"] + ComplexityColumn.allCases.map(\.rawValue)

    /// The grid header; `rpop` is appended when the presence test computed it.
    static func gridHeader(includeRPOP: Bool) -> String {
        (gridColumns + (includeRPOP ? ["rpop"] : [])).joined(separator: ",") + "\n"
    }

    static let proximityHeader = "year,prod_1,prod_2,proximity\n"

    static func writeGrid(_ result: ComplexityYearResult, includeRPOP: Bool, to file: OutputFile) throws {
        let layout = GridRows(result, includeRPOP: includeRPOP)
        let locationCount = result.gridLocations.count
        let perBlock = max(1, 16_384 / max(1, result.gridProducts.count))
        let blocks = (locationCount + perBlock - 1) / perBlock
        let wave = min(blocks, 4 * max(1, System.activeProcessorCount))
        // Two sets of buffers: the cores format one wave while a writer thread hands the
        // previous one to the kernel (copying 1.3 GB into the page cache is a third of the work).
        let sets = (0..<2).map { _ in
            BufferSet(buffers: (0..<wave).map { _ in TextBuffer(capacity: perBlock * result.gridProducts.count * 200) })
        }
        defer { sets.forEach { $0.release() } }
        let writer = DispatchQueue(label: "gaoxin.complexity.writer")
        let failure = WriteFailure()
        var firstBlock = 0, round = 0
        while firstBlock < blocks && failure.error == nil {
            let set = sets[round % 2]
            set.free.wait()
            let count = min(wave, blocks - firstBlock)
            let start = firstBlock
            set.buffers.withUnsafeMutableBufferPointer { slots in
                let slots = slots  // each task writes only its own slot
                DispatchQueue.concurrentPerform(iterations: count) { k in
                    let from = (start + k) * perBlock
                    slots[k].removeAll()
                    layout.append(locations: from..<min(from + perBlock, locationCount), to: &slots[k])
                }
            }
            writer.async {
                do {
                    for k in 0..<count { try file.write(set.buffers[k].bytes) }
                } catch {
                    failure.error = error
                }
                set.free.signal()
            }
            firstBlock += count
            round += 1
        }
        writer.sync {}
        if let error = failure.error { throw error }
    }

    static func writeProximity(_ result: ComplexityYearResult, to file: OutputFile) throws {
        let codes = result.products.map { Array(CSVField.text($0).utf8) }
        let year = Array(CSVField.text(result.year).utf8)
        var text = TextBuffer(capacity: 1 << 20)
        defer { text.deallocate() }
        for p in 0..<result.products.count {
            text.removeAll()
            for q in 0..<result.products.count {
                year.withUnsafeBytes { text.append($0) }
                text.append(0x2C)
                codes[p].withUnsafeBytes { text.append($0) }
                text.append(0x2C)
                codes[q].withUnsafeBytes { text.append($0) }
                text.append(0x2C)
                text.append(number: result.proximity[p, q])
                text.append(0x0A)
            }
            try file.write(text.bytes)
        }
    }
}

/// Output buffers filled by the formatting tasks and emptied by the writer thread; `free` is
/// signalled when the writer is done with them.
private final class BufferSet: @unchecked Sendable {
    var buffers: [TextBuffer]
    let free = DispatchSemaphore(value: 1)

    init(buffers: [TextBuffer]) { self.buffers = buffers }

    func release() { buffers.forEach { $0.deallocate() } }
}

/// The writer thread's error, read by the caller only after the writer has drained.
private final class WriteFailure: @unchecked Sendable {
    var error: Error?
}

/// The number of processors this process may use.
enum System {
    static var activeProcessorCount: Int {
        Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}
