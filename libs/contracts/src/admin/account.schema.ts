import { z } from 'zod';
import { smtpSettingsInputSchema } from './account-settings.schema';

/** `POST /forgot_password`. */
export const forgotPasswordRequestSchema = z.object({ email: z.string().trim().min(1, 'cannot be empty') });

/** `POST /reset_password`: the emailed token and the new password (Fleet's rules apply). */
export const resetPasswordRequestSchema = z.object({
  password_reset_token: z.string().min(1, 'Token cannot be empty field'),
  new_password: z.string().min(1, 'New password cannot be empty field'),
  new_password_confirmation: z.string().optional(),
});

/** `POST /sessions`: the second step of the email two-factor login, with the token of the mailed link. */
export const mfaSessionRequestSchema = z.object({ token: z.string().min(1, 'cannot be empty') });

/** `202` answer of `POST /login` for a user with `mfa_enabled`: the login finishes through the mailed link. */
export const mfaRequiredResponseSchema = z.object({ message: z.string() });
export const MFA_EMAIL_SENT_MESSAGE = 'We sent an email to you. Please click the magic link in the email to sign in.';

/** `GET /email/change/{token}`. */
export const emailChangeResponseSchema = z.object({ new_email: z.string() });

/** `GET /sso`: what the login page needs to offer single sign-on. */
export const ssoSettingsResponseSchema = z.object({ settings: z.object({ idp_name: z.string(), idp_image_url: z.string(), sso_enabled: z.boolean() }) });

/** `POST /sso`: where to send the browser after sign-in (a path of this server), and the identity provider's URL to go to now. */
export const initiateSsoRequestSchema = z.object({ relay_url: z.string().default('') });
export const initiateSsoResponseSchema = z.object({ url: z.string() });

/** `POST /sso/callback`: what the identity provider's browser form posts. */
export const ssoCallbackRequestSchema = z.object({ SAMLResponse: z.string().min(1, 'missing SAMLResponse'), RelayState: z.string().optional() });

/** `POST /email/test`: settings to try instead of the stored ones (a password of `********` means the stored one). */
export const testEmailRequestSchema = z.object({ smtp_settings: smtpSettingsInputSchema.optional() });
