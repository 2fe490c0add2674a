/**
 * zod pieces shared by route schemas. A schema with `.meta({ id })` is a named component of the OpenAPI document
 * (`components.schemas`), referenced wherever it is used instead of copied inline.
 */
import { z } from 'zod';
import { personNameProblem } from '../domain/names.js';

const Uuid = z.uuid();
export const IdParams = z.object({ id: Uuid });
export const CalendarDate = z.iso.date();

/**
 * A person's name as typed (voters, representatives, party members, meeting staff, the one who files an objection):
 * trimmed, 1..100 characters, and readable (src/domain/names.ts: not only invisible characters, no text-direction
 * control, no lone surrogate). The refusal names the field 姓名 and says what is wrong, in Chinese.
 */
export const PersonName = z.string().trim().min(1).max(100).superRefine(refuseUnreadableName);

/** A write-in (另选他人) line of a tally sheet as typed: empty (the line keeps its place) or a readable name. */
export const WriteInName = z
  .string()
  .max(100)
  .superRefine((value, ctx) => {
    if (value.trim() !== '') refuseUnreadableName(value.trim(), ctx);
  });

/**
 * A key of a tally sheet's `votes`: a candidate's id, or a name (a candidate's, or a write-in), which must then be
 * readable as every name is.
 */
export const VoteKey = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .superRefine((value, ctx) => {
    if (!Uuid.safeParse(value).success) refuseUnreadableName(value, ctx);
  });

function refuseUnreadableName(value: string, ctx: z.RefinementCtx, fieldZh = '姓名'): void {
  const problem = personNameProblem(value);
  if (problem) {
    ctx.addIssue({
      code: 'custom',
      message: 'Not a readable name (no visible character, an invisible or text-direction control character, or a lone surrogate)',
      params: { fieldZh, messageZh: problem },
    });
  }
}

/**
 * The name of a place or a body (a district, street, community, residents' group, unit, round, ballot box): trimmed,
 * 1..`max` characters, readable by the same rule as a person's name. Two boxes or communities that look alike must be
 * the same one (a tally sheet is keyed by its box's name).
 */
export const PlaceName = (fieldZh: string, max = 100) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((value, ctx) => refuseUnreadableName(value, ctx, fieldZh));

/** The one error body of DESIGN.md. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      messageZh: z.string(),
      rule: z.string().optional(),
      /** Field problems, rule figures, refused rows…: their shape depends on the code. */
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error', description: '错误：code 为稳定的错误代码，messageZh 为中文说明，rule 为违反的规则代码' });

export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
} as const;

/** `page` (from 1) and `pageSize` (1..500, 50 by default) of every list. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/** A text search on names (substring, case-insensitive). */
export const SearchQuery = z.object({ q: z.string().trim().max(50).optional() });

/** The one page shape of every list: `{ items, total, page, pageSize }`, named `<id>` in the document. */
export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
    .meta({ id });
}

/** A binary download (PDF, XLSX) described by its content type; the handler sends a stream or a buffer. */
export function fileResponse(contentType: string, description: string) {
  return { description, content: { [contentType]: { schema: z.any().meta({ type: 'string', format: 'binary' } as Record<string, unknown>) } } };
}

const JSON_REF = { $ref: '#/components/schemas/JsonValue' };
/**
 * Any JSON value (audit snapshots, rule figures): described in the document as JSON (string, number, boolean, null,
 * array, object of JSON) so generated types are not "unknown"; the serializer passes it through as it is.
 */
export const JsonValue = z.unknown().meta({
  id: 'JsonValue',
  description: '任意 JSON 值',
  nullable: true,
  anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: JSON_REF }, { type: 'object', additionalProperties: JSON_REF }],
} as Record<string, unknown>);
/** Named figures (a rule's details, a warning's parameters). */
export const JsonObject = z.record(z.string(), JsonValue).meta({ id: 'JsonObject' });

/** A rule breach or warning, described (DESIGN.md error `rule` codes; `details` are the rule's figures). */
export const Violation = z
  .object({
    code: z.string(),
    rule: z.string(),
    severity: z.enum(['hard', 'soft']),
    message: z.string(),
    messageZh: z.string(),
    details: JsonObject,
  })
  .meta({ id: 'Violation' });
