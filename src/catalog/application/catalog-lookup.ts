import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, RecordedEvent } from '../../event-store/event-store.port';
import { StreamNotFoundError } from '../../event-store/event-store.errors';
import { notFound } from '../../shared/problems/domain-error';
import { indicatorStream, planStream, unitStream } from '../domain/catalog-codes';
import { IndicatorDefinition } from '../domain/indicator.decider';
import { PlanDefinition } from '../domain/plan.decider';
import { UnitDefinition } from '../domain/unit.decider';

/**
 * Reads catalog entries from their own streams: authoritative, no projection lag, for command validation.
 * An entry, once defined, never changes (its decider refuses a different definition), so what was found
 * is kept: an import of 900 targets reads each plan, indicator and unit once instead of 900 times.
 */
@Injectable()
export class CatalogLookup {
  private readonly found = new Map<string, unknown>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async plan(code: string): Promise<PlanDefinition> {
    const plan = await this.latest<PlanDefinition>(planStream(code));
    if (!plan) throw notFound('plan-not-found', `计划 ${code} 不存在 / Plan '${code}' not found`);
    return plan;
  }

  async indicator(planCode: string, code: string): Promise<IndicatorDefinition> {
    const indicator = await this.latest<IndicatorDefinition>(indicatorStream(planCode, code));
    if (!indicator) {
      throw notFound(
        'indicator-not-found',
        `计划 ${planCode} 中没有指标 ${code} / Indicator '${code}' not found in plan '${planCode}'`,
      );
    }
    return indicator;
  }

  async unit(code: string): Promise<UnitDefinition> {
    const unit = await this.latest<UnitDefinition>(unitStream(code));
    if (!unit) throw notFound('unit-not-found', `单位 ${code} 不存在 / Unit '${code}' not found`);
    return unit;
  }

  /** Catalog streams hold a single defining event whose data is the whole definition. */
  private async latest<T>(stream: string): Promise<T | undefined> {
    if (this.found.has(stream)) return this.found.get(stream) as T;
    let events: RecordedEvent[];
    try {
      events = await this.store.readStream(stream);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    const definition = events[events.length - 1].data as T;
    this.found.set(stream, definition);
    return definition;
  }
}
