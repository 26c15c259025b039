// Public entry point of api.
export {};
