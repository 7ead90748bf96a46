/// What the console needs from a terminal. Views never see this: they draw into
/// a `ScreenBuffer`, and the run loop hands finished frames to the backend.
public protocol TerminalBackend: AnyObject {
    var size: Size { get }
    var capability: ColorCapability { get }
    /// Waits up to `timeoutMilliseconds` for input; nil when none came.
    func nextEvent(timeoutMilliseconds: Int) -> InputEvent?
    /// Shows `frame`, writing only cells that differ from the last frame shown.
    func present(_ frame: ScreenBuffer, cursor: Position?)
    /// Forgets what is on screen so the next frame is drawn whole.
    func invalidate()
    func bell()
}

/// A backend with no terminal: scripted input in, frames out. Used by screen
/// tests and the benchmark.
public final class MemoryBackend: TerminalBackend {
    public var size: Size
    public var capability: ColorCapability
    public private(set) var frame: ScreenBuffer?
    public private(set) var cursor: Position?
    public private(set) var bells = 0
    /// Cells written by the last `present`, to check that small changes stay small.
    public private(set) var cellsWrittenLastFrame = 0
    public private(set) var framesPresented = 0
    private var queue: [InputEvent] = []

    public init(size: Size, capability: ColorCapability = .colors256) {
        self.size = size
        self.capability = capability
    }

    /// The next event to hand out (a paste of thousands of keys must not cost a shift per key).
    private var head = 0

    public func enqueue(_ events: [InputEvent]) { queue.append(contentsOf: events) }
    public var pendingEvents: Int { queue.count - head }

    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        guard head < queue.count else {
            queue.removeAll(keepingCapacity: true)
            head = 0
            return nil
        }
        head += 1
        return queue[head - 1]
    }

    public func present(_ next: ScreenBuffer, cursor: Position?) {
        cellsWrittenLastFrame = next.changes(since: frame).reduce(0) { $0 + $1.cells.count }
        frame = next
        self.cursor = cursor
        framesPresented += 1
    }

    public func invalidate() { frame = nil }
    public func bell() { bells += 1 }

    /// Changes the size the way a terminal resize does: the next event says so.
    public func resize(to newSize: Size) {
        size = newSize
        queue.insert(.resize(newSize), at: head)
    }
}
