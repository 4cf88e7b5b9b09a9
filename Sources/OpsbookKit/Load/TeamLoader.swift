/// Reads `content/team.yaml`: `tiers`, `roles` (the staffing table) and `people`.
enum TeamLoader {
    static func load(text: String, file: String, log: DiagnosticLog) -> Team {
        var team = Team(file: file)
        guard
            let fields = YAMLValue.parseMapping(
                text, file: file, shapeID: "team.shape", shape: "team.yaml should be a mapping with tiers, roles and people",
                keys: ["tiers", "roles", "people"], what: "team.yaml", log: log)
        else { return team }

        for entry in fields.list("tiers", log: log) {
            guard let tier = entry.mapping else { log.error("yaml.type", at: entry.location, "each tier should be a mapping"); continue }
            tier.reportUnknownKeys(allowed: ["id", "name", "description"], what: "a tier", log: log)
            guard let id = tier.string("id", log: log) else { log.error("team.id", at: tier.location, "tier has no 'id'"); continue }
            team.tiers.append(.init(id: id, name: tier.string("name", log: log) ?? id,
                                    description: tier.string("description", log: log) ?? "", location: tier.location))
        }
        for entry in fields.list("roles", log: log) {
            guard let role = entry.mapping else { log.error("yaml.type", at: entry.location, "each role should be a mapping"); continue }
            role.reportUnknownKeys(allowed: ["id", "name", "tier", "group", "headcount", "duties"], what: "a role", log: log)
            guard let id = role.string("id", log: log) else { log.error("team.id", at: role.location, "role has no 'id'"); continue }
            let tier = role.string("tier", log: log)
            if let tier, !team.tiers.contains(where: { $0.id == tier }) {
                log.error("team.tier", at: role["tier"]!.location, "unknown tier '\(tier)'",
                          suggestion: Suggestion.closest(to: tier, in: team.tiers.map(\.id)))
            }
            let headcount = role.int("headcount", log: log) ?? 0
            if headcount < 0 { log.error("team.headcount", at: role["headcount"]!.location, "headcount cannot be negative") }
            team.roles.append(.init(id: id, name: role.string("name", log: log) ?? id, tier: tier,
                                    group: role.string("group", log: log) ?? "", headcount: max(headcount, 0),
                                    duties: role.strings("duties", log: log).map(\.text), location: role.location))
        }
        for entry in fields.list("people", log: log) {
            guard let person = entry.mapping else {
                log.error("yaml.type", at: entry.location, "each person should be a mapping"); continue
            }
            person.reportUnknownKeys(
                allowed: ["name", "role", "phone", "email", "audience", "contact_audience", "certifications"],
                what: "a person", log: log)
            guard let name = person.string("name", log: log) else {
                log.error("team.person", at: person.location, "person has no 'name'"); continue
            }
            let role = person.string("role", log: log) ?? ""
            if !team.roles.contains(where: { $0.id == role }) {
                log.error("team.role", at: person["role"]?.location ?? person.location,
                          role.isEmpty ? "person '\(name)' has no 'role'" : "unknown role '\(role)'",
                          suggestion: Suggestion.closest(to: role, in: team.roles.map(\.id)))
            }
            team.people.append(.init(name: name, role: role, phone: person.string("phone", log: log) ?? "",
                                     email: person.string("email", log: log) ?? "", location: person.location,
                                     audience: AudienceKey.read(person, log: log).0,
                                     contactAudience: AudienceKey.read(person, key: "contact_audience", log: log).0 ?? .internal,
                                     certifications: certifications(person, log: log)))
        }
        return team
    }

    private static func certifications(_ person: YAMLMapping, log: DiagnosticLog) -> [Certification] {
        person.list("certifications", log: log).compactMap { entry in
            guard let fields = entry.mapping else {
                log.error("yaml.type", at: entry.location, "each certification should be a mapping"); return nil
            }
            fields.reportUnknownKeys(allowed: ["name", "vendor", "expires"], what: "a certification", log: log)
            guard let name = fields.string("name", log: log) else {
                log.error("team.certification", at: fields.location, "certification has no 'name'"); return nil
            }
            return Certification(
                name: name, vendor: fields.string("vendor", log: log) ?? "", expires: fields.day("expires", log: log),
                location: fields.location)
        }
    }
}
