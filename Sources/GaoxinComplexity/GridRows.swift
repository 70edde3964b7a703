/// Formats the grid rows of one year: the pieces that belong to a location ("year,loc,",
/// diversity, ECI, COI) or a product (code, ubiquity, PCI) are formatted once into arenas;
/// each row then copies those and formats its own RCA, M, density, COG (and RPOP).
struct GridRows {
    private let locationText: TextArena
    private let productText: TextArena
    private let locationIndex: [Int]   // −1 for a dropped location
    private let productIndex: [Int]
    private let columns: Int
    private let rca: [Double], mcp: [Double], density: [Double], cog: [Double], rpop: [Double]?

    /// Per location: "year,loc," then ",diversity" ",eci" ",coi"; per product: "prod" then
    /// ",ubiquity" ",pci" (the leading comma included, empty for dropped ones).
    init(_ result: ComplexityYearResult, includeRPOP: Bool) {
        locationIndex = result.gridLocations.map { $0.index ?? -1 }
        productIndex = result.gridProducts.map { $0.index ?? -1 }
        locationText = TextArena(pieces: result.gridLocations.map { entry in
            let values = entry.index.map { [result.diversity[$0], result.eci[$0], result.coi[$0]] } ?? []
            return ("\(CSVField.text(result.year)),\(CSVField.text(entry.code)),", values)
        })
        productText = TextArena(pieces: result.gridProducts.map { entry in
            (CSVField.text(entry.code), entry.index.map { [result.ubiquity[$0], result.pci[$0]] } ?? [])
        })
        columns = result.products.count
        rca = result.rca.storage; mcp = result.mcp.storage
        density = result.density.storage; cog = result.cog.storage
        rpop = includeRPOP ? (result.rpop?.storage ?? Array(repeating: .nan, count: result.rca.storage.count)) : nil
    }

    func append(locations: Range<Int>, to out: inout TextBuffer) {
        let comma: UInt8 = 0x2C
        for g in locations {
            let c = locationIndex[g]
            for h in productIndex.indices {
                locationText.append(g, 0, to: &out)
                productText.append(h, 0, to: &out)
                let p = productIndex[h]
                guard c >= 0 && p >= 0 else {
                    out.append(rpop == nil ? ",,,,,,,,,\n" : ",,,,,,,,,,\n")
                    continue
                }
                let cell = c * columns + p
                out.append(comma); out.append(number: rca[cell])
                out.append(comma); out.append(number: mcp[cell])
                locationText.append(g, 1, to: &out)
                productText.append(h, 1, to: &out)
                locationText.append(g, 2, to: &out)
                productText.append(h, 2, to: &out)
                out.append(comma); out.append(number: density[cell])
                locationText.append(g, 3, to: &out)
                out.append(comma); out.append(number: cog[cell])
                if let rpop = rpop { out.append(comma); out.append(number: rpop[cell]) }
                out.append(0x0A)
            }
        }
    }
}

/// Pre-formatted text pieces per entity: piece 0 is a fixed prefix, pieces 1… are ",value".
private final class TextArena: @unchecked Sendable {
    private var text: TextBuffer
    private let offsets: [Int]
    private let piecesPerEntity: Int

    init(pieces: [(prefix: String, values: [Double])]) {
        let perEntity = 1 + (pieces.map(\.values.count).max() ?? 0)
        var text = TextBuffer(capacity: pieces.count * 64)
        var offsets: [Int] = [0]
        for (prefix, values) in pieces {
            var prefix = prefix
            prefix.withUTF8 { text.append(UnsafeRawBufferPointer($0)) }
            offsets.append(text.count)
            for k in 0..<(perEntity - 1) {
                if k < values.count {
                    text.append(0x2C)
                    text.append(number: values[k])
                } else {
                    text.append(0x2C)
                }
                offsets.append(text.count)
            }
        }
        for _ in 0..<24 { text.append(0) }  // so `TextBuffer.appendPiece` may read 24 bytes from any piece
        self.text = text
        self.offsets = offsets
        self.piecesPerEntity = perEntity
    }

    deinit { text.deallocate() }

    @inline(__always)
    func append(_ entity: Int, _ index: Int, to out: inout TextBuffer) {
        let slot = entity * piecesPerEntity + index
        out.appendPiece(text.base + offsets[slot], count: offsets[slot + 1] - offsets[slot])
    }
}
