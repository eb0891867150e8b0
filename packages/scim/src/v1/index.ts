// Public surface of the v1 module; each file adds its own exports here.
export {};
