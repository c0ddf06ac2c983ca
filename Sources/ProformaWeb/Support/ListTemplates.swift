extension PageTemplates {
    static let drafts = """
        {{<layout}}{{$content}}
        <h1>Draft orders</h1>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="errors" role="alert">{{error}}</p>{{/error}}
        <p><a id="new-draft" class="button" href="/staff/drafts/new">New draft</a></p>
        <nav class="tabs" aria-label="Status">{{#tabs}}<a id="tab-{{key}}" href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a>{{/tabs}}</nav>
        <form method="get" action="/staff/drafts" class="row">
        <input type="hidden" name="status" value="{{status}}">
        <div><label for="q">Search (same syntax as the API, e.g. <code>customer:acme</code>)</label><input id="q" name="q" value="{{q}}" size="40"></div>
        <div><label for="tag">Tag</label><input id="tag" name="tag" value="{{tag}}" size="12"></div>
        <div><label for="sort">Sort by</label><select id="sort" name="sort">{{#sorts}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/sorts}}</select></div>
        <button class="secondary" type="submit">Search</button></form>
        <form method="post" action="/staff/drafts/bulk">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <table><thead><tr><th><span class="muted">Select</span></th><th>Draft</th><th>Customer</th><th>Status</th><th>Tags</th><th>Updated</th><th class="num">Total</th></tr></thead><tbody>
        {{#rows}}<tr class="draft-row"><td><input type="checkbox" name="selected" value="{{id}}" aria-label="Select {{name}}"></td>
        <td><a href="/staff/drafts/{{id}}">{{name}}</a></td><td>{{customer}}</td><td><span class="badge">{{status}}</span></td><td>{{tags}}</td><td>{{updated}}</td><td class="num">{{total}}</td></tr>{{/rows}}
        {{^rows}}<tr><td colspan="7" class="muted">No drafts match.</td></tr>{{/rows}}
        </tbody></table>
        <div class="row" style="margin-top: 12px"><div><label for="bulk_tags">Tags for the selected drafts</label><input id="bulk_tags" name="tags"></div>
        <button class="secondary" name="intent" value="addTags">Add tags</button>
        <button class="secondary" name="intent" value="removeTags">Remove tags</button>
        {{#isAdmin}}<button class="danger" name="intent" value="delete">Delete selected</button>{{/isAdmin}}</div>
        </form>
        <p class="row">{{#previous}}<a class="button secondary" rel="prev" href="{{previous}}">Previous</a>{{/previous}}{{#next}}<a class="button secondary" rel="next" href="{{next}}">Next</a>{{/next}}</p>
        {{/content}}{{/layout}}
        """

    static let orders = """
        {{<layout}}{{$content}}
        <h1>Orders</h1>
        <form method="get" action="/staff/orders" class="row"><div><label for="q">Search</label><input id="q" name="q" value="{{q}}" size="40"></div>
        <button class="secondary" type="submit">Search</button></form>
        <table><thead><tr><th>Order</th><th>Customer</th><th>Payment</th><th>Created</th><th class="num">Total</th></tr></thead><tbody>
        {{#rows}}<tr class="order-row"><td><a href="/staff/orders/{{id}}">{{name}}</a></td><td>{{customer}}</td><td><span class="badge">{{status}}</span></td><td>{{created}}</td><td class="num">{{total}}</td></tr>{{/rows}}
        {{^rows}}<tr><td colspan="5" class="muted">No orders yet.</td></tr>{{/rows}}
        </tbody></table>
        <p class="row">{{#previous}}<a class="button secondary" rel="prev" href="{{previous}}">Previous</a>{{/previous}}{{#next}}<a class="button secondary" rel="next" href="{{next}}">Next</a>{{/next}}</p>
        {{/content}}{{/layout}}
        """

    static let order = """
        {{<layout}}{{$content}}
        <h1>Order <span id="order-name">{{name}}</span> <span class="badge" id="financial-status">{{status}}</span></h1>
        <p>{{#customer}}Customer: <a href="/staff/customers/{{id}}">{{name}}</a> · {{/customer}}Created {{created}}{{#draftID}} from <a href="/staff/drafts/{{draftID}}">draft {{draftName}}</a>{{/draftID}}.</p>
        <div class="grid"><section class="card"><h2>Items</h2>
        <table><thead><tr><th>Item</th><th class="num">Qty</th><th class="num">Price</th><th class="num">Total</th></tr></thead>
        <tbody>{{#summary.lines}}<tr><td>{{name}}{{#discount}}<br><small>{{discount}}</small>{{/discount}}</td><td class="num">{{quantity}}</td><td class="num">{{unitPrice}}</td><td class="num">{{total}}</td></tr>{{/summary.lines}}</tbody></table>
        <table class="totals"><tr><td>Subtotal</td><td class="num">{{summary.subtotal}}</td></tr>
        {{#summary.discount}}<tr><td>{{label}}</td><td class="num">{{amount}}</td></tr>{{/summary.discount}}
        {{#summary.shipping}}<tr><td>Shipping: {{label}}</td><td class="num">{{amount}}</td></tr>{{/summary.shipping}}
        {{#summary.taxes}}<tr><td>{{label}}</td><td class="num">{{amount}}</td></tr>{{/summary.taxes}}
        <tr class="grand"><td>Total</td><td class="num" id="order-total">{{summary.total}}</td></tr></table></section>
        <div><section class="card"><h2>Payments</h2><table>{{#transactions}}<tr><td>{{gateway}}</td><td>{{status}}</td><td class="num">{{amount}}</td></tr>{{/transactions}}
        {{^transactions}}<tr><td class="muted">No payment yet.</td></tr>{{/transactions}}</table></section>
        <section class="card"><h2>Timeline</h2><ol class="timeline">{{#timeline}}<li><strong>{{who}}</strong> · {{what}}{{#detail}} · {{detail}}{{/detail}}<br><small class="muted">{{when}}</small></li>{{/timeline}}</ol></section></div>
        </div>
        {{/content}}{{/layout}}
        """

    static let customers = """
        {{<layout}}{{$content}}
        <h1>Customers</h1>
        <form method="get" action="/staff/customers" class="row"><div><label for="q">Search by name or email</label><input id="q" name="q" value="{{q}}" size="40"></div>
        <button class="secondary" type="submit">Search</button></form>
        <table><thead><tr><th>Name</th><th>Email</th><th>Tags</th></tr></thead><tbody>
        {{#rows}}<tr class="customer-row"><td><a href="/staff/customers/{{id}}">{{name}}</a></td><td>{{email}}</td><td>{{tags}}</td></tr>{{/rows}}
        {{^rows}}<tr><td colspan="3" class="muted">No customers match.</td></tr>{{/rows}}
        </tbody></table>
        <p class="row">{{#previous}}<a class="button secondary" rel="prev" href="{{previous}}">Previous</a>{{/previous}}{{#next}}<a class="button secondary" rel="next" href="{{next}}">Next</a>{{/next}}</p>
        {{/content}}{{/layout}}
        """

    static let customer = """
        {{<layout}}{{$content}}
        <h1 id="customer-name">{{name}}</h1>
        <p>{{email}}{{#phone}} · {{phone}}{{/phone}}{{#taxExempt}} · <span class="badge">Tax exempt</span>{{/taxExempt}}</p>
        {{#address}}<p class="muted">{{address}}</p>{{/address}}
        <div class="grid"><section class="card"><h2>Drafts</h2><table>{{#drafts}}<tr><td><a href="/staff/drafts/{{id}}">{{name}}</a></td><td>{{status}}</td><td class="num">{{total}}</td></tr>{{/drafts}}
        {{^drafts}}<tr><td class="muted">No drafts.</td></tr>{{/drafts}}</table></section>
        <section class="card"><h2>Orders</h2><table>{{#orders}}<tr><td><a href="/staff/orders/{{id}}">{{name}}</a></td><td>{{status}}</td><td class="num">{{total}}</td></tr>{{/orders}}
        {{^orders}}<tr><td class="muted">No orders.</td></tr>{{/orders}}</table></section></div>
        {{/content}}{{/layout}}
        """
}
