// Request bodies, variables and responses are `JSONValue`s, from the JSON module every layer shares.
@_exported import ProformaJSON
