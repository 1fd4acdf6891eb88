import { z } from 'zod';

/**
 * Fleet's `smtp_settings` section of the app config document, as stored (the password in clear; GET /config
 * masks it). Every key has Fleet's default, so a partial or missing section parses.
 */
export const smtpSettingsSchema = z.object({
  enable_smtp: z.boolean().catch(false),
  /** Set by the server, never by a client: true once a test mail went out with the current settings. */
  configured: z.boolean().catch(false),
  sender_address: z.string().catch(''),
  server: z.string().catch(''),
  port: z.number().int().catch(587),
  authentication_type: z.enum(['authtype_username_password', 'authtype_none']).catch('authtype_username_password'),
  user_name: z.string().catch(''),
  password: z.string().catch(''),
  /** Implicit TLS from the first byte (SMTPS, usually port 465). */
  enable_ssl_tls: z.boolean().catch(true),
  authentication_method: z.enum(['authmethod_plain', 'authmethod_cram_md5', 'authmethod_login']).catch('authmethod_plain'),
  /** The name this server gives itself in EHLO; the machine's host name when empty. */
  domain: z.string().catch(''),
  verify_ssl_certs: z.boolean().catch(true),
  /** Upgrade with STARTTLS when the server offers it. */
  enable_start_tls: z.boolean().catch(true),
});
export type SmtpSettings = z.output<typeof smtpSettingsSchema>;

/** Fleet's `sso_settings` section (SAML single sign-on), as stored. */
export const ssoSettingsSchema = z.object({
  enable_sso: z.boolean().catch(false),
  /** Shown on the login page's button. */
  idp_name: z.string().catch(''),
  idp_image_url: z.string().catch(''),
  /** This server's SAML entity id (the AuthnRequest issuer and an accepted audience). */
  entity_id: z.string().catch(''),
  /** Legacy: the identity provider's issuer; checked against the assertion's issuer when set. */
  issuer_uri: z.string().catch(''),
  /** The identity provider's metadata XML, or the URL to fetch it from (one of the two). */
  metadata: z.string().catch(''),
  metadata_url: z.string().catch(''),
  /** Accept responses the identity provider sends without a request from this server (IdP-initiated login). */
  enable_sso_idp_login: z.boolean().catch(false),
  /** Create (and update the roles of) accounts from the assertion at login. */
  enable_jit_provisioning: z.boolean().catch(false),
  /** Base URL of the callback when it differs from server_settings.server_url. */
  sso_server_url: z.string().catch(''),
});
export type SsoSettings = z.output<typeof ssoSettingsSchema>;

const section = (v: unknown): unknown => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});

/** The SMTP settings of an app config document, defaults filled in. */
export const smtpSettingsOf = (doc: Readonly<Record<string, unknown>>): SmtpSettings => smtpSettingsSchema.parse(section(doc['smtp_settings']));
/** The SSO settings of an app config document, defaults filled in. */
export const ssoSettingsOf = (doc: Readonly<Record<string, unknown>>): SsoSettings => ssoSettingsSchema.parse(section(doc['sso_settings']));

/** SMTP settings as a client sends them (every key optional, each checked strictly). */
export const smtpSettingsInputSchema = z.object({
  enable_smtp: z.boolean(), sender_address: z.string(), server: z.string(), port: z.number().int().min(1).max(65535),
  authentication_type: z.enum(['authtype_username_password', 'authtype_none']), user_name: z.string(), password: z.string(),
  enable_ssl_tls: z.boolean(), authentication_method: z.enum(['authmethod_plain', 'authmethod_cram_md5', 'authmethod_login']), domain: z.string(),
  verify_ssl_certs: z.boolean(), enable_start_tls: z.boolean(),
}).partial();
