import GaoxinDomain
import XCTest

final class UnitPathTests: XCTestCase {
    func path(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> UnitPath {
        try XCTUnwrap(UnitPath(text), "\(text) should parse", file: file, line: line)
    }

    func testParsesAndPrintsTheMaterialisedPath() throws {
        let p = try path("/1/5/12/")
        XCTAssertEqual(p.ids, [1, 5, 12])
        XCTAssertEqual(p.description, "/1/5/12/")
        XCTAssertEqual(p.depth, 2)
        XCTAssertEqual(try path("/7/").depth, 0)
        XCTAssertEqual(p.child(40).description, "/1/5/12/40/")
        XCTAssertEqual(UnitPath(ids: [3, 4]).description, "/3/4/")
    }

    func testRefusesMalformedPaths() {
        for text in ["", "/", "//", "1/5/", "/1/5", "/a/", "/1/a/", "/1//5/", "/+1/", "/-1/", "/01/", "/0/", "/ 1/", "/1/5/ "] {
            XCTAssertNil(UnitPath(text), "\(text) must not parse")
        }
    }

    func testContainsIsSubtreeMembershipNotTextPrefix() throws {
        let five = try path("/1/5/")
        XCTAssertTrue(five.contains(five), "a unit is in its own subtree")
        XCTAssertTrue(five.contains(try path("/1/5/12/")))
        XCTAssertTrue(five.contains(try path("/1/5/12/40/")))
        XCTAssertFalse(five.contains(try path("/1/50/")), "/1/50/ is a sibling, not a child")
        XCTAssertFalse(five.contains(try path("/1/")), "not its parent")
        XCTAssertFalse(five.contains(try path("/1/6/12/")))
        XCTAssertFalse(five.contains(try path("/5/")))
    }

    func testMovesThatWouldMakeACycleAreRefused() throws {
        let five = try path("/1/5/")
        XCTAssertFalse(five.canMove(under: five), "under itself")
        XCTAssertFalse(five.canMove(under: try path("/1/5/12/")), "under its child")
        XCTAssertFalse(five.canMove(under: try path("/1/5/12/40/")), "under a grandchild")
        XCTAssertTrue(five.canMove(under: try path("/1/")))
        XCTAssertTrue(five.canMove(under: try path("/1/6/")))
        XCTAssertTrue(five.canMove(under: try path("/1/50/")))
    }

    func testRebasingADescendantAfterAMove() throws {
        let from = try path("/1/5/"), to = try path("/2/7/5/")
        XCTAssertEqual(try path("/1/5/12/40/").rebased(from: from, to: to)?.description, "/2/7/5/12/40/")
        XCTAssertEqual(from.rebased(from: from, to: to)?.description, "/2/7/5/")
        XCTAssertNil(try path("/1/6/").rebased(from: from, to: to))
        XCTAssertNil(try path("/1/50/").rebased(from: from, to: to))
    }
}
