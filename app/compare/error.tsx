"use client";

export default function CompareError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="card stack" role="alert">
      <h2>This comparison could not be shown</h2>
      <p className="muted">The error was logged on the server{error.digest ? ` (reference ${error.digest})` : ""}.</p>
      <button className="button" onClick={reset}>Try again</button>
    </div>
  );
}
