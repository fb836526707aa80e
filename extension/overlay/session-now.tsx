// The panel's "This session" card: when the LSA is rostered with this pupil right now, the session's outcome
// comes first — Delivered (suggested, never recorded without a tap) or Missed ▸ reason — through the same card
// as the popup's Now (extension/sessions/session-card.tsx) and the same store and outbox as every log.
import { useState } from 'preact/hooks';
import type { LogEntry } from '../../shared/index';
import type { PagePupil, SessionNow } from '../messages';
import { SessionCard } from '../sessions/session-card';
import type { PanelApi } from './panel';

export function SessionNowCard({ now, pupil, api }: { now: SessionNow; pupil: PagePupil; api: PanelApi }) {
  const [recorded, setRecorded] = useState<LogEntry | undefined>(now.recorded);
  const at = new Date(api.now());
  const staffId = api.tapContext(pupil.id).staffId;
  const record = async (entry: LogEntry): Promise<string | undefined> => {
    const r = await api.add(entry);
    if (!r.ok) return r.error;
    setRecorded(entry);
    return undefined;
  };
  return (
    <section class="session-now" aria-label="This session">
      <h3>This session</h3>
      <SessionCard
        session={now.session}
        pupils={[pupil]}
        recorded={new Map(recorded ? [[pupil.id, recorded]] : [])}
        {...(staffId ? { staffId } : {})}
        minute={at.getHours() * 60 + at.getMinutes()}
        record={record}
        now={() => new Date(api.now())}
      />
    </section>
  );
}
