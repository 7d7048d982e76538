"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="card stack" role="alert">
      <h1>Something went wrong</h1>
      <p className="muted">The page could not be shown. The error was logged on the server{error.digest ? ` (reference ${error.digest})` : ""}.</p>
      <button className="button" onClick={reset}>Try again</button>
    </div>
  );
}
