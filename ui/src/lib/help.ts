// The help lines of a region as Get help shows them, from the bundled content alone: the
// emergency numbers first, then every line known for the country, and a sentence about them
// that promises only what every line shown has (free to call, answering day and night).
import content from '../../../assets/content/help.json';

export interface Line {
  name: string;
  kind: string;
  contact: string;
  about: string;
  /** "24/7", or when the line answers. */
  hours: string;
  /** True only where the service says calls cost nothing. */
  free: boolean;
  languages?: string;
  source: string;
  checked: string;
  checkedAgainst: string;
  /** For the emergency numbers: the lists compared did not agree. */
  unsure?: boolean;
}

interface Emergency {
  contact: string;
  numbers: { number: string; for?: string }[];
  unsure?: boolean;
  source?: string;
  checked?: string;
  checkedAgainst?: string;
}

interface Region {
  label: string;
  emergency?: Emergency;
  resources: Line[];
}

interface Content {
  regions: Record<string, Region>;
  emergency: {
    name: string; about: string; hours: string; free: boolean; source: string; checked: string;
    checkedAgainst: string; unsure: string; mobile: string; mobileSource: string;
  };
  promises: { freeAlways: string; always: string; free: string; mixed: string };
  noLines: string;
}

export const help = content as unknown as typeof content & Content;

/** The region shown when the person's country is not listed. */
export const NOT_LISTED = 'other';

const regions = help.regions as Record<string, Region>;

export function isRegion(code: string | null | undefined): code is string {
  return !!code && Object.prototype.hasOwnProperty.call(regions, code);
}

/** The region `code` names, or the general advice. */
function regionOf(code: string): Region {
  return (isRegion(code) ? regions[code] : undefined) ?? (regions[NOT_LISTED] as Region);
}

/** Every region for the picker: countries by name, then "my country is not listed". */
export function regionChoices(): { code: string; label: string }[] {
  return Object.entries(regions)
    .filter(([code]) => code !== NOT_LISTED)
    .map(([code, r]) => ({ code, label: r.label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en'))
    .concat({ code: NOT_LISTED, label: regionOf(NOT_LISTED).label });
}

/** What Get help lists for `code`: its emergency numbers, then its own lines. */
export function linesOf(code: string): Line[] {
  const region = regionOf(code);
  const e = region.emergency;
  const common = help.emergency;
  const emergency: Line[] = e
    ? [{
        name: common.name,
        kind: 'emergency',
        contact: e.contact,
        about: common.about,
        hours: common.hours,
        free: common.free,
        source: e.source ?? common.source,
        checked: e.checked ?? common.checked,
        checkedAgainst: e.checkedAgainst ?? common.checkedAgainst,
        unsure: e.unsure ?? false,
      }]
    : [];
  return [...emergency, ...region.resources];
}

/** Whether `code` is a listed country for which no line beyond the emergency numbers is known. */
export function noLinesKnown(code: string): boolean {
  return isRegion(code) && code !== NOT_LISTED && regionOf(code).resources.length === 0;
}

/** The sentence above the lines: it claims "free" or "day and night" only when every line shown has it. */
export function promiseFor(lines: Line[]): string {
  const free = lines.length > 0 && lines.every((l) => l.free);
  const always = lines.length > 0 && lines.every((l) => l.hours === '24/7');
  if (free && always) return help.promises.freeAlways;
  if (always) return help.promises.always;
  if (free) return help.promises.free;
  return help.promises.mixed;
}

/** When a line answers, in words. */
export function hoursOf(line: Line): string {
  return line.hours === '24/7' ? 'Answers day and night' : `Answers: ${line.hours}`;
}
