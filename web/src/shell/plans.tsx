import { useQuery } from '@tanstack/react-query';
import { createContext, ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { get } from '../api/client';
import type { PlanView, UnitView } from '../api/views';

interface PlanContextValue {
  plans: PlanView[];
  plan: PlanView | undefined;
  setPlanCode: (code: string) => void;
  loading: boolean;
}

const PlanContext = createContext<PlanContextValue | undefined>(undefined);
const KEY = 'supervision.plan';
const LIST_KEY = 'supervision.plans';

/** The plans list of the last visit: the dashboard's requests start at once, while the list is asked again. */
function rememberedPlans(): PlanView[] | undefined {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(LIST_KEY) ?? 'null');
    return Array.isArray(list) ? (list as PlanView[]) : undefined;
  } catch {
    return undefined;
  }
}

/** The selected plan (计划): the latest year unless the user picked another (remembered). */
export function PlanProvider({ children }: { children: ReactNode }) {
  const plans = useQuery({
    queryKey: ['plans'],
    queryFn: ({ signal }) => get<PlanView[]>('/api/plans', undefined, signal),
    staleTime: 60_000,
    initialData: rememberedPlans,
    // Remembered data counts as stale: it is shown, and asked for again at once.
    initialDataUpdatedAt: 0,
  });
  useEffect(() => {
    if (plans.data && plans.isFetchedAfterMount) localStorage.setItem(LIST_KEY, JSON.stringify(plans.data));
  }, [plans.data, plans.isFetchedAfterMount]);
  const [chosen, setChosen] = useState<string | null>(() => localStorage.getItem(KEY));
  const value = useMemo<PlanContextValue>(() => {
    const list = [...(plans.data ?? [])].sort((a, b) => b.year - a.year || a.code.localeCompare(b.code));
    return {
      plans: list,
      plan: list.find((p) => p.code === chosen) ?? list[0],
      setPlanCode: (code) => {
        localStorage.setItem(KEY, code);
        setChosen(code);
      },
      loading: plans.isPending,
    };
  }, [plans.data, plans.isPending, chosen]);
  return <PlanContext.Provider value={value}>{children}</PlanContext.Provider>;
}

export function usePlan(): PlanContextValue {
  const context = useContext(PlanContext);
  if (!context) throw new Error('usePlan outside PlanProvider');
  return context;
}

/** Unit names by code (the catalog), for tables and the heat map. */
export function useUnitNames(): (code: string) => string {
  const units = useQuery({
    queryKey: ['units'],
    queryFn: ({ signal }) => get<UnitView[]>('/api/units', undefined, signal),
    staleTime: 300_000,
  });
  return useMemo(() => {
    const names = new Map((units.data ?? []).map((u) => [u.code, u.name]));
    return (code: string) => names.get(code) ?? code;
  }, [units.data]);
}
