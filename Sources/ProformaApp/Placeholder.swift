import ArgumentParser
import Crypto
import HummingbirdBcrypt
enum _Placeholder {}
