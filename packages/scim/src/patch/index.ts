// Public surface of the patch module; each file adds its own exports here.
export {};
