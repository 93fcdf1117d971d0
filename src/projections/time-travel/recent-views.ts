/** An "as of" view as it was answered: its documents, and the head of the log and generation it holds for. */
export interface RecentView<Doc = unknown> {
  docs: readonly Doc[];
  /** Every event of the view's scope up to this position (visible when it was folded) is in it. */
  head: bigint;
  /** The projection's snapshot generation (rebuilds) it was folded under. */
  generation: bigint;
}

/**
 * The views answered lately, most recently used last, holding at most `maxDocuments` documents in all
 * (a view larger than that is not kept). Unchanged documents are shared with the snapshots they came
 * from, so this bounds what the views add to memory.
 */
export class RecentViews {
  private readonly views = new Map<string, RecentView>();
  private documents = 0;

  constructor(private readonly maxDocuments: number) {}

  get<Doc>(id: string): RecentView<Doc> | undefined {
    const view = this.views.get(id) as RecentView<Doc> | undefined;
    if (view) {
      this.views.delete(id);
      this.views.set(id, view);
    }
    return view;
  }

  set(id: string, view: RecentView): void {
    this.delete(id);
    if (view.docs.length > this.maxDocuments) return;
    this.views.set(id, view);
    this.documents += view.docs.length;
    for (const [oldest] of this.views) {
      if (this.documents <= this.maxDocuments) break;
      this.delete(oldest);
    }
  }

  delete(id: string): void {
    const view = this.views.get(id);
    if (!view) return;
    this.views.delete(id);
    this.documents -= view.docs.length;
  }

  /** Forgets every view whose id starts so (e.g. one projection's, after a rebuild). */
  deleteStartingWith(prefix: string): void {
    for (const id of [...this.views.keys()]) if (id.startsWith(prefix)) this.delete(id);
  }

  /** Documents held now, over how many views. */
  size(): { views: number; documents: number } {
    return { views: this.views.size, documents: this.documents };
  }
}
