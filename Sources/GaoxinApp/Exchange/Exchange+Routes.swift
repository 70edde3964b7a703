import GaoxinDomain
import Fluent
import GaoxinSheets
import Vapor

enum ExchangeRoutes {
    struct Upload: Content {
        var file: File?
    }

    /// Any multipart body that does not parse (truncated, no parts) is the client's error, not ours.
    static func decodeUpload(_ req: Request) throws -> Upload {
        do {
            return try req.content.decode(Upload.self)
        } catch {
            throw AppError.badRequest("上传内容无法解析：请以 multipart/form-data 提交，文件字段名为 file", field: "file")
        }
    }

    static func register(_ req: Request) throws -> any ImportRegister {
        guard let key = req.parameters.get("register"), let register = ImportRegisters.find(key) else { throw AppError.notFound("该登记表") }
        return register
    }

    /// Routes per register, so each carries that register's write policy.
    static var all: [RouteSpec] {
        var routes: [RouteSpec] = [
            RouteSpec(.GET, "/imports", .read(Policies.imports)) { req in
                let actor = try req.requireActor()
                let registers = ImportRegisters.all.filter { actor.hasAny($0.policy.write) }
                guard !registers.isEmpty else { throw AppError.forbidden }
                let recent = try await Job.query(on: req.db).filter(\.$createdBy == actor.userID).sort(\.$id, .descending).limit(20).all().map(JobDTO.init)
                let lang = req.uiLanguage
                return try await req.renderPage { context in
                    ImportsView.render(context, registers: registers.map { .init(key: $0.key, title: lang.t($0.titleZh, $0.titleEn), columns: $0.columns, exportsData: $0.exportsCurrentData) },
                                       recent: recent, error: req.query[String.self, at: "error"])
                }
            },
        ]
        for register in ImportRegisters.all {
            let key = register.key
            routes += [
                RouteSpec(.GET, "/imports/\(key)/template", .write(register.policy)) { req in
                    try ListExport.file(SheetParsing.template(register), fileName: "\(register.titleZh)导入模板", format: try ListExport.format(req))
                },
                RouteSpec(.POST, "/imports/\(key)", .write(register.policy), body: .upload) { req in
                    let upload = try decodeUpload(req)
                    guard let file = upload.file, !(file.filename.isEmpty && file.data.readableBytes == 0) else {
                        return .redirect(Site.imports + "?error=noFile")
                    }
                    guard file.data.readableBytes > 0 else { return .redirect(Site.imports + "?error=emptyFile") }
                    let job = try await ImportJob.start(register: register, data: Data(file.data.readableBytesView), fileName: file.filename, req)
                    return .redirect(Site.job(job.id!))
                },
                RouteSpec(.POST, "/api/v1/imports/\(key)", .write(register.policy), body: .upload,
                          doc: APIOperation(operationID: "import" + key.split(separator: "-").map { $0.capitalized }.joined(), summary: "导入\(register.titleZh)（xlsx 或 CSV，后台任务）", tag: "导入",
                                            request: .upload, successStatus: 202, response: JobDTO.self)) { req in
                    let data: Data
                    var name: String?
                    if req.headers.contentType == .formData {
                        let upload = try decodeUpload(req)
                        guard let file = upload.file else { throw AppError.badRequest("缺少文件字段 file", field: "file") }
                        data = Data(file.data.readableBytesView)
                        name = file.filename
                    } else {
                        data = req.body.data.map { Data($0.readableBytesView) } ?? Data()
                    }
                    let job = try await ImportJob.start(register: register, data: data, fileName: name, req)
                    return try .json(JobDTO(job), status: .accepted)
                },
            ]
        }
        // The current data in the import's format, for registers people correct in a spreadsheet.
        for register in ImportRegisters.all where register.exportsCurrentData {
            routes.append(RouteSpec(.GET, "/imports/\(register.key)/data", .write(register.policy)) { req in
                let text = (req.query[String.self, at: "period"] ?? "").trimmingCharacters(in: .whitespaces)
                let month = text.isEmpty ? nil : Period(text)
                if !text.isEmpty, month == nil { throw AppError.badRequest("月份应为 YYYY-MM", field: "period") }
                var table = SheetParsing.template(register)
                table.rows = [table.rows[0]] + (try await register.currentData(period: month?.description, limit: ListExport.maxRows, on: req.db))
                return try ListExport.file(table, fileName: register.titleZh + (month.map { "-\($0)" } ?? ""), format: try ListExport.format(req))
            })
        }
        return routes
    }
}
