import SafeText
import Console
import DutyModel
import Station
import Testing
import TerminalUI

@Suite struct StringsTests {
    /// One value of every UIText case. `mustBeListed` fails to compile when a
    /// case is added, as a reminder to add it here too.
    static let everyText: [UIText] = Screen.allCases.flatMap { screen -> [UIText] in
        [.tab(screen), .screenTitle(screen), .coming(screen), .helpScreenHeading(screen)]
    } + [
        .tooSmall(need: Size(width: 60, height: 16), have: Size(width: 50, height: 14)), .helpTitle, .helpGlobalHeading,
        .helpFooter, .helpNoScreenKeys, .keyScreens, .keyNextScreen, .keyHelp, .keyCommand, .keyQuit, .keyEscape, .commandPrompt,
        .commandUnknown("frob"), .commandThemeUsage, .commandLangUsage, .themeSwitched("night"),
        .themeProblem(zh: "broken.toml 第 3 行：错误", en: "broken.toml line 3: bad"), .languageSwitched, .localeNotUTF8("ANSI_X3.4-1968"), .stationNone,
        .statusLanguage, .statusTheme("night"), .statusRecords(1234), .statusSaving, .statusDrill, .pasteIgnored, .draftKept, .draftRestored, .draftRestoredStale, .helpDialogHeading, .keyDialogFields, .keyDialogChoice, .keyDialogSave, .keyDialogClose, .keyDialogClear, .statusOpening(FoldProgress(phase: .folding, done: 340_000, total: 1_000_000)), .statusOpening(FoldProgress(phase: .readingSnapshot, done: 0, total: 1)), .writeFailed(.disk("journal/x.log: No space left on device")), .stationUnreadable("keys/station.key: unreadable"),
        .readOnlyBanner("journal/x.log: byte 4980: record checksum (CRC32C) does not match"),
        .recovered("quarantine/x-at100.bin"), .noStationHere("/tmp/zhiban"), .statusSynced("14:02"), .statusUnreachable("13:40"),
        .forkBanner("FORK at record 2"), .forksAcknowledged(1), .nothingToAcknowledge, .syncFolders("/media/usb: synced 14:02"),
        .noSyncFolders, .statusOperator("高鹏"), .statusOverdue(2), .statusNextReport("14:20"),
        .statusNextReportShort("14:20"), .statusOperatorShort("高鹏"), .statusRecordsShort(1234), .statusUnreachableShort("08:00"),
        .rulesProblem("rules/grading.toml line 3: bad"), .gradeConfirmed(.II), .gradeSuggested(.III), .gradeNone,
        .recordFailed("journal/x.log: No space left on device"), .backupLabel, .channel(.office), .channel(.mobile),
        .channel(.radio), .channel(.satellite), .channel(.other), .warningCount(.red, 1), .warningCount(.orange, 0),
        .warningCount(.yellow, 2), .warningCount(.blue, 0), .deadline(.initialPhone, "13:50", overdue: true),
        .deadline(.followUp(2), "17:00", overdue: false), .deadline(.initialWritten, "14:20", overdue: false),
        .deadline(.final, "09:00", overdue: false), .filterPrompt, .helpFooterDetail, .detailScrollKeys, .recordedAt("02:19"),
        .keyFilter, .keyMove,
    ] + everyIntakeText.map(UIText.intake) + everyWarningText.map(UIText.warning) + everyBoardText.map(UIText.board)
      + everyIncidentsText.map(UIText.incidents) + everyLogText.map(UIText.log) + everyContactsText.map(UIText.contacts)
      + everyResourcesText.map(UIText.resources) + everyMapText.map(UIText.map) + everyHandoverText.map(UIText.handover)

    /// One value of every BoardText case (the duty board and its dialogs).
    static let everyBoardText: [BoardText] = [
        .checkedIn("高鹏、罗燕", "高鹏"), .modeSwitched(.emergency), .modeSwitched(.peacetime), .boardTitle(emergency: false),
        .boardTitle(emergency: true), .handoverCountdown("08:30", "18:25:00"), .handoverAt("2099-12-31 08:30"),
        .emergencySummary(level: "III", worstGrade: .III, open: 2), .emergencySummary(level: nil, worstGrade: nil, open: 0),
        .openIncidentsHeading(3), .onDutyHeading("11-23 08:30", "11-24 08:30"), .checkedInStatus("08:41", "高鹏、罗燕", "高鹏"),
        .notCheckedIn, .leaderLabel, .officerLabel, .tier(1), .tier(2), .nobodyRostered, .noLeader, .tooFewOfficers(1),
        .tooFewPresent(1), .nextShift("11-24 08:30", "吴海涛", "梁超、宋佳"), .nextShift("11-24 08:30", "", ""), .notInContacts,
        .timelineHeading, .changeMarker, .nowMarker("14:05"), .counterReceived(3), .counterOpen(2), .counterDueSoon(1),
        .counterOverdue(1), .counterResourcesOut(0), .counterWarnings, .checkInTitle("11-23 08:30"), .checkInHelp,
        .checkInNobody, .checkInAddPrompt, .checkInRole(.officer), .checkInRole(.backup), .checkInRole(.added),
        .modeTitle(.emergency), .modeTitle(.peacetime), .modeExplain(.emergency), .modeExplain(.peacetime), .modeHelp,
        .modeReasonPrompt, .modeReasonRequired, .keyCheckIn, .keyMode,
    ]

