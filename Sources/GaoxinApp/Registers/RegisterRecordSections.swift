import Plot
import Vapor

/// What a register shows on its record page beyond its fields and the records pointing at it (a
/// project's stage timeline and its stage form): loaded with the request, drawn with the page's
/// context. Registered by key, so the generic pages stay generic.
enum RegisterRecordSections {
    typealias Draw = @Sendable (PageContext) -> Node<HTML.BodyContext>
    typealias Load = @Sendable (Request, RegisterRecord) async throws -> Draw

    static let all: [String: Load] = [
        RegisterDeclaration.projects.key: ProjectStagePages.section,
        RegisterDeclaration.leads.key: LeadPages.section,
    ]
}
