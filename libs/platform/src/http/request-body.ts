import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bodyLimitFor, contentEncodingOf, decodedBody, isBlank, isPlainWithinLimit, parseJsonBody } from './body-decoding';
import type { BodyLimitRule } from './body-decoding';

/**
 * Fastify route config (`@RouteConfig(FORM_BODY_ROUTE)`) of a route that also takes an HTML form's
 * `application/x-www-form-urlencoded` body (the SAML POST binding of the SSO callback): a form body is read as
 * its fields (the last value of a repeated name), a JSON one as JSON.
 */
export const FORM_BODY_ROUTE = { fleetFormBody: true } as const;

function isFormRoute(req: FastifyRequest): boolean {
  const config = req.routeOptions.config as unknown as Record<string, unknown> | undefined;
  return config?.['fleetFormBody'] === true;
}

/**
 * Every body is read as JSON whatever its Content-Type, as Fleet's Go handlers decode it: `curl -d` sends
 * `application/x-www-form-urlencoded`, some clients send `text/plain` or none. An empty (or blank) body is
 * no body, also with `Content-Type: application/json` (a DELETE from a generic client), so a route without
 * a body schema never sees one and a route with one validates `{}`. GET bodies are read too: Fleet's
 * synchronous `GET /queries/run` takes its query and host ids in one (body-decoding.ts parses).
 */
function registerJsonForEveryContentType(app: FastifyInstance): void {
  app.addHttpMethod('GET', { hasBody: true, overrideExisting: true });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (!isBlank(text) && isFormRoute(req) && /^application\/x-www-form-urlencoded\b/i.test(String(req.headers['content-type'] ?? '')) && !/^\s*[{[]/.test(text)) {
      done(null, Object.fromEntries(new URLSearchParams(text)));
      return;
    }
    parseJsonBody(text, done);
  });
}

/**
 * Request bodies of Fastify's routes, decoded as body-decoding.ts says (the direct routes read theirs the same way):
 * the server is created with Nest's own body parsers off.
 */
export function registerRequestBodyHandling(app: FastifyInstance, defaultLimit: number, rules: readonly BodyLimitRule[]): void {
  registerJsonForEveryContentType(app);
  app.addHook('preParsing', (req, _reply, payload, done) => {
    const limit = bodyLimitFor(req.routeOptions.url ?? req.url.split('?')[0] ?? '', defaultLimit, rules);
    const encoding = contentEncodingOf(req.raw);
    let out: typeof payload;
    try {
      if (isPlainWithinLimit(req.raw, encoding, limit)) {
        done(null, payload);
        return;
      }
      out = decodedBody(payload, encoding, limit);
    } catch (err) {
      done(err as Error);
      return;
    }
    if (encoding !== '' && encoding !== 'identity') delete req.headers['content-length'];
    (out as unknown as { receivedEncodedLength: number }).receivedEncodedLength = 0;
    payload.on('data', (chunk: Buffer) => {
      (out as unknown as { receivedEncodedLength: number }).receivedEncodedLength += chunk.length;
    });
    done(null, out);
  });
}
