// Public surface of the filter module; each file adds its own exports here.
export {};
