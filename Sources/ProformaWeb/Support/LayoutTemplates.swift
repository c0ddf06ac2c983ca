/// The admin's templates. Each page fills the layout's `content` block; every value goes
/// through `{{…}}`, which escapes it.
enum PageTemplates {
    static var all: [(String, String)] {
        [("layout", layout), ("message", message), ("login", login), ("totals", totals), ("editor", editor), ("draftPanel", draftPanel),
         ("completedDraft", completedDraft), ("drafts", drafts), ("orders", orders), ("order", order),
         ("customers", customers), ("customer", customer), ("settings", settings)]
    }

    static let layout = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{pageTitle}} · Proforma</title>
        <link rel="stylesheet" href="/staff/assets/admin.css"></head>
        <body>
        <header class="top">
        <strong>Proforma</strong>
        {{#staff}}<nav aria-label="Main">{{#nav}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a>{{/nav}}</nav>
        <div class="who"><span>{{email}} <span class="badge">{{role}}</span></span>
        <form method="post" action="/staff/logout"><input type="hidden" name="csrf" value="{{csrf}}">
        <button id="sign-out" class="secondary" type="submit">Sign out</button></form></div>{{/staff}}
        </header>
        <main id="main">
        {{$content}}{{/content}}
        </main>
        <script src="/staff/assets/admin.js"></script>
        </body></html>
        """

    static let message = """
        {{<layout}}{{$content}}<h1>{{pageTitle}}</h1><p>{{message}}</p><p><a href="/staff/drafts">Back to drafts</a></p>{{/content}}{{/layout}}
        """

    static let login = """
        {{<layout}}{{$content}}
        <section class="card" style="max-width: 420px; margin: 40px auto;">
        <h1>Sign in</h1>
        {{#error}}<p class="errors" role="alert">{{error}}</p>{{/error}}
        <form method="post" action="/staff/login">
        <input type="hidden" name="next" value="{{next}}">
        <label for="email">Email</label><input id="email" name="email" type="email" value="{{email}}" autocomplete="username" required autofocus>
        <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
        <p><button id="sign-in" type="submit">Sign in</button></p>
        </form>
        </section>
        {{/content}}{{/layout}}
        """

    static let totals = """
        {{#problem}}<p class="muted" role="status">{{problem}}</p>{{/problem}}
        {{^problem}}<table class="totals">
        <tr><td>Subtotal</td><td class="num" id="subtotal" data-amount="{{subtotal.amount}}">{{subtotal.text}}</td></tr>
        {{#discount}}<tr><td>Discounts</td><td class="num" id="discount-total" data-amount="{{amount}}">{{text}}</td></tr>{{/discount}}
        <tr><td>Shipping</td><td class="num" id="shipping-total" data-amount="{{shipping.amount}}">{{shipping.text}}</td></tr>
        {{#taxLines}}<tr><td class="muted">{{title}} {{rate}}</td><td class="num muted">{{text}}</td></tr>{{/taxLines}}
        <tr><td>Taxes{{#taxesIncluded}} (included){{/taxesIncluded}}</td><td class="num" id="tax-total" data-amount="{{tax.amount}}">{{tax.text}}</td></tr>
        <tr class="grand"><td>Total</td><td class="num" id="total" data-amount="{{total.amount}}">{{total.text}}</td></tr>
        </table>
        {{#warnings}}<p class="muted">{{.}}</p>{{/warnings}}
        {{#explain}}<h3>How the total was worked out</h3><ol id="trace" class="trace">{{#trace}}<li>{{text}}</li>{{/trace}}</ol>{{/explain}}{{/problem}}
        """

    static let completedDraft = """
        {{<layout}}{{$content}}
        <h1><span id="draft-name">{{draft.name}}</span> <span class="badge" id="draft-status">{{draft.status}}</span></h1>
        {{#order}}<p>This draft became order <a id="order-link" href="/staff/orders/{{id}}">{{name}}</a>.</p>{{/order}}
        <div class="grid"><section class="card"><h2>Items</h2>
        <table><thead><tr><th>Item</th><th class="num">Qty</th><th class="num">Price</th><th class="num">Total</th></tr></thead>
        <tbody>{{#summary.lines}}<tr><td>{{name}}{{#discount}}<br><small>{{discount}}</small>{{/discount}}</td><td class="num">{{quantity}}</td><td class="num">{{unitPrice}}</td><td class="num">{{total}}</td></tr>{{/summary.lines}}</tbody>
        </table>
        <table class="totals"><tr><td>Subtotal</td><td class="num">{{summary.subtotal}}</td></tr>
        {{#summary.discount}}<tr><td>{{label}}</td><td class="num">{{amount}}</td></tr>{{/summary.discount}}
        {{#summary.shipping}}<tr><td>Shipping: {{label}}</td><td class="num">{{amount}}</td></tr>{{/summary.shipping}}
        {{#summary.taxes}}<tr><td>{{label}}</td><td class="num">{{amount}}</td></tr>{{/summary.taxes}}
        <tr class="grand"><td>Total</td><td class="num">{{summary.total}}</td></tr></table></section>
        <section class="card"><h2>Timeline</h2><ol class="timeline">{{#timeline}}<li><strong>{{who}}</strong> · {{what}}{{#detail}} · {{detail}}{{/detail}}<br><small class="muted">{{when}}</small></li>{{/timeline}}</ol></section>
        </div>
        {{/content}}{{/layout}}
        """
}
