import type { Metadata } from "next";
import { UploadForm } from "./upload-form";

export const metadata: Metadata = { title: "Upload" };

export default function UploadPage() {
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Upload an evaluation set</h1>
          <p className="muted">
            A CSV with one row per example: the true label and the model&apos;s score (probability of the positive class). Columns are
            detected; check them on the preview before importing. A bad file is refused as a whole, with the rows to fix.
          </p>
        </div>
      </div>
      <UploadForm />
    </div>
  );
}