    /// One value of every IncidentsText case (the incident list and detail).
    static let everyIncidentsText: [IncidentsText] = [
        .incidentCount(2, 5), .incidentCount(5, 5), .quickFilter(.open), .quickFilter(.overdue), .quickFilter(.mine),
        .quickFilter(.today), .sortedBy(.received), .sortedBy(.deadline), .sortedBy(.grade), .incidentsHint, .noIncidents,
        .noIncidentMatches, .casualtyLine(Casualties(deaths: 1, injured: 2, evacuated: 30, injuredMinor: 3, housesCollapsed: 4), 150_000),
        .belowSuggestion(.IV, .I), .sensitiveFlag, .reportDelay("1小时30分钟", "1小时"), .reportDelay("45m", nil), .deadlineMade(.initialPhone, "13:50", "13:42", late: false), .deadlineMade(.initialPhone, "13:50", "13:55", late: true),
        .reporterLine("张三 村委会", "13800000000"), .fieldMeasures, .fieldTrend, .fieldRequests, .conflictLine("casualties"),
        .timelineTitle, .timelineReceived("高鹏"), .timelineReport(.followUp(1), .written, "市委值班室", "高鹏"),
        .timelineStatus("处置中", false, "", "高鹏"), .timelineNote("现场风力加大", "罗燕"), .keySort, .keyQuickFilters, .keyIncidentDetail,
        .columnIncidentID, .columnReceived, .columnPlace, .columnType, .columnGrade, .columnStatus, .columnNextReport,
        .incidentStatus(.received), .incidentStatus(.verifying), .incidentStatus(.responding), .incidentStatus(.contained),
        .incidentStatus(.ended), .incidentStatus(.finalReported), .incidentStatus(.closed), .noOpenIncidents,
    ]

    /// One value of every ContactsText case (the contact book).
    static let everyContactsText: [ContactsText] = [
        .contactCount(3, 60), .contactCount(60, 60), .contactsHint, .columnName, .columnUnit, .columnTitle, .columnRole,
        .noContacts, .noContactMatches, .noChannels, .noBackup, .backupLine("吴海涛", "手机 13905231103"), .noBackupPartner("顾平"),
        .jumpedToBackup("孙立新", "吴海涛"), .keyBackup,
    ]

    /// One value of every ResourcesText case (the resources screen and its dialogs, #19).
    static let everyResourcesText: [ResourcesText] = [
        .count(3, 158), .count(158, 158), .hint, .allKinds, .columnName, .columnKind, .columnTown, .columnStatus, .columnFigures,
        .columnDistance, .columnID, .columnUnit, .columnContact, .noResources, .noMatches, .near("TZ-20261123-001"), .nearNone,
        .approximate, .noOpenIncident, .noPoint, .km(3.25), .km(18), .detailPlace("泰兴市 · 七圩镇", "32.1, 120.0"),
        .detailContact("陆海滨 0523-87675001"), .detailHost("公园"), .detailHistory, .noHistory, .belowMinimum("帐篷 100"),
        .shortfall("帐篷 20"), .rotationDue("饮用水", "2027-03-01"), .moveDispatched("TZ-1", 12, "孙立新", "王磊"),
        .moveTeamStatus("已到达", "TZ-1", "到场", "王磊"), .moveStock("帐篷200顶", -200, "issue", "TZ-1", "王磊"),
        .moveStock("帐篷200顶", 200, "return", "", "王磊"), .moveStock("帐篷300顶", 300, "count", "", "王磊"),
        .moveShelter("已开放", 120, "", "王磊"), .detailKeys, .titleDispatch("泰兴危化品救援队"), .titleTeamStatus("泰兴危化品救援队"),
        .titleShelter("泰兴中学"), .titleIssue("泰兴市应急物资储备库"), .titleReturn("泰兴市应急物资储备库"), .labelIncident,
        .labelHeadcount, .labelOrderedBy, .labelStatus, .labelNote, .labelOccupancy, .labelItem, .labelQuantity, .labelTo,
        .dialogKeys, .onlyTeams, .onlyShelters, .onlyDepots, .onlyTeamsOrShelters, .noIncidentToSend, .noItems, .notANumber("数量"), .notTaken("数量", "约500箱"),
        .orderedByRequired, .noteRequired, .askReassign("泰兴危化品救援队", "TZ-1"), .askOverCapacity(120, 100), .refused("库存不足"),
        .dispatched("泰兴危化品救援队", "TZ-1"), .teamStatusSet("泰兴危化品救援队", "已到达"), .issued("帐篷200顶", 200, "泰兴市应急物资储备库", "TZ-1"),
        .returned("帐篷20顶", 20, "泰兴市应急物资储备库"), .shelterSet("泰兴中学", "已开放", 80), .statusBar(1, 2, 0, 0), .statusBar(1, 2, 3, 1), .earlierMoves(12), .noStatuses,
        .nothingToReturn, .quantityPositive,
        .boardTeams(1, 44), .boardShelters(0, 0, 0), .boardShelters(2, 120, 800), .boardBelow(2), .boardShort(1),
        .timelineDispatch("泰兴危化品救援队", 12, "孙立新", "王磊"), .timelineTeam("泰兴危化品救援队", "已到达", "王磊"),
        .timelineStock("泰兴市应急物资储备库", "帐篷200顶", 200, "issue", "王磊"), .timelineStock("泰兴市应急物资储备库", "帐篷20顶", 20, "return", "王磊"),
        .keyKind, .keyNear, .keyNearest, .keyDetail, .keyDispatch, .keyStatus, .keyIssue, .keyReturn,
    ]

