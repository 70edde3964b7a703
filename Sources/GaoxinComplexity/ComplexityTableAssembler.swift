import Dispatch

/// Turns rows into per-year dense matrices, finding what the reference would silently accept:
/// duplicate (year, location, product) rows, a year whose values are all 0, a year with a
/// single location or product left once zero totals are dropped. When the input has several
/// such problems, the one on the earliest line is reported.
struct ComplexityTableAssembler {
    let policy: InputPolicy

    func assemble(_ rows: ObservationRows) throws -> ComplexityTable {
        guard rows.count > 0 else { throw ComplexityInputError.emptyMatrix }
        let yearOrder = Self.yearOrder(rows.years)
        let rowsByYear = Self.bucketByYear(rows)
        var years: [YearInput] = []
        var earliest: ComplexityInputError?
        var droppedDuplicates = 0, firstDuplicateLine = Int.max
        func consider(_ error: ComplexityInputError) {
            if let line = error.line, line < (earliest?.line ?? Int.max) { earliest = error }
        }
        // Years are independent: assemble them on all cores, then look at them in order.
        var assembledYears = [Result<AssembledYear, Error>?](repeating: nil, count: yearOrder.count)
        assembledYears.withUnsafeMutableBufferPointer { slots in
            let slots = slots  // each task writes only its own slot
            DispatchQueue.concurrentPerform(iterations: yearOrder.count) { k in
                slots[k] = Result { try assembleYear(yearOrder[k], rows: rows, rowIndices: rowsByYear[yearOrder[k]]) }
            }
        }
        for slot in assembledYears {
            let assembled = try slot!.get()
            if let duplicate = assembled.firstDuplicate {
                if policy == .strict { consider(duplicate) }
                droppedDuplicates += assembled.duplicateCount
                firstDuplicateLine = min(firstDuplicateLine, duplicate.line ?? Int.max)
            }
            if let problem = Self.shapeProblem(assembled.input) { consider(problem) }
            years.append(assembled.input)
        }
        if let error = earliest { throw error }
        var notes: [ComplexityNote] = []
        if let first = rows.firstCoerced {
            notes.append(.coercedValues(count: rows.coercedCount, firstLine: first.line, example: first.text))
        }
        if droppedDuplicates > 0 {
            notes.append(.droppedDuplicates(count: droppedDuplicates, firstLine: firstDuplicateLine))
        }
        return ComplexityTable(years: years, notes: notes)
    }

    /// Years sort numerically when all are integers ("2019" before "2020"; "9" before "10"),
    /// otherwise by their bytes.
    static func yearOrder(_ years: ByteInterner) -> [Int] {
        let numbers = years.strings.map { Int($0) }
        if numbers.allSatisfy({ $0 != nil }) {
            return (0..<years.count).sorted { numbers[$0]! < numbers[$1]! }
        }
        return (0..<years.count).sorted { years.precedes($0, $1) }
    }

    /// Row indices per year, each list in file order (a stable counting sort).
    static func bucketByYear(_ rows: ObservationRows) -> [[Int32]] {
        var buckets = [[Int32]](repeating: [], count: rows.years.count)
        var counts = [Int](repeating: 0, count: rows.years.count)
        for year in rows.yearIds { counts[Int(year)] += 1 }
        for year in 0..<buckets.count { buckets[year].reserveCapacity(counts[year]) }
        for (index, year) in rows.yearIds.enumerated() { buckets[Int(year)].append(Int32(index)) }
        return buckets
    }

    private struct AssembledYear {
        var input: YearInput
        var firstDuplicate: ComplexityInputError?
        var duplicateCount: Int
    }

