import { describe, expect, it } from 'vitest';
import { crossSiteProblem } from './csrf.ts';

describe('crossSiteProblem', () => {
  it('lets a same-origin request through, with or without the default port', () => {
    expect(crossSiteProblem({ origin: 'http://localhost:3000' }, 'localhost:3000', [])).toBeNull();
    expect(crossSiteProblem({ origin: 'https://ssos.example.org' }, 'ssos.example.org:443', [])).toBeNull();
    expect(crossSiteProblem({ origin: 'http://localhost' }, 'localhost:80', [])).toBeNull();
  });

  it('refuses another origin, naming it', () => {
    expect(crossSiteProblem({ origin: 'https://evil.example' }, 'ssos.example.org', [])).toBe(
      'Cross-site request refused: it came from https://evil.example, not from the ssos web app',
    );
  });

  it('refuses another port on the same host (a different origin)', () => {
    expect(crossSiteProblem({ origin: 'http://localhost:5000' }, 'localhost:3000', [])).not.toBeNull();
  });

  it('accepts an allowed origin', () => {
    expect(
      crossSiteProblem({ origin: 'https://web.example.org' }, 'api.example.org', ['https://web.example.org']),
    ).toBeNull();
  });

  it('reads the Referer when there is no Origin', () => {
    expect(crossSiteProblem({ referer: 'https://ssos.example.org/plans/1' }, 'ssos.example.org', [])).toBeNull();
    expect(crossSiteProblem({ referer: 'https://evil.example/x' }, 'ssos.example.org', [])).not.toBeNull();
  });

  it('refuses an opaque origin ("null")', () => {
    expect(crossSiteProblem({ origin: 'null' }, 'ssos.example.org', [])).toBe(
      'Cross-site request refused: its origin (null) is not this site',
    );
  });

  it('lets a non-browser client (no Origin, no Referer) through, unless the browser says cross-site', () => {
    expect(crossSiteProblem({}, 'ssos.example.org', [])).toBeNull();
    expect(crossSiteProblem({ secFetchSite: 'same-origin' }, 'ssos.example.org', [])).toBeNull();
    expect(crossSiteProblem({ secFetchSite: 'cross-site' }, 'ssos.example.org', [])).not.toBeNull();
  });
});
