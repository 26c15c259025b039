// Public entry point of controller-kit.
export {};
