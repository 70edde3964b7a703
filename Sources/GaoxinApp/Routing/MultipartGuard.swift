import Vapor

/// MultipartKit 4.7.1 looks each header-name byte up in a 128-entry table and traps on a byte
/// ≥ 0x80 — one crafted upload would take the whole server down. Until that is fixed upstream,
/// every multipart body is scanned first and refused (400) when any header line of any part has
/// such a byte before its colon. Values (e.g. a Chinese filename after the colon) are untouched.
enum MultipartGuard {
    static func check(_ req: Request) throws {
        guard let contentType = req.headers.contentType, contentType.type == "multipart" else { return }
        guard let boundary = contentType.parameters["boundary"], !boundary.isEmpty else {
            throw AppError.badRequest("上传内容缺少 multipart 边界（boundary）", field: "file")
        }
        guard let body = req.body.data else { return }
        if !isSafe(Array(body.readableBytesView), boundary: Array(("--" + boundary).utf8)) {
            throw AppError.badRequest("上传内容的分段头无法解析：请以 multipart/form-data 提交，文件字段名为 file", field: "file")
        }
    }

    /// True when no part's header block holds a byte ≥ 0x80 in a header name.
    static func isSafe(_ body: [UInt8], boundary: [UInt8]) -> Bool {
        var index = 0
        while let start = find(boundary, in: body, from: index) {
            var position = start + boundary.count
            // Walk the header lines of this part until the blank line (or the next boundary).
            var inName = true
            while position < body.count {
                if matches(boundary, in: body, at: position) { break }
                let byte = body[position]
                if byte == 0x0A {
                    if position + 2 < body.count, body[position + 1] == 0x0D || body[position + 1] == 0x0A {
                        if body[position + 1] == 0x0A || (position + 2 < body.count && body[position + 2] == 0x0A) { break }
                    }
                    inName = true
                } else if byte == 0x3A {
                    inName = false
                } else if inName, byte >= 0x80 {
                    return false
                }
                position += 1
            }
            index = start + boundary.count
        }
        return true
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var i = from
        while i + needle.count <= haystack.count {
            if matches(needle, in: haystack, at: i) { return i }
            i += 1
        }
        return nil
    }

    private static func matches(_ needle: [UInt8], in haystack: [UInt8], at position: Int) -> Bool {
        guard position + needle.count <= haystack.count else { return false }
        for k in 0..<needle.count where haystack[position + k] != needle[k] { return false }
        return true
    }
}
