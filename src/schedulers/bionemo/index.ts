// Public exports of the bionemo family.
export {};
