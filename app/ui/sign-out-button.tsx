"use client";

/** Ends the browser's session (DELETE /api/session clears the cookie), then reloads from the start. */
export function SignOutButton() {
  async function signOut() {
    await fetch("/api/session", { method: "DELETE" });
    window.location.assign("/");
  }
  return (
    <button type="button" className="link-button" onClick={signOut}>
      Sign out
    </button>
  );
}
