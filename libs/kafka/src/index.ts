// Public entry point of kafka.
export {};
