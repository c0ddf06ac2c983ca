import ProformaCore
import ProformaServices

/// Reads Shopify's customer CSV export, in its current layout ("Default Address …" columns)
/// or its older one ("Address1", "Province Code", …).
struct CustomerCSVImporter {
    let table: CSVTable

    static let columnsByField: [String: String] = [
        "email": "Email", "phone": "Phone", "firstName": "First Name", "lastName": "Last Name",
        "countryCode": "Default Address Country Code", "provinceCode": "Default Address Province Code",
        "country": "Country", "province": "Province",
    ]

    func parse() -> Result<(inputs: [CustomerInput], lines: [Int]), ImportFailed> {
        var problems: [ImportProblem] = []
        var inputs: [CustomerInput] = []
        var lines: [Int] = []
        guard table.column("Email", "First Name", "Last Name", "Phone") != nil else {
            return .failure(ImportFailed(problems: [ImportProblem(
                line: 1, column: nil, message: "expected Shopify's customer export columns (First Name, Last Name, Email, …)")]))
        }
        for row in table.rows {
            func cell(_ names: String...) -> String? {
                for name in names { if let value = table.value(row, table.column(name)) { return value } }
                return nil
            }
            var input = CustomerInput()
            if let value = cell("First Name") { input.firstName = .set(value) }
            if let value = cell("Last Name") { input.lastName = .set(value) }
            if let value = cell("Email") { input.email = .set(value) }
            if let value = cell("Phone", "Default Address Phone") { input.phone = .set(value) }
            if let value = cell("Note") { input.note = .set(value) }
            input.tags = cell("Tags").map { [$0] }
            for (column, apply) in [("Tax Exempt", { (flag: Bool) in input.taxExempt = flag }),
                                    ("Accepts Email Marketing", { input.acceptsMarketing = $0 }),
                                    ("Accepts Marketing", { input.acceptsMarketing = $0 })] {
                guard let text = cell(column) else { continue }
                guard let flag = parseBool(text) else {
                    problems.append(ImportProblem(line: row.line, column: column, message: "\"\(text)\" is not yes or no"))
                    continue
                }
                apply(flag)
            }
            let address = MailingAddressDraft(
                firstName: cell("First Name"), lastName: cell("Last Name"),
                company: cell("Default Address Company", "Company"),
                address1: cell("Default Address Address1", "Address1"), address2: cell("Default Address Address2", "Address2"),
                city: cell("Default Address City", "City"),
                provinceCode: cell("Default Address Province Code", "Province Code"), province: cell("Province"),
                countryCode: cell("Default Address Country Code", "Country Code"), country: cell("Country"),
                zip: cell("Default Address Zip", "Zip"), phone: cell("Default Address Phone"))
            if [address.address1, address.city, address.countryCode, address.country, address.zip].contains(where: { $0 != nil }) {
                input.addresses = [.init(address: address)]
            }
            inputs.append(input)
            lines.append(row.line)
        }
        return problems.isEmpty ? .success((inputs, lines)) : .failure(ImportFailed(problems: problems))
    }

    /// Places a service error (`["4", "email"]`, `["4", "addresses", "0", "countryCode"]`) on its line and column.
    static func problem(for error: FieldError, lines: [Int]) -> ImportProblem {
        let path = error.field ?? []
        guard let index = path.first.flatMap(Int.init), index < lines.count else {
            return ImportProblem(line: 1, column: nil, message: error.message)
        }
        return ImportProblem(line: lines[index], column: path.last.flatMap { columnsByField[$0] }, message: error.message)
    }
}
