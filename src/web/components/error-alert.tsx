import { Alert, AlertHeading, AlertText } from '@trussworks/react-uswds';

/** An error alert for a request that failed, with the server's message when there is one. */
export function ErrorAlert({ heading, error }: { heading: string; error: unknown }) {
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <Alert type="error" role="alert">
      <AlertHeading level="h2">{heading}</AlertHeading>
      <AlertText>{message}</AlertText>
    </Alert>
  );
}
