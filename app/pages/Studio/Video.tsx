/**
 * One video in the studio (`/studio/:id`): its status in the header and tabs for the file (upload,
 * processing, replace), details, subtitles, chapters and markers, and embedding. The upload belongs to
 * this page, not to a tab, so it keeps running while the creator edits other things.
 */
import type { VideoView } from '@reel/contracts';
import { useState } from 'preact/hooks';
import { Link, type PageProps } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { ChaptersPanel } from './ChaptersPanel.tsx';
import { DetailsPanel } from './DetailsPanel.tsx';
import { EmbedPanel } from './EmbedPanel.tsx';
import { SignInFirst } from './SignInFirst.tsx';
import { SourcePanel } from './SourcePanel.tsx';
import { statusLabel } from './status.ts';
import { SubtitlesPanel } from './SubtitlesPanel.tsx';
import { Tabs } from './Tabs.tsx';
import { type SourceUploadHandle, useSourceUpload } from './useSourceUpload.ts';
import { useVideo } from './useVideo.ts';
import './studio.css';
import './studio-editors.css';

const TABS = [
  { id: 'file', label: 'Video file' },
  { id: 'details', label: 'Details' },
  { id: 'subtitles', label: 'Subtitles' },
  { id: 'chapters', label: 'Chapters & markers' },
  { id: 'embed', label: 'Embedding' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** The file tab's label carries the upload's percent, so it stays visible from the other tabs. */
function fileTabLabel(upload: SourceUploadHandle): string {
  const s = upload.state;
  if (!s || !('sent' in s) || s.total === 0) return 'Video file';
  return `Video file · ${Math.floor((s.sent / s.total) * 100)}%`;
}

function Panel({
  tab,
  video,
  upload,
  replace,
  refresh,
}: {
  tab: TabId;
  video: VideoView;
  upload: SourceUploadHandle;
  replace: (v: VideoView) => void;
  refresh: () => void;
}) {
  switch (tab) {
    case 'file':
      return <SourcePanel video={video} upload={upload} />;
    case 'details':
      return <DetailsPanel video={video} onSaved={replace} />;
    case 'subtitles':
      return <SubtitlesPanel videoId={video.id} onChanged={refresh} />;
    case 'chapters':
      return <ChaptersPanel video={video} onSaved={replace} />;
    case 'embed':
      return <EmbedPanel video={video} onSaved={replace} />;
  }
}

function VideoPage({ id, initialTab }: { id: string; initialTab: TabId }) {
  const [tab, setTab] = useState<TabId>(initialTab);
  const upload = useSourceUpload(id, () => void refresh());
  const uploading = upload.state?.phase === 'uploading' || upload.state?.phase === 'reconnecting';
  const { load, refresh, replace } = useVideo(id, uploading);
  if (load.kind === 'loading') return <p class="loading">Loading…</p>;
  if (load.kind === 'missing') return <NotYours />;
  if (load.kind === 'error')
    return (
      <p class="field-error" role="alert">
        {load.message}
      </p>
    );
  const { video } = load;
  const select = (next: TabId) => {
    setTab(next);
    // Shareable without a navigation (which would scroll to the top and re-run the route).
    history.replaceState(null, '', `/studio/${id}?tab=${next}`);
  };
  const labels = TABS.map((t) => (t.id === 'file' ? { ...t, label: fileTabLabel(upload) } : t));
  return (
    <section class="studio" aria-labelledby="video-heading">
      <p>
        <Link href="/studio">← All videos</Link>
      </p>
      <header class="studio-head">
        <div>
          <h1 id="video-heading">{video.title}</h1>
          <span class={`badge status-${video.status}`} data-testid="video-status">
            {statusLabel(video)}
          </span>
        </div>
        {video.status === 'ready' && (
          <Link href={`/watch/${video.id}`} class="button">
            Watch
          </Link>
        )}
      </header>
      <Tabs label="Video settings" tabs={labels} selected={tab} onSelect={select}>
        <Panel tab={tab} video={video} upload={upload} replace={replace} refresh={() => void refresh()} />
      </Tabs>
    </section>
  );
}

function NotYours() {
  return (
    <section class="studio empty">
      <h1>Video not found</h1>
      <p>It does not exist, or it belongs to someone else.</p>
      <Link href="/studio">Back to your videos</Link>
    </section>
  );
}

export default function StudioVideo({ params, query }: PageProps) {
  const { me } = useSession();
  const id = params.id ?? '';
  const initialTab = TABS.find((t) => t.id === query.get('tab'))?.id ?? 'file';
  if (me === undefined) return <p class="loading">Loading…</p>;
  if (me === null) return <SignInFirst />;
  return <VideoPage key={id} id={id} initialTab={initialTab} />;
}
