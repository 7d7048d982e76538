"use client";

import { useState } from "react";
import { settingsToParam } from "@/lib/story/share";
import type { StorySettings } from "@/lib/story/settings";

/** The URL of this exact view: threshold, reference threshold and the parameters in use. */
export function viewUrl(href: string, threshold: number, reference: number, settings: StorySettings | null): string {
  const url = new URL(href);
  url.search = "";
  url.searchParams.set("t", String(threshold));
  if (reference !== threshold) url.searchParams.set("ref", String(reference));
  const s = settings ? settingsToParam(settings) : null;
  if (s) url.searchParams.set("s", s);
  return url.toString();
}

/** "Copy link": copies the view's URL and shows it, so it can be copied by hand too. */
export function ShareLink({ threshold, reference, settings }: { threshold: number; reference: number; settings: StorySettings | null }) {
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  async function copy() {
    const url = viewUrl(window.location.href, threshold, reference, settings);
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div className="impact-share no-print">
      <button type="button" className="button" onClick={copy}>Copy link</button>
      {link ? (
        <>
          <input readOnly value={link} aria-label="Link to this view" onFocus={(e) => e.currentTarget.select()} size={36} />
          <span className="small muted" role="status">{copied ? "Copied." : "Select and copy the link."}</span>
        </>
      ) : null}
    </div>
  );
}
