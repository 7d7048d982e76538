"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";

const TABS = [
  { path: "", label: "Overview" },
  { path: "/impact", label: "Daily impact" },
  { path: "/brief", label: "Brief" },
  { path: "/gallery", label: "Failures" },
  { path: "/monitoring", label: "Monitoring", needsTimestamps: true },
  { path: "/review", label: "Review" },
] as const;

/**
 * The dataset's sections (Monitoring only with timestamps); the threshold (`?t=`) travels with
 * every link, including one moved a moment ago and not yet written to the URL.
 */
export function DatasetTabs({ datasetId, timestamps = false }: { datasetId: number; timestamps?: boolean }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const router = useRouter();
  const withThreshold = (path: string, t: string | null) => (t ? `${path}?t=${encodeURIComponent(t)}` : path);
  const nav = useRef<HTMLElement | null>(null);
  // On a phone the tabs scroll sideways: keep the current one in view.
  useEffect(() => {
    const current = nav.current?.querySelector<HTMLElement>('[aria-current="page"]');
    if (current && nav.current && nav.current.scrollWidth > nav.current.clientWidth) nav.current.scrollLeft = current.offsetLeft - nav.current.offsetLeft - 16;
  }, [pathname]);
  return (
    <nav className="tabs" aria-label="Dataset sections" ref={nav}>
      {TABS.filter((tab) => timestamps || !("needsTimestamps" in tab)).map((tab) => {
        const href = `/datasets/${datasetId}${tab.path}`;
        const rendered = withThreshold(href, search.get("t"));
        // A threshold moved a moment ago is in the URL by the time of the click (replace-url
        // flushes its writes first) but maybe not yet in this render's `search`.
        const onNavigate = (event: { preventDefault: () => void }) => {
          const now = withThreshold(href, new URL(window.location.href).searchParams.get("t"));
          if (now === rendered) return;
          event.preventDefault();
          router.push(now);
        };
        return (
          <Link key={tab.path} href={rendered} onNavigate={onNavigate} className="tab" aria-current={pathname === href ? "page" : undefined}>
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
