/** A polite status line saying that something is loading. */
export function LoadingStatus({ children }: { children: React.ReactNode }) {
  return (
    <p className="ssos-loading" role="status">
      {children}
    </p>
  );
}
