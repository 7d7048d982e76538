export default function Loading() {
  return (
    <div className="stack" aria-busy="true" aria-label="Loading the comparison">
      <div className="skeleton" style={{ height: "4rem" }} />
      <div className="skeleton" style={{ height: "9rem" }} />
      <div className="skeleton" style={{ height: "20rem" }} />
    </div>
  );
}
