import Vapor

/// The user register's routes: the declared register's, and the account actions of a user's page.
enum UserRoutes {
    static var all: [RouteSpec] {
        let users = RegisterDeclaration.users
        return RegisterRoutes.routes(users, morePages: [
            RouteSpec(.POST, users.path + "/:id/unlock", .write(users.policy), UserPages.unlock),
            RouteSpec(.POST, users.path + "/:id/password", .write(users.policy), UserPages.resetPassword),
        ])
    }
}
