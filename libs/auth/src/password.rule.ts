/** Fleet's reason for any password that breaks its rules (fleet-admin-api.md §1.1). */
export const PASSWORD_CRITERIA_REASON = 'Password must meet the criteria below';

/**
 * Fleet's password rules: 12 to 48 characters, at least one digit and at least one symbol (anything that
 * is neither a letter nor a digit). Returns the reason when broken, null when acceptable.
 */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  const hasDigit = /\p{Nd}/u.test(password);
  const hasSymbol = /[^\p{L}\p{Nd}]/u.test(password);
  return length >= 12 && length <= 48 && hasDigit && hasSymbol ? null : PASSWORD_CRITERIA_REASON;
}
