/**
 * The few technical words Cutoff still shows (for analysts), each explained in one or two plain
 * sentences for everyone else. Shown as keyboard-usable tooltips next to the word.
 */
export const GLOSSARY = {
  "ROC AUC":
    "How well the scores rank: the chance that a random positive item scores higher than a random negative one. 1 is a perfect ranking, 0.5 is a coin toss.",
  "Brier score": "How far the scores are from what happened, as probabilities: the mean squared difference between score and label. 0 is perfect; lower is better.",
  Precision: "Of the items flagged, the share that really are positive. Low precision means many false alarms.",
  Recall: "Of the positive items, the share that gets flagged (caught). Low recall means many misses.",
  F1: "One number that balances precision and recall (their harmonic mean); it is high only when both are.",
  "False positive rate": "Of the negative items, the share flagged by mistake: the false alarm rate.",
  Specificity: "Of the negative items, the share correctly left alone (1 − the false positive rate).",
  Accuracy: "The share of all labelled items the model gets right. With rare positives it looks high even for a poor model.",
} as const;

export type GlossaryWord = keyof typeof GLOSSARY;
