import { URL_PREFIX } from './url-prefix';

/** The signed-in user's token, kept in localStorage so a reload stays signed in. */
const KEY = 'fleet.token';

export const session = {
  token: (): string | null => localStorage.getItem(KEY),
  save: (token: string): void => localStorage.setItem(KEY, token),
  clear: (): void => localStorage.removeItem(KEY),
  /** The server refused the token: forget it and go to the login page, which brings the user back here after. */
  expire: (): void => {
    localStorage.removeItem(KEY);
    const here = window.location.pathname.slice(URL_PREFIX.length) + window.location.search;
    if (!here.startsWith('/login')) window.location.assign(`${URL_PREFIX}/login?next=${encodeURIComponent(here)}`);
  },
};
