/// The customer's checkout pages: plain HTML forms that work without JavaScript. Every value
/// goes through `{{…}}`, which escapes it.
enum CheckoutTemplates {
    static let layout = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · {{shopName}}</title>
        <style>
        body { font-family: system-ui, sans-serif; color: #1f2328; max-width: 720px; margin: 0 auto; padding: 24px; line-height: 1.4; }
        table { width: 100%; border-collapse: collapse; } td, th { padding: 6px 4px; border-bottom: 1px solid #ddd; text-align: left; }
        .num { text-align: right; } .total td { font-weight: bold; border-bottom: none; }
        fieldset { border: 1px solid #ccc; border-radius: 6px; margin: 16px 0; padding: 12px 16px; }
        label { display: block; margin: 8px 0 2px; } input, select { width: 100%; padding: 8px; box-sizing: border-box; font: inherit; }
        button { margin-top: 12px; padding: 10px 18px; font: inherit; background: #1a5fb4; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
        button.secondary { background: #57606a; }
        :focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
        .error { background: #ffebe9; border: 1px solid #cf222e; padding: 10px; border-radius: 6px; }
        .notice { background: #ddf4ff; border: 1px solid #54aeff; padding: 10px; border-radius: 6px; }
        </style></head>
        <body>
        <header><p>{{shopName}}</p></header>
        <main>
        {{$content}}{{/content}}
        </main>
        </body></html>
        """

    static let checkout = """
        {{<layout}}{{$content}}
        <h1>Order {{summary.name}}</h1>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        <table>
        <thead><tr><th>Item</th><th class="num">Qty</th><th class="num">Price</th><th class="num">Total</th></tr></thead>
        <tbody>
        {{#summary.lines}}<tr><td>{{name}}{{#discountTitle}}<br><small>{{discountTitle}}</small>{{/discountTitle}}</td><td class="num">{{quantity}}</td><td class="num">{{unitPrice}}</td><td class="num">{{#originalTotal}}<s>{{originalTotal}}</s> {{/originalTotal}}{{total}}</td></tr>{{/summary.lines}}
        </tbody>
        <tfoot>
        <tr><td colspan="3">Subtotal</td><td class="num">{{summary.subtotal}}</td></tr>
        {{#summary.orderDiscount}}<tr><td colspan="3">{{label}}</td><td class="num">{{amount}}</td></tr>{{/summary.orderDiscount}}
        {{#summary.shipping}}<tr><td colspan="3">Shipping: {{label}}</td><td class="num">{{amount}}</td></tr>{{/summary.shipping}}
        {{#summary.taxes}}<tr><td colspan="3">{{label}}{{#summary.taxesIncluded}} (included){{/summary.taxesIncluded}}</td><td class="num">{{amount}}</td></tr>{{/summary.taxes}}
        <tr class="total"><td colspan="3">Total</td><td class="num" id="total">{{summary.total}}</td></tr>
        </tfoot>
        </table>

        <form method="post" action="{{action}}">
        <input type="hidden" name="form_token" value="{{formToken}}">
        <input type="hidden" name="version" value="{{version}}">
        <input type="hidden" name="intent" value="details">
        <fieldset><legend>Contact and delivery</legend>
        <label for="email">Email</label><input id="email" name="email" type="email" value="{{email}}" autocomplete="email">
        <label for="first_name">First name</label><input id="first_name" name="first_name" value="{{address.firstName}}" autocomplete="given-name">
        <label for="last_name">Last name</label><input id="last_name" name="last_name" value="{{address.lastName}}" autocomplete="family-name">
        <label for="address1">Address</label><input id="address1" name="address1" value="{{address.address1}}" autocomplete="address-line1">
        <label for="city">City</label><input id="city" name="city" value="{{address.city}}" autocomplete="address-level2">
        <label for="province_code">State or province code</label><input id="province_code" name="province_code" value="{{address.provinceCode}}">
        <label for="country_code">Country code</label><input id="country_code" name="country_code" value="{{address.countryCode}}" autocomplete="country">
        <label for="zip">Postal code</label><input id="zip" name="zip" value="{{address.zip}}" autocomplete="postal-code">
        {{#hasRates}}<label for="shipping_rate">Shipping</label><select id="shipping_rate" name="shipping_rate">
        {{^hasShipping}}<option value="" selected>Choose a shipping rate</option>{{/hasShipping}}
        {{#rates}}<option value="{{handle}}"{{#selected}} selected{{/selected}}>{{title}} — {{price}}</option>{{/rates}}
        </select>{{/hasRates}}
        {{#allowDiscountCodes}}<label for="discount_code">Discount code</label><input id="discount_code" name="discount_code" value="{{discountCode}}">{{/allowDiscountCodes}}
        <button type="submit" class="secondary">Update totals</button>
        </fieldset>
        </form>

        <form method="post" action="{{action}}">
        <input type="hidden" name="form_token" value="{{formToken}}">
        <input type="hidden" name="version" value="{{version}}">
        <input type="hidden" name="idempotency_key" value="{{idempotencyKey}}">
        <input type="hidden" name="intent" value="pay_card">
        <fieldset><legend>Pay by card</legend>
        <label for="card_number">Card number</label><input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" required>
        <label for="card_name">Name on card</label><input id="card_name" name="card_name" autocomplete="cc-name" required>
        <label for="card_expiry">Expiry (MM/YY)</label><input id="card_expiry" name="card_expiry" autocomplete="cc-exp" required>
        <label for="card_cvv">Security code</label><input id="card_cvv" name="card_cvv" inputmode="numeric" autocomplete="cc-csc" required>
        <button type="submit">Pay {{summary.total}}</button>
        </fieldset>
        </form>
        {{#payLater}}
        <form method="post" action="{{action}}">
        <input type="hidden" name="form_token" value="{{formToken}}">
        <input type="hidden" name="version" value="{{version}}">
        <input type="hidden" name="idempotency_key" value="{{idempotencyKey}}">
        <input type="hidden" name="intent" value="pay_later">
        <fieldset><legend>Pay later</legend><p>{{payLater}}</p><button type="submit" class="secondary">Place order, pay later</button></fieldset>
        </form>
        {{/payLater}}
        {{/content}}{{/layout}}
        """

    static let success = """
        {{<layout}}{{$content}}
        <h1>Thank you!</h1>
        <p role="status">Your order <strong id="order-name">{{orderName}}</strong> is confirmed.</p>
        <p>{{status}}</p>
        {{/content}}{{/layout}}
        """
}
