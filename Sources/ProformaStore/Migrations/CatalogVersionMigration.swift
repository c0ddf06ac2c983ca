extension Schema {
    /// Each shop's catalog gets a version, moved by every write to its products, variants and
    /// inventory items (see `SQLContext.catalogChanged`), so that instances can keep the variants
    /// drafts are built from and ask the database only whether they are still current: with the
    /// shop's settings version, in the statement that reads that. Reading the variants of a
    /// five-line create was a third of PostgreSQL's CPU per create.
    static let catalogVersion = Migration(version: 11, name: "catalog version per shop") { _ in
        ["ALTER TABLE shops ADD COLUMN catalog_version BIGINT NOT NULL DEFAULT 1"]
    }
}
