// Public exports of the deepspeed family.
export {};
