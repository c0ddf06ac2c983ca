import Foundation
import ProformaJSON

let foundationEncoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return encoder
}()

func foundationBytes<T: Encodable>(_ value: T) throws -> [UInt8] {
    Array(try foundationEncoder.encode(value))
}

func foundationDecode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(bytes))
}

func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// The `DecodingError` case, ignoring context: what callers switch on.
enum ErrorKind: String, Equatable, CustomStringConvertible {
    case keyNotFound, typeMismatch, valueNotFound, dataCorrupted, none, other
    var description: String { rawValue }
}

func errorKind(_ body: () throws -> Void) -> ErrorKind {
    do {
        try body()
        return .none
    } catch let error as DecodingError {
        switch error {
        case .keyNotFound: return .keyNotFound
        case .typeMismatch: return .typeMismatch
        case .valueNotFound: return .valueNotFound
        case .dataCorrupted: return .dataCorrupted
        @unknown default: return .other
        }
    } catch {
        return .other
    }
}

/// Outcome of decoding with one decoder, comparable across decoders.
enum Outcome<T: Equatable>: Equatable {
    case value(T)
    case failure(ErrorKind)

    init(_ body: () throws -> T) {
        do { self = .value(try body()) } catch {
            self = .failure(errorKind { throw error })
        }
    }
}