    /// One value of every MapText case (the map, #20).
    static let everyMapText: [MapText] = [
        .cursorLine("C7", "32.4900,119.9200", "海陵区"), .cursorLine("—", "34.0000,120.0000", ""), .nearestTeams,
        .nearLine("泰兴危化品救援队", 4.8, 8), .nearLine("兴化蓝天救援队", 88, 177), .nearestDepots("帐篷"), .nearestShelters,
        .nearQuantity("泰兴市应急物资储备库", 12.5, 790), .layersHeading,
    ] + MapLayer.allCases.map { MapText.layer($0) } + MapLayer.allCases.flatMap { [MapText.layerShown($0, true), .layerShown($0, false)] } + [
        .layersShort("TDSFXMEIW"), .keysLine, .gotoUsage, .gotoNotFound("Z99"), .wentTo("C7", "32.4900,119.9200"), .nothingHere, .noStandbyTeam,
        .zoomLevel(2), .unicodeOn(true), .unicodeOn(false), .keyMove, .keyPan, .keyZoom, .keyFit, .keyNext, .keySelect, .keyLayers,
        .keyUnicode, .keyCentre, .keyActions, .keyGoto,
    ]

    /// One value of every HandoverText case (the handover, #21).
    static let everyHandoverText: [HandoverText] = [
        .header("2026-11-23", 1, .notStarted), .pastHeader("2026-11-22", 1), .keysLine, .pastKeysLine, .waiting, .notesTitle, .notesHelp,
        .signTitle, .acceptTitle, .fieldName, .fieldRemarks, .fieldReason, .signHelp, .acceptHelp, .nameMissing, .reasonNeeded("梁超、宋佳"),
        .historyTitle, .historyEmpty, .historyHelp, .notesSaved, .signed("高鹏"), .accepted("梁超"), .notesKept, .refused("x"),
        .alreadySigned("高鹏"), .notSigned, .alreadyAccepted("梁超"), .sameOfficer("高鹏"), .changeAlert("08:30"),
        .lastHandoverLate, .lastHandoverNever, .marked(true), .marked(false), .absentMark, .standInMark,
        .keyScroll, .keyNotes, .keySign, .keyAccept, .keyHistory, .keyCurrent, .keyMarkLog, .keyDaily, .dailyHeader("2026-11-24 08:00"),
    ] + [HandoverReport.Phase.notStarted, .drafted, .signed, .accepted].flatMap { [HandoverText.phase($0), .statusHandover($0)] }

    static func mustBeListed(_ text: HandoverText) {
        switch text {
        case .header, .pastHeader, .phase, .keysLine, .pastKeysLine, .waiting, .notesTitle, .notesHelp, .signTitle, .acceptTitle, .fieldName,
             .fieldRemarks, .fieldReason, .signHelp, .acceptHelp, .nameMissing, .reasonNeeded, .historyTitle, .historyEmpty, .historyHelp,
             .notesSaved, .signed, .accepted, .notesKept, .refused, .alreadySigned, .notSigned, .alreadyAccepted, .sameOfficer,
             .statusHandover, .changeAlert, .lastHandoverLate, .lastHandoverNever, .marked, .absentMark, .standInMark, .keyScroll, .keyNotes,
             .keySign, .keyAccept, .keyHistory, .keyCurrent, .keyMarkLog, .keyDaily, .dailyHeader:
            break
        }
    }

