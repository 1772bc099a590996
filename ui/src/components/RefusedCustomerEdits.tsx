// Customer edits made offline that the server refused (someone changed the record
// meanwhile): what staff typed beside the record as it is now, and staff choose.
import { useRefusedCustomerEdits, useResolveRefusedCustomerEdit } from "../data/sync";
import { useI18n } from "../i18n";
import { ErrorNote } from "./ErrorNote";
import { RefusedItem } from "./RefusedChanges";

type Details = { name: string; phone?: string | null; email?: string | null; notes?: string | null };

function line(c: Details): string {
  return [c.name, c.phone, c.email, c.notes].filter(Boolean).join(" · ");
}

export function RefusedCustomerEdits() {
  const { t } = useI18n();
  const refused = useRefusedCustomerEdits();
  const resolve = useResolveRefusedCustomerEdit();
  if (!refused.data || refused.data.length === 0) return <ErrorNote error={refused.error} />;
  return (
    <section className="refused-changes" aria-label={t("sync.refusedCustomersTitle")}>
      <h3>{t("sync.refusedCustomersTitle")}</h3>
      <ul className="conflict-list">
        {refused.data.map((r) => (
          <RefusedItem
            key={r.mutation}
            reason={r.reason}
            mine={line(r.mine)}
            current={r.current ? line(r.current) : null}
            busy={resolve.isPending}
            onChoose={(applyMine) => resolve.mutate({ mutation: r.mutation, applyMine })}
            testId="refused-customer-edit"
          />
        ))}
      </ul>
      <ErrorNote error={resolve.error} />
    </section>
  );
}
