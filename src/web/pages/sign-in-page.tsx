import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, AlertHeading, AlertText, Button, Fieldset, Form, Label, TextInput } from '@trussworks/react-uswds';
import { useLogin, useSession } from '../api/auth.ts';
import { useConfig } from '../api/platform.ts';
import { useDocumentTitle } from '../components/document-title.ts';

/** Where to go after signing in: the `next` path when it is a path on this site, otherwise home. */
export function safeNextPath(next: string | null): string {
  // Only same-site paths: `//host` and `/\host` would leave the site.
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

/** The sign-in page: email and password; on success, back to the page that sent the reader here. */
export function SignInPage() {
  useDocumentTitle('Sign in');
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const navigate = useNavigate();
  const config = useConfig();
  const session = useSession();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const alertRef = useRef<HTMLDivElement>(null);

  // A failed attempt: move focus to the message so it is read first, and the form is right after it.
  useEffect(() => {
    if (login.isError) alertRef.current?.focus();
  }, [login.isError, login.submittedAt]);

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    login.mutate(
      { email: email.trim(), password },
      {
        onSuccess: () => {
          void navigate(next, { replace: true });
        },
      },
    );
  };

  const user = session.data?.user ?? null;

  return (
    <div className="ssos-narrow">
      <h1>Sign in</h1>
      {user !== null && !login.isPending && !login.isSuccess ? (
        <Alert type="info" slim>
          <AlertText>
            You are signed in as {user.displayName} ({user.email}).{' '}
            <Link to={next} className="usa-link">
              Continue
            </Link>
            , or sign in below as someone else.
          </AlertText>
        </Alert>
      ) : null}
      {login.isError ? (
        <div ref={alertRef} tabIndex={-1} className="ssos-focus-target">
          <Alert type="error" role="alert">
            <AlertHeading level="h2">You could not be signed in</AlertHeading>
            <AlertText>{login.error.message}</AlertText>
          </Alert>
        </div>
      ) : null}
      <Form onSubmit={onSubmit} className="ssos-sign-in-form">
        <Fieldset legend="Your account" legendStyle="srOnly">
          <Label htmlFor="sign-in-email">Email address</Label>
          <TextInput
            id="sign-in-email"
            name="email"
            type="email"
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
            required
            value={email}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => setEmail(event.target.value)}
          />
          <Label htmlFor="sign-in-password">Password</Label>
          <TextInput
            id="sign-in-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => setPassword(event.target.value)}
          />
          <Button type="submit" disabled={login.isPending}>
            {login.isPending ? 'Signing in…' : 'Sign in'}
          </Button>
        </Fieldset>
      </Form>
      {config.data?.demo ? (
        <Alert type="info" className="margin-top-4">
          <AlertHeading level="h2">Demo accounts</AlertHeading>
          <AlertText>
            This installation holds demo data. Its demo accounts, one for each role, and their passwords are listed in
            the project's README.
          </AlertText>
        </Alert>
      ) : null}
    </div>
  );
}
