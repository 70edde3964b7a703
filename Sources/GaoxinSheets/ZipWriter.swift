import Foundation
import ZIPFoundation

/// Packs named parts into an in-memory zip archive with ZIPFoundation.
enum ZipWriter {
    /// A fixed timestamp (the earliest a zip can hold) makes the same tables produce the same
    /// bytes, which keeps exports cacheable and tests reproducible.
    static let fixedModificationDate = Date(timeIntervalSince1970: 315_532_800)  // 1980-01-01

    static func archive(_ entries: [(path: String, data: Data)]) throws -> Data {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for entry in entries {
                let data = entry.data
                try archive.addEntry(
                    with: entry.path,
                    type: .file,
                    uncompressedSize: Int64(data.count),
                    modificationDate: fixedModificationDate,
                    compressionMethod: .deflate,
                    provider: { position, size in
                        let start = data.startIndex + Int(position)
                        return data.subdata(in: start ..< start + size)
                    }
                )
            }
            guard let bytes = archive.data else { throw SheetError.malformed("zip archive produced no data") }
            return bytes
        } catch let error as SheetError {
            throw error
        } catch {
            throw SheetError.malformed("writing zip archive: \(error)")
        }
    }
}
