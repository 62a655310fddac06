import type { VideoPage, VideoView } from '@reel/contracts';
import { Row } from '../../components/Row.tsx';
import { TitleCard } from '../../components/TitleCard.tsx';
import { get } from '../../lib/api.ts';
import { ageDescription, formatDuration, languageName } from '../../lib/format.ts';
import { useResource } from '../../lib/useResource.ts';

const PLAN_NAMES: Record<string, string> = { basic: 'Basic', standard: 'Standard', premium: 'Premium' };

/** "as Sintel" for actors, the role otherwise ("Voice", "Writer"). */
const castPart = (m: VideoView['cast'][number]) =>
  m.character
    ? `as ${m.character}`
    : m.role !== 'actor'
      ? m.role.charAt(0).toUpperCase() + m.role.slice(1)
      : '';

/** Who made it and who is in it: the director, then the cast in billing order. */
export function CastAndCrew({ video }: { video: VideoView }) {
  if (!video.director && video.cast.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="cast-heading" data-testid="cast">
      <h2 id="cast-heading">Cast &amp; crew</h2>
      <ul class="people">
        {video.director && (
          <li>
            <span class="person-name">{video.director}</span>
            <span class="person-part">Director</span>
          </li>
        )}
        {video.cast.map((m) => (
          <li key={`${m.name}:${m.role}`}>
            <span class="person-name">{m.name}</span>
            <span class="person-part">{castPart(m)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The facts a viewer checks before pressing play. */
export function AboutTitle({ video }: { video: VideoView }) {
  const rows: [string, string][] = [
    ['Released', video.releaseYear ? String(video.releaseYear) : ''],
    ['Running time', formatDuration(video.durationS)],
    ['Language', languageName(video.language)],
    ['Age rating', ageDescription(video.ageRating)],
    ['Genres', video.genres.map((g) => g.name).join(', ')],
    [
      'Plan',
      PLAN_NAMES[video.minimumPlan] ? `Needs the ${PLAN_NAMES[video.minimumPlan]} plan or higher` : '',
    ],
  ];
  return (
    <section class="panel" aria-labelledby="about-heading">
      <h2 id="about-heading">About {video.title}</h2>
      <dl class="facts-list">
        {rows
          .filter(([, value]) => value)
          .map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}

/** Other titles of the title's first genre, most watched first (the title itself left out). */
export function MoreLikeThis({ video }: { video: VideoView }) {
  const genre = video.genres[0];
  const similar = useResource(
    () =>
      genre ? get<VideoPage>(`/api/videos?genre=${genre.id}&sort=popular&limit=13`) : Promise.resolve(null),
    `${video.id}:${genre?.id}`,
  );
  const items = similar.data?.items.filter((v) => v.id !== video.id) ?? [];
  if (!genre || (similar.data && items.length === 0)) return null;
  return (
    <Row title="More like this" seeAll={`/browse?genre=${genre.id}&sort=popular`} loading={similar.loading}>
      {items.map((v) => (
        <li key={v.id}>
          <TitleCard video={v} />
        </li>
      ))}
    </Row>
  );
}
