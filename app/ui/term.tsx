"use client";

import { useId, useState } from "react";
import { GLOSSARY, type GlossaryWord } from "@/lib/story/glossary";

/**
 * A technical word with its explanation as a tooltip: shown on hover and on keyboard focus (the
 * word is a button, reached with Tab), hidden again with Escape; screen readers read it as the
 * button's description.
 */
export function Term({ word, children }: { word: GlossaryWord; children?: React.ReactNode }) {
  const id = useId();
  const [hidden, setHidden] = useState(false);
  return (
    <span className={hidden ? "term term-hidden" : "term"} onMouseLeave={() => setHidden(false)}>
      <button type="button" className="term-word" aria-describedby={id} onKeyDown={(e) => e.key === "Escape" && setHidden(true)} onBlur={() => setHidden(false)}>
        {children ?? word}
      </button>
      <span role="tooltip" id={id} className="term-tip">
        {GLOSSARY[word]}
      </span>
    </span>
  );
}
