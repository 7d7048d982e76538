export default function Loading() {
  return (
    <div className="grid grid-stats" aria-busy="true" aria-label="Loading">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="skeleton" style={{ height: "5.5rem" }} />
      ))}
    </div>
  );
}
