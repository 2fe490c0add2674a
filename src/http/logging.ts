/** Log lines never carry an identity number whole. */
import type { FastifyRequest } from 'fastify';

const ID_NUMBER = /(\d{6})\d{8}(\d{3}[\dXx])/g;
const ID15 = /(?<!\d)(\d{6})\d{6}(\d{3})(?!\d)/g;

export function maskIdNumbersInText(text: string): string {
  return text.replace(ID_NUMBER, '$1********$2').replace(ID15, '$1******$2');
}

// In a whole serialised log line: an 18-character number anywhere not inside a longer run of digits, and a
// 15-digit one not part of a decimal fraction (pino prints response times with up to 17 significant digits).
const LINE_ID18 = /(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?![\dXx])/g;
const LINE_ID15 = /(?<![\d.])(\d{6})\d{6}(\d{3})(?!\d)/g;

/**
 * The last line of defence, applied by the logger to every line it writes: whatever a message, an error or a
 * serialised object carried (an error message quoting a request body, a driver error quoting a row), no identity
 * number leaves the process whole. Only digits are replaced, so a JSON line stays JSON.
 */
export function maskLogLine(line: string): string {
  return line.replace(LINE_ID18, '$1********$2').replace(LINE_ID15, '$1******$2');
}

export const redactPaths = [
  'req.headers.authorization',
  '*.idNumber',
  '*.password',
  'body.idNumber',
  'body.password',
];

export const logSerializers = {
  req(request: FastifyRequest) {
    return { method: request.method, url: maskIdNumbersInText(request.url), reqId: request.id };
  },
};
