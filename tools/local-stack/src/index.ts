// Public entry point of local-stack.
export {};
