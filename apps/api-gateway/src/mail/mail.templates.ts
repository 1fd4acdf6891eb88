import type { MailMessage } from '@fleet/platform';

/** What every account mail needs: the web UI's base URL (server_settings.server_url plus server.url_prefix) and the organisation's name. */
export interface MailContext {
  readonly baseUrl: string;
  readonly orgName: string;
  readonly year: number;
}

type Rendered = Omit<MailMessage, 'to'>;

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** One mail in both forms: a plain layout with a single button, and the same words as text with the bare link. */
function render(ctx: MailContext, o: { title: string; paragraphs: readonly string[]; link?: { label: string; url: string }; footnote?: string }): { html: string; text: string } {
  const p = (t: string) => `<p style="font-size:16px;line-height:22px;margin:0 0 24px">${escapeHtml(t)}</p>`;
  const button = o.link
    ? `<p style="margin:0 0 24px"><a href="${escapeHtml(o.link.url)}" style="display:inline-block;padding:8px 16px;border-radius:4px;background:#6a67fe;color:#fff;font-weight:700;text-decoration:none">${escapeHtml(o.link.label)}</a></p>`
    : '';
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(o.title)}</title></head>`
    + '<body style="margin:0;background:#f9fafc;color:#192147;font-family:Helvetica,Arial,sans-serif">'
    + '<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">'
    + '<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="background:#fff;border:1px solid #e2e4ea;border-radius:8px">'
    + `<tr><td style="padding:40px 48px"><h1 style="font-size:24px;line-height:32px;margin:0 0 24px">${escapeHtml(o.title)}</h1>`
    + o.paragraphs.map(p).join('') + button
    + (o.link ? `<p style="font-size:13px;color:#515774;margin:0 0 24px">${escapeHtml('Or open this address:')} ${escapeHtml(o.link.url)}</p>` : '')
    + (o.footnote ? `<p style="font-size:14px;font-style:italic;color:#515774;margin:0 0 24px">${escapeHtml(o.footnote)}</p>` : '')
    + `<p style="font-size:12px;color:#515774;margin:0">${escapeHtml(`© ${ctx.year} ${ctx.orgName || 'Fleet'} · Please do not reply to this automated message.`)}</p>`
    + '</td></tr></table></td></tr></table></body></html>';
  const text = [o.title, '', ...o.paragraphs.flatMap((t) => [t, '']), ...(o.link ? [`${o.link.label}: ${o.link.url}`, ''] : []),
    ...(o.footnote ? [o.footnote, ''] : []), 'Please do not reply to this automated message.'].join('\n');
  return { html, text };
}

/**
 * The invitation. Links go to the web UI paths Fleet's mails use: /login/invites/<token> (or
 * /login/ssoinvites/<token> for an SSO account) with the invitee's name and email for the form.
 */
export function inviteMail(ctx: MailContext, i: { token: string; name: string; email: string; invitedBy: string; sso: boolean }): Rendered {
  const query = new URLSearchParams({ name: i.name, email: i.email }).toString();
  const url = `${ctx.baseUrl}/login/${i.sso ? 'ssoinvites' : 'invites'}/${encodeURIComponent(i.token)}?${query}`;
  const org = ctx.orgName || 'Fleet';
  return {
    subject: 'You have been invited to Fleet!',
    ...render(ctx, {
      title: 'You have been invited to Fleet!',
      paragraphs: ['Hello,', `${i.invitedBy} has invited you to join ${org}.`, 'Please click the button below to accept the invitation and set up your account.'],
      link: { label: 'Accept invitation', url },
    }),
  };
}

/** The password reset link: /login/reset?token=<token>. */
export function passwordResetMail(ctx: MailContext, token: string): Rendered {
  return {
    subject: 'Reset Your Fleet Password',
    ...render(ctx, {
      title: 'Reset your Fleet password',
      paragraphs: ['Someone requested a password reset on your Fleet account. Please click below to reset your password.'],
      link: { label: 'Reset password', url: `${ctx.baseUrl}/login/reset?token=${encodeURIComponent(token)}` },
      footnote: 'If you did not make the request, you may ignore this email as no changes have been made.',
    }),
  };
}

/** The confirmation of a new email address, sent to that address: /email/change/<token>. */
export function emailChangeMail(ctx: MailContext, token: string): Rendered {
  return {
    subject: 'Confirm Fleet Email Change',
    ...render(ctx, {
      title: 'Confirm your updated email address',
      paragraphs: ['Please click below to confirm your updated email address.'],
      link: { label: 'Confirm email', url: `${ctx.baseUrl}/email/change/${encodeURIComponent(token)}` },
    }),
  };
}

/** The second step of the email two-factor login: /login/mfa/<token>. */
export function mfaMail(ctx: MailContext, m: { name: string; token: string; ttlMinutes: number }): Rendered {
  return {
    subject: 'Log in to Fleet',
    ...render(ctx, {
      title: 'Log in to Fleet',
      paragraphs: [`Hello ${m.name},`, `Please click the link below to log into your account. This link will stay active for ${m.ttlMinutes} minutes.`],
      link: { label: 'Log in', url: `${ctx.baseUrl}/login/mfa/${encodeURIComponent(m.token)}` },
    }),
  };
}

/** The test mail that proves the SMTP settings work. */
export function smtpTestMail(ctx: MailContext): Rendered {
  return {
    subject: 'Hello from Fleet',
    ...render(ctx, {
      title: 'Hello from Fleet',
      paragraphs: ['This is a test message sent to check the SMTP settings of your Fleet server. It arrived, so they work.'],
      ...(ctx.baseUrl ? { link: { label: 'Open Fleet', url: `${ctx.baseUrl}/` } } : {}),
    }),
  };
}
