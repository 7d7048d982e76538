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
  "Cohen's κ": "How much two models agree on which items to flag, beyond the agreement chance alone would give: 1 is full agreement, 0 no more than chance.",
  "McNemar's test": "Checks whether the items only one model flags lean to one side more than chance would make them (mid-p version). A small p says the difference is real.",
  "DeLong's test": "Compares two ROC AUCs measured on the same items, with their correlation taken into account. A small p says the rankings really differ.",
  "Non-inferiority": "A check that the new model is not worse by more than a margin you accept: passed when even the pessimistic end of the 95% range stays within it.",
  "95% range": "Where the true difference lies with 95% confidence, from resampling the examples (a paired bootstrap). A range that holds 0 is within noise.",
} as const;

export type GlossaryWord = keyof typeof GLOSSARY;
