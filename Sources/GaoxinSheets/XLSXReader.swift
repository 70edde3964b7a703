import Foundation

/// Reads the worksheets of an xlsx workbook (as written by Excel, WPS, LibreOffice,
/// openpyxl) into tables, in tab order with their names.
///
/// Parts are found the way the format defines them — package relationships → workbook →
/// workbook relationships → each sheet — never by assuming file names such as
/// "sheet1.xml". Chart sheets and other non-worksheet sheets are skipped; hidden worksheets
/// are included (the caller picks sheets by name or position).
///
/// Values: text (shared, inline, rich text, formula results, error codes such as "#N/A")
/// becomes `.text`; a number becomes `.integer` when it is integral and exact (below 2^53),
/// otherwise `.number`; a number in a cell formatted as a date becomes `.date` (the time
/// of day is dropped); booleans become `.bool`; empty strings and formulas without a cached
/// result become `.empty`. So `.number(3)` written out reads back as `.integer(3)`.
/// Each table is rectangular, row i being the sheet's row i + 1, so row numbers in error
/// messages match what the user sees in Excel.
public enum XLSXReader {
    public static func read(_ data: Data, limits: SheetLimits = .default) throws -> [SheetTable] {
        guard data.count <= limits.maxFileBytes else { throw SheetError.tooLarge(limit: limits.maxFileBytes) }
        guard !data.isEmpty else { throw SheetError.empty }
        switch FileSignature(data) {
        case .zip: break
        case .ole2: throw SheetError.legacyExcelFormat
        case .other: throw SheetError.notAZip
        }

        var package = try ZipExtractor(data: data, limits: limits)
        let workbookPath = try officeDocumentPath(&package)
        guard let workbookData = try package.contents(of: workbookPath) else {
            throw SheetError.missingPart(workbookPath)
        }
        let workbook = try WorkbookDescription.parse(workbookData, part: workbookPath)
        // A Word or PowerPoint file is a package too; its main part is no workbook.
        guard workbook.isWorkbook else { throw SheetError.missingPart("xl/workbook.xml") }
        let relationships = try partRelationships(of: workbookPath, in: &package)

        var sharedStrings: [String] = []
        if let part = relationships.first(where: { $0.hasType("sharedStrings") && !$0.isExternal }),
           let data = try package.contents(of: part.target) {
            sharedStrings = try SharedStringsPart.parse(data, part: part.target)
        }
        var styles = StylesPart()
        if let part = relationships.first(where: { $0.hasType("styles") && !$0.isExternal }),
           let data = try package.contents(of: part.target) {
            styles = try StylesPart.parse(data, part: part.target)
        }
        let decoder = CellValueDecoder(sharedStrings: sharedStrings, styles: styles, usesDate1904: workbook.usesDate1904)

        var tables: [SheetTable] = []
        for sheet in workbook.sheets {
            guard let relationship = relationships.first(where: { $0.id == sheet.relationshipId }) else {
                throw SheetError.missingPart("relationship \(sheet.relationshipId) of sheet \(sheet.name)")
            }
            guard relationship.hasType("worksheet"), !relationship.isExternal else { continue }
            guard let sheetData = try package.contents(of: relationship.target) else {
                throw SheetError.missingPart(relationship.target)
            }
            let rows = try WorksheetPart.parse(sheetData, part: relationship.target, sheetName: sheet.name, decoder: decoder, limits: limits)
            tables.append(SheetTable(name: sheet.name, rows: rows))
        }
        guard !tables.isEmpty else { throw SheetError.empty }
        return tables
    }

    /// The workbook part named by the package's root relationships. Falls back to the
    /// conventional "xl/workbook.xml" when `_rels/.rels` is absent, as some minimal writers
    /// omit it and every reader still opens such files.
    private static func officeDocumentPath(_ package: inout ZipExtractor) throws -> String {
        let fallback = "xl/workbook.xml"
        guard let rootRelationships = try package.contents(of: PackageRelationships.partName(for: "")) else {
            guard package.contains(fallback) else { throw SheetError.missingPart(fallback) }
            return fallback
        }
        let relationships = try PackageRelationships.parse(rootRelationships, part: "_rels/.rels", source: "")
        guard let document = relationships.first(where: { $0.hasType("officeDocument") && !$0.isExternal }) else {
            guard package.contains(fallback) else { throw SheetError.missingPart(fallback) }
            return fallback
        }
        return document.target
    }

    private static func partRelationships(of part: String, in package: inout ZipExtractor) throws -> [PackageRelationship] {
        let name = PackageRelationships.partName(for: part)
        guard let data = try package.contents(of: name) else { throw SheetError.missingPart(name) }
        return try PackageRelationships.parse(data, part: name, source: part)
    }
}
