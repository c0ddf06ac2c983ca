import HTTPTypes
import Hummingbird
import NIOCore

/// The admin's stylesheet and its one script, served from the binary: there is no front-end
/// build step. The script only makes totals live; every page works without it.
enum Assets {
    static func addRoutes(to router: Router<some RequestContext>) {
        router.get("staff/assets/admin.css") { _, _ in response(css, type: "text/css; charset=utf-8") }
        router.get("staff/assets/admin.js") { _, _ in response(script, type: "text/javascript; charset=utf-8") }
    }

    private static func response(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=300",
                                        HTTPField.Name("X-Content-Type-Options")!: "nosniff"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static let css = """
        :root { --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --accent: #1a5fb4; --bad: #cf222e; --good: #1a7f37; }
        * { box-sizing: border-box; }
        body { font-family: system-ui, sans-serif; color: var(--ink); margin: 0; line-height: 1.45; background: #f6f8fa; }
        header.top { background: #24292f; color: #fff; display: flex; align-items: center; gap: 24px; padding: 8px 24px; flex-wrap: wrap; }
        header.top a { color: #fff; text-decoration: none; padding: 6px 8px; border-radius: 4px; }
        header.top a[aria-current=page] { background: #57606a; }
        header.top .who { margin-left: auto; display: flex; gap: 12px; align-items: center; }
        main { max-width: 1200px; margin: 0 auto; padding: 16px 24px 48px; }
        h1 { font-size: 1.5rem; margin: 8px 0 16px; } h2 { font-size: 1.15rem; margin: 0 0 8px; }
        section.card, fieldset { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 0 0 16px; }
        legend { font-weight: 600; padding: 0 4px; }
        table { width: 100%; border-collapse: collapse; background: #fff; }
        th, td { padding: 6px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        .num { text-align: right; white-space: nowrap; }
        label { display: block; font-weight: 500; margin: 8px 0 2px; }
        label.inline { display: inline-flex; gap: 6px; align-items: center; font-weight: normal; }
        input, select, textarea { font: inherit; padding: 6px 8px; border: 1px solid #8c959f; border-radius: 4px; max-width: 100%; }
        input[type=checkbox] { width: auto; }
        textarea { width: 100%; min-height: 4em; }
        button, .button { font: inherit; padding: 7px 14px; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent);
            color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
        button.secondary, .button.secondary { background: #fff; color: var(--accent); }
        button.danger { background: var(--bad); border-color: var(--bad); }
        :focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
        .field-error { color: var(--bad); font-size: .9rem; margin: 2px 0 0; }
        .errors, .conflict { background: #ffebe9; border: 1px solid var(--bad); padding: 10px 14px; border-radius: 6px; }
        .notice { background: #dafbe1; border: 1px solid var(--good); padding: 10px 14px; border-radius: 6px; }
        .secret { font-family: ui-monospace, monospace; background: #fff8c5; padding: 8px; border: 1px solid #d4a72c; border-radius: 4px; word-break: break-all; }
        .grid { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 16px; }
        .row { display: flex; gap: 12px; flex-wrap: wrap; align-items: end; }
        .muted { color: var(--muted); } .tabs { display: flex; gap: 4px; margin-bottom: 12px; }
        .tabs a { padding: 6px 12px; border: 1px solid var(--line); border-radius: 6px; text-decoration: none; color: var(--ink); background: #fff; }
        .tabs a[aria-current=page] { background: var(--accent); color: #fff; border-color: var(--accent); }
        .totals td { border: 0; padding: 3px 8px; } .totals .grand td { font-weight: 700; border-top: 1px solid var(--line); }
        header.top .badge { color: var(--ink); } .table-scroll { overflow-x: auto; }
        .table-scroll input:not([type=checkbox]), .table-scroll select { max-width: 9em; }
        .trace li { margin: 2px 0; } .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; background: #eaeef2; font-size: .85rem; }
        .timeline li { margin-bottom: 6px; }
        @media (max-width: 900px) { .grid { grid-template-columns: 1fr; } }
        """

    /// Posts the editor's form to the calculate route as the rep types and swaps in the totals
    /// it returns. Until the first answer, and without JavaScript, "Recalculate" does the same.
    static let script = """
        (function () {
          var form = document.getElementById('draft-form');
          var totals = document.getElementById('totals');
          if (!form || !totals) return;
          var timer = null, sequence = 0;
          function refresh() {
            var body = new URLSearchParams(new FormData(form));
            body.set('intent', 'calculate');
            var mine = ++sequence;
            fetch(form.getAttribute('data-calculate'), { method: 'POST', body: body, credentials: 'same-origin',
              headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
              .then(function (response) { return response.text(); })
              .then(function (html) { if (mine === sequence) { totals.innerHTML = html; totals.setAttribute('data-live', String(mine)); } })
              .catch(function () {});
          }
          form.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(refresh, 250); });
          form.addEventListener('change', function () { clearTimeout(timer); timer = setTimeout(refresh, 50); });
          var copy = document.getElementById('copy-link');
          if (copy) copy.addEventListener('click', function () {
            var field = document.getElementById('invoice-link');
            field.select();
            if (navigator.clipboard) navigator.clipboard.writeText(field.value);
            copy.textContent = 'Copied';
          });
        })();
        """
}
