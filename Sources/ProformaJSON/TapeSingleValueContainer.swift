/// Single-value container: reads the decoder's current value directly.
struct TapeSingleValueContainer: SingleValueDecodingContainer {
    unowned(unsafe) let decoder: TapeDecoder
    let index: Int

    var codingPath: [any CodingKey] { decoder.path(to: index) }

    func decodeNil() -> Bool { decoder.tape[index].kind == .null }

    func decode(_: Bool.Type) throws -> Bool { try decoder.unwrapBool(at: index) }

    func decode(_: String.Type) throws -> String { try decoder.unwrapString(at: index) }

    func decode(_: Double.Type) throws -> Double { try decoder.unwrapFloatingPoint(Double.self, at: index) }

    func decode(_: Float.Type) throws -> Float { try decoder.unwrapFloatingPoint(Float.self, at: index) }

    func decode(_: Int.Type) throws -> Int { try decoder.unwrapInteger(Int.self, at: index) }

    func decode(_: Int8.Type) throws -> Int8 { try decoder.unwrapInteger(Int8.self, at: index) }

    func decode(_: Int16.Type) throws -> Int16 { try decoder.unwrapInteger(Int16.self, at: index) }

    func decode(_: Int32.Type) throws -> Int32 { try decoder.unwrapInteger(Int32.self, at: index) }

    func decode(_: Int64.Type) throws -> Int64 { try decoder.unwrapInteger(Int64.self, at: index) }

    func decode(_: UInt.Type) throws -> UInt { try decoder.unwrapInteger(UInt.self, at: index) }

    func decode(_: UInt8.Type) throws -> UInt8 { try decoder.unwrapInteger(UInt8.self, at: index) }

    func decode(_: UInt16.Type) throws -> UInt16 { try decoder.unwrapInteger(UInt16.self, at: index) }

    func decode(_: UInt32.Type) throws -> UInt32 { try decoder.unwrapInteger(UInt32.self, at: index) }

    func decode(_: UInt64.Type) throws -> UInt64 { try decoder.unwrapInteger(UInt64.self, at: index) }

    func decode<T: Decodable>(_: T.Type) throws -> T { try decoder.decodeValue(T.self, at: index) }
}
