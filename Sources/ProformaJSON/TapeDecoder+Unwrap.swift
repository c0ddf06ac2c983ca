/// Leaf conversions and the errors they throw. Messages mirror Foundation's
/// wording so logs read the same after the switch.
extension TapeDecoder {
    @inline(__always)
    func unwrapString(at i: Int) throws -> String {
        let e = tape[i]
        guard e.kind == .string else { throw typeMismatch(String.self, at: i) }
        if e.flags == 0 { return Literal.string(base, e.a, e.b, escaped: false) }
        do {
            return try Literal.validatedString(base, e.a, e.b)
        } catch {
            throw invalidJSON(error, at: i)
        }
    }

    @inline(__always)
    func unwrapBool(at i: Int) throws -> Bool {
        switch tape[i].kind {
        case .true: return true
        case .false: return false
        default: throw typeMismatch(Bool.self, at: i)
        }
    }

    @inline(__always)
    func unwrapInteger<T: FixedWidthInteger>(_ type: T.Type, at i: Int) throws -> T {
        let token = try numberToken(T.self, at: i)
        let e = tape[i]
        let value = token.isInteger
            ? Literal.integer(T.self, base, e.a, e.b)
            : Literal.integerFromFloatLiteral(T.self, base, e.a, e.b)
        guard let value else { throw numberDoesNotFit(T.self, at: i) }
        return value
    }

    @inline(__always)
    func unwrapFloatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>(_ type: T.Type, at i: Int) throws -> T {
        let token = try numberToken(T.self, at: i)
        let e = tape[i]
        guard let value = Literal.floatingPoint(T.self, base, e.a, e.b, isInteger: token.isInteger) else {
            throw numberDoesNotFit(T.self, at: i)
        }
        return value
    }

    @inline(__always)
    private func numberToken(_ type: Any.Type, at i: Int) throws -> ByteScanner.NumberToken {
        let e = tape[i]
        guard e.kind == .number else { throw typeMismatch(type, at: i) }
        guard let token = Literal.numberToken(base, e.a, e.b) else {
            throw invalidJSON(JSONParseError(.invalidNumber, at: e.a), at: i)
        }
        return token
    }

    /// Opens an object, validating its keys first if any could be invalid
    /// (Foundation converts all keys when it opens a keyed container).
    @inline(__always)
    func requireObject(at i: Int) throws {
        try requireContainer(.object, at: i)
        let e = tape[i]
        guard e.flags != 0 else { return }
        var k = i + 1
        while k < e.b {
            let key = tape[k]
            if key.flags != 0 {
                do { _ = try Literal.validatedString(base, key.a, key.b) } catch { throw invalidJSON(error, at: i) }
            }
            k = endIndex(k + 1)
        }
    }

    @inline(__always)
    func requireContainer(_ kind: TapeEntry.Kind, at i: Int) throws {
        let found = tape[i].kind
        guard found != kind else { return }
        let type: Any.Type = kind == .object ? [String: Any].self : [Any].self
        if found == .null {
            let what = kind == .object ? "keyed" : "unkeyed"
            throw DecodingError.valueNotFound(type, DecodingError.Context(
                codingPath: path(to: i),
                debugDescription: "Cannot get \(what) decoding container -- found null value instead"))
        }
        throw typeMismatch(type, at: i)
    }

    // MARK: Errors

    /// `valueNotFound` for null, `typeMismatch` for anything else, as
    /// Foundation does.
    func typeMismatch(_ type: Any.Type, at i: Int) -> DecodingError {
        let kind = tape[i].kind
        if kind == .null {
            return DecodingError.valueNotFound(type, DecodingError.Context(
                codingPath: path(to: i),
                debugDescription: "Cannot get value of type \(type) -- found null value instead"))
        }
        return DecodingError.typeMismatch(type, DecodingError.Context(
            codingPath: path(to: i),
            debugDescription: "Expected to decode \(type) but found \(Self.describe(kind)) instead."))
    }

    /// A token that the lenient scan let through but that is not valid JSON;
    /// Foundation reports these the same way it reports unparsable input.
    func invalidJSON(_ error: JSONParseError, at i: Int) -> DecodingError {
        DecodingError.dataCorrupted(DecodingError.Context(
            codingPath: path(to: i), debugDescription: "The given data was not valid JSON.", underlyingError: error))
    }

    func numberDoesNotFit(_ type: Any.Type, at i: Int) -> DecodingError {
        let e = tape[i]
        return DecodingError.dataCorrupted(DecodingError.Context(
            codingPath: path(to: i),
            debugDescription: "Parsed JSON number <\(Literal.text(base, e.a, e.b))> does not fit in \(type)."))
    }

    func keyNotFound(_ key: any CodingKey, in object: Int) -> DecodingError {
        DecodingError.keyNotFound(key, DecodingError.Context(
            codingPath: path(to: object),
            debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
    }

    func unkeyedAtEnd(_ type: Any.Type, array: Int, position: Int) -> DecodingError {
        DecodingError.valueNotFound(type, DecodingError.Context(
            codingPath: path(to: array) + [JSONKey(index: position)],
            debugDescription: "Unkeyed container is at end."))
    }

    private static func describe(_ kind: TapeEntry.Kind) -> String {
        switch kind {
        case .null: return "null"
        case .true, .false: return "bool"
        case .string: return "a string"
        case .number: return "number"
        case .array: return "an array"
        case .object: return "a dictionary"
        }
    }
}
