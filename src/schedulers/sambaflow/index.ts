// Public exports of the sambaflow family.
export {};
