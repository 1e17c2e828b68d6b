// Public exports of the transformers family.
export {};
