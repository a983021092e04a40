import { useTranslation } from 'react-i18next';
import { readingMinutes, type TextCounts } from '../../src-shared/text/count.js';

/** Live counts the way a Chinese desk counts: 字 (Han + kana + hangul + words + numbers), characters, reading time. */
export function CountsBar({ headline, body }: { headline: TextCounts; body: TextCounts }) {
  const { t } = useTranslation();
  return (
    <div className="counts" role="group" aria-label={t('counts.label')}>
      <span>{t('counts.body', { words: body.words, han: body.han, latin: body.latinWords })}</span>
      <span>{t('counts.characters', { count: body.characters })}</span>
      <span>{t('counts.reading', { minutes: readingMinutes(body) })}</span>
      <span>{t('counts.headline', { count: headline.words })}</span>
    </div>
  );
}
