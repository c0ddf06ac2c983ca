import ArgumentParser
import Foundation
import ProformaCore
import ProformaServices

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage Admin API access tokens.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token and print only the token (it is stored hashed and never shown again).")

        @Option(help: "Comma-separated scopes, e.g. read_products,write_draft_orders; `all` grants every scope.")
        var scopes: String
        @Option(help: "A name to recognize the token by.")
        var name = "cli"
        @OptionGroup var shop: ShopOption
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if case .failure(let errors) = AccessScope.parseList(scopes) {
                throw ValidationError(errors.errors.map(\.message).joined(separator: "; ")
                                      + ". Known scopes: " + AccessScope.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }

        func run() async throws {
            let scopeSet = ScopeSet(try AccessScope.parseList(scopes).get())
            let secret = try await withComponents(database) { components in
                let target = try await components.services.shops.resolveShop(shop.shop.map(ShopID.init))
                return try await components.services.access.createToken(shop: target.id, name: name, scopes: scopeSet).secret
            }
            print(secret)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")

        @OptionGroup var shop: ShopOption
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let tokens = try await withComponents(database) { components in
                let target = try await components.services.shops.resolveShop(shop.shop.map(ShopID.init))
                return try await components.services.access.tokens(shop: target.id)
            }
            print("ID\tNAME\tTOKEN\tCREATED\tSTATUS\tSCOPES")
            for token in tokens {
                let status = token.revokedAt.map { "revoked \($0.iso8601)" } ?? "active"
                print("\(token.id)\t\(token.name)\t\(token.prefix)…\t\(token.createdAt.iso8601)\t\(status)\t\(token.scopes.nameList)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id (see `token list`).")

        @Argument(help: "The token's id.")
        var id: Int64
        @OptionGroup var shop: ShopOption
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let revoked = try await withComponents(database) { components in
                let target = try await components.services.shops.resolveShop(shop.shop.map(ShopID.init))
                return try await components.services.access.revokeToken(shop: target.id, id: AccessTokenID(id))
            }
            guard revoked else { throw CommandFailure("no active token with id \(id)") }
            print("Revoked token \(id).")
        }
    }
}

struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Manage staff accounts for the web admin.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a staff account; the password is read from stdin.")

        @Option(help: "The staff member's email, used to sign in.")
        var email: String
        @Flag(name: .customLong("password-stdin"), help: "Read the password from the first line of standard input.")
        var passwordStdin = false
        @Option(help: "admin (everything) or sales (builds and sends drafts; cannot take payments, delete or change settings).")
        var role = "admin"
        @OptionGroup var shop: ShopOption
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard StaffRole(rawValue: role) != nil else { throw ValidationError("--role must be admin or sales") }
            guard passwordStdin else {
                throw ValidationError("pass --password-stdin and the password on standard input, so it stays out of shell history")
            }
        }

        func run() async throws {
            guard let password = readLine(strippingNewline: true), !password.isEmpty else {
                throw CommandFailure("no password on standard input")
            }
            let member = try await withComponents(database) { components in
                let target = try await components.services.shops.resolveShop(shop.shop.map(ShopID.init))
                return try await components.services.access.createStaff(shop: target.id, email: email, password: password,
                                                                   role: StaffRole(rawValue: role) ?? .sales)
            }
            print("Created staff member \(member.email) (id \(member.id), role \(member.role.rawValue)).")
        }
    }
}

/// A command that cannot do what was asked, with the reason for the person at the terminal.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

struct WebhookSecretCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook-secret",
        abstract: "Print the key the shop's webhooks are signed with (X-Shopify-Hmac-Sha256), making it on first use.")

    @OptionGroup var shop: ShopOption
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let secret = try await withComponents(database) { components in
            let target = try await components.services.shops.resolveShop(shop.shop.map(ShopID.init))
            return try await components.services.webhooks.secret(shop: target.id)
        }
        print(secret)
    }
}
