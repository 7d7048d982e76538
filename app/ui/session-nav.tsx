import Link from "next/link";
import { headers } from "next/headers";
import { presentedCredential } from "@/lib/access/credentials";
import { currentPolicy } from "@/lib/access/policy";
import { SignOutButton } from "./sign-out-button";

/** "Sign in" or "Sign out" in the header when this Cutoff has a token; nothing otherwise. */
export async function SessionNav() {
  const { token } = currentPolicy();
  if (!token) return null;
  const signedIn = presentedCredential(await headers(), token) === "valid";
  return signedIn ? <SignOutButton /> : <Link href="/sign-in">Sign in</Link>;
}
