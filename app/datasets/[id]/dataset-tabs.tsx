"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";

const TABS = [
  { path: "", label: "Overview" },
  { path: "/impact", label: "Daily impact" },
  { path: "/brief", label: "Brief" },
  { path: "/gallery", label: "Failures" },
  { path: "/monitoring", label: "Monitoring", needsTimestamps: true },
  { path: "/review", label: "Review" },
] as const;

/** The dataset's sections (Monitoring only with timestamps); the threshold (`?t=`) travels with every link. */
export function DatasetTabs({ datasetId, timestamps = false }: { datasetId: number; timestamps?: boolean }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const t = search.get("t");
  const query = t ? `?t=${encodeURIComponent(t)}` : "";
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
        return (
          <Link key={tab.path} href={href + query} className="tab" aria-current={pathname === href ? "page" : undefined}>
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
