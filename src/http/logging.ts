/** Log lines never carry an identity number whole. */
import type { FastifyRequest } from 'fastify';

const ID_NUMBER = /(\d{6})\d{8}(\d{3}[\dXx])/g;
const ID15 = /(?<!\d)(\d{6})\d{6}(\d{3})(?!\d)/g;

export function maskIdNumbersInText(text: string): string {
  return text.replace(ID_NUMBER, '$1********$2').replace(ID15, '$1******$2');
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
