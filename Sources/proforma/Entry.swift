import ArgumentParser
import ProformaApp

/// The `proforma` binary: everything it does is in ProformaApp, so that tests can run it too.
@main
enum Entry {
    static func main() async {
        await ProformaCommand.main(nil)
    }
}
