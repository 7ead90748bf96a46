import Foundation

/// One problem with an intake, naming the field (dotted path) and what to do.
public struct FieldError: Error, Hashable, Sendable, CustomStringConvertible {
    public var field: String
    public var message: String
    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }
    public var description: String { "\(field): \(message)" }
}

/// Every problem found in one intake.
public struct IntakeErrors: Error, Hashable, Sendable, CustomStringConvertible {
    public var errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// A validated intake (接报登记), ready to become an `incident.received` event.
public struct Intake: Hashable, Sendable {
    public var receivedAt: Date
    public var occurredAt: Date?
    public var reporter: ReporterInfo
    public var place: PlaceInfo
    public var category: IncidentCategory
    public var type: String
    public var casualties: Casualties
    public var lossCNY: Int64
    public var description: String
    public var measures: String
    public var nature: String
    public var hazardousSubstance: String
    public var affectedArea: String
    public var trend: String
    public var leadersOnScene: String
    public var commander: String
    public var requests: String
    /// The officer's grade when given at intake (nil = take the suggestion).
    public var grade: Grade?
    public var gradeGiven: Bool
    /// Why the officer's grade differs from the suggestion (required then).
    public var gradeReason: String = ""
    /// 事故发生单位概况 (Decree 493 Art. 12).
    public var enterprise = EnterpriseInfo()
    /// 敏感事件: reported whatever its grade.
    public var sensitive = false
}

/// Reads the intake JSON of DESIGN.md §2 and checks every field, collecting
/// all problems rather than stopping at the first.
public struct IntakeParser {
    public static let maximumTextLength = 20_000
    public static let maximumInputBytes = 1 << 20
    /// Times further ahead of the clock than this are refused.
    public static let futureTolerance: TimeInterval = 10 * 60

    public var now: Date
    public var timeZone: TimeZone
    /// Whether `type` is a known type of `category` (from the taxonomy).
    public var isKnownType: (IncidentCategory, String) -> Bool
    /// Known type ids of a category, for the message.
    public var typesOf: (IncidentCategory) -> [String]
    /// Strips control characters and escape sequences from text (the caller's
    /// terminal-safe sanitiser), so they never reach the journal.
    public var sanitize: (String) -> String
    /// The grade the tables suggest for these figures (nil: none), so a grade
    /// that differs from it is refused without `grade_reason`.
    public var suggestGrade: ((IncidentCategory, String, Casualties, Int64) -> Grade?)?

    public init(now: Date, timeZone: TimeZone, isKnownType: @escaping (IncidentCategory, String) -> Bool,
                typesOf: @escaping (IncidentCategory) -> [String], sanitize: @escaping (String) -> String) {
        self.now = now
        self.timeZone = timeZone
        self.isKnownType = isKnownType
        self.typesOf = typesOf
        self.sanitize = sanitize
    }

    /// A parser for `rules`' taxonomy.
    public init(rules: RuleBook, now: Date, timeZone: TimeZone, sanitize: @escaping (String) -> String) {
        let taxonomy = rules.taxonomy
        self.init(now: now, timeZone: timeZone,
                  isKnownType: { category, type in taxonomy.type(type)?.category == category },
                  typesOf: { taxonomy.types(in: $0).map(\.id) }, sanitize: sanitize)
        let grading = rules.grading
        suggestGrade = { grading.suggest(category: $0, type: $1, casualties: $2, lossCNY: $3) }
    }

    static let casualtyKeys = ["deaths", "missing", "injured", "injured_minor", "trapped", "evacuated", "endangered",
                               "relief_needed", "affected"]
    static let houseKeys = ["collapsed", "damaged"]
    static let enterpriseKeys = ["name", "nature", "licence", "address"]

