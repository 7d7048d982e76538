import { Suspense, type ReactNode } from "react";
import { formatCount } from "@/lib/format";
import { loadDataset } from "./load";
import { DatasetTabs } from "./dataset-tabs";
import { DatasetActions } from "./dataset-actions";
import { hasTimestamps } from "@/lib/services/monitoring";

export default async function DatasetLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const dataset = await loadDataset(id);
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>{dataset.name}</h1>
          <p className="muted small">
            {formatCount(dataset.rows)} rows{dataset.sourceFile ? ` · from ${dataset.sourceFile}` : ""}
          </p>
        </div>
        <DatasetActions id={dataset.id} name={dataset.name} rows={dataset.rows} />
      </div>
      <Suspense fallback={<nav className="tabs" />}>
        <DatasetTabs datasetId={dataset.id} timestamps={hasTimestamps(dataset)} />
      </Suspense>
      {children}
    </div>
  );
}
