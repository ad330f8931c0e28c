import { useTranslation } from 'react-i18next';
import type { CitizenSummary } from '../../main/api/index.ts';

/** The identified citizen, as the host lets the screen show them: name, masked number, card type, photo if decoded. */
export const CitizenGreeting = ({ citizen }: { citizen: CitizenSummary }) => {
  const { t } = useTranslation();
  return (
    <section className="greeting" data-testid="citizen-greeting" aria-label={t('greeting.hello', { name: citizen.name })}>
      {citizen.photo !== undefined && <img className="greeting__photo" src={citizen.photo} alt="" />}
      <div>
        <p className="greeting__name">{t('greeting.hello', { name: citizen.name })}</p>
        <p className="greeting__detail">
          <span>{t(`cardType.${citizen.cardType}`)}</span>
          <span data-testid="masked-id-number">{t('greeting.number', { number: citizen.maskedIdNumber })}</span>
        </p>
      </div>
    </section>
  );
};
