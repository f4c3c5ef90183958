/** The two agreements a new user accepts, readable in a modal or popup (plain markup). */
import { useState, type MouseEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

export type AgreementKey = 'notice' | 'service';
export const AGREEMENTS: readonly AgreementKey[] = ['notice', 'service'];

interface Section {
  heading?: string;
  paragraphs: string[];
}

export function AgreementText({ agreement, className }: { agreement: AgreementKey; className?: string }) {
  const { t } = useTranslation('investor');
  const sections = t(`agreements.${agreement}.sections`, { returnObjects: true }) as unknown;
  const list: Section[] = Array.isArray(sections) ? (sections as Section[]) : [];
  return (
    <div className={className} data-testid={`agreement-${agreement}`}>
      {list.map((section, index) => (
        <section key={index}>
          {section.heading ? <h3>{section.heading}</h3> : null}
          {section.paragraphs.map((paragraph, p) => (
            <p key={p}>{paragraph}</p>
          ))}
        </section>
      ))}
      <p>{t(`agreements.${agreement}.updated`)}</p>
    </div>
  );
}

/** The agreements checkbox inside a form item (checked, onChange and id come from the item). */
export interface AgreementsCheckboxProps {
  id?: string;
  checked?: boolean;
  onChange?: (checked: boolean) => void;
}

/**
 * The agreement titles inside "我已阅读并同意《…》和《…》" as links, for <Trans components>,
 * and which agreement is open; each hall shows the open one its own way.
 */
export function useAgreementLinks() {
  const [open, setOpen] = useState<AgreementKey | null>(null);
  const link = (agreement: AgreementKey): ReactElement => (
    <a
      href={`#${agreement}`}
      data-testid={`open-agreement-${agreement}`}
      onClick={(event: MouseEvent) => {
        event.preventDefault();
        event.stopPropagation();
        setOpen(agreement);
      }}
    />
  );
  return { open, close: () => setOpen(null), components: { notice: link('notice'), service: link('service') } };
}
