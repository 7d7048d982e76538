import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentPolicy, safeReturnPath } from "@/lib/access/policy";
import { firstParam } from "@/app/ui/search-params";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<{ next?: string | string[]; error?: string | string[] }>;


/**
 * Asks once for the token (CUTOFF_TOKEN); POST /api/session keeps it as an HttpOnly cookie and
 * sends the browser back to `next`. Works without JavaScript.
 */
export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const { token, protectReads } = currentPolicy();
  const params = await searchParams;
  const next = safeReturnPath(firstParam(params.next));
  if (!token) redirect(next);
  return (
    <div className="card sign-in">
      <h1>Sign in</h1>
      <p className="muted">
        This Cutoff asks for its token {protectReads ? "to show its datasets and to change them" : "to change data (uploads, tags, notes, settings)"}. The
        person who runs it set it as <code>CUTOFF_TOKEN</code>. This browser keeps it for 30 days.
      </p>
      {firstParam(params.error) === "wrong" && (
        <p role="alert" className="alert alert-error">
          That is not this Cutoff&apos;s token.
        </p>
      )}
      <form method="post" action="/api/session">
        <input type="hidden" name="next" value={next} />
        <label htmlFor="token">Token</label>
        <input id="token" name="token" type="password" autoComplete="current-password" required autoFocus />
        <button type="submit" className="button button-primary">
          Sign in
        </button>
      </form>
    </div>
  );
}
