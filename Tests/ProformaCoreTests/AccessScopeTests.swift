import ProformaCore
import Testing

@Suite("Access scopes")
struct AccessScopeTests {
    @Test("a scope set allows what it grants and the reads its writes imply, and nothing else")
    func allows() {
        for scope in AccessScope.allCases {
            let set = ScopeSet([scope])
            #expect(set.granted == [scope])
            let allowed = Set(AccessScope.allCases.filter(set.allows))
            #expect(allowed == Set([scope] + scope.impliedScopes), "\(scope)")
        }
        let mixed = ScopeSet([.writeOrders, .readProducts, .writeOrders])
        #expect(mixed.granted == [.writeOrders, .readProducts])
        #expect(Set(AccessScope.allCases.filter(mixed.allows)) == [.writeOrders, .readOrders, .readProducts])
        #expect(AccessScope.allCases.allSatisfy(ScopeSet.all.allows))
        #expect(ScopeSet.all.granted == Set(AccessScope.allCases))
        #expect(ScopeSet([]).granted.isEmpty)
        #expect(ScopeSet([.readOrders]) != ScopeSet([.writeOrders]))
    }

    @Test("a name list reads back as the scopes it names, in any order, skipping names it does not know")
    func nameList() {
        let scopes = AccessScope.allCases
        // Every subset of the first ten scopes, and each of the others with a few of them.
        var sets: [[AccessScope]] = (0..<(1 << 10)).map { mask in scopes.indices.filter { $0 < 10 && mask & (1 << $0) != 0 }.map { scopes[$0] } }
        sets += scopes.dropFirst(10).map { [$0, scopes[0], scopes[7]] }
        sets.append(scopes)
        for granted in sets {
            let set = ScopeSet(granted)
            #expect(set.nameList == granted.map(\.rawValue).sorted().joined(separator: ","))
            #expect(ScopeSet(nameList: set.nameList) == set, "\(granted)")
        }
        #expect(ScopeSet(nameList: "write_orders,read_products") == ScopeSet([.readProducts, .writeOrders]))
        #expect(ScopeSet(nameList: "read_orders,,write_teleportation,read_orderz,READ_PRODUCTS,read_products")
                == ScopeSet([.readOrders, .readProducts]))
        #expect(ScopeSet(nameList: ",read_orders,lé_scope,write_orders,") == ScopeSet([.readOrders, .writeOrders]))
        #expect(ScopeSet(nameList: "") == ScopeSet([]))
        #expect(ScopeSet(nameList: "write_draft_orders").allows(.readDraftOrders))
    }
}
