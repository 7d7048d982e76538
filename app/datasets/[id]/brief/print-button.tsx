"use client";

/** Opens the browser's print dialog (the print stylesheet turns the brief into a clean PDF). */
export function PrintButton() {
  return (
    <button type="button" className="button button-primary" onClick={() => window.print()}>
      Print or save as PDF
    </button>
  );
}
