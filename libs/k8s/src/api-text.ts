import { HttpStatusError } from './api-transport.js';
import type { ApiRequest, ApiTransport } from './api-transport.js';

/** One exchange whose successful answer is text (logs, /healthz); rejects with HttpStatusError on non-2xx. */
export async function requestText(transport: ApiTransport, request: ApiRequest): Promise<string> {
  const response = await transport.send(request);
  const text = response.body.toString('utf8');
  if (response.status < 200 || response.status > 299)
    throw new HttpStatusError(response.status, text, response.headers);
  return text;
}
