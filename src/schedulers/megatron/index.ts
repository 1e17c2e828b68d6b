// Public exports of the megatron family.
export {};
