import { StartupError } from '../errors.ts';

/** A state identity provider for OpenID Connect sign-in (all four settings, or none). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** This platform's callback address registered with the provider: https://HOST/api/auth/oidc/callback. */
  redirectUri: string;
}

/** Sign-in protection and session lifetime settings, read from the environment (documented in docs/security.md). */
export interface AuthSettings {
  /** Failed sign-ins for one account from one client address, within the window, before it answers 429. */
  maxFailuresPerAddressAndAccount: number;
  /** Failed sign-ins for one account from any address, within the window, before the account is locked. */
  maxFailuresPerAccount: number;
  /** Failed sign-ins from one client address for any accounts, within the window, before it answers 429. */
  maxFailuresPerAddress: number;
  /** How far back failures count, and how long a lockout lasts, in minutes. */
  lockoutMinutes: number;
  /** A session unused for this many minutes ends (the absolute limit is SSOS_SESSION_HOURS). */
  idleMinutes: number;
  /** Origins other than the app's own allowed to send state-changing requests (e.g. a separate web host). */
  allowedOrigins: string[];
  /** OpenID Connect sign-in, when configured. */
  oidc: OidcSettings | null;
}

type Env = Record<string, string | undefined>;

function intSetting(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
    throw new StartupError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return Number(raw);
}

function isOrigin(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === text.replace(/\/$/, '');
  } catch {
    return false;
  }
}

const OIDC_VARIABLES = [
  'SSOS_OIDC_ISSUER',
  'SSOS_OIDC_CLIENT_ID',
  'SSOS_OIDC_CLIENT_SECRET',
  'SSOS_OIDC_REDIRECT_URI',
] as const;

function oidcSettings(env: Env): OidcSettings | null {
  const values = OIDC_VARIABLES.map((name) => env[name]?.trim() ?? '');
  if (values.every((v) => v === '')) return null;
  const missing = OIDC_VARIABLES.filter((_, i) => values[i] === '');
  if (missing.length > 0)
    throw new StartupError(`OpenID Connect sign-in needs ${OIDC_VARIABLES.join(', ')}: ${missing.join(', ')} missing`);
  const [issuer, clientId, clientSecret, redirectUri] = values as [string, string, string, string];
  for (const [name, value] of [
    ['SSOS_OIDC_ISSUER', issuer],
    ['SSOS_OIDC_REDIRECT_URI', redirectUri],
  ] as const) {
    try {
      const u = new URL(value);
      if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('scheme');
    } catch {
      throw new StartupError(`${name} must be an http(s) address, not "${value}"`);
    }
  }
  return { issuer, clientId, clientSecret, redirectUri };
}

/** Reads the settings, with their defaults, naming the variable at fault when one is wrong. */
export function loadAuthSettings(env: Env = process.env): AuthSettings {
  const origins = (env.SSOS_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const o of origins) {
    if (!isOrigin(o))
      throw new StartupError(
        `SSOS_ALLOWED_ORIGINS must be a comma-separated list of origins like https://ssos.example.org, not "${o}"`,
      );
  }
  return {
    maxFailuresPerAddressAndAccount: intSetting(env, 'SSOS_LOGIN_MAX_FAILURES_PER_ADDRESS_ACCOUNT', 5, 1, 1000),
    maxFailuresPerAccount: intSetting(env, 'SSOS_LOGIN_MAX_FAILURES_PER_ACCOUNT', 10, 1, 1000),
    maxFailuresPerAddress: intSetting(env, 'SSOS_LOGIN_MAX_FAILURES_PER_ADDRESS', 100, 1, 100_000),
    lockoutMinutes: intSetting(env, 'SSOS_LOGIN_LOCKOUT_MINUTES', 15, 1, 24 * 60),
    idleMinutes: intSetting(env, 'SSOS_SESSION_IDLE_MINUTES', 60, 1, 24 * 60 * 30),
    allowedOrigins: origins.map((o) => o.replace(/\/$/, '')),
    oidc: oidcSettings(env),
  };
}