    static let topLevelKeys: Set<String> = ["received_at", "occurred_at", "reporter", "location", "category", "type",
                                            "casualties", "loss_cny", "description", "measures", "grade", "nature",
                                            "hazardous_substance", "affected_area", "trend", "leaders_on_scene",
                                            "commander", "requests", "grade_reason", "houses", "crop_area_ha",
                                            "enterprise", "sensitive"]

    public func parse(_ data: Data) -> Result<Intake, IntakeErrors> {
        guard data.count <= Self.maximumInputBytes else {
            return .failure(IntakeErrors([FieldError("input", "\(data.count) bytes; an intake is at most \(Self.maximumInputBytes) bytes (1 MiB) — shorten the description")]))
        }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let nsError = error as NSError
            let detail = (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? "not valid JSON"
            return .failure(IntakeErrors([FieldError("input", "\(detail); give one JSON object such as {\"category\": \"accident\", …}")]))
        }
        guard let object = json as? [String: Any] else {
            return .failure(IntakeErrors([FieldError("input", "expected one JSON object {…}")]))
        }
        return parse(object: object)
    }

    /// Checks an intake already decoded from JSON (or built by the console's
    /// form in the same shape), so every path is validated the same way.
    public func parse(object: [String: Any]) -> Result<Intake, IntakeErrors> {
        var errors: [FieldError] = []
        for key in object.keys.sorted() where !Self.topLevelKeys.contains(key) {
            errors.append(FieldError(key, "unknown field; known fields: \(Self.topLevelKeys.sorted().joined(separator: ", "))"))
        }

        func string(_ key: String, in dict: [String: Any], path: String, required: Bool = false) -> String {
            guard let value = dict[key], !(value is NSNull) else {
                if required { errors.append(FieldError(path, "required")) }
                return ""
            }
            guard let s = value as? String else {
                errors.append(FieldError(path, "must be text"))
                return ""
            }
            if s.count > Self.maximumTextLength {
                errors.append(FieldError(path, "\(s.count) characters; at most \(Self.maximumTextLength)"))
                return ""
            }
            let clean = sanitize(s)
            if required && clean.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { errors.append(FieldError(path, "required (empty)")) }
            return clean
        }

        func time(_ key: String, required: Bool) -> Date? {
            guard let value = object[key], !(value is NSNull) else { return nil }
            guard let text = value as? String, let date = DutyTime.parseISO8601(text, timeZone: timeZone) else {
                errors.append(FieldError(key, "cannot read \(String(describing: object[key]!).prefix(40)) as a time; write ISO 8601 such as 2026-11-23T14:05:00+08:00"))
                return nil
            }
            if date.timeIntervalSince(now) > Self.futureTolerance {
                errors.append(FieldError(key, "\(DutyTime.formatISO8601(date, timeZone: timeZone)) is in the future (now \(DutyTime.formatISO8601(now, timeZone: timeZone))); check the date"))
                return nil
            }
            return date
        }

        /// A whole number from 0 to `limit` (people: ten million; yuan: a trillion,
        /// well above the 1亿 threshold of a grade-I loss).
        func count(_ key: String, in dict: [String: Any], path: String, limit: Int = 10_000_000) -> Int {
            guard let value = dict[key], !(value is NSNull) else { return 0 }
            // JSON true/false also arrive as NSNumber; their type code is "c" (char).
            guard let number = value as? NSNumber, String(cString: number.objCType) != "c",
                  let n = Int(exactly: number.doubleValue) else {
                errors.append(FieldError(path, "must be a whole number"))
                return 0
            }
            if n < 0 { errors.append(FieldError(path, "\(n) is negative; counts are 0 or more")); return 0 }
            if n > limit { errors.append(FieldError(path, "\(n) is more than \(limit); check the number")); return 0 }
            return n
        }

        let receivedAt = time("received_at", required: false) ?? now
        let occurredAt = time("occurred_at", required: false)
        if let occurredAt, occurredAt > receivedAt.addingTimeInterval(Self.futureTolerance) {
            errors.append(FieldError("occurred_at", "is after received_at; an incident is received after it happens"))
        }

        var reporter = ReporterInfo()
        if let value = object["reporter"], !(value is NSNull) {
            if let r = value as? [String: Any] {
                reporter = ReporterInfo(name: string("name", in: r, path: "reporter.name"), unit: string("unit", in: r, path: "reporter.unit"),
                                        title: string("title", in: r, path: "reporter.title"), phone: string("phone", in: r, path: "reporter.phone"),
                                        alreadyReported: string("already_reported", in: r, path: "reporter.already_reported"))
            } else { errors.append(FieldError("reporter", "must be an object {name, unit, title, phone}")) }
        }

        var place = PlaceInfo()
        if let l = object["location"] as? [String: Any] {
            place = PlaceInfo(county: string("county", in: l, path: "location.county"), town: string("town", in: l, path: "location.town"),
                              village: string("village", in: l, path: "location.village"), detail: string("detail", in: l, path: "location.detail"))
            if place.county.isEmpty && place.town.isEmpty && place.detail.isEmpty {
                errors.append(FieldError("location", "give at least a county, a town or a detail"))
            }
            let lat = l["lat"] as? NSNumber, lon = l["lon"] as? NSNumber
            if (l["lat"] != nil && !(l["lat"] is NSNull)) || (l["lon"] != nil && !(l["lon"] is NSNull)) {
                if let lat, let lon, (-90...90).contains(lat.doubleValue), (-180...180).contains(lon.doubleValue) {
                    place.latitude = lat.doubleValue
                    place.longitude = lon.doubleValue
                } else {
                    errors.append(FieldError("location.lat/lon", "both needed, as numbers (WGS84 degrees), e.g. 32.49 and 119.92"))
                }
            }
        } else if object["location"] == nil || object["location"] is NSNull {
            errors.append(FieldError("location", "required: {county, town, village, detail}"))
        } else {
            errors.append(FieldError("location", "must be an object {county, town, village, detail, lat, lon}"))
        }

        let categoryText = string("category", in: object, path: "category", required: true)
        let category = IncidentCategory(rawValue: categoryText)
        if category == nil && !categoryText.isEmpty {
            errors.append(FieldError("category", "\"\(categoryText)\" is not one of natural, accident, health, social"))
        }
        let type = string("type", in: object, path: "type", required: true)
        if let category, !type.isEmpty, !isKnownType(category, type) {
            errors.append(FieldError("type", "\"\(type)\" is not a known \(category.rawValue) type; known: \(typesOf(category).prefix(40).joined(separator: ", "))"))
        }

        var casualties = Casualties()
        if let value = object["casualties"], !(value is NSNull) {
            if let c = value as? [String: Any] {
                for key in c.keys.sorted() where !Self.casualtyKeys.contains(key) {
                    errors.append(FieldError("casualties.\(key)", "unknown field; use \(Self.casualtyKeys.joined(separator: ", ")) (injured = serious 重伤, injured_minor = minor 轻伤)"))
                }
                casualties = Casualties(deaths: count("deaths", in: c, path: "casualties.deaths"),
                                        missing: count("missing", in: c, path: "casualties.missing"),
                                        injured: count("injured", in: c, path: "casualties.injured"),
                                        trapped: count("trapped", in: c, path: "casualties.trapped"),
                                        evacuated: count("evacuated", in: c, path: "casualties.evacuated"),
                                        injuredMinor: count("injured_minor", in: c, path: "casualties.injured_minor"),
                                        endangered: count("endangered", in: c, path: "casualties.endangered"),
                                        reliefNeeded: count("relief_needed", in: c, path: "casualties.relief_needed"),
                                        affected: count("affected", in: c, path: "casualties.affected", limit: 100_000_000))
            } else { errors.append(FieldError("casualties", "must be an object {\(Self.casualtyKeys.joined(separator: ", "))}")) }
        }
        /// A nested object of known keys (nil when absent or not an object; each problem named).
        func nested(_ key: String, keys: [String], note: String = "") -> [String: Any]? {
            guard let value = object[key], !(value is NSNull) else { return nil }
            guard let dict = value as? [String: Any] else {
                errors.append(FieldError(key, "must be an object {\(keys.joined(separator: ", "))}\(note)"))
                return nil
            }
            for k in dict.keys.sorted() where !keys.contains(k) {
                errors.append(FieldError("\(key).\(k)", "unknown field; use \(keys.joined(separator: ", "))\(note)"))
            }
            return dict
        }
        if let h = nested("houses", keys: Self.houseKeys, note: " (rooms, 间)") {
            casualties.housesCollapsed = count("collapsed", in: h, path: "houses.collapsed")
            casualties.housesDamaged = count("damaged", in: h, path: "houses.damaged")
        }
        casualties.cropAreaHa = count("crop_area_ha", in: object, path: "crop_area_ha", limit: 100_000_000)
        var enterprise = EnterpriseInfo()
        if let e = nested("enterprise", keys: Self.enterpriseKeys) {
            enterprise = EnterpriseInfo(name: string("name", in: e, path: "enterprise.name"),
                                        nature: string("nature", in: e, path: "enterprise.nature"),
                                        licence: string("licence", in: e, path: "enterprise.licence"),
                                        address: string("address", in: e, path: "enterprise.address"))
        }
        var sensitive = false
        if let value = object["sensitive"], !(value is NSNull) {
            if let n = value as? NSNumber, String(cString: n.objCType) == "c" { sensitive = n.boolValue } else {
                errors.append(FieldError("sensitive", "must be true or false"))
            }
        }
        let loss = count("loss_cny", in: object, path: "loss_cny", limit: 1_000_000_000_000)

        var grade: Grade? = nil
        var gradeGiven = false
        if let value = object["grade"] {
            gradeGiven = true
            if !(value is NSNull) {
                if let text = value as? String, let g = Grade(rawValue: text) { grade = g } else {
                    errors.append(FieldError("grade", "must be \"I\", \"II\", \"III\", \"IV\" or null (ungraded)"))
                }
            }
        }

        let intake = Intake(receivedAt: receivedAt, occurredAt: occurredAt, reporter: reporter, place: place,
                            category: category ?? .accident, type: type, casualties: casualties, lossCNY: Int64(loss),
                            description: string("description", in: object, path: "description", required: true),
                            measures: string("measures", in: object, path: "measures"),
                            nature: string("nature", in: object, path: "nature"),
                            hazardousSubstance: string("hazardous_substance", in: object, path: "hazardous_substance"),
                            affectedArea: string("affected_area", in: object, path: "affected_area"),
                            trend: string("trend", in: object, path: "trend"),
                            leadersOnScene: string("leaders_on_scene", in: object, path: "leaders_on_scene"),
                            commander: string("commander", in: object, path: "commander"),
                            requests: string("requests", in: object, path: "requests"),
                            grade: grade, gradeGiven: gradeGiven,
                            gradeReason: string("grade_reason", in: object, path: "grade_reason"),
                            enterprise: enterprise, sensitive: sensitive)
        if gradeGiven, let category, let suggestGrade, errors.isEmpty,
           intake.gradeReason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            let suggested = suggestGrade(category, type, casualties, Int64(loss))
            if grade != suggested {
                let words = { (g: Grade?) in g.map { "\"\($0.rawValue)\" (\($0.chineseName))" } ?? "ungraded (null)" }
                errors.append(FieldError("grade_reason", "required: grade \(words(grade)) differs from the suggestion \(words(suggested)) for these figures; say why (定级理由), or leave grade out to take the suggestion"))
            }
        }
        return errors.isEmpty ? .success(intake) : .failure(IntakeErrors(errors))
    }
}

