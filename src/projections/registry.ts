import { DynamicModule, ForwardReference, Provider, Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { ProjectionsService } from './projections.service';
import { DocumentProjection } from './runner/document-projection';

/**
 * Typed loosely on purpose: each projection has its own document type.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyProjection = DocumentProjection<any>;

/** The projections each registration provider carries, by its token (for `projectionsOf`). */
const REGISTRATIONS = new Map<symbol, readonly AnyProjection[]>();

/**
 * A provider a capability lists in its own module to run its projections live: instantiated with the
 * module, it adds them to the followers of the process (before the application starts them). The
 * runner knows no capability; each capability brings its own.
 */
export function registersProjections(...projections: AnyProjection[]): Provider {
  const token = Symbol(`projections:${projections.map((p) => p.name).join(',')}`);
  REGISTRATIONS.set(token, projections);
  return {
    provide: token,
    useFactory: (followers: ProjectionsService) => {
      for (const projection of projections) followers.addProjection(projection);
      return projections;
    },
    inject: [ProjectionsService],
  };
}

type ModuleRef = Type | DynamicModule | Promise<DynamicModule> | ForwardReference;

/**
 * Every projection registered in the modules reachable from `root`, read from the modules' metadata
 * without starting anything (the rebuild command lists and rebuilds them with no server running).
 */
export function projectionsOf(root: Type | DynamicModule): AnyProjection[] {
  const found: AnyProjection[] = [];
  const seen = new Set<unknown>();
  const collect = (providers: Provider[] | undefined): void => {
    for (const provider of providers ?? []) {
      const token = typeof provider === 'object' && 'provide' in provider ? provider.provide : undefined;
      const projections = typeof token === 'symbol' ? REGISTRATIONS.get(token) : undefined;
      if (projections) found.push(...projections);
    }
  };
  const visit = (ref: ModuleRef | undefined): void => {
    if (!ref || ref instanceof Promise || seen.has(ref)) return;
    seen.add(ref);
    if ('forwardRef' in ref) return visit(ref.forwardRef() as ModuleRef);
    if ('module' in ref) {
      collect(ref.providers);
      for (const imported of (ref.imports ?? []) as ModuleRef[]) visit(imported);
      return visit(ref.module);
    }
    collect(Reflect.getMetadata(MODULE_METADATA.PROVIDERS, ref) as Provider[] | undefined);
    for (const imported of (Reflect.getMetadata(MODULE_METADATA.IMPORTS, ref) as ModuleRef[] | undefined) ?? [])
      visit(imported);
  };
  visit(root);
  return found;
}
