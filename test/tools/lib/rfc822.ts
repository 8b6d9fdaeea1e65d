// RFC 822 date-times as RSS 2.0 requires them (four-digit years allowed, as the RSS spec says).

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ZONE = '(?:UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|[A-IK-Z]|[+-]\\d{4})';
const FORM = new RegExp(
  `^(?:(${DAYS.join('|')}), )?(\\d{1,2}) (${MONTHS.join('|')}) (\\d{2}|\\d{4}) ` +
    `(\\d{2}):(\\d{2})(?::(\\d{2}))? ${ZONE}$`,
);

/** Null when `text` is a valid RFC 822 date-time, else the reason it is not. */
export function rfc822Problem(text: string): string | null {
  const match = FORM.exec(text);
  if (!match) return 'not in RFC 822 form ("Sat, 22 Apr 2017 11:58:59 GMT")';
  const [, weekday, day, month, year, hour, minute, second] = match;
  const fullYear = year?.length === 2 ? 1900 + Number(year) : Number(year);
  const monthIndex = MONTHS.indexOf(month ?? '');
  const date = new Date(Date.UTC(fullYear, monthIndex, Number(day)));
  if (date.getUTCDate() !== Number(day)) return `day ${day} does not exist in ${month} ${year}`;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 60)
    return 'time out of range';
  if (weekday && DAYS[date.getUTCDay()] !== weekday) {
    return `${day} ${month} ${year} is a ${DAYS[date.getUTCDay()]}, not a ${weekday}`;
  }
  return null;
}
