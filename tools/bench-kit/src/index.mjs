// Public entry point of bench-kit: what every benchmark of the workspace shares (docs/benchmarks.md).
export * from './http-bench.mjs';
export { writeDocsSection } from './docs-section.mjs';
export { runRuntimeBench } from './runtime-bench.mjs';
export { processCpuMs } from './process-cpu.mjs';
export { chooseGenerator, drive, generatorHadRoom } from './load-generator.mjs';
