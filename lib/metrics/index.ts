/**
 * lib/metrics — the exact numbers, pure: typed arrays in, plain objects out (no database, React,
 * Next or clock). A dataset's score table (distinct scores with the positives and negatives at
 * each) makes any threshold's confusion matrix a binary search; curves, summary figures and the
 * explorer's threshold grid follow scikit-learn's definitions, ties included.
 */
export * from "./score-table";
export * from "./score-order";
export * from "./confusion";
export * from "./ranking";
export * from "./summary";
export * from "./report";
export * from "./curves";
export * from "./simplify";
export * from "./calibration";
export * from "./grid";
export * from "./grid-series";
export * from "./explorer-data";
export * from "./curve-report";
export * from "./segment-slices";
export * from "./segment";
export * from "./segment-builder";
export * from "./segment-walk";
