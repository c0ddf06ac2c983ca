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
}
