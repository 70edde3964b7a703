extension String {
    /// The text without thousands commas ("1,200" → "1200"). Most cells have none and come back as
    /// they are, without Foundation's search (a figures import reads millions of cells).
    public var withoutThousandsCommas: String {
        utf8.contains(UInt8(ascii: ",")) ? String(filter { $0 != "," }) : self
    }
}
