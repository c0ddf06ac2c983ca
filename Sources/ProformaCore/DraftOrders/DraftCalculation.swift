/// The result of `DraftCalculator.calculate`: every amount of a draft in presentment-currency
/// minor units, with the conversion that gives their shop-currency twins.
public struct DraftCalculation: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        public var unitPrice: Int64
        /// Unit price × quantity.
        public var originalTotal: Int64
        /// The line's own discount.
        public var discount: Int64
        /// Original total − the line's own discount.
        public var discountedTotal: Int64
        /// This line's share of the order discount.
        public var orderDiscountAllocation: Int64
        public var taxLines: [TaxLine]

        public var totalTax: Int64 { taxLines.reduce(0) { $0 + $1.amount } }
    }

    public struct TaxLine: Sendable, Hashable {
        public var title: String
        public var rate: ExactDecimal
        public var amount: Int64

        /// Sums tax lines by title and rate, in order of first appearance.
        static func grouped(_ lines: [TaxLine]) -> [TaxLine] {
            var result: [TaxLine] = []
            for line in lines {
                if let index = result.firstIndex(where: { $0.title == line.title && $0.rate == line.rate }) {
                    result[index].amount += line.amount
                } else {
                    result.append(line)
                }
            }
            return result
        }
    }

    public struct Shipping: Sendable, Hashable {
        public var title: String
        public var price: Int64
        /// The shipping rate's handle, or nil for a custom shipping line.
        public var handle: String?
        public var taxLines: [TaxLine]
    }

    /// Something the merchant should know about the calculation; it still succeeded.
    public struct Warning: Sendable, Hashable {
        public var code: String
        public var field: String
        public var message: String
    }

    public var conversion: CurrencyConversion
    public var taxesIncluded: Bool
    public var lines: [Line]
    /// Σ discounted line totals (after line discounts, before the order discount).
    public var lineItemsSubtotal: Int64
    public var orderDiscount: Int64
    /// Line items subtotal − order discount; shipping and taxes excluded.
    public var subtotal: Int64
    public var shipping: Shipping?
    /// Line and shipping taxes, summed by title and rate.
    public var taxLines: [TaxLine]
    public var totalTax: Int64
    public var total: Int64
    /// Line discounts + the order discount.
    public var totalDiscounts: Int64
    /// Σ original line totals, before any discount.
    public var totalLineItemsPrice: Int64
    public var totalWeightGrams: Int64
    public var taxAddressSource: TaxAddressSource
    public var warnings: [Warning]
    public var trace: [TraceStep]

    public var currency: CurrencyCode { conversion.presentmentCurrency }

    public func money(_ units: Int64) -> Money { Money(minorUnits: units, currency: currency) }
    public func shopMoney(_ units: Int64) -> Money { conversion.shopAmount(units) }
}

/// Splitting an amount in proportion to weights so that the parts add up exactly.
public enum Allocation {
    /// Largest-remainder (Hamilton) allocation: each part gets the floor of its exact share,
    /// and the units left over go to the largest remainders, ties to the earlier weight.
    /// Zero weights get nothing; with no positive weight nothing is allocated.
    public static func largestRemainder(_ amount: Int64, weights: [Int64]) -> [Int64] {
        let total = weights.reduce(Int128(0)) { $0 + Int128(max($1, 0)) }
        guard amount > 0, total > 0 else { return weights.map { _ in 0 } }
        var shares: [Int64] = []
        shares.reserveCapacity(weights.count)
        var given: Int64 = 0
        // A sum that fits 64 bits (any real draft) divides with one hardware 128-by-64 division
        // per line, and each remainder then packs with its index into one key whose order is
        // the order of handing out units, so selecting the largest keys replaces a sort, which
        // had been a sixth of the calculator's time on a 499-line draft.
        if let narrowTotal = Int64(exactly: total) {
            var keys: [UInt128] = []
            keys.reserveCapacity(weights.count)
            for (index, weight) in weights.enumerated() {
                let (share, rest) = narrowTotal.dividingFullWidth(amount.multipliedFullWidth(by: max(weight, 0)))
                shares.append(share)
                given += share
                if weight > 0 { keys.append(UInt128(UInt64(rest)) << 64 | UInt128(UInt64.max - UInt64(index))) }
            }
            let left = Int(amount - given)
            moveLargest(left, toFrontOf: &keys)
            for key in keys.prefix(left) { shares[Int(UInt64.max - UInt64(truncatingIfNeeded: key))] += 1 }
            return shares
        }
        var remainders: [(index: Int, remainder: Int128)] = []
        remainders.reserveCapacity(weights.count)
        for (index, weight) in weights.enumerated() {
            let exact = Int128(amount) * Int128(max(weight, 0))
            let share = Int64(exact / total)
            shares.append(share)
            given += share
            if weight > 0 { remainders.append((index, exact % total)) }
        }
        remainders.sort { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index }
        for entry in remainders.prefix(Int(amount - given)) { shares[entry.index] += 1 }
        return shares
    }

    /// Moves the `count` largest of `keys`, which are distinct, to the front in no particular
    /// order: Hoare's selection, linear on average where a sort is not.
    static func moveLargest(_ count: Int, toFrontOf keys: inout [UInt128]) {
        guard count > 0, count < keys.count else { return }
        let target = count - 1
        var low = 0
        var high = keys.count - 1
        while low < high {
            let pivot = keys[low + (high - low) / 2]
            var left = low
            var right = high
            while left <= right {
                while keys[left] > pivot { left += 1 }
                while keys[right] < pivot { right -= 1 }
                if left <= right {
                    keys.swapAt(left, right)
                    left += 1
                    right -= 1
                }
            }
            if target <= right {
                high = right
            } else if target >= left {
                low = left
            } else {
                return
            }
        }
    }
}
