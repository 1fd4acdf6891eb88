/** The signed-in user's token, kept in localStorage so a reload stays signed in. */
const KEY = 'fleet.token';

export const session = {
  token: (): string | null => localStorage.getItem(KEY),
  save: (token: string): void => localStorage.setItem(KEY, token),
  clear: (): void => localStorage.removeItem(KEY),
};
