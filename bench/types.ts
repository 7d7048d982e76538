/** One line of a benchmark's table. Values are preformatted with units ("1.23 s", "210 KB"). */
export interface BenchRow {
  metric: string;
  value: string;
  reference?: string;
  ratio?: string;
  goal?: string;
  met?: boolean;
}

export interface BenchResult {
  name: string;
  description: string;
  rows: BenchRow[];
  notes?: string[];
}

export interface Benchmark {
  name: string;
  description: string;
  run: () => Promise<BenchResult>;
}
