/** The open story: headline, deck, the body editor, live counts and the save state. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countText } from '../../src-shared/text/count.js';
import { useOpenStory } from '../story/OpenStory.js';
import { BodyEditor } from './BodyEditor.js';
import { ConflictPrompt } from './ConflictPrompt.js';
import { CountsBar } from './CountsBar.js';
import { PlainField } from './PlainField.js';
import { SaveStatus } from './SaveStatus.js';

export function StoryEditor({ headlineLimit }: { headlineLimit: number | null }) {
  const story = useOpenStory();
  const { t } = useTranslation();
  const deckRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const [bodyText, setBodyText] = useState('');
  // Counting a long story on every keystroke would make typing lag; count once typing pauses.
  const [countedText, setCountedText] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setCountedText(bodyText), bodyText.length > 20_000 ? 300 : 0);
    return () => clearTimeout(timer);
  }, [bodyText]);
  const bodyCounts = useMemo(() => countText(countedText), [countedText]);

  return (
    <div className="story-editor" lang={story.meta.language}>
      <div className="story-topbar">
        <SaveStatus state={story.saveState} />
        {story.readOnly && (
          <p className="read-only-note" role="note">
            {story.readOnlyReason}
          </p>
        )}
      </div>
      {story.saveState.kind === 'conflict' && <ConflictPrompt reason={story.saveState.reason} />}
      <PlainField
        label={t('editor.headline')}
        placeholder={t('editor.headlinePlaceholder')}
        className="field-headline"
        value={story.meta.headline}
        readOnly={story.readOnly}
        maxLength={1000}
        onChange={(headline) => story.setMeta({ headline })}
        onEnter={() => deckRef.current?.querySelector('textarea')?.focus()}
      />
      <div ref={deckRef}>
        <PlainField
          label={t('editor.deck')}
          placeholder={t('editor.deckPlaceholder')}
          className="field-deck"
          value={story.meta.deck}
          readOnly={story.readOnly}
          maxLength={4000}
          onChange={(deck) => story.setMeta({ deck })}
          onEnter={() => bodyRef.current?.focus()}
        />
      </div>
      <BodyEditor onText={setBodyText} bodyRef={bodyRef} />
      <CountsBar
        headline={countText(story.meta.headline)}
        body={bodyCounts}
        headlineLimit={headlineLimit}
        targetLength={story.meta.targetLength}
      />
    </div>
  );
}
