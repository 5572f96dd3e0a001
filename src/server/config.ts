import { StartupError } from './errors.ts';

/** The platform's settings, read once from the environment at start-up. */
export interface Config {
  /** PostgreSQL server; absent means the embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  /** Mark session cookies Secure (serve over HTTPS behind a proxy). */
  cookieSecure: boolean;
  sessionHours: number;
  agencyName: string;
  agencyShortName: string;
  /** Groups with fewer students than this are not shown publicly. */
  reportingMinimum: number;
  logLevel: string;
  /** Largest request body accepted, in bytes. */
  bodyLimit: number;
  /** Where the built web app is; absent when it has not been built. */
  webDir: string;
}

type Env = Record<string, string | undefined>;

/** Reads the configuration from environment variables, naming the variable at fault when one is wrong. */
export function loadConfig(env: Env = process.env): Config {
  return {
    databaseUrl: nonEmpty(env.DATABASE_URL),
    dataDir: nonEmpty(env.SSOS_DATA_DIR) ?? './data/ssos',
    port: intSetting(env, 'PORT', 3000, 0, 65535),
    host: nonEmpty(env.HOST) ?? '127.0.0.1',
    cookieSecure: boolSetting(env, 'SSOS_COOKIE_SECURE', false),
    sessionHours: intSetting(env, 'SSOS_SESSION_HOURS', 12, 1, 24 * 30),
    agencyName: nonEmpty(env.SSOS_AGENCY_NAME) ?? 'Department of Elementary and Secondary Education',
    agencyShortName: nonEmpty(env.SSOS_AGENCY_SHORT_NAME) ?? 'DESE',
    reportingMinimum: intSetting(env, 'SSOS_REPORTING_MINIMUM', 10, 1, 1000),
    logLevel: nonEmpty(env.LOG_LEVEL) ?? 'warn',
    bodyLimit: intSetting(env, 'SSOS_BODY_LIMIT', 1_048_576, 1024, 100 * 1_048_576),
    webDir: nonEmpty(env.SSOS_WEB_DIR) ?? 'dist/web',
  };
}

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

function intSetting(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new StartupError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return Number(raw);
}

function boolSetting(env: Env, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(env[name])?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new StartupError(`${name} must be true or false, not "${raw}"`);
}
