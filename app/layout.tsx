import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Cutoff", template: "%s · Cutoff" },
  description: "Choose a classifier's threshold with the people who live with its mistakes.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand" aria-label="Cutoff home">
            Cut<span>off</span>
          </Link>
          <nav className="site-nav" aria-label="Main">
            <Link href="/">Datasets</Link>
            <Link href="/upload">Upload</Link>
          </nav>
        </header>
        <main className="page">{children}</main>
      </body>
    </html>
  );
}
