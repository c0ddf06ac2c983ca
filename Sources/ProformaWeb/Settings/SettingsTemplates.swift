extension PageTemplates {
    static let settings = """
        {{<layout}}{{$content}}
        <h1>Settings</h1>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#errors.general}}<p class="errors" role="alert">{{.}}</p>{{/errors.general}}
        {{#secret}}<p>New access token:</p><p class="secret" id="new-token">{{secret}}</p>{{/secret}}

        <section class="card" id="tokens"><h2>Admin API access tokens</h2>
        <table><thead><tr><th>Name</th><th>Token</th><th>Scopes</th><th>Created</th><th><span class="muted">Action</span></th></tr></thead><tbody>
        {{#tokens}}<tr><td>{{name}}</td><td><code>{{prefix}}…</code></td><td><small>{{scopes}}</small></td><td>{{created}}</td>
        <td>{{#active}}<form method="post" action="/staff/settings"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="id" value="{{id}}">
        <button class="danger" name="intent" value="revoke_token">Revoke</button></form>{{/active}}{{^active}}revoked {{revoked}}{{/active}}</td></tr>{{/tokens}}
        </tbody></table>
        <form method="post" action="/staff/settings"><input type="hidden" name="csrf" value="{{csrf}}">
        <label for="token_name">Name</label><input id="token_name" name="name">
        {{#errors.create_token.name}}<p class="field-error">{{errors.create_token.name}}</p>{{/errors.create_token.name}}
        <fieldset><legend>Scopes</legend>{{#scopes}}<label class="inline"><input type="checkbox" name="scopes" value="{{value}}"> {{value}}</label> {{/scopes}}</fieldset>
        <button name="intent" value="create_token">Create token</button></form>
        </section>

        <section class="card" id="tax-rates"><h2>Tax rates</h2>
        <table><thead><tr><th>Name</th><th>Country</th><th>Province</th><th>Rate</th><th>On shipping</th><th><span class="muted">Action</span></th></tr></thead><tbody>
        {{#taxRates}}<tr><td>{{name}}</td><td>{{country}}</td><td>{{province}}</td><td>{{rate}}</td><td>{{shipping}}</td>
        <td><form method="post" action="/staff/settings"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="id" value="{{id}}">
        <button class="secondary" name="intent" value="remove_tax_rate">Remove</button></form></td></tr>{{/taxRates}}
        </tbody></table>
        <form method="post" action="/staff/settings" class="row"><input type="hidden" name="csrf" value="{{csrf}}">
        <div><label for="tax_name">Name</label><input id="tax_name" name="name">{{#errors.add_tax_rate.name}}<p class="field-error">{{errors.add_tax_rate.name}}</p>{{/errors.add_tax_rate.name}}</div>
        <div><label for="tax_country">Country code</label><input id="tax_country" name="country_code" size="4">{{#errors.add_tax_rate.countryCode}}<p class="field-error">{{errors.add_tax_rate.countryCode}}</p>{{/errors.add_tax_rate.countryCode}}</div>
        <div><label for="tax_province">Province code</label><input id="tax_province" name="province_code" size="4">{{#errors.add_tax_rate.provinceCode}}<p class="field-error">{{errors.add_tax_rate.provinceCode}}</p>{{/errors.add_tax_rate.provinceCode}}</div>
        <div><label for="tax_rate">Rate (%)</label><input id="tax_rate" name="rate" size="6">{{#errors.add_tax_rate.rate}}<p class="field-error">{{errors.add_tax_rate.rate}}</p>{{/errors.add_tax_rate.rate}}</div>
        <label class="inline"><input type="checkbox" name="shipping"> Also on shipping</label>
        <button name="intent" value="add_tax_rate">Add tax rate</button></form>
        </section>

        <section class="card" id="shipping-rates"><h2>Shipping rates ({{currency}})</h2>
        <table><thead><tr><th>Name</th><th>Countries</th><th>Price</th><th>Order subtotal</th><th><span class="muted">Action</span></th></tr></thead><tbody>
        {{#shippingRates}}<tr><td>{{name}}</td><td>{{countries}}</td><td>{{price}}</td><td>{{range}}</td>
        <td><form method="post" action="/staff/settings"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="id" value="{{id}}">
        <button class="secondary" name="intent" value="remove_shipping_rate">Remove</button></form></td></tr>{{/shippingRates}}
        </tbody></table>
        <form method="post" action="/staff/settings" class="row"><input type="hidden" name="csrf" value="{{csrf}}">
        <div><label for="rate_name">Name</label><input id="rate_name" name="name">{{#errors.add_shipping_rate.name}}<p class="field-error">{{errors.add_shipping_rate.name}}</p>{{/errors.add_shipping_rate.name}}</div>
        <div><label for="rate_countries">Country codes (comma separated)</label><input id="rate_countries" name="countries">{{#errors.add_shipping_rate.countryCodes}}<p class="field-error">{{errors.add_shipping_rate.countryCodes}}</p>{{/errors.add_shipping_rate.countryCodes}}</div>
        <div><label for="rate_price">Price</label><input id="rate_price" name="price" size="8">{{#errors.add_shipping_rate.price}}<p class="field-error">{{errors.add_shipping_rate.price}}</p>{{/errors.add_shipping_rate.price}}</div>
        <div><label for="rate_min">Min subtotal</label><input id="rate_min" name="min_subtotal" size="8"></div>
        <div><label for="rate_max">Max subtotal</label><input id="rate_max" name="max_subtotal" size="8">{{#errors.add_shipping_rate.maxSubtotal}}<p class="field-error">{{errors.add_shipping_rate.maxSubtotal}}</p>{{/errors.add_shipping_rate.maxSubtotal}}</div>
        <button name="intent" value="add_shipping_rate">Add shipping rate</button></form>
        </section>

        <section class="card" id="gateways"><h2>Payment gateways</h2>
        <table><thead><tr><th>Name</th><th>Kind</th><th><span class="muted">Action</span></th></tr></thead><tbody>
        {{#gateways}}<tr><td>{{name}}</td><td>{{kind}}</td><td><form method="post" action="/staff/settings"><input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="id" value="{{id}}"><button class="secondary" name="intent" value="remove_gateway">Remove</button></form></td></tr>{{/gateways}}
        </tbody></table>
        <form method="post" action="/staff/settings" class="row"><input type="hidden" name="csrf" value="{{csrf}}">
        <div><label for="gateway_name">Name</label><input id="gateway_name" name="name">{{#errors.add_gateway.name}}<p class="field-error">{{errors.add_gateway.name}}</p>{{/errors.add_gateway.name}}</div>
        <div><label for="gateway_kind">Kind</label><select id="gateway_kind" name="kind">{{#gatewayKinds}}<option>{{value}}</option>{{/gatewayKinds}}</select></div>
        <button name="intent" value="add_gateway">Add gateway</button></form>
        </section>

        <section class="card" id="email"><h2>Email</h2>
        <form method="post" action="/staff/settings"><input type="hidden" name="csrf" value="{{csrf}}">
        <label for="smtp_url">SMTP URL (blank uses the server's mailer)</label>
        <input id="smtp_url" name="smtp_url" value="{{smtpURL}}" placeholder="smtp://user:password@smtp.example.com:587" style="width: 100%">
        {{#errors.set_smtp.smtpURL}}<p class="field-error">{{errors.set_smtp.smtpURL}}</p>{{/errors.set_smtp.smtpURL}}
        <button name="intent" value="set_smtp">Save</button></form>
        <form method="post" action="/staff/settings" class="row"><input type="hidden" name="csrf" value="{{csrf}}">
        <div><label for="test_to">Send a test email to</label><input id="test_to" name="to" type="email">
        {{#errors.test_email.to}}<p class="field-error">{{errors.test_email.to}}</p>{{/errors.test_email.to}}</div>
        <button class="secondary" name="intent" value="test_email">Send test email</button></form>
        </section>

        <section class="card" id="webhooks"><h2>Webhooks</h2>
        <p>Webhooks are signed with HMAC-SHA256 under this secret; subscriptions are managed through the Admin API.</p>
        <label for="webhook-secret">Signing secret</label><input id="webhook-secret" value="{{webhookSecret}}" readonly style="width: 100%">
        </section>
        {{/content}}{{/layout}}
        """
}