    private func assembleYear(_ yearId: Int, rows: ObservationRows, rowIndices: [Int32]) throws -> AssembledYear {
        let year = rows.years.string(yearId)
        let locationAxis = AxisIndex(ids: rowIndices.lazy.map { rows.locationIds[Int($0)] }, codes: rows.locations)
        let productAxis = AxisIndex(ids: rowIndices.lazy.map { rows.productIds[Int($0)] }, codes: rows.products)
        let width = productAxis.count
        guard locationAxis.count * width <= ComplexityTable.maxCellsPerYear else {
            throw ComplexityInputError.matrixTooLarge(year: year, locations: locationAxis.count, products: width,
                                                      limit: ComplexityTable.maxCellsPerYear)
        }
        var values = DenseMatrix(rows: locationAxis.count, columns: width)
        // Row index + 1 of the row that filled each cell; 0 = empty. Finds duplicates in one pass.
        var filledBy = [Int32](repeating: 0, count: locationAxis.count * width)
        var locationLines = [Int](repeating: 0, count: locationAxis.count)
        var productLines = [Int](repeating: 0, count: width)
        var firstDuplicate: ComplexityInputError?
        var duplicateCount = 0
        for rowIndex in rowIndices {
            let r = Int(rowIndex)
            let l = locationAxis.local(rows.locationIds[r]), p = productAxis.local(rows.productIds[r])
            let cell = l * width + p
            let line = Int(rows.lines[r])
            if filledBy[cell] != 0 {
                duplicateCount += 1
                if firstDuplicate == nil {
                    firstDuplicate = .duplicate(line: line, firstLine: Int(rows.lines[Int(filledBy[cell]) - 1]), year: year,
                                                location: locationAxis.codes[l], product: productAxis.codes[p])
                }
                continue  // the reference keeps the first occurrence
            }
            filledBy[cell] = rowIndex + 1
            values.storage[cell] = rows.values[r]
            if locationLines[l] == 0 { locationLines[l] = line }
            if productLines[p] == 0 { productLines[p] = line }
        }
        let input = YearInput(year: year, locations: locationAxis.codes, products: productAxis.codes, values: values,
                              firstLine: Int(rows.lines[Int(rowIndices[0])]),
                              locationLines: locationLines, productLines: productLines)
        return AssembledYear(input: input, firstDuplicate: firstDuplicate, duplicateCount: duplicateCount)
    }

    /// A year that leaves fewer than two locations or products once zero totals are dropped
    /// has no economic complexity (the reference returns NaN without saying why).
    static func shapeProblem(_ input: YearInput) -> ComplexityInputError? {
        let rowTotals = NumpyReductions.rowSums(input.values)
        let columnTotals = NumpyReductions.columnSums(input.values)
        let liveLocations = rowTotals.indices.filter { rowTotals[$0] != 0 }
        let liveProducts = columnTotals.indices.filter { columnTotals[$0] != 0 }
        if liveLocations.isEmpty { return .allZero(year: input.year, line: input.firstLine) }
        if liveLocations.count == 1 {
            let l = liveLocations[0]
            return .singleLocation(year: input.year, location: input.locations[l], line: input.locationLines[l])
        }
        if liveProducts.count == 1 {
            let p = liveProducts[0]
            return .singleProduct(year: input.year, product: input.products[p], line: input.productLines[p])
        }
        return nil
    }
}

/// The codes of one axis (locations or products) of a year, sorted by code point, with the
/// map from global ids to positions.
private struct AxisIndex {
    let codes: [String]
    private let localOf: [Int32]

    init<S: Sequence>(ids: S, codes interner: ByteInterner) where S.Element == Int32 {
        var seen = [Bool](repeating: false, count: interner.count)
        var present: [Int] = []
        for id in ids where !seen[Int(id)] {
            seen[Int(id)] = true
            present.append(Int(id))
        }
        present.sort { interner.precedes($0, $1) }
        var localOf = [Int32](repeating: -1, count: interner.count)
        for (position, id) in present.enumerated() { localOf[id] = Int32(position) }
        self.codes = present.map { interner.string($0) }
        self.localOf = localOf
    }

    var count: Int { codes.count }

    func local(_ id: Int32) -> Int { Int(localOf[Int(id)]) }
}
