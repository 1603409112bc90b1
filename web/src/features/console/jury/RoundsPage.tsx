import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useCreateRound, useRounds } from '../../../api/console-jury';
import { browserTimeZone, format, useI18n } from '../../../i18n';
import { Button, ErrorSummary, Field, Notice, Page } from '../../../ui';
import { QueryState } from '../../../ui/QueryState';
import { useConsoleEdition } from '../ConsoleLayout';
import { useJuryError } from './shared';
import './jury-admin.css';
import '../strings/jury';

export const roundPath = (editionId: string, roundId: string) =>
  `/organiser/editions/${editionId}/rounds/${roundId}`;

/** `/organiser/editions/:editionId/rounds`: the edition's rounds, and a new one. */
export default function RoundsPage() {
  const { t, formatDateTime } = useI18n();
  const m = t.consoleJury.rounds;
  const edition = useConsoleEdition();
  const rounds = useRounds(edition.id);
  const create = useCreateRound(edition.id);
  const [name, setName] = useState('');
  const [closesAt, setClosesAt] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const error = useJuryError(create.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name, ...(closesAt ? { closesAt: new Date(closesAt).toISOString() } : {}) },
      {
        onSuccess: (round) => {
          setCreated(format(m.created, { name: round.name }));
          setName('');
          setClosesAt('');
        },
      },
    );
  };

  return (
    <Page title={m.title} lead={m.lead}>
      <QueryState query={rounds}>
        {(list) =>
          list.length === 0 ? (
            <p>{m.none}</p>
          ) : (
            <div className="jury-table-wrap">
              <table className="jury-table">
                <caption>{m.caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m.number}</th>
                    <th scope="col">{m.name}</th>
                    <th scope="col">{m.status}</th>
                    <th scope="col">{m.closesAt}</th>
                    <th scope="col">{t.consoleJury.actions}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((round) => (
                    <tr key={round.id}>
                      <td>{round.number}</td>
                      <th scope="row">{round.name}</th>
                      <td>{m.statuses[round.status]}</td>
                      <td>{round.closesAt ? formatDateTime(round.closesAt) : m.noDeadline}</td>
                      <td>
                        <Link
                          to={roundPath(edition.id, round.id)}
                          aria-label={format(m.openNamed, { name: round.name })}
                        >
                          {m.open}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      <section className="section" aria-labelledby="create-round">
        <h2 id="create-round">{m.create}</h2>
        {created && (
          <Notice tone="success" live>
            {created}
          </Notice>
        )}
        <ErrorSummary error={error} fields={{ name: m.name, closesAt: m.closesAtLabel }} />
        <form className="form" onSubmit={submit}>
          <Field
            name="name"
            label={m.name}
            hint={m.nameHint}
            value={name}
            required
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
          />
          <Field
            name="closesAt"
            type="datetime-local"
            label={m.closesAtLabel}
            hint={format(m.closesAtHint, { zone: browserTimeZone() })}
            value={closesAt}
            onChange={(e) => setClosesAt(e.target.value)}
          />
          <Button type="submit" busy={create.isPending} busyLabel={t.consoleJury.saving}>
            {m.createSubmit}
          </Button>
        </form>
      </section>
    </Page>
  );
}
