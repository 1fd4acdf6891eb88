/** The server's `server.url_prefix` ('' when none), which the server writes into index.html. */
export const URL_PREFIX = document.querySelector('meta[name="fleet-url-prefix"]')?.getAttribute('content') ?? '';
