import ArgumentParser
import Foundation
import ProformaCore
import ProformaServices

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import Shopify CSV exports; all of a file or nothing.",
        subcommands: [Products.self, Customers.self])

    struct Products: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import Shopify's product CSV export. Products with an existing handle are updated.")

        @Argument(help: "The CSV file.")
        var file: String
        @OptionGroup var shop: ShopOption
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let table = try CSVTable(text: try readText(file))
            let products = try await withComponents(database) { components in
                let target = try await components.services.shops.resolveShop(shop.shop.map(ShopID.init))
                let location = try await components.services.shops.locations(shop: target.id).first?.id
                let parsed = try ProductCSVImporter(table: table, stockLocation: location).parse().get()
                do {
                    return try await components.services.catalog.setProducts(shop: target.id, parsed.inputs)
                } catch let errors as ValidationErrors {
                    throw ImportFailed(problems: errors.errors.map { ProductCSVImporter.problem(for: $0, in: parsed) })
                }
            }
            let variants = products.reduce(0) { $0 + $1.variants.count }
            print("Imported \(products.count) products with \(variants) variants.")
        }
    }

    struct Customers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import Shopify's customer CSV export.")

        @Argument(help: "The CSV file.")
        var file: String
        @OptionGroup var shop: ShopOption
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let table = try CSVTable(text: try readText(file))
            let (inputs, lines) = try CustomerCSVImporter(table: table).parse().get()
            let customers = try await withComponents(database) { components in
                let target = try await components.services.shops.resolveShop(shop.shop.map(ShopID.init))
                do {
                    return try await components.services.customers.createMany(shop: target.id, inputs)
                } catch let errors as ValidationErrors {
                    throw ImportFailed(problems: errors.errors.map { CustomerCSVImporter.problem(for: $0, lines: lines) })
                }
            }
            print("Imported \(customers.count) customers.")
        }
    }
}

struct SettingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "Apply a shop settings file.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the shop from a settings file, or apply the file to the existing shop; all or nothing.")

        @Argument(help: "The JSON settings file (see the README).")
        var file: String
        @OptionGroup var shop: ShopOption
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let settings = try SettingsFile.load(Data(try readText(file).utf8))
            let (shopRecord, created) = try await withComponents(database) { components in
                let shops = try await components.services.shops.allShops()
                let target: ShopID? = if let id = shop.shop { ShopID(id) } else if shops.isEmpty { nil } else {
                    try await components.services.shops.resolveShop(nil).id
                }
                return (try await components.services.shops.apply(settings, to: target), target == nil)
            }
            print("\(created ? "Created" : "Updated") shop \(shopRecord.name) (id \(shopRecord.id)).")
        }
    }
}

func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandFailure("cannot read \(path)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw CommandFailure("\(path) is not UTF-8 text")
    }
    return text
}
