import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { SessionNav } from "./ui/session-nav";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Cutoff", template: "%s · Cutoff" },
  description: "Choose a classifier's threshold with the people who live with its mistakes.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: Next.js puts that request's CSP nonce (proxy.ts) on its
  // scripts, which a page prerendered at build time could not carry.
  await connection();
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand" aria-label="Cutoff home">
            Cut<span>off</span>
          </Link>
          <nav className="site-nav" aria-label="Main">
            <Link href="/">Datasets</Link>
            <Link href="/models">Models</Link>
            <Link href="/upload">Upload</Link>
            <SessionNav />
          </nav>
        </header>
        <main className="page">{children}</main>
      </body>
    </html>
  );
}
