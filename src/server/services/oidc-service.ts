import * as oidc from 'openid-client';
import { AppError } from '../../core/errors.ts';
import type { RequestContext } from '../context.ts';
import { findUserByEmail } from '../db/repositories/user-repository.ts';
import type { OidcSettings } from '../auth/auth-settings.ts';
import { openSession, type SignInResult } from './auth-service.ts';
import { writeAudit } from './audit-service.ts';

/** What the browser keeps (in an httpOnly cookie) between leaving for the identity provider and coming back. */
export interface PendingOidcSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

const configurations = new Map<string, Promise<oidc.Configuration>>();

/** The identity provider's configuration, discovered once per issuer (and again after a failed discovery). */
function configurationOf(settings: OidcSettings): Promise<oidc.Configuration> {
  const key = `${settings.issuer} ${settings.clientId}`;
  let found = configurations.get(key);
  if (!found) {
    const issuer = new URL(settings.issuer);
    // Plain HTTP only to a provider on this machine (tests, a local development provider).
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
    found = oidc.discovery(
      issuer,
      settings.clientId,
      settings.clientSecret,
      undefined,
      loopback && issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
    found.catch(() => configurations.delete(key));
    configurations.set(key, found);
  }
  return found;
}

/** Starts an OpenID Connect sign-in: the identity provider's address to send the browser to, and what to keep. */
export async function startOidcSignIn(settings: OidcSettings): Promise<{ url: string; pending: PendingOidcSignIn }> {
  let config: oidc.Configuration;
  try {
    config = await configurationOf(settings);
  } catch (err) {
    throw new AppError('unavailable', `The identity provider could not be reached: ${(err as Error).message}`);
  }
  const pending = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: settings.redirectUri,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  });
  return { url: url.href, pending };
}

/**
 * Completes a sign-in when the identity provider sends the browser back: exchanges the code (PKCE, state and nonce
 * checked, ID token validated by openid-client), and opens a session for the active account with the token's verified
 * email. Refusals are audited.
 */
export async function completeOidcSignIn(
  ctx: RequestContext,
  settings: OidcSettings,
  callbackQuery: string,
  pending: PendingOidcSignIn | null,
  sessionHours: number,
  previousToken?: string,
): Promise<SignInResult> {
  const refuse = async (reason: string, message: string): Promise<never> => {
    await writeAudit(
      { ...ctx, user: null },
      { action: 'sign_in_failed', resourceType: 'session', detail: { method: 'oidc', reason } },
    );
    throw new AppError('invalid_credentials', message);
  };
  if (!pending)
    return refuse('no_pending', 'The single sign-on took too long or was started elsewhere: start it again');
  const current = new URL(settings.redirectUri);
  current.search = callbackQuery;
  let email: string;
  let verified: unknown;
  try {
    const config = await configurationOf(settings);
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    let source: Record<string, unknown> = claims;
    // Providers that follow the spec strictly put profile claims in userinfo, not in the ID token.
    if (typeof claims.email !== 'string') source = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    email = typeof source.email === 'string' ? source.email.trim().toLowerCase() : '';
    verified = source.email_verified;
  } catch (err) {
    return refuse('provider_refused', `The identity provider did not confirm the sign-in: ${(err as Error).message}`);
  }
  if (!email || verified === false)
    return refuse('no_verified_email', 'The identity provider did not give a verified email address');
  const user = await findUserByEmail(ctx.db.kysely, email);
  if (!user || !user.active)
    return refuse(
      'no_account',
      `No active ssos account has the email ${email}: ask a state administrator to create one`,
    );
  return openSession(ctx, user, sessionHours, previousToken, { method: 'oidc', issuer: settings.issuer });
}
