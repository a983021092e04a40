import { useTranslation } from 'react-i18next';
import { readingMinutes, type TextCounts } from '../../src-shared/text/count.js';
import { lengthStatus } from '../../src-shared/text/limits.js';

const lengthState = (count: number, limit: number | null | undefined) => lengthStatus(count, limit ?? null).state;

interface CountsBarProps {
  readonly headline: TextCounts;
  readonly body: TextCounts;
  readonly headlineLimit: number | null;
  readonly targetLength: number | null | undefined;
}

/** Live counts the way a Chinese desk counts: 字 (Han + kana + hangul + words + numbers), characters, reading time; against the story's target and the house headline limit. */
export function CountsBar({ headline, body, headlineLimit, targetLength }: CountsBarProps) {
  const { t } = useTranslation();
  const bodyState = lengthState(body.words, targetLength);
  const headlineState = lengthState(headline.words, headlineLimit);
  return (
    <div className="counts" role="group" aria-label={t('counts.label')}>
      <span className={`count-${bodyState}`}>
        {t('counts.body', { words: body.words, han: body.han, latin: body.latinWords })}
        {targetLength ? ` · ${t(`counts.target.${bodyState}`, { target: targetLength, diff: Math.abs(targetLength - body.words) })}` : ''}
      </span>
      <span>{t('counts.characters', { count: body.characters })}</span>
      <span>{t('counts.reading', { minutes: readingMinutes(body) })}</span>
      <span className={`count-${headlineState}`} data-testid="headline-count">
        {headlineLimit
          ? t('counts.headlineLimit', { count: headline.words, limit: headlineLimit })
          : t('counts.headline', { count: headline.words })}
      </span>
    </div>
  );
}
