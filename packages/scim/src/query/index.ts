// Public surface of the query module; each file adds its own exports here.
export {};