    static func mustBeListed(_ text: MapText) {
        switch text {
        case .cursorLine, .nearestTeams, .nearLine, .nearestDepots, .nearestShelters, .nearQuantity, .layersHeading, .layer, .layersShort, .keysLine, .layerShown, .gotoUsage,
             .gotoNotFound, .wentTo, .nothingHere, .noStandbyTeam, .zoomLevel, .unicodeOn, .keyMove, .keyPan, .keyZoom, .keyFit, .keyNext, .keySelect,
             .keyLayers, .keyUnicode, .keyCentre, .keyActions, .keyGoto:
            break
        }
    }

    static func mustBeListed(_ text: ResourcesText) {
        switch text {
        case .count, .hint, .allKinds, .columnName, .columnKind, .columnTown, .columnStatus, .columnFigures, .columnDistance, .columnID,
             .columnUnit, .columnContact, .noResources, .noMatches, .near, .nearNone, .approximate, .noOpenIncident, .noPoint, .km,
             .detailPlace, .detailContact, .detailHost, .detailHistory, .noHistory, .belowMinimum, .shortfall, .rotationDue,
             .moveDispatched, .moveTeamStatus, .moveStock, .moveShelter, .detailKeys, .titleDispatch, .titleTeamStatus, .titleShelter,
             .titleIssue, .titleReturn, .labelIncident, .labelHeadcount, .labelOrderedBy, .labelStatus, .labelNote, .labelOccupancy,
             .labelItem, .labelQuantity, .labelTo, .dialogKeys, .onlyTeams, .onlyShelters, .onlyDepots, .onlyTeamsOrShelters,
             .noIncidentToSend, .noItems, .notANumber, .notTaken, .orderedByRequired, .noteRequired, .askReassign, .askOverCapacity, .refused,
             .dispatched, .teamStatusSet, .issued, .returned, .shelterSet, .statusBar, .earlierMoves, .noStatuses, .nothingToReturn,
             .quantityPositive, .boardTeams, .boardShelters, .boardBelow,
             .boardShort, .timelineDispatch, .timelineTeam, .timelineStock, .keyKind, .keyNear, .keyNearest, .keyDetail, .keyDispatch,
             .keyStatus, .keyIssue, .keyReturn:
            break
        }
    }

    /// One value of every LogText case (the duty log and its dialogs).
    static let everyLogText: [LogText] = [
        .logEntrySaved("市气象台来电"), .instructionMarkedDone("核实"), .notAnInstruction, .instructionAlreadyDone, .logTextMissing,
        .logDueInvalid("25:00"), .logCount(2, 5), .logCount(5, 5), .logKindFilter(.all), .logKindFilter(.calls),
        .logKindFilter(.instructions), .logKindFilter(.openInstructions), .logKindFilter(.notes), .logHint, .columnTime,
        .columnKind, .columnCounterpart, .columnContent, .columnState, .columnRecordedBy, .logKind(.note, short: false),
        .logKind(.callIn, short: true), .logKind(.callOut, short: false), .logKind(.instruction, short: true), .noLogEntries,
        .noLogMatches, .recordedBy("高鹏"), .clockAhead(minutes: 17), .clockAhead(minutes: 190), .clockAheadDetail(minutes: 17), .clockAheadDetail(minutes: 190), .instructionDone("15:02"), .instructionOverdue("15:00"), .instructionDue("15:00"),
        .instructionOpen, .logEntryTitle(.note), .logEntryTitle(.callIn), .logEntryTitle(.callOut), .logEntryTitle(.instruction),
        .fieldLeader, .fieldCounterpart, .fieldText, .fieldDue, .fieldDetail, .dueHint, .logEntryHelp, .logDetailTitle,
        .keyAddNote, .keyAddCallIn, .keyAddCallOut, .keyAddInstruction, .keyMarkDone, .keyKindFilter, .keyOpenDetail,
    ]

