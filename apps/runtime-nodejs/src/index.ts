// Public entry point of runtime-nodejs.
export {};
