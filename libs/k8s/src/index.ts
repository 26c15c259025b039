// Public entry point of k8s.
export {};
