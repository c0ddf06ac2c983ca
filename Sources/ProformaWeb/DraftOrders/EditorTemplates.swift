extension PageTemplates {
    /// The draft editor. Field errors sit right under their fields (`aria-describedby`), and
    /// every control has a label.
    static let editor = """
        {{<layout}}{{$content}}
        <h1>{{#draft}}<span id="draft-name">{{name}}</span> <span class="badge" id="draft-status">{{status}}</span>{{/draft}}{{^draft}}New draft{{/draft}}</h1>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#conflict}}<p class="conflict" id="conflict" role="alert">{{conflict}}</p>{{/conflict}}
        {{#errors.general}}<p class="errors" role="alert">{{.}}</p>{{/errors.general}}
        <div class="grid">
        <form id="draft-form" method="post" action="{{action}}" data-calculate="{{action}}" novalidate>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="version" value="{{version}}">
        <input type="hidden" name="customer_id" value="{{customerID}}">
        <input type="hidden" name="line_count" value="{{lineCount}}">

        <fieldset><legend>Customer</legend>
        {{#customer}}<p id="customer-chosen">{{name}} · {{email}}</p>{{/customer}}
        {{#errors.customer}}<p class="field-error">{{errors.customer}}</p>{{/errors.customer}}
        <div class="row"><div><label for="customer_query">Find a customer by name or email</label>
        <input id="customer_query" name="customer_query" value="{{customerQuery}}"></div>
        <button id="find-customer" class="secondary" name="intent" value="find_customer">Find</button></div>
        {{#customerMessage}}<p class="muted">{{customerMessage}}</p>{{/customerMessage}}
        <ul>{{#customerResults}}<li>{{name}} · {{email}}
        <button class="choose-customer secondary" data-email="{{email}}" name="intent" value="choose_customer:{{id}}">Choose</button></li>{{/customerResults}}</ul>
        <details{{#newCustomer.email}} open{{/newCustomer.email}}><summary>New customer</summary>
        <div class="row"><div><label for="new_customer_first_name">First name</label><input id="new_customer_first_name" name="new_customer_first_name" value="{{newCustomer.first_name}}"></div>
        <div><label for="new_customer_last_name">Last name</label><input id="new_customer_last_name" name="new_customer_last_name" value="{{newCustomer.last_name}}"></div>
        <div><label for="new_customer_email">Email</label><input id="new_customer_email" name="new_customer_email" type="email" value="{{newCustomer.email}}" aria-describedby="new_customer_email-error">
        {{#errors.new_customer_email}}<p class="field-error" id="new_customer_email-error">{{errors.new_customer_email}}</p>{{/errors.new_customer_email}}</div>
        <button id="create-customer" class="secondary" name="intent" value="create_customer">Create and choose</button></div>
        {{#errors.new_customer_first_name}}<p class="field-error">{{errors.new_customer_first_name}}</p>{{/errors.new_customer_first_name}}
        </details>
        <label for="email">Invoice email</label><input id="email" name="email" type="email" value="{{email}}" aria-describedby="email-error">
        {{#errors.email}}<p class="field-error" id="email-error">{{errors.email}}</p>{{/errors.email}}
        </fieldset>

        <fieldset><legend>Items</legend>
        {{#errors.lines}}<p class="field-error">{{errors.lines}}</p>{{/errors.lines}}
        <div class="table-scroll"><table><thead><tr><th>Item</th><th>Qty</th><th>Discount</th><th class="num">Total</th><th><span class="muted">Remove</span></th></tr></thead><tbody>
        {{#lines}}<tr>
        <td><input type="hidden" name="line_{{index}}_variant" value="{{variantID}}">
        {{#isCustom}}<label for="line_{{index}}_title">Title</label><input id="line_{{index}}_title" name="line_{{index}}_title" value="{{title}}">
        <label for="line_{{index}}_price">Price</label><input id="line_{{index}}_price" name="line_{{index}}_price" value="{{price}}" inputmode="decimal" size="8">
        {{#priceError}}<p class="field-error">{{priceError}}</p>{{/priceError}}
        <label class="inline"><input type="checkbox" name="line_{{index}}_taxable"{{#taxable}} checked{{/taxable}}> Taxable</label>
        <label class="inline"><input type="checkbox" name="line_{{index}}_shipping"{{#requiresShipping}} checked{{/requiresShipping}}> Ships</label>{{/isCustom}}
        {{^isCustom}}<strong>{{name}}</strong><br><small class="muted">{{sku}} · {{unitPrice}}</small>{{/isCustom}}
        {{#lineError}}<p class="field-error">{{lineError}}</p>{{/lineError}}</td>
        <td><label for="line_{{index}}_quantity" class="muted">Quantity</label><input id="line_{{index}}_quantity" name="line_{{index}}_quantity" value="{{quantity}}" inputmode="numeric" size="4" aria-describedby="line_{{index}}_quantity-error">
        {{#quantityError}}<p class="field-error" id="line_{{index}}_quantity-error">{{quantityError}}</p>{{/quantityError}}</td>
        <td><label for="line_{{index}}_discount_type" class="muted">Type</label><select id="line_{{index}}_discount_type" name="line_{{index}}_discount_type">{{#discountTypes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/discountTypes}}</select>
        <label for="line_{{index}}_discount_value" class="muted">Value</label><input id="line_{{index}}_discount_value" name="line_{{index}}_discount_value" value="{{discountValue}}" size="6">
        {{#discountError}}<p class="field-error">{{discountError}}</p>{{/discountError}}</td>
        <td class="num">{{lineTotal}}</td>
        <td><button id="line_{{index}}_remove" class="secondary" name="intent" value="remove_line:{{index}}" aria-label="Remove line {{index}}">✕</button></td>
        </tr>{{/lines}}
        </tbody></table></div>
        <div class="row"><div><label for="product_query">Find products (title, or sku:CODE)</label><input id="product_query" name="product_query" value="{{productQuery}}"></div>
        <button id="find-products" class="secondary" name="intent" value="find_products">Search catalog</button></div>
        {{#productMessage}}<p class="muted">{{productMessage}}</p>{{/productMessage}}
        <table>{{#variantResults}}<tr class="variant-result"><td>{{title}}<br><small class="muted">{{sku}}</small></td><td class="num">{{price}}</td>
        <td class="stock">{{stock}}</td><td><button class="add-variant secondary" data-sku="{{sku}}" data-title="{{title}}" name="intent" value="add_variant:{{id}}">Add</button></td></tr>{{/variantResults}}</table>
        <div class="row"><div><label for="custom_title">Custom item</label><input id="custom_title" name="custom_title"></div>
        <div><label for="custom_price">Price</label><input id="custom_price" name="custom_price" inputmode="decimal" size="8"></div>
        <div><label for="custom_quantity">Qty</label><input id="custom_quantity" name="custom_quantity" value="1" size="4"></div>
        <button id="add-custom" class="secondary" name="intent" value="add_custom">Add custom item</button></div>
        {{#errors.custom_item}}<p class="field-error">{{errors.custom_item}}</p>{{/errors.custom_item}}
        </fieldset>

        <fieldset><legend>Order discount</legend><div class="row">
        <div><label for="discount_type">Type</label><select id="discount_type" name="discount_type">{{#discountTypes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/discountTypes}}</select></div>
        <div><label for="discount_value">Value</label><input id="discount_value" name="discount_value" value="{{discountValue}}" size="8"></div>
        <div><label for="discount_title">Reason</label><input id="discount_title" name="discount_title" value="{{discountTitle}}"></div></div>
        {{#errors.discount}}<p class="field-error">{{errors.discount}}</p>{{/errors.discount}}
        </fieldset>

        <fieldset><legend>Shipping</legend><div class="row">
        <div><label for="ship_first_name">First name</label><input id="ship_first_name" name="ship_first_name" value="{{address.first_name}}"></div>
        <div><label for="ship_last_name">Last name</label><input id="ship_last_name" name="ship_last_name" value="{{address.last_name}}"></div>
        <div><label for="ship_address1">Address</label><input id="ship_address1" name="ship_address1" value="{{address.address1}}"></div>
        <div><label for="ship_city">City</label><input id="ship_city" name="ship_city" value="{{address.city}}"></div>
        <div><label for="ship_province_code">Province code</label><input id="ship_province_code" name="ship_province_code" value="{{address.province_code}}" size="4"></div>
        <div><label for="ship_country_code">Country code</label><input id="ship_country_code" name="ship_country_code" value="{{address.country_code}}" size="4"></div>
        <div><label for="ship_zip">Postal code</label><input id="ship_zip" name="ship_zip" value="{{address.zip}}" size="8"></div></div>
        {{#errors.ship_country_code}}<p class="field-error">{{errors.ship_country_code}}</p>{{/errors.ship_country_code}}
        {{#errors.ship_province_code}}<p class="field-error">{{errors.ship_province_code}}</p>{{/errors.ship_province_code}}
        {{#errors.ship_address1}}<p class="field-error">{{errors.ship_address1}}</p>{{/errors.ship_address1}}
        <div class="row"><div><label for="shipping">Rate</label><select id="shipping" name="shipping">{{#shippingOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/shippingOptions}}</select></div>
        <div><label for="shipping_title">Custom rate title</label><input id="shipping_title" name="shipping_title" value="{{shippingTitle}}"></div>
        <div><label for="shipping_price">Custom rate price</label><input id="shipping_price" name="shipping_price" value="{{shippingPrice}}" size="8"></div></div>
        {{#errors.shipping}}<p class="field-error">{{errors.shipping}}</p>{{/errors.shipping}}
        <p class="muted">Rates follow the address and items as of the last recalculation.</p>
        </fieldset>

        <fieldset><legend>Details</legend>
        <label class="inline"><input type="checkbox" id="tax_exempt" name="tax_exempt"{{#taxExempt}} checked{{/taxExempt}}> Tax exempt</label>
        <label for="tags">Tags (comma separated)</label><input id="tags" name="tags" value="{{tags}}">
        {{#errors.tags}}<p class="field-error">{{errors.tags}}</p>{{/errors.tags}}
        <label for="note">Note</label><textarea id="note" name="note">{{note}}</textarea>
        <label for="attributes">Custom attributes (one “key: value” per line)</label><textarea id="attributes" name="attributes">{{attributes}}</textarea>
        {{#errors.attributes}}<p class="field-error">{{errors.attributes}}</p>{{/errors.attributes}}
        <label for="reserve_until">Reserve items until</label><input id="reserve_until" name="reserve_until" type="date" value="{{reserveUntil}}">
        {{#errors.reserve_until}}<p class="field-error">{{errors.reserve_until}}</p>{{/errors.reserve_until}}
        </fieldset>
        <p class="row"><button id="save" name="intent" value="save">Save draft</button>
        <button id="recalculate" class="secondary" name="intent" value="recalculate">Recalculate</button>
        <button id="explain" class="secondary" name="intent" value="explain">Explain the total</button></p>
        </form>

        <div>
        <section class="card" aria-live="polite"><h2>Totals</h2><div id="totals">{{#totals}}{{>totals}}{{/totals}}</div></section>
        {{#draft}}{{>draftPanel}}{{/draft}}
        </div>
        </div>
        {{/content}}{{/layout}}
        """

    /// The saved draft's actions and timeline, beside the editor.
    static let draftPanel = """
        <section class="card"><h2>Invoice</h2>
        {{#reserved}}<p>Items reserved until {{reserved}}.</p>{{/reserved}}
        <label for="invoice-link">Invoice link</label><input id="invoice-link" value="{{link}}" readonly style="width: 100%">
        <button id="copy-link" type="button" class="secondary">Copy link</button>
        <form method="post" action="/staff/drafts/{{id}}"><input type="hidden" name="csrf" value="{{csrf}}">
        {{#invoice.error}}<p class="field-error" role="alert">{{invoice.error}}</p>{{/invoice.error}}
        <label for="invoice_to">To</label><input id="invoice_to" name="invoice_to" type="email" value="{{invoice.to}}" style="width: 100%">
        <label for="invoice_subject">Subject</label><input id="invoice_subject" name="invoice_subject" value="{{invoice.subject}}" style="width: 100%">
        <label for="invoice_message">Message</label><textarea id="invoice_message" name="invoice_message">{{invoice.message}}</textarea>
        <p class="row"><button id="preview-invoice" class="secondary" name="intent" value="preview_invoice">Preview</button>
        <button id="send-invoice" name="intent" value="send_invoice">Send invoice</button></p></form>
        {{#invoice.preview}}<div id="invoice-preview" class="card"><p><strong>{{subject}}</strong></p><pre style="white-space: pre-wrap">{{text}}</pre></div>{{/invoice.preview}}
        </section>
        <section class="card"><h2>Payment</h2>
        {{#canMarkPaid}}<form method="post" action="/staff/drafts/{{id}}"><input type="hidden" name="csrf" value="{{csrf}}">
        <label for="gateway">Paid through</label><select id="gateway" name="gateway"><option value="">Manual</option>{{#gateways}}<option value="{{id}}">{{name}}</option>{{/gateways}}</select>
        <button id="mark-paid" name="intent" value="mark_paid">Mark as paid</button></form>{{/canMarkPaid}}
        {{#canCompletePending}}<form method="post" action="/staff/drafts/{{id}}"><input type="hidden" name="csrf" value="{{csrf}}">
        <button id="complete-pending" class="secondary" name="intent" value="complete_pending">Complete, payment pending</button></form>{{/canCompletePending}}
        {{^canMarkPaid}}<p class="muted">Taking payments needs an admin.</p>{{/canMarkPaid}}
        </section>
        <section class="card"><h2>More</h2><form method="post" action="/staff/drafts/{{id}}" class="row"><input type="hidden" name="csrf" value="{{csrf}}">
        <button id="duplicate" class="secondary" name="intent" value="duplicate">Duplicate</button>
        {{#canDelete}}<button id="delete" class="danger" name="intent" value="delete">Delete</button>{{/canDelete}}</form></section>
        <section class="card"><h2>Timeline</h2><ol class="timeline">{{#timeline}}<li><strong>{{who}}</strong> · {{what}}{{#detail}} · {{detail}}{{/detail}}<br><small class="muted">{{when}}</small></li>{{/timeline}}</ol></section>
        """
}
