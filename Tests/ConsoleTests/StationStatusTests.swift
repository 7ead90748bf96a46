import Console
import ConsoleTestSupport
import Testing
import TerminalUI

/// What the console shows of its station's journal: the record count, kept
/// live, and a read-only banner on every screen when the journal is damaged.
@Suite struct StationStatusTests {
    final class Source {
        var next: StationSummary?
        func poll() -> StationSummary? { defer { next = nil }; return next }
    }

    @Test func recordCountFollowsThePollWithoutAKeyPress() {
        let source = Source()
        source.next = StationSummary(recordCount: 3)
        let h = ConsoleHarness(pollStation: source.poll)
        h.advance(seconds: 0)
        #expect(h.lines[23].contains("3 records"))
        source.next = StationSummary(recordCount: 4)
        h.advance(seconds: 0.2)
        #expect(h.lines[23].contains("4 records"))
        #expect(!h.lines[23].contains("3 records"))
    }

    @Test(arguments: Language.allCases)
    func readOnlyBannerOnEveryScreen(_ language: Language) {
        let source = Source()
        let reason = "/data/journal/ed118f86f1c52deb.log: byte 4980: record checksum (CRC32C) does not match"
        source.next = StationSummary(recordCount: 29, readOnlyReason: reason)
        let h = ConsoleHarness(size: Size(width: 200, height: 60), language: language, pollStation: source.poll)
        h.advance(seconds: 0)
        for screen in 1...8 {
            // F-keys: on the intake form digits are typed into the fields.
            h.press(.function(screen))
            let banner = h.lines[1]
            #expect(banner.contains(language == .zh ? "只读" : "READ-ONLY"), "screen \(screen): \(banner)")
            #expect(banner.contains("zhiban repair"))
            #expect(banner.contains("byte 4980"))
            #expect(h.screen[1, 1].style == h.state.theme[.banner])
        }
        assertSnapshot(h.screen, named: "read-only-banner-200x60-\(language.rawValue)")
    }

    @Test func bannerFromOutsideCannotInjectEscapes() {
        let source = Source()
        source.next = StationSummary(recordCount: 1, readOnlyReason: "evil\u{1B}]0;pwned\u{07}name")
        let h = ConsoleHarness(size: Size(width: 200, height: 60), pollStation: source.poll)
        h.advance(seconds: 0)
        #expect(h.lines[1].contains("evilname"))
        for cell in h.screen.cells { #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 }) }
    }
}

@Suite struct SyncStatusTests {
    final class Source {
        var next: StationSummary?
        var acknowledged = 0
        func poll() -> StationSummary? { defer { next = nil }; return next }
    }

    static let t = DutyTime.parseISO8601("2026-11-23T14:02:00+08:00")!

    @Test(arguments: Language.allCases)
    func forkAlarmStaysUntilAcknowledged(_ language: Language) {
        let source = Source()
        source.next = StationSummary(recordCount: 7, unacknowledgedForks: ["FORK at record 2: …"])
        let h = ConsoleHarness(size: Size(width: 200, height: 60), language: language, pollStation: source.poll,
                               acknowledgeForks: { source.acknowledged += 1 })
        h.advance(seconds: 0)
        for screen in ["1", "4", "8"] {
            h.type(screen)
            #expect(h.lines[1].contains(language == .zh ? "分叉告警" : "FORK:"), "\(h.lines[1])")
            #expect(h.lines[1].contains(":ack"))
        }
        h.type(":ack")
        h.press(.enter)
        #expect(source.acknowledged == 1)
        source.next = StationSummary(recordCount: 7)
        h.advance(seconds: 0.2)
        #expect(!h.lines[1].contains(language == .zh ? "分叉告警" : "FORK:"))
    }

    @Test func ackWithNothingToAcknowledgeSaysSo() {
        let source = Source()
        let h = ConsoleHarness(pollStation: source.poll, acknowledgeForks: { source.acknowledged += 1 })
        h.type(":ack")
        h.press(.enter)
        #expect(source.acknowledged == 0)
        #expect(h.lines[22].contains("nothing to acknowledge"))
    }

    @Test func statusBarShowsLastSyncOrSinceWhenUnreachable() {
        let source = Source()
        source.next = StationSummary(recordCount: 3, syncFolders: [SyncFolderSummary(folder: "/media/usb", lastSynced: Self.t, unreachableSince: nil)])
        let h = ConsoleHarness(size: Size(width: 120, height: 24), pollStation: source.poll)
        h.advance(seconds: 0)
        #expect(h.lines[23].contains("synced 14:02"), "\(h.lines[23])")
        source.next = StationSummary(recordCount: 3, syncFolders: [SyncFolderSummary(folder: "/media/usb", lastSynced: Self.t,
                                                                                    unreachableSince: Self.t.addingTimeInterval(-22 * 60))])
        h.advance(seconds: 0.2)
        #expect(h.lines[23].contains("sync unreachable since 13:40"), "\(h.lines[23])")
    }

    @Test func syncCommandListsEveryFolder() {
        let source = Source()
        source.next = StationSummary(recordCount: 3, syncFolders: [
            SyncFolderSummary(folder: "/media/usb", lastSynced: Self.t, unreachableSince: nil),
            SyncFolderSummary(folder: "/mnt/share", lastSynced: nil, unreachableSince: Self.t.addingTimeInterval(-22 * 60)),
        ])
        let h = ConsoleHarness(size: Size(width: 160, height: 24), pollStation: source.poll)
        h.advance(seconds: 0)
        h.type(":sync")
        h.press(.enter)
        #expect(h.lines[22].contains("/media/usb: synced 14:02; /mnt/share: sync unreachable since 13:40"), "\(h.lines[22])")
        // And it asks the shell to sync now.
        var state = h.state
        #expect(reduce(&state, .input(.key(KeyPress(.char(":"))))) == [])
        for c in "sync" { _ = reduce(&state, .input(.key(KeyPress(.char(c))))) }
        #expect(reduce(&state, .input(.key(KeyPress(.enter)))) == [.syncNow])
    }
}

import DutyModel
