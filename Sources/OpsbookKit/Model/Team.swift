/// `content/team.yaml`: support tiers, the staffing table and the people in it.
public struct Team: Sendable {
    public struct Tier: Sendable {
        public var id: String
        public var name: String
        public var description: String
        public var location: SourceLocation
    }
    public struct Role: Sendable {
        public var id: String
        public var name: String
        public var tier: String?
        public var group: String
        public var headcount: Int
        public var duties: [String]
        public var location: SourceLocation
    }
    public struct Person: Sendable {
        public var name: String
        public var role: String
        public var phone: String
        public var email: String
        public var location: SourceLocation
        public var audience: Audience? = nil
        /// Phone and e-mail: internal unless `contact_audience` says otherwise.
        public var contactAudience: Audience = .internal
        public var certifications: [Certification] = []
    }

    public var tiers: [Tier] = []
    public var roles: [Role] = []
    public var people: [Person] = []
    /// People the build's audience may not see, under an alias (AudienceFilter): they still
    /// count in the staffing figures.
    public var unlisted: [Person] = []
    public var file: String?
}
