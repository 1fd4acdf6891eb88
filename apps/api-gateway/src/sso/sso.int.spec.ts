 
import { ssoRoutes } from '@fleet/contracts';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';
import { newSigningKey, SamlTestIdp, signElement } from '@fleet/testing';
import type { AssertionSpec, SigningKey } from '@fleet/testing';

const SERVER_URL = 'https://fleet.example.test';
const ACS = `${SERVER_URL}/api/v1/fleet/sso/callback`;
const ENTITY_ID = 'fleet.example.test';
const SIGNATURE = /<(\w+:)?Signature\b[\s\S]*?<\/(\w+:)?Signature>/;

/** What the callback's page does: the token it stores for the web UI (if any) and where it sends the browser. */
function pageOutcome(html: string): { token: string | null; redirect: string } {
  const token = /localStorage\.setItem\("fleet\.token", "([^"]+)"\)/.exec(html)?.[1] ?? null;
  const redirect = /location\.replace\("([^"]+)"\)/.exec(html)?.[1] ?? '';
  return { token, redirect };
}

describe('SAML single sign-on against a test identity provider over HTTP (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let idp: SamlTestIdp;
  let forger: SigningKey;
  let adminToken: string;

  beforeAll(async () => {
    kit = await startAdminTestKit('sso', { auth_sso_rate_limit_per_minute: '10000' });
    idp = await SamlTestIdp.start();
    forger = await newSigningKey('forger');
  });
  afterAll(async () => {
    await kit.close();
    await idp.close();
  });

  const configure = async (sso: Record<string, unknown> = {}) => {
    const r = await kit.api('PATCH', '/api/latest/fleet/config', { token: adminToken, body: {
      server_settings: { server_url: SERVER_URL },
      sso_settings: { enable_sso: true, idp_name: 'Test IdP', entity_id: ENTITY_ID, metadata_url: idp.metadataUrl, enable_jit_provisioning: true, ...sso },
    } });
    if (r.status !== 200) throw new Error(r.text);
  };

  beforeEach(async () => {
    await kit.reset();
    adminToken = (await kit.user({ email: 'root@example.com' })).token;
    await configure();
  });

  /** POST /sso as the login page does: the IdP URL, its AuthnRequest's id and the session cookie. */
  const initiate = async (relay = '/dashboard') => {
    const r = await kit.api('POST', '/api/latest/fleet/sso', { body: { relay_url: relay } });
    if (r.status !== 200) throw new Error(`POST /sso: ${r.status} ${r.text}`);
    const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
    const url = new URL(r.body.url as string);
    return { url, cookie, requestId: SamlTestIdp.readRequest(url.searchParams.get('SAMLRequest') ?? '').id };
  };

  /** The IdP's form posted to the callback as a browser posts it (form-encoded), with or without the session cookie. */
  const post = async (samlResponse: string, cookie?: string) => {
    const body = new URLSearchParams({ SAMLResponse: samlResponse, RelayState: 'x' }).toString();
    const r = await kit.api('POST', '/api/v1/fleet/sso/callback', { body, contentType: 'application/x-www-form-urlencoded', headers: cookie ? { cookie } : {} });
    if (r.status !== 200) throw new Error(`POST /sso/callback: ${r.status} ${r.text}`);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    return pageOutcome(r.text);
  };

  /** A full sign-on: POST /sso, the browser at the IdP, the IdP's form posted back. */
  const signOn = async (relay = '/dashboard') => {
    const { url, cookie } = await initiate(relay);
    const form = SamlTestIdp.readForm(await (await fetch(url)).text());
    expect(form.action).toBe(ACS);
    return post(form.SAMLResponse, cookie);
  };

  /** A response to a started sign-on, built by the test as `spec` says (everything else as a correct IdP would). */
  const answer = async (spec: Partial<AssertionSpec> & { nameId: string }, tamper: (xml: string) => string = (x) => x) => {
    const { cookie, requestId } = await initiate();
    const xml = tamper(idp.responseXml({ acsUrl: ACS, audience: ENTITY_ID, inResponseTo: requestId, ...spec }));
    return post(Buffer.from(xml).toString('base64'), cookie);
  };

  const sessionsOf = async (email: string) => kit.db.dataSource.query<unknown[]>('SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = ?', [email]);
  const ssoUser = async (email: string, role = 'admin') => {
    const u = await kit.user({ email, global_role: role });
    await kit.db.dataSource.query('UPDATE users SET sso_enabled = 1 WHERE id = ?', [u.id]);
    await kit.db.dataSource.query('DELETE FROM sessions WHERE user_id = ?', [u.id]);
    return u;
  };
  /** A refusal: the login page with the status, no token, no session for the victim, a failed login recorded. */
  const expectRefused = async (outcome: { token: string | null; redirect: string }, victim: string, status = 'error') => {
    const logged = kit.app.logs.filter((l) => l['msg'] === 'sso: sign-on refused' || l['msg'] === 'sso: callback failed').map((l) => l['reason'] ?? l['err']);
    expect({ ...outcome, reason: outcome.token === null ? 'refused' : logged }).toEqual({ token: null, redirect: `/login?status=${status}`, reason: 'refused' });
    expect(await sessionsOf(victim)).toEqual([]);
    const failed = await kit.db.dataSource.query<unknown[]>("SELECT id FROM activities WHERE activity_type = 'user_failed_login'");
    expect(failed.length).toBeGreaterThan(0);
  };

  it('GET /sso tells the login page about the identity provider; POST /sso needs SSO on and a path of this server', async () => {
    const s = await kit.call(ssoRoutes.settings, {});
    expect(s.ok && s.body).toEqual({ settings: { idp_name: 'Test IdP', idp_image_url: '', sso_enabled: true } });
    expect((await kit.api('POST', '/api/latest/fleet/sso', { body: { relay_url: 'https://evil.example/' } })).status).toBe(400);
    expect((await kit.api('POST', '/api/latest/fleet/sso', { body: { relay_url: '//evil.example/' } })).status).toBe(400);
    const { url, cookie } = await initiate();
    expect(url.origin + url.pathname).toBe(`${idp.url}/sso`);
    expect(cookie).toMatch(/^__Host-FLEETSSOSESSIONID=.+/);
    await configure({ enable_sso: false });
    expect((await kit.api('POST', '/api/latest/fleet/sso', { body: { relay_url: '/' } })).status).toBe(400);
  });

  it('PATCH /config refuses incomplete SSO settings with Fleet’s reasons', async () => {
    const r = await kit.api('PATCH', '/api/latest/fleet/config', { token: adminToken, body: { sso_settings: { enable_sso: true, entity_id: 'abc', idp_name: '', metadata_url: '' } } });
    expect(r.status).toBe(422);
    expect(r.body.errors).toEqual([{ name: 'metadata', reason: 'either metadata or metadata_url must be defined' },
      { name: 'entity_id', reason: 'must be 5 or more characters' }, { name: 'idp_name', reason: 'required' }]);
  });

  it('a sign-on through the identity provider creates the user (JIT) with the role and name from the assertion, and a session', async () => {
    idp.user = { nameId: 'new.person@example.com', attributes: { FLEET_JIT_USER_ROLE_GLOBAL: ['maintainer'], displayname: ['New Person'] } };
    const outcome = await signOn('/hosts/manage');
    expect(outcome.redirect).toBe('/hosts/manage');
    expect(outcome.token).not.toBeNull();
    const me = await kit.api('GET', '/api/latest/fleet/me', { token: outcome.token! });
    expect(me.body.user).toMatchObject({ email: 'new.person@example.com', name: 'New Person', global_role: 'maintainer', sso_enabled: true, teams: [] });
    const types = (await kit.db.dataSource.query<Array<{ activity_type: string }>>('SELECT activity_type FROM activities WHERE user_email = ? ORDER BY id',
      ['new.person@example.com'])).map((a) => a.activity_type);
    expect(types).toEqual(['user_added_by_sso', 'changed_user_global_role', 'user_logged_in']);

    // The next sign-on finds the account; team roles from the assertion replace the global role.
    const team = await kit.team('Servers');
    idp.user = { nameId: 'new.person@example.com', attributes: { [`FLEET_JIT_USER_ROLE_TEAM_${team}`]: ['observer'] } };
    const second = await signOn();
    const again = await kit.api('GET', '/api/latest/fleet/me', { token: second.token! });
    expect(again.body.user).toMatchObject({ global_role: null, teams: [{ id: team, role: 'observer' }] });
    expect(await kit.db.dataSource.query('SELECT id FROM users WHERE email = ?', ['new.person@example.com'])).toHaveLength(1);
  });

  it('without JIT an unknown user is refused, and a user without SSO may not sign on this way', async () => {
    await configure({ enable_jit_provisioning: false });
    idp.user = { nameId: 'stranger@example.com' };
    await expectRefused(await signOn(), 'stranger@example.com', 'account_invalid');
    await kit.user({ email: 'password.user@example.com' });
    await kit.db.dataSource.query('DELETE FROM sessions');
    idp.user = { nameId: 'password.user@example.com' };
    await expectRefused(await signOn(), 'password.user@example.com', 'account_disabled');
  });

  it('accepts a response signed as a whole instead of its assertion (the other signing IdPs use)', async () => {
    await ssoUser('signed.response@example.com', 'observer');
    const outcome = await answer({ nameId: 'signed.response@example.com', sign: 'response' });
    expect(outcome.token).not.toBeNull();
  });

  it('refuses an unsigned assertion', async () => {
    await ssoUser('victim@example.com');
    await expectRefused(await answer({ nameId: 'victim@example.com', sign: 'none' }), 'victim@example.com');
  });

  it('refuses an assertion signed by another key, even with that key’s certificate in KeyInfo', async () => {
    await ssoUser('victim@example.com');
    await expectRefused(await answer({ nameId: 'victim@example.com', key: forger, sign: 'both' }), 'victim@example.com');
  });

  it('refuses an expired assertion (NotOnOrAfter passed)', async () => {
    await ssoUser('victim@example.com');
    const past = new Date(Date.now() - 10 * 60_000);
    await expectRefused(await answer({ nameId: 'victim@example.com', notBefore: new Date(past.getTime() - 60_000), notOnOrAfter: past }), 'victim@example.com');
  });

  it('refuses an assertion that is not valid yet (NotBefore ahead)', async () => {
    await ssoUser('victim@example.com');
    await expectRefused(await answer({ nameId: 'victim@example.com', notBefore: new Date(Date.now() + 10 * 60_000), notOnOrAfter: new Date(Date.now() + 20 * 60_000) }),
      'victim@example.com');
  });

  it('refuses a replayed response: the sign-on it answered is used up', async () => {
    await ssoUser('victim@example.com');
    const { cookie, requestId } = await initiate();
    const saml = idp.response({ nameId: 'victim@example.com', acsUrl: ACS, audience: ENTITY_ID, inResponseTo: requestId });
    expect((await post(saml, cookie)).token).not.toBeNull();
    await kit.db.dataSource.query('DELETE FROM sessions');
    await expectRefused(await post(saml, cookie), 'victim@example.com');
  });

  it('refuses a replayed IdP-initiated assertion: its id is remembered until it expires', async () => {
    await configure({ enable_sso_idp_login: true });
    await ssoUser('victim@example.com');
    const saml = idp.response({ nameId: 'victim@example.com', acsUrl: ACS, audience: ENTITY_ID, inResponseTo: null });
    expect((await post(saml)).token).not.toBeNull();
    await kit.db.dataSource.query('DELETE FROM sessions');
    await expectRefused(await post(saml), 'victim@example.com');
  });

  it('refuses an IdP-initiated assertion while enable_sso_idp_login is off', async () => {
    await ssoUser('victim@example.com');
    await expectRefused(await post(idp.response({ nameId: 'victim@example.com', acsUrl: ACS, audience: ENTITY_ID, inResponseTo: null })), 'victim@example.com');
  });

  it('refuses a response to another browser’s sign-on (InResponseTo of another session)', async () => {
    await ssoUser('victim@example.com');
    const theirs = await initiate();
    const mine = await initiate();
    const saml = idp.response({ nameId: 'victim@example.com', acsUrl: ACS, audience: ENTITY_ID, inResponseTo: theirs.requestId });
    await expectRefused(await post(saml, mine.cookie), 'victim@example.com');
  });

  it('refuses an assertion for another audience', async () => {
    await ssoUser('victim@example.com');
    await expectRefused(await answer({ nameId: 'victim@example.com', audience: 'https://other-sp.example.test' }), 'victim@example.com');
  });

  it('refuses an assertion for another recipient', async () => {
    await ssoUser('victim@example.com');
    await expectRefused(await answer({ nameId: 'victim@example.com', recipient: 'https://other-sp.example.test/acs' }), 'victim@example.com');
  });

  it('refuses a response sent to another destination', async () => {
    await ssoUser('victim@example.com');
    await expectRefused(await answer({ nameId: 'victim@example.com', destination: 'https://other-sp.example.test/acs', sign: 'both' }), 'victim@example.com');
  });

  it('refuses an assertion from another issuer, even signed with the trusted key', async () => {
    await ssoUser('victim@example.com');
    await expectRefused(await answer({ nameId: 'victim@example.com', issuer: 'https://other-idp.example.test' }), 'victim@example.com');
  });

  it('refuses an assertion altered after signing (the NameID changed)', async () => {
    await ssoUser('victim@example.com');
    await ssoUser('attacker@example.com', 'observer');
    await expectRefused(await answer({ nameId: 'attacker@example.com' }, (xml) => xml.replace('>attacker@example.com<', '>victim@example.com<')), 'victim@example.com');
  });

  it('XML signature wrapping: an unsigned assertion added beside the signed one is refused', async () => {
    await ssoUser('victim@example.com');
    await ssoUser('attacker@example.com', 'observer');
    await expectRefused(await answer({ nameId: 'attacker@example.com' }, (xml) => {
      const signed = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)![0];
      const evil = signed.replace(SIGNATURE, '').replace('>attacker@example.com<', '>victim@example.com<').replace(/ ID="[^"]+"/, ' ID="_evil"');
      return xml.replace(signed, evil + signed);
    }), 'victim@example.com');
  });

  it('XML signature wrapping: the signed assertion hidden inside a forged one with its ID is refused', async () => {
    await ssoUser('victim@example.com');
    await ssoUser('attacker@example.com', 'observer');
    await expectRefused(await answer({ nameId: 'attacker@example.com' }, (xml) => {
      const signed = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)![0];
      const forged = signed.replace(SIGNATURE, '').replace('>attacker@example.com<', '>victim@example.com<')
        .replace('</saml:Subject>', `</saml:Subject><saml:Advice>${signed}</saml:Advice>`);
      return xml.replace(signed, forged);
    }), 'victim@example.com');
  });

  it('XML signature wrapping: a signed response moved into Extensions under a forged one is refused', async () => {
    await ssoUser('victim@example.com');
    await ssoUser('attacker@example.com', 'observer');
    const { cookie, requestId } = await initiate();
    const signedResponse = idp.responseXml({ nameId: 'attacker@example.com', acsUrl: ACS, audience: ENTITY_ID, inResponseTo: requestId, sign: 'response' });
    const forged = signedResponse.replace(SIGNATURE, '').replace('>attacker@example.com<', '>victim@example.com<')
      .replace('<samlp:Status>', `<samlp:Extensions>${signedResponse.replace(/^<\?xml[^>]*>/, '')}</samlp:Extensions><samlp:Status>`);
    await expectRefused(await post(Buffer.from(forged).toString('base64'), cookie), 'victim@example.com');
  });

  it('a comment inside the signed NameID does not truncate it: the assertion names the full address, not the victim', async () => {
    await configure({ enable_jit_provisioning: false });
    await ssoUser('victim@example.com');
    // The attacker controls victim@example.com.evil.test at the IdP; exclusive c14n drops comments, so the signature still verifies.
    const outcome = await answer({ nameId: 'victim@example.com.evil.test' }, (xml) => xml.replace('>victim@example.com.evil.test<', '>victim@example.com<!---->.evil.test<'));
    await expectRefused(outcome, 'victim@example.com', 'account_invalid');
    const failed = await kit.db.dataSource.query<Array<{ details: Record<string, unknown> }>>("SELECT details FROM activities WHERE activity_type = 'user_failed_login' ORDER BY id DESC LIMIT 1");
    expect(failed[0].details['email']).toBe('victim@example.com.evil.test');
  });

  it('a response with a DOCTYPE (entity expansion) is refused before it is read', async () => {
    await ssoUser('victim@example.com');
    await expectRefused(await answer({ nameId: 'victim@example.com' }, (xml) => `<!DOCTYPE r [<!ENTITY a "victim">]>${xml}`), 'victim@example.com');
  });

  it('signElement signs what it is given (the test IdP’s own check)', () => {
    const xml = signElement('<r xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_1"><saml:Issuer>i</saml:Issuer></r>', '_1', idp.key);
    expect(xml).toMatch(SIGNATURE);
  });
});
