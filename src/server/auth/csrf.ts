/**
 * Cross-site request forgery protection for cookie sessions. The session cookie is SameSite=Lax and the API takes
 * only JSON bodies (which a cross-site form cannot send, and a cross-site fetch cannot send without a CORS grant
 * ssos never gives); on top of that, every state-changing request that a browser marks as coming from another site
 * is refused. Browsers send Origin on every POST/PUT/PATCH/DELETE, and Sec-Fetch-Site on every request; a request
 * with neither comes from a non-browser client (curl, a script), which a forged page cannot make.
 */

/** Methods that change state, and so are checked. */
export const STATE_CHANGING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The request headers the check reads. */
export interface OriginHeaders {
  origin?: string | undefined;
  referer?: string | undefined;
  secFetchSite?: string | undefined;
}

// URL drops a default port (http://h:80 has host "h"); a Host header may carry it.
function withoutDefaultPort(host: string): string {
  return host.replace(/:(80|443)$/, '');
}

function hostOf(url: string): { origin: string; host: string } | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return { origin: u.origin, host: withoutDefaultPort(u.host.toLowerCase()) };
  } catch {
    return null;
  }
}

/**
 * Why a state-changing request must be refused as cross-site, or null when it may go ahead: its Origin (or, without
 * one, its Referer) must name this host or an allowed origin.
 */
export function crossSiteProblem(
  headers: OriginHeaders,
  host: string | undefined,
  allowedOrigins: readonly string[],
): string | null {
  const ownHost = host === undefined ? undefined : withoutDefaultPort(host.toLowerCase());
  const claimed = headers.origin ?? headers.referer;
  if (claimed === undefined) {
    return headers.secFetchSite === 'cross-site'
      ? 'Cross-site request refused: it did not come from the ssos web app'
      : null;
  }
  const source = hostOf(claimed);
  if (!source) return `Cross-site request refused: its origin (${claimed.slice(0, 100)}) is not this site`;
  if (source.host === ownHost || allowedOrigins.includes(source.origin)) return null;
  return `Cross-site request refused: it came from ${source.origin}, not from the ssos web app`;
}
