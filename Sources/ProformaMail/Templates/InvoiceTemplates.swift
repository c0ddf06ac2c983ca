/// The invoice email, as mustache templates compiled into the binary (no files to install).
/// Values are escaped for HTML by `{{…}}`; the text template switches escaping off.
enum InvoiceTemplates {
    static let html = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>{{subject}}</title></head>
        <body style="font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; color: #222; max-width: 600px; margin: 0 auto; padding: 24px;">
        <h1 style="font-size: 20px;">{{shopName}}</h1>
        <p>Invoice {{summary.name}} from {{shopName}}</p>
        {{#customMessage}}<p style="white-space: pre-line;">{{customMessage}}</p>{{/customMessage}}
        {{#url}}<p><a href="{{url}}" style="display: inline-block; background: #1a5fb4; color: #fff; padding: 12px 20px; border-radius: 4px; text-decoration: none;">Complete your purchase</a></p>{{/url}}
        <table style="width: 100%; border-collapse: collapse;" role="presentation">
        <thead><tr><th align="left">Item</th><th align="right">Qty</th><th align="right">Price</th><th align="right">Total</th></tr></thead>
        <tbody>
        {{#summary.lines}}
        <tr>
        <td>{{name}}{{#sku}}<br><small>SKU {{sku}}</small>{{/sku}}{{#discountTitle}}<br><small>{{discountTitle}}</small>{{/discountTitle}}</td>
        <td align="right">{{quantity}}</td>
        <td align="right">{{unitPrice}}</td>
        <td align="right">{{#originalTotal}}<s>{{originalTotal}}</s><br>{{/originalTotal}}{{total}}</td>
        </tr>
        {{/summary.lines}}
        </tbody>
        </table>
        <table style="width: 100%; margin-top: 16px;" role="presentation">
        <tr><td>Subtotal</td><td align="right">{{summary.subtotal}}</td></tr>
        {{#summary.orderDiscount}}<tr><td>{{label}}</td><td align="right">{{amount}}</td></tr>{{/summary.orderDiscount}}
        {{#summary.shipping}}<tr><td>Shipping ({{label}})</td><td align="right">{{amount}}</td></tr>{{/summary.shipping}}
        {{#summary.taxes}}<tr><td>{{label}}{{#summary.taxesIncluded}} (included){{/summary.taxesIncluded}}</td><td align="right">{{amount}}</td></tr>{{/summary.taxes}}
        <tr><td><strong>Total</strong></td><td align="right"><strong>{{summary.total}}</strong></td></tr>
        </table>
        {{#url}}<p style="font-size: 13px; color: #555;">Or copy this link into your browser: {{url}}</p>{{/url}}
        <p style="font-size: 13px; color: #555;">{{shopName}} · {{shopEmail}}</p>
        </body>
        </html>
        """

    static let text = """
        {{% CONTENT_TYPE: TEXT}}
        Invoice {{summary.name}} from {{shopName}}
        {{#customMessage}}

        {{customMessage}}
        {{/customMessage}}

        {{#summary.lines}}
        {{quantity}} × {{name}}{{#sku}} (SKU {{sku}}){{/sku}} — {{total}}{{#discountTitle}} ({{discountTitle}}, was {{originalTotal}}){{/discountTitle}}
        {{/summary.lines}}

        Subtotal: {{summary.subtotal}}
        {{#summary.orderDiscount}}
        {{label}}: {{amount}}
        {{/summary.orderDiscount}}
        {{#summary.shipping}}
        Shipping ({{label}}): {{amount}}
        {{/summary.shipping}}
        {{#summary.taxes}}
        {{label}}: {{amount}}
        {{/summary.taxes}}
        Total: {{summary.total}}
        {{#url}}

        Complete your purchase: {{url}}
        {{/url}}

        {{shopName}} · {{shopEmail}}

        """
}
