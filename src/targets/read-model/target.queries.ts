import { Injectable } from '@nestjs/common';
import { notFound } from '../../shared/problems/domain-error';
import { TargetDocument } from './target-document';
import { TargetView, toTargetView } from './target-view';
import { TargetFilter, TargetsRepository } from './targets.repository';

export type { TargetFilter } from './targets.repository';

/** Targets as the API shows them, from the targets read model. */
@Injectable()
export class TargetQueries {
  constructor(private readonly repository: TargetsRepository) {}

  async list(filter: TargetFilter): Promise<TargetView[]> {
    return (await this.repository.documents(filter)).map((doc) => toTargetView(doc, false));
  }

  /** Every target document of a plan (the warnings reactor's deadline check). */
  documentsOfPlan(planCode: string): Promise<TargetDocument[]> {
    return this.repository.documentsOfPlan(planCode);
  }

  async document(id: string): Promise<TargetDocument> {
    const doc = await this.repository.find(id);
    if (!doc) throw notFound('target-not-found', `目标 ${id} 不存在 / Target '${id}' not found`);
    return doc;
  }

  async get(id: string): Promise<TargetView> {
    return toTargetView(await this.document(id), true);
  }
}