    /// One value of every WarningText case (the warnings screen, checklist and entry form).
    static let everyWarningText: [WarningText] = WarningEntryField.allCases.flatMap { f -> [WarningText] in
        [.entryField(f), .entryRequired(f), .entryTimeUnreadable(f, "25:99")]
    } + [nil, WarningColor.red, .orange, .yellow, .blue].flatMap { c -> [WarningText] in [.level(c), .levelMarker(c), .arrived(c, "暴雨 兴化市")] } + [
        .title, .count(inForce: 3, history: 2), .hint, .none, .noMatches,
        .colLevel, .colType, .colArea, .colIssuer, .colEffective, .colLeft, .colAck, .colCoverage, .detailAck, .acknowledgedBy("王芳", "14:02"), .messageType(.update), .messageType(.cancel),
        .exercise(.exercise), .exercise(.test), .exercise(.system), .exercise(.draft),
        .left(.short(18_723)), .left(.days(3, hours: 4)), .left(.date("2099-12-31")), .noExpiry, .expired("12:00"), .cancelled("13:00"),
        .acknowledged("高鹏", "14:05"), .notAcknowledged, .ackNotNeeded, .coverage(3, 4, 75), .coverageNone, .historyHeading,
        .detailHeadline, .detailDescription, .detailInstruction, .detailArea, .detailTowns, .detailTimes, .detailIssuer, .detailHistory,
        .detailTimesLine("11-23 13:00", "11-23 13:00", "11-23 20:00"), .historyEntry("11-23 10:00", "暴雨黄色预警", "黄色"), .detailKeys,
        .acknowledgedDone("暴雨红色"), .alreadyAcknowledged("高鹏"), .nothingToAcknowledge,
        .banner(.red, "暴雨", "兴化市", 0, late: 0), .banner(.orange, "大风", "靖江市", 2, late: 1),
        .checklistTitle("暴雨红色"), .checklistCoverage(3, 4, 75, 95), .checklistKeys, .checklistNoTargets,
        .cellRecorded("短信", "沙沟镇", true), .cellRecorded("短信", "沙沟镇", false),
        .entryTitle, .entryUpdateTitle("暴雨"), .entryKeys, .entrySource(.phone), .entrySource(.fax),
        .entryTypeUnknown("冰淇淋"), .entryLevelUnknown("紫"), .entryExpiresBeforeEffective, .entryColourNotForType("高温", "蓝色"),
        .entrySaved("泰州市气象台发布暴雨橙色预警"), .entryFix(3), .cancelQuestion("暴雨红色"), .cancelDone("暴雨红色", "14:05"), .cannotCancel,
        .inboxTaken("red.xml: imported", 0), .inboxTaken("a.xml: duplicate", 2), .inboxRejected("bad.xml: alert/sent missing", 1),
        .helpNew, .helpUpdate, .helpCancel, .helpAcknowledge, .helpChecklist, .helpDetail,
        .intensityMarker(6), .intensityMarker(nil), .intensity(12), .intensity(nil), .levelNotOfType("冰雹"),
        .ackDue(.short(240)), .ackDue(.days(2, hours: 0)), .ackDue(.date("2099-12-31")), .ackOverdue(.short(720)),
        .ackOverdue(.days(5, hours: 1)), .ackOverdue(.date("2024-05-01")), .ackOverdue(nil), .forwardOverdue(.short(180)),
        .forwardOverdue(.days(2, hours: 23)), .forwardOverdue(.date("2024-05-01")), .forwardOverdue(nil), .detailClocks, .detailCoverage,
        .coverageByTowns(50, 2, 4), .coverageByPopulation(63, 253_000, 402_000), .coverageUnknownTowns(2), .coverageTarget(95),
        .checklistPopulation(63), .bannerOverdue(1),
    ]

    static func mustBeListed(_ text: WarningText) {
        switch text {
        case .title, .count, .hint, .none, .noMatches, .colLevel, .colType, .colArea, .colIssuer, .colEffective, .colLeft,
             .colAck, .colCoverage, .detailAck, .acknowledgedBy, .messageType, .level, .levelMarker, .exercise, .left, .noExpiry, .expired, .cancelled, .acknowledged,
             .notAcknowledged, .ackNotNeeded, .coverage, .coverageNone, .historyHeading, .detailHeadline, .detailDescription,
             .detailInstruction, .detailArea, .detailTowns, .detailTimes, .detailIssuer, .detailHistory, .detailTimesLine,
             .historyEntry, .detailKeys, .acknowledgedDone, .alreadyAcknowledged, .nothingToAcknowledge, .banner, .arrived,
             .checklistTitle, .checklistCoverage, .checklistKeys, .checklistNoTargets, .cellRecorded, .entryTitle,
             .entryUpdateTitle, .entryKeys, .entryField, .entrySource, .entryTypeUnknown, .entryLevelUnknown, .entryRequired,
             .entryTimeUnreadable, .entryExpiresBeforeEffective, .entryColourNotForType, .entrySaved, .entryFix, .cancelQuestion,
             .cancelDone, .cannotCancel, .inboxTaken, .inboxRejected, .helpNew, .helpUpdate, .helpCancel, .helpAcknowledge, .helpChecklist, .helpDetail,
             .intensityMarker, .intensity, .levelNotOfType, .ackDue, .ackOverdue, .forwardOverdue, .detailClocks, .detailCoverage,
             .coverageByTowns, .coverageByPopulation, .coverageUnknownTowns, .coverageTarget, .checklistPopulation, .bannerOverdue:
            break
        }
    }

