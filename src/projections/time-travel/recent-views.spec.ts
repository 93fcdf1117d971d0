import { RecentViews } from './recent-views';

const view = (documents: number) => ({
  docs: Array.from({ length: documents }, (_, i) => ({ id: String(i) })),
  head: 1n,
  generation: 0n,
});

describe('RecentViews', () => {
  it('holds at most its documents, forgetting the least recently used views first', () => {
    const views = new RecentViews(10);
    views.set('a', view(4));
    views.set('b', view(4));
    expect(views.get('a')).toBeDefined();
    views.set('c', view(4));
    expect(views.get('b')).toBeUndefined();
    expect(views.get('a')?.docs).toHaveLength(4);
    expect(views.get('c')?.docs).toHaveLength(4);
    expect(views.size()).toEqual({ views: 2, documents: 8 });
  });

  it('keeps no view larger than all it may hold, and replacing a view counts it once', () => {
    const views = new RecentViews(10);
    views.set('a', view(3));
    views.set('huge', view(11));
    expect(views.get('huge')).toBeUndefined();
    views.set('a', view(5));
    expect(views.size()).toEqual({ views: 1, documents: 5 });
  });

  it('forgets the views of one projection', () => {
    const views = new RecentViews(100);
    views.set('targets|1|x|time t', view(2));
    views.set('targets|1|y|position 3', view(2));
    views.set('warnings|1|x|time t', view(2));
    views.deleteStartingWith('targets|');
    expect(views.size()).toEqual({ views: 1, documents: 2 });
    expect(views.get('warnings|1|x|time t')).toBeDefined();
  });
});
