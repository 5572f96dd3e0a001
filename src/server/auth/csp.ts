/**
 * The Content-Security-Policy ssos serves. Scripts, styles, fonts and data come only from the app's own origin; no
 * inline script, no eval, no plugins, no framing. One allowance: `style-src-attr 'unsafe-inline'`, because ECharts
 * (and React's `style` props rendered into SVG) write `style="..."` attributes on the chart elements it draws; that
 * permits style attributes only, never a <style> element or a stylesheet from elsewhere, and styles cannot run code.
 * `img-src data: blob:` lets ECharts and USWDS draw icons and export charts as images.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The API docs page (Swagger UI) injects <style> elements: it may use inline styles; still no inline script. */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
