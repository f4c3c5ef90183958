/** The two agreements a new user accepts, readable in a modal or popup (plain markup). */
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
