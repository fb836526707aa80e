// Minutes as a stepper: − and + in fives, or typed. Anything that is not a whole number of minutes is refused
// with a message saying so ("twenty" is not silently dropped), and nothing is saved until it is fixed.
import { parseMinutes } from './log-entry';

export const MINUTES_STEP = 5;
export const MAX_MINUTES = 999;

/** The minutes typed, or the reason they cannot be used. Blank is fine (no minutes). */
export function checkMinutes(text: string): { ok: true; minutes?: number } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true };
  const n = parseMinutes(text);
  if (n === undefined || n > MAX_MINUTES) {
    return {
      ok: false,
      message: `Minutes must be a whole number from 1 to ${MAX_MINUTES}, in figures (for example 20). “${text.trim()}” was not saved.`,
    };
  }
  return { ok: true, minutes: n };
}

export function MinutesStepper({ value, onChange, error }: { value: string; onChange(v: string): void; error?: string | undefined }) {
  const step = (by: number) => {
    const now = parseMinutes(value) ?? 0;
    const next = Math.min(MAX_MINUTES, Math.max(0, now + by));
    onChange(next === 0 ? '' : String(next));
  };
  return (
    <div class="stepper">
      <label for="caseload-minutes">Minutes</label>
      <button type="button" aria-label={`${MINUTES_STEP} minutes fewer`} onClick={() => step(-MINUTES_STEP)}>
        −
      </button>
      <input
        id="caseload-minutes"
        class="minutes"
        inputMode="numeric"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'caseload-minutes-error' : undefined}
        value={value}
        onInput={(e) => onChange((e.currentTarget as HTMLInputElement).value)}
      />
      <button type="button" aria-label={`${MINUTES_STEP} minutes more`} onClick={() => step(MINUTES_STEP)}>
        +
      </button>
      {error ? (
        <p id="caseload-minutes-error" class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