    /// One value of every IntakeText case (the intake form and incident actions).
    static let everyIntakeText: [IntakeText] = IntakeField.allCases.map(IntakeText.label) + IntakeSection.allCases.map(IntakeText.section) + [
        .title("11-23 14:05"), .gradeTakeSuggestion, .gradeUngraded, .suggested(.III, "死亡失踪 4 ≥ 3"), .suggestedNone, .suggestedNoTable, .sensitiveYes, .sensitiveNo,
        .deadlinesLine("电话初报 14:35"), .keys, .digitsOnly(.deaths), .noNegative(.injured), .moneyOnly, .notTaken(.evacuated, "厂区周边500米"), .notTaken(.loss, "约两千万"), .notTakenShort("厂区周边500米"), .tooLong(.reporterName, 200),
        .timeUnreadable("25:00"), .timeFuture("11-23 16:05"), .timeResolved("11-23 14:05"), .occurredAfterReceived, .placeRequired,
        .placeFree("外星镇"), .placeListed, .placeFreeShort, .typeUnknown("xyz"), .categoryUnknown("xyz"), .pickFromList,
        .required(.description), .coordinatesInvalid, .reasonRequired, .fieldProblem("问题 problem"), .fixBeforeSaving(2),
        .saved("TZ-20261123-006", "电话初报 14:35"), .leaveTitle, .leaveQuestion, .resumeTitle, .resumeQuestion("11-23 14:05", 3),
        .draftDiscarded, .candidatesMore(4),
        .actionTitle(.report, "TZ-1"), .actionTitle(.update, "TZ-1"), .actionTitle(.grade, "TZ-1"), .actionTitle(.status, "TZ-1"),
        .actionTitle(.note, "TZ-1"), .actionTitle(.reopen, "TZ-1"),
        .actionReportKind, .actionChannel, .actionRecipient, .actionWhen, .actionSummary, .actionNote, .actionResponseLevel,
        .actionNewStatus, .actionReason, .reportBeforeReceived, .nothingChanged, .noteRequired, .reasonRequiredReopen,
        .recipientRequired, .actionReasonRequired, .outstandingReports("电话初报 14:35"), .outstandingReasonRequired,
        .actionApprovedBy, .actionApprovedAt, .approverRequired, .choiceValue("supplementary"),
        .actionReported("TZ-1", "follow_up_2", "written", "市委值班室"), .actionUpdated("TZ-1"), .actionGraded("TZ-1", "II级"),
        .actionStatus("TZ-1", "核实中"), .actionNoted("TZ-1"), .actionReopened("TZ-1"), .detailKeys, .actionKeys,
        .choiceValue("initial"), .choiceValue("follow_up_3"), .choiceValue("final"), .choiceValue("phone"), .choiceValue("written"),
        .choiceValue("none"), .choiceValue("II"), .choiceValue("contained"),
        .timelineUpdate("死亡 3", "高鹏"), .timelineGrade("II级", "死亡 12 人", "Ⅱ级响应", "高鹏"),
        .alertDueSoon("TZ-1", .initialPhone, "14:35", 0), .alertOverdue("TZ-1", .initialWritten, "15:05", 2), .bellMuted, .bellOn,
        .helpNextField, .helpPicker, .helpSave, .helpLeave, .helpNewIntake, .helpActions, .helpMute,
    ]

    static func mustBeListed(_ text: IntakeText) {
        switch text {
        case .label, .section, .title, .gradeTakeSuggestion, .gradeUngraded, .suggested, .suggestedNone, .suggestedNoTable, .sensitiveYes, .sensitiveNo,
             .deadlinesLine, .keys, .digitsOnly, .noNegative, .moneyOnly, .notTaken, .notTakenShort, .tooLong, .timeUnreadable, .timeFuture, .timeResolved,
             .occurredAfterReceived, .placeRequired, .placeFree, .placeListed, .placeFreeShort, .typeUnknown, .categoryUnknown, .pickFromList,
             .required, .coordinatesInvalid, .reasonRequired, .fieldProblem, .fixBeforeSaving, .saved, .leaveTitle,
             .leaveQuestion, .resumeTitle, .resumeQuestion, .draftDiscarded, .candidatesMore, .actionTitle, .actionReportKind,
             .actionChannel, .actionRecipient, .actionWhen, .actionSummary, .actionNote, .actionResponseLevel, .actionNewStatus,
             .actionReason, .reportBeforeReceived, .nothingChanged, .noteRequired, .reasonRequiredReopen, .actionReported,
             .recipientRequired, .actionReasonRequired, .outstandingReports, .outstandingReasonRequired,
             .actionApprovedBy, .actionApprovedAt, .approverRequired,
             .actionUpdated, .actionGraded, .actionStatus, .actionNoted, .actionReopened, .detailKeys, .actionKeys, .choiceValue,
             .timelineUpdate, .timelineGrade, .alertDueSoon, .alertOverdue, .bellMuted, .bellOn,
             .helpNextField, .helpPicker, .helpSave, .helpLeave, .helpNewIntake, .helpActions, .helpMute:
            break
        }
    }

