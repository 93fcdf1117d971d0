import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { projectionsOf, registersProjections } from './registry';
import { DocumentProjection } from './runner/document-projection';

const projection = (name: string): DocumentProjection => ({
  name,
  version: 1,
  table: { name: `rm_${name}`, columns: {} },
  select: () => undefined,
  evolve: () => undefined,
});

const [alpha, beta, gamma] = ['alpha', 'beta', 'gamma'].map(projection);

@Module({ providers: [registersProjections(alpha)] })
class AlphaModule {}

@Module({ imports: [AlphaModule], providers: [registersProjections(beta, gamma), { provide: 'other', useValue: 1 }] })
class BetaModule {}

@Module({})
class RootModule {}

describe('projectionsOf', () => {
  it('finds every projection the modules reachable from the root register, once each', () => {
    const root = { module: RootModule, imports: [AlphaModule, BetaModule, AlphaModule] };
    expect(projectionsOf(root).map((p) => p.name)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('finds none in modules that register none', () => {
    expect(projectionsOf(RootModule)).toEqual([]);
  });
});
