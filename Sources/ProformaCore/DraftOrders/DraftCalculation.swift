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
        var remainders: [(index: Int, remainder: Int128)] = []
        var given: Int64 = 0
        shares.reserveCapacity(weights.count)
        remainders.reserveCapacity(weights.count)
        // A sum that fits 64 bits (any real draft) divides with one hardware 128-by-64 division per line.
        let narrowTotal = Int64(exactly: total)
        for (index, weight) in weights.enumerated() {
            let share: Int64
            let remainder: Int128
            if let narrowTotal {
                let (quotient, rest) = narrowTotal.dividingFullWidth(amount.multipliedFullWidth(by: max(weight, 0)))
                (share, remainder) = (quotient, Int128(rest))
            } else {
                let exact = Int128(amount) * Int128(max(weight, 0))
                (share, remainder) = (Int64(exact / total), exact % total)
            }
            shares.append(share)
            given += share
            remainders.append((index, remainder))
        }
        let order = remainders.sorted { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index }
        var left = amount - given
        for entry in order where left > 0 && weights[entry.index] > 0 {
            shares[entry.index] += 1
            left -= 1
        }
        return shares
    }
}
