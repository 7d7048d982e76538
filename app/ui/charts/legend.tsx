/** One legend entry: a colour swatch (a line when `dashed` or `line`), and its text. */
export interface LegendItem {
  label: string;
  color: string;
  line?: boolean;
  dashed?: boolean;
}

/** The legend above a chart, as HTML so it wraps and stays legible. */
export function Legend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="chart-legend">
      {items.map((item) => (
        <li key={item.label}>
          <svg width={22} height={12} aria-hidden="true">
            {item.line || item.dashed ? (
              <line x1={1} x2={21} y1={6} y2={6} stroke={item.color} strokeWidth={3} strokeDasharray={item.dashed ? "5 3" : undefined} />
            ) : (
              <rect width={22} height={12} rx={2} fill={item.color} />
            )}
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}
