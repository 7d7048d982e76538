import Link from "next/link";

export default function DatasetNotFound() {
  return (
    <div className="card empty">
      <h1>No such dataset</h1>
      <p>It may have been deleted, or the link is wrong.</p>
      <Link href="/">See all datasets</Link>
    </div>
  );
}
