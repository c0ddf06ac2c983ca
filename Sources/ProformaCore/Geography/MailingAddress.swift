/// A postal address as staff and customers type it. Country and province are stored as
/// codes; names are derived for output.
public struct MailingAddress: Sendable, Hashable, Codable {
    public var firstName: String?
    public var lastName: String?
    public var company: String?
    public var address1: String?
    public var address2: String?
    public var city: String?
    public var provinceCode: String?
    public var countryCode: String?
    public var zip: String?
    public var phone: String?

    public init(
        firstName: String? = nil, lastName: String? = nil, company: String? = nil,
        address1: String? = nil, address2: String? = nil, city: String? = nil,
        provinceCode: String? = nil, countryCode: String? = nil, zip: String? = nil, phone: String? = nil
    ) {
        self.firstName = firstName
        self.lastName = lastName
        self.company = company
        self.address1 = address1
        self.address2 = address2
        self.city = city
        self.provinceCode = provinceCode
        self.countryCode = countryCode
        self.zip = zip
        self.phone = phone
    }

    public var country: CountryCode? { countryCode.flatMap(CountryCode.init(rawValue:)) }
    public var countryName: String? { country?.name }
    public var provinceName: String? {
        guard let country, let provinceCode else { return nil }
        return Geography.provinceName(code: provinceCode, in: country)
    }

    /// "First Last", or whichever of the two is present.
    public var name: String? {
        let parts = [firstName, lastName].compactMap { $0?.trimmingWhitespace() }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// The address lines as a postal label would print them.
    public var formattedLines: [String] {
        var lines: [String] = []
        if let company, !company.isEmpty { lines.append(company) }
        for line in [address1, address2] { if let line, !line.isEmpty { lines.append(line) } }
        let locality = [city, provinceCode, zip].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        if !locality.isEmpty { lines.append(locality) }
        if let countryName { lines.append(countryName) }
        return lines
    }
}

/// An address as typed: codes or the legacy names, checked and normalized by `resolve`.
public struct MailingAddressDraft: Sendable, Hashable, Decodable {
    public var firstName: String?
    public var lastName: String?
    public var company: String?
    public var address1: String?
    public var address2: String?
    public var city: String?
    public var provinceCode: String?
    public var province: String?
    public var countryCode: String?
    public var country: String?
    public var zip: String?
    public var phone: String?

    public init(
        firstName: String? = nil, lastName: String? = nil, company: String? = nil,
        address1: String? = nil, address2: String? = nil, city: String? = nil,
        provinceCode: String? = nil, province: String? = nil, countryCode: String? = nil,
        country: String? = nil, zip: String? = nil, phone: String? = nil
    ) {
        self.firstName = firstName
        self.lastName = lastName
        self.company = company
        self.address1 = address1
        self.address2 = address2
        self.city = city
        self.provinceCode = provinceCode
        self.province = province
        self.countryCode = countryCode
        self.country = country
        self.zip = zip
        self.phone = phone
    }

    /// This address with the fields it leaves out taken from `existing`, as Shopify updates a
    /// draft's address: changing the street keeps the name and phone. A blank field clears
    /// it. The province and zip stay behind when the country changes.
    public func filled(from existing: MailingAddress) -> MailingAddressDraft {
        var merged = self
        let namesCountry = countryCode?.trimmingWhitespace().nonEmpty != nil || country?.trimmingWhitespace().nonEmpty != nil
        let sameCountry = !namesCountry || (try? resolve().get())?.countryCode == existing.countryCode
        merged.firstName = firstName ?? existing.firstName
        merged.lastName = lastName ?? existing.lastName
        merged.company = company ?? existing.company
        merged.address1 = address1 ?? existing.address1
        merged.address2 = address2 ?? existing.address2
        merged.city = city ?? existing.city
        merged.phone = phone ?? existing.phone
        if !namesCountry { merged.countryCode = existing.countryCode }
        if sameCountry {
            if provinceCode == nil && province == nil { merged.provinceCode = existing.provinceCode }
            merged.zip = zip ?? existing.zip
        }
        return merged
    }

    /// Checks the country and province and returns the normalized address, or the problems
    /// found, with field names relative to the address (`countryCode`, `provinceCode`).
    public func resolve() -> Result<MailingAddress, ValidationErrors> {
        var errors = ValidationErrors()
        var resolvedCountry: CountryCode?
        if let code = countryCode?.trimmingWhitespace(), !code.isEmpty {
            resolvedCountry = CountryCode(rawValue: code)
            if resolvedCountry == nil { errors.add(["countryCode"], "Country code is invalid") }
        } else if let name = country?.trimmingWhitespace(), !name.isEmpty {
            resolvedCountry = Geography.country(matching: name)
            if resolvedCountry == nil { errors.add(["country"], "Country is invalid") }
        }
        var resolvedProvince: String?
        let provinceText = provinceCode?.trimmingWhitespace().nonEmpty ?? province?.trimmingWhitespace().nonEmpty
        if let provinceText {
            if let resolvedCountry, Geography.hasProvinces(resolvedCountry) {
                resolvedProvince = Geography.provinceCode(matching: provinceText, in: resolvedCountry)
                if resolvedProvince == nil {
                    errors.add([provinceCode != nil ? "provinceCode" : "province"], "Province is invalid")
                }
            } else {
                resolvedProvince = provinceText.uppercased()
            }
        }
        guard errors.isEmpty else { return .failure(errors) }
        return .success(MailingAddress(
            firstName: firstName.cleaned, lastName: lastName.cleaned, company: company.cleaned,
            address1: address1.cleaned, address2: address2.cleaned, city: city.cleaned,
            provinceCode: resolvedProvince, countryCode: resolvedCountry?.rawValue,
            zip: zip.cleaned, phone: phone.cleaned
        ))
    }
}

extension String {
    /// nil for an empty string, so that optional text fields have one way to say "none".
    public var nonEmpty: String? { isEmpty ? nil : self }
}

extension Optional where Wrapped == String {
    /// Trimmed, with blank text turned into nil.
    public var cleaned: String? { self?.trimmingWhitespace().nonEmpty }
}
