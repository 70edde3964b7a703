/// Bounds applied while reading an uploaded spreadsheet, so that a hostile or accidental
/// file (a zip bomb, a sheet with a million columns) fails with a clear error instead of
/// exhausting the server's memory.
public struct SheetLimits: Sendable {
    /// Size of the uploaded file itself.
    public var maxFileBytes: Int
    /// Sum of the declared (and actually produced) uncompressed sizes of the zip entries.
    public var maxUncompressedBytes: Int
    /// Uncompressed ÷ compressed size of one zip entry. Ordinary spreadsheet XML compresses
    /// 5–30×; deflate cannot exceed about 1030×, which is what bombs use.
    public var maxCompressionRatio: Double
    /// Rows of one sheet that hold a value (trailing empty rows do not count).
    public var maxRows: Int
    /// Columns of one sheet that hold a value.
    public var maxColumns: Int

    public init(
        maxFileBytes: Int = 50 * 1024 * 1024,
        maxUncompressedBytes: Int = 500 * 1024 * 1024,
        maxCompressionRatio: Double = 200,
        maxRows: Int = 1_000_000,
        maxColumns: Int = 1000
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxUncompressedBytes = maxUncompressedBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.maxRows = maxRows
        self.maxColumns = maxColumns
    }

    public static let `default` = SheetLimits()
}