    static func mustBeListed(_ text: BoardText) {
        switch text {
        case .checkedIn, .modeSwitched, .boardTitle, .handoverCountdown, .handoverAt, .emergencySummary, .openIncidentsHeading,
             .onDutyHeading, .checkedInStatus, .notCheckedIn, .leaderLabel, .officerLabel, .tier, .nobodyRostered, .noLeader,
             .tooFewOfficers, .tooFewPresent, .nextShift, .notInContacts, .timelineHeading, .changeMarker, .nowMarker,
             .counterReceived, .counterOpen, .counterDueSoon, .counterOverdue, .counterResourcesOut, .counterWarnings,
             .checkInTitle, .checkInHelp, .checkInNobody, .checkInAddPrompt, .checkInRole, .modeTitle, .modeExplain, .modeHelp,
             .modeReasonPrompt, .modeReasonRequired, .keyCheckIn, .keyMode:
            break
        }
    }

    static func mustBeListed(_ text: IncidentsText) {
        switch text {
        case .columnIncidentID, .columnReceived, .columnPlace, .columnType, .columnGrade, .columnStatus, .columnNextReport,
             .incidentStatus, .noOpenIncidents, .incidentCount, .quickFilter, .sortedBy, .incidentsHint, .noIncidents,
             .noIncidentMatches, .casualtyLine, .deadlineMade, .reporterLine, .fieldMeasures, .fieldTrend, .fieldRequests,
             .conflictLine, .timelineTitle, .timelineReceived, .timelineReport, .timelineStatus, .timelineNote, .keySort,
             .keyQuickFilters, .keyIncidentDetail, .belowSuggestion, .sensitiveFlag, .reportDelay:
            break
        }
    }

    static func mustBeListed(_ text: ContactsText) {
        switch text {
        case .contactCount, .contactsHint, .columnName, .columnUnit, .columnTitle, .columnRole, .noContacts, .noContactMatches,
             .noChannels, .noBackup, .backupLine, .noBackupPartner, .jumpedToBackup, .keyBackup:
            break
        }
    }

    static func mustBeListed(_ text: LogText) {
        switch text {
        case .logEntrySaved, .instructionMarkedDone, .notAnInstruction, .instructionAlreadyDone, .logTextMissing, .logDueInvalid,
             .logCount, .logKindFilter, .logHint, .columnTime, .columnKind, .columnCounterpart, .columnContent, .columnState,
             .columnRecordedBy, .logKind, .noLogEntries, .noLogMatches, .recordedBy, .clockAhead, .clockAheadDetail, .instructionDone, .instructionOverdue,
             .instructionDue, .instructionOpen, .logEntryTitle, .fieldLeader, .fieldCounterpart, .fieldText, .fieldDue,
             .fieldDetail, .dueHint, .logEntryHelp, .logDetailTitle, .keyAddNote, .keyAddCallIn, .keyAddCallOut,
             .keyAddInstruction, .keyMarkDone, .keyKindFilter, .keyOpenDetail:
            break
        }
    }

    static func mustBeListed(_ text: UIText) {
        switch text {
        case .tab, .screenTitle, .coming, .tooSmall, .helpTitle, .helpGlobalHeading, .helpScreenHeading, .helpFooter,
             .helpNoScreenKeys, .keyScreens, .keyNextScreen, .keyHelp, .keyCommand, .keyQuit, .keyEscape, .commandPrompt,
             .commandUnknown, .commandThemeUsage, .commandLangUsage, .themeSwitched, .themeProblem, .languageSwitched,
             .localeNotUTF8, .stationNone, .statusLanguage, .statusTheme, .statusRecords, .statusSaving, .statusDrill, .pasteIgnored, .draftKept, .draftRestored, .draftRestoredStale, .helpDialogHeading, .keyDialogFields, .keyDialogChoice,
             .keyDialogSave, .keyDialogClose, .keyDialogClear, .statusOpening, .stationUnreadable, .writeFailed, .readOnlyBanner, .recovered,
             .noStationHere, .statusSynced, .statusUnreachable, .forkBanner, .forksAcknowledged, .nothingToAcknowledge,
             .syncFolders, .noSyncFolders, .statusOperator, .statusOverdue, .statusNextReport, .rulesProblem, .recordFailed,
             .statusNextReportShort, .statusOperatorShort, .statusRecordsShort, .statusUnreachableShort,
             .gradeConfirmed, .gradeSuggested, .gradeNone, .backupLabel, .channel, .warningCount, .deadline, .filterPrompt,
             .helpFooterDetail, .detailScrollKeys, .recordedAt, .keyFilter, .keyMove:
            break
        case .intake(let inner):
            mustBeListed(inner)
        case .warning(let inner):
            mustBeListed(inner)
        case .board(let inner):
            mustBeListed(inner)
        case .incidents(let inner):
            mustBeListed(inner)
        case .log(let inner):
            mustBeListed(inner)
        case .contacts(let inner):
            mustBeListed(inner)
        case .resources(let inner):
            mustBeListed(inner)
        case .map(let inner):
            mustBeListed(inner)
        case .handover(let inner):
            mustBeListed(inner)
        }
    }

