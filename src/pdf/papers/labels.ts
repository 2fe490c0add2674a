import { EDUCATION_LABELS_ZH, type Education } from '../../domain/profile.js';

/** The Chinese label of a stored education level; a free-text value is printed as it is. */
export function educationZh(value: string | null | undefined): string {
  if (!value) return '—';
  return (EDUCATION_LABELS_ZH as Readonly<Record<string, string>>)[value as Education] ?? value;
}
