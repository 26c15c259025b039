// Moved to tools/bench-kit (@kubeless-ts/bench-kit); kept until the last importer is updated.
export { writeDocsSection } from '@kubeless-ts/bench-kit';
