import Hummingbird
import GraphQL
enum _Placeholder {}
