import ProformaCore

/// Types shared by every part of the Admin schema, named as in Shopify's Admin API.
enum CommonSchema {
    static let sdl = """
        \"\"\"An ISO 8601 date and time in UTC, such as 2024-11-05T17:18:09Z.\"\"\"
        scalar DateTime
        \"\"\"An exact decimal, serialized as a string such as "29.99".\"\"\"
        scalar Decimal
        \"\"\"A monetary amount in the shop's currency, serialized as a string such as "29.99".\"\"\"
        scalar Money
        scalar URL
        scalar HTML
        scalar JSON
        scalar UnsignedInt64
        scalar FormattedString

        interface Node {
          id: ID!
        }

        type PageInfo {
          hasNextPage: Boolean!
          hasPreviousPage: Boolean!
          startCursor: String
          endCursor: String
        }

        type MoneyV2 {
          amount: Decimal!
          currencyCode: CurrencyCode!
        }

        input MoneyInput {
          amount: Decimal!
          currencyCode: CurrencyCode!
        }

        type UserError {
          field: [String!]
          message: String!
        }

        type Count {
          count: Int!
          precision: CountPrecision!
        }

        enum CountPrecision { EXACT AT_LEAST }

        enum WeightUnit { GRAMS KILOGRAMS OUNCES POUNDS }

        type Weight {
          unit: WeightUnit!
          value: Float!
        }

        input WeightInput {
          unit: WeightUnit!
          value: Float!
        }

        type MailingAddress implements Node {
          id: ID!
          address1: String
          address2: String
          city: String
          company: String
          country: String
          countryCodeV2: CountryCode
          firstName: String
          lastName: String
          name: String
          phone: String
          province: String
          provinceCode: String
          zip: String
          latitude: Float
          longitude: Float
          formatted(withName: Boolean = false, withCompany: Boolean = true): [String!]!
          formattedArea: String
        }

        input MailingAddressInput {
          \"\"\"Proforma: the id of a customer's existing address, to update it in place.\"\"\"
          id: ID
          address1: String
          address2: String
          city: String
          company: String
          countryCode: CountryCode
          country: String @deprecated(reason: "Use `countryCode` instead.")
          firstName: String
          lastName: String
          phone: String
          provinceCode: String
          province: String @deprecated(reason: "Use `provinceCode` instead.")
          zip: String
        }

        enum CurrencyCode { \(CurrencyCode.allCodes.joined(separator: " ")) }

        enum CountryCode { \(Geography.allCountries.map(\.rawValue).joined(separator: " ")) }
        """
}
