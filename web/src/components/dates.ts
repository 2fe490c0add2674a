/** Calendar dates as a clerk writes them (2026年12月2日), in Asia/Shanghai. */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');
export const TIME_ZONE = 'Asia/Shanghai';
dayjs.tz.setDefault(TIME_ZONE);

/** `2026-12-02` (or an ISO timestamp) → `2026年12月2日`; empty for nothing. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? dayjs.tz(value, TIME_ZONE) : dayjs(value).tz(TIME_ZONE);
  return date.isValid() ? date.format('YYYY年M月D日') : value;
}

/** A timestamp → `2026年12月2日 14:05`. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = dayjs(value).tz(TIME_ZONE);
  return date.isValid() ? date.format('YYYY年M月D日 HH:mm') : value;
}

/** Today in Asia/Shanghai as `YYYY-MM-DD`. */
export function todayIso(): string {
  return dayjs().tz(TIME_ZONE).format('YYYY-MM-DD');
}

export { dayjs };
