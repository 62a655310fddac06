import type { GenreView, VideoPage } from '@reel/contracts';
import { useEffect } from 'preact/hooks';
import { CatalogRow } from '../../components/CatalogRow.tsx';
import { Row } from '../../components/Row.tsx';
import { EmptyState, ErrorState } from '../../components/States.tsx';
import { TitleCard } from '../../components/TitleCard.tsx';
import { get } from '../../lib/api.ts';
import { navigate, type PageProps } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { useResource } from '../../lib/useResource.ts';
import { Hero, HeroSkeleton } from './Hero.tsx';
import { PersonalRows } from './PersonalRows.tsx';
import './home.css';

/**
 * Home: the featured title, the profile's own rows, then the catalog by popularity, novelty and genre.
 * A signed-in session without a profile goes to the profile picker first ("Who's watching?").
 */
export default function Home(_: PageProps) {
  const { me } = useSession();
  const needsProfile = me !== undefined && me !== null && me.profile === null;
  useEffect(() => {
    if (needsProfile) navigate('/profiles?next=/', { replace: true });
  }, [needsProfile]);
  const trending = useResource(() => get<VideoPage>('/api/videos?sort=popular&limit=20'), 'trending');
  const genres = useResource(() => get<{ genres: GenreView[] }>('/api/genres'), 'genres');
  useEffect(() => {
    document.title = 'Reel: watch films and series';
  }, []);
  if (needsProfile) return null;
  if (trending.error !== undefined) {
    return <ErrorState error={trending.error} title="We couldn’t load Reel" onRetry={trending.reload} />;
  }
  const featured = trending.data?.items[0];
  if (trending.data && !featured) {
    return (
      <EmptyState title="Nothing to watch yet">
        <p>No titles have been published. Creators can upload one from the studio.</p>
      </EmptyState>
    );
  }
  return (
    <div class="home">
      <h1 class="visually-hidden">Home</h1>
      {featured ? <Hero video={featured} /> : <HeroSkeleton />}
      <div class="rows">
        {me?.profile && <PersonalRows profileId={me.profile.id} />}
        <Row title="Trending now" seeAll="/browse?sort=popular" loading={trending.loading}>
          {trending.data?.items.map((v) => (
            <li key={v.id}>
              <TitleCard video={v} />
            </li>
          ))}
        </Row>
        <CatalogRow title="New on Reel" sort="newest" />
        {genres.data?.genres.map((g) => (
          <CatalogRow key={g.id} title={g.name} sort="popular" genre={g.id} />
        ))}
      </div>
    </div>
  );
}
