import {
  CHECKSUM_PATTERN,
  CONTENT_TYPE_PATTERN,
  HANDLER_PATTERN,
  RUNTIME_PATTERN,
  TIMEOUT_PATTERN,
} from './function-schema.js';
import { KAFKA_TOPIC_PATTERN } from './kafka-trigger-schema.js';

/** A DNS-1123 label: Function names become Service names, which must be labels. */
export const DNS1123_LABEL_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';

/**
 * What each schema pattern means, in words a user can act on. Used for ajv
 * errors on the client and for the CEL rules the CRD carries instead of the
 * bare pattern, so the apiserver says the same thing.
 */
export const patternMessages: Readonly<Record<string, string>> = {
  [HANDLER_PATTERN]:
    'incorrect handler format. It should be module_name.handler_name (exactly one dot, e.g. handler.hello)',
  [CONTENT_TYPE_PATTERN]:
    'expected text, base64 or url, optionally followed by +zip or +compressedtar, then optionally +deps',
  [CHECKSUM_PATTERN]: 'expected "sha256:" followed by 64 lowercase hex characters',
  [RUNTIME_PATTERN]: 'expected a runtime ID followed by its version, e.g. nodejs24 or python3.11',
  [TIMEOUT_PATTERN]: 'expected a positive whole number of seconds as a string, e.g. "180"',
  [KAFKA_TOPIC_PATTERN]: 'a Kafka topic may only contain letters, digits, ".", "_" and "-"',
  [DNS1123_LABEL_PATTERN]:
    'a Function name must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit',
};
