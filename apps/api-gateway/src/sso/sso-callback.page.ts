/** The cookie that binds a sign-on to the browser that started it (Fleet's name). */
export const SSO_SESSION_COOKIE = '__Host-FLEETSSOSESSIONID';

/** localStorage key under which the web UI keeps its session token (apps/admin-ui/src/api/session.ts). */
export const UI_TOKEN_KEY = 'fleet.token';

/** A value as a JavaScript literal that is also safe inside a <script> element. */
const jsLiteral = (v: string): string => JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The page the SSO callback answers (as Fleet's): it stores the new session's token where the web UI reads
 * it and sends the browser on, to the relay URL after a sign-in or to /login?status=<reason> after a refusal.
 */
export function ssoCallbackPage(redirectUrl: string, token: string | null): string {
  const store = token === null ? '' : `window.localStorage.setItem(${jsLiteral(UI_TOKEN_KEY)}, ${jsLiteral(token)});`;
  return '<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>Fleet</title></head><body>'
    + `<script>${store}window.location.replace(${jsLiteral(redirectUrl)});</script>`
    + `<noscript>Redirecting to Fleet at <a href="${escapeHtml(redirectUrl)}">${escapeHtml(redirectUrl)}</a> ...</noscript></body></html>`;
}

/** The session id of the sign-on this browser started, from its Cookie header. */
export function ssoSessionIdFrom(cookieHeader: string | undefined): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SSO_SESSION_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim()) || null;
  }
  return null;
}

/** Set-Cookie for the sign-on's session: secure, HTTP-only, sent on the identity provider's cross-site POST. */
export function ssoSessionCookie(sessionId: string, maxAgeSeconds: number): string {
  return `${SSO_SESSION_COOKIE}=${encodeURIComponent(sessionId)}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=None`;
}