    @Test(arguments: Language.allCases)
    func everyTextIsNonEmptyAndClean(_ language: Language) {
        #expect(Self.everyText.count == Screen.allCases.count * 4 + 81 + Self.everyIntakeText.count + Self.everyWarningText.count
                + Self.everyBoardText.count + Self.everyIncidentsText.count + Self.everyLogText.count + Self.everyContactsText.count
                + Self.everyResourcesText.count + Self.everyMapText.count + Self.everyHandoverText.count)
        for text in Self.everyText {
            Self.mustBeListed(text)
            let s = text.text(language)
            #expect(!s.trimmingCharacters(in: .whitespaces).isEmpty, "\(text) is empty in \(language)")
            #expect(TextSafety.sanitize(s) == s, "\(text) has control characters in \(language)")
            #expect(!s.contains("\n"), "\(text) spans lines in \(language)")
        }
    }

    @Test func chineseTextsAreChinese() {
        // Everything but the bare prompt should read differently in the two languages.
        // A field problem and the check mark carry their own text, the same in both languages.
        let sameInBoth: Set<UIText> = [.commandPrompt, .intake(.fieldProblem("问题 problem")), .intake(.placeListed), .intake(.timeResolved("11-23 14:05")),
                                     .intake(.actionStatus("TZ-1", "核实中")), .warning(.ackNotNeeded), .warning(.coverageNone),
                                     .warning(.coverage(3, 4, 75)), .warning(.historyEntry("11-23 10:00", "暴雨黄色预警", "黄色"))]
        for text in Self.everyText where !sameInBoth.contains(text) {
            #expect(text.text(.zh) != text.text(.en), "\(text) is not translated")
        }
        for screen in Screen.allCases {
            #expect(UIText.tab(screen).text(.zh).unicodeScalars.allSatisfy { $0.value >= 0x4E00 && $0.value <= 0x9FFF })
        }
    }

    @Test(arguments: Language.allCases)
    func argumentsAppearInTheText(_ language: Language) {
        #expect(UIText.commandUnknown("frob").text(language).contains("frob"))
        #expect(UIText.themeSwitched("night").text(language).contains("night"))
        #expect(UIText.themeProblem(zh: "broken.toml 第 3 行", en: "broken.toml line 3").text(language).contains("broken.toml"))
        #expect(UIText.localeNotUTF8("ANSI_X3.4-1968").text(language).contains("ANSI_X3.4-1968"))
        #expect(UIText.statusTheme("night").text(language).contains("night"))
        let small = UIText.tooSmall(need: Size(width: 60, height: 16), have: Size(width: 50, height: 14)).text(language)
        #expect(small.contains("60×16") && small.contains("50×14"))
    }

    @Test(arguments: Language.allCases)
    func statusTextsAreShort(_ language: Language) {
        // Tabs and status-bar words must leave room at 80 columns.
        for screen in Screen.allCases {
            #expect(UIText.tab(screen).text(language).displayWidth <= 10)
        }
        #expect(UIText.statusLanguage.text(language).displayWidth <= 4)
    }

    @Test func theNonUTF8WarningFitsEightyColumnsWithItsAdvice() {
        // Shown in a C locale, where "…" cannot be drawn: the advice must not be cut.
        let text = UIText.localeNotUTF8("ANSI_X3.4-1968").text(.en)
        #expect(text.contains("Chinese text needs a UTF-8 locale"))
        #expect(text.displayWidth <= 80)
    }

    // MARK: Language.fromLocale

    @Test(arguments: [
        ([:], Language.en),
        (["LANG": "zh_CN.UTF-8"], .zh),
        (["LANG": "C.UTF-8"], .en),
        (["LANG": "en_US.UTF-8"], .en),
        (["LANG": "POSIX"], .en),
        (["LANG": "zh_TW.UTF-8"], .zh),
        (["LANG": "zh_CN.GB18030"], .zh),
        (["LANG": "ZH_CN.utf8"], .zh),
        (["LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"], .zh),
        (["LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"], .en),
        (["LC_ALL": "C", "LC_MESSAGES": "zh_CN.UTF-8", "LANG": "zh_CN.UTF-8"], .en),
        (["LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"], .zh),
        (["LC_MESSAGES": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"], .en),
        (["LC_ALL": "", "LANG": "zh_CN.UTF-8"], .zh),
        (["LC_ALL": "", "LC_MESSAGES": "", "LANG": ""], .en),
        (["LC_CTYPE": "zh_CN.UTF-8"], .en),
    ] as [([String: String], Language)])
    func languageFromLocale(_ environment: [String: String], _ expected: Language) {
        #expect(Language.fromLocale(environment) == expected)
    }
}
