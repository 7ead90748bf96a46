import Foundation

/// `body(0) … body(count - 1)` run side by side on every core, the results in
/// index order (verify's feeds, the parts of an export batch).
func concurrentMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    let results = ConcurrentResults<T>(count)
    DispatchQueue.concurrentPerform(iterations: count) { i in results.set(i, body(i)) }
    return results.values.map { $0! }
}

/// Slots filled by the threads of `concurrentMap`.
private final class ConcurrentResults<T>: @unchecked Sendable {
    private(set) var values: [T?]
    private let lock = NSLock()
    init(_ count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: T) { lock.lock(); values[index] = value; lock.unlock() }
}
