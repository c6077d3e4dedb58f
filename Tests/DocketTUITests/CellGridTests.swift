import DocketCore
@testable import DocketTUI
import Testing

@Suite struct CellGridTests {
    @Test func wideCharactersTakeTwoCellsAndCombiningMarksJoin() {
        var grid = CellGrid(width: 10, height: 1)
        let end = grid.write("日e\u{301}x", row: 0, column: 0)
        #expect(end == 4)
        #expect(grid[0, 0].text == "日")
        #expect(grid[0, 1].isContinuation)
        #expect(grid[0, 2].text == "e\u{301}")
        #expect(grid.line(0) == "日e\u{301}x      ")
    }

    @Test func controlsBecomePlaceholdersWithTheirOwnRole() {
        var grid = CellGrid(width: 20, height: 1)
        grid.write("a\u{1B}[2J\u{202E}", row: 0, column: 0)
        #expect(grid.text == "a␛[2J⟨U+202E⟩")
        #expect(grid[0, 1].role == .placeholder)
        #expect(grid[0, 0].role == .text)
        #expect(grid.cells.allSatisfy { $0.text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F } })
    }

    @Test func writingClipsAtTheLimitWithoutSplittingAWideCharacter() {
        var grid = CellGrid(width: 5, height: 1)
        grid.write("ab日本", row: 0, column: 0)
        #expect(grid.line(0) == "ab日 ")
    }

    @Test func diffReportsOnlyChangedCells() {
        var old = CellGrid(width: 10, height: 3)
        old.write("hello", row: 1, column: 0)
        var new = old
        #expect(GridDiff.changes(from: old, to: new).isEmpty)
        new.write("J", row: 1, column: 0)
        new.write("y", row: 2, column: 9)
        let changes = GridDiff.changes(from: old, to: new)
        #expect(changes == [GridChange(row: 1, column: 0, cells: [Cell("J")]), GridChange(row: 2, column: 9, cells: [Cell("y")])])
        // A new size redraws every row.
        #expect(GridDiff.changes(from: old, to: CellGrid(width: 11, height: 3)).count == 3)
        #expect(GridDiff.changes(from: nil, to: new).count == 3)
    }

    @Test func diffRedrawsWholeWideCharacters() {
        var old = CellGrid(width: 6, height: 1)
        old.write("ab日", row: 0, column: 0)
        var new = CellGrid(width: 6, height: 1)
        new.write("ab本", row: 0, column: 0)
        let changes = GridDiff.changes(from: old, to: new)
        #expect(changes.count == 1)
        #expect(changes[0].column == 2)
        #expect(changes[0].cells.map(\.text) == ["本", ""])
    }
}
