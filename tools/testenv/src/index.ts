// Public entry point of testenv.
export {};
