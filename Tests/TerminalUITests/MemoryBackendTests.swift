import Testing
import TerminalUI
import ConsoleTestSupport

private let styles = Table.Styles(header: Style(attributes: .bold), row: Style.plain,
                                  selected: Style(foreground: .white, background: .indexed(24)), empty: Style.plain)

private func frame(selected: Int, size: Size = Size(width: 20, height: 6)) -> ScreenBuffer {
    var b = ScreenBuffer(size: size)
    var state = TableState(selected: selected)
    let rows = (0..<10).map { ["\($0)", "事件\($0)"] }
    Table(columns: [Table.Column("#", width: .fixed(3)), Table.Column("事件", width: .fill)], rows: rows, emptyMessage: "")
        .render(into: &b, area: b.bounds, state: &state, styles: styles)
    return b
}

@Suite("MemoryBackend")
struct MemoryBackendTests {
    @Test("the first frame writes every cell; the same frame again writes none")
    func firstFrame() {
        let backend = MemoryBackend(size: Size(width: 20, height: 6))
        let f = frame(selected: 0)
        backend.present(f, cursor: Position(x: 1, y: 2))
        #expect(backend.cellsWrittenLastFrame == 120)
        #expect(backend.framesPresented == 1)
        #expect(backend.frame == f)
        #expect(backend.cursor == Position(x: 1, y: 2))
        backend.present(f, cursor: nil)
        #expect(backend.cellsWrittenLastFrame == 0)
        #expect(backend.framesPresented == 2)
        #expect(backend.cursor == nil)
    }

    @Test("moving the highlighted row writes only the two rows that changed")
    func moveSelection() {
        let backend = MemoryBackend(size: Size(width: 20, height: 6))
        backend.present(frame(selected: 0), cursor: nil)
        let next = frame(selected: 1)
        let runs = next.changes(since: backend.frame)
        backend.present(next, cursor: nil)
        #expect(backend.cellsWrittenLastFrame == 40)
        #expect(Set(runs.map(\.y)) == [1, 2])
        backend.present(frame(selected: 2), cursor: nil)
        #expect(backend.cellsWrittenLastFrame == 40)
        // Well under the 2 % budget at full size: two rows of a 200×60 screen is 1.7 %.
        let big = MemoryBackend(size: Size(width: 200, height: 60))
        big.present(frame(selected: 3, size: big.size), cursor: nil)
        let full = big.cellsWrittenLastFrame
        big.present(frame(selected: 4, size: big.size), cursor: nil)
        #expect(full == 12_000)
        #expect(big.cellsWrittenLastFrame == 400)
    }

    @Test("invalidate makes the next frame whole")
    func invalidate() {
        let backend = MemoryBackend(size: Size(width: 20, height: 6))
        let f = frame(selected: 0)
        backend.present(f, cursor: nil)
        backend.invalidate()
        #expect(backend.frame == nil)
        backend.present(f, cursor: nil)
        #expect(backend.cellsWrittenLastFrame == 120)
    }

    @Test("a frame of a new size is drawn whole")
    func newSize() {
        let backend = MemoryBackend(size: Size(width: 20, height: 6))
        backend.present(frame(selected: 0), cursor: nil)
        backend.present(frame(selected: 0, size: Size(width: 30, height: 6)), cursor: nil)
        #expect(backend.cellsWrittenLastFrame == 180)
    }

    @Test("resize changes the size and queues a resize event first")
    func resize() {
        let backend = MemoryBackend(size: Size(width: 80, height: 24))
        #expect(backend.nextEvent(timeoutMilliseconds: 0) == nil)
        backend.enqueue([.key(KeyPress(.char("j"))), .key(KeyPress(.down))])
        backend.resize(to: Size(width: 100, height: 30))
        #expect(backend.size == Size(width: 100, height: 30))
        #expect(backend.pendingEvents == 3)
        #expect(backend.nextEvent(timeoutMilliseconds: 0) == .resize(Size(width: 100, height: 30)))
        #expect(backend.nextEvent(timeoutMilliseconds: 0) == .key(KeyPress(.char("j"))))
        #expect(backend.nextEvent(timeoutMilliseconds: 0) == .key(KeyPress(.down)))
        #expect(backend.nextEvent(timeoutMilliseconds: 0) == nil)
        #expect(backend.pendingEvents == 0)
    }

    @Test("bells are counted, capability is kept")
    func bells() {
        let backend = MemoryBackend(size: Size(width: 10, height: 2), capability: .colors8)
        backend.bell()
        backend.bell()
        #expect(backend.bells == 2)
        #expect(backend.capability == .colors8)
        #expect(MemoryBackend(size: Size(width: 1, height: 1)).capability == .colors256)
    }
}
