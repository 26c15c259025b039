// Public entry point of cli.
export {};
