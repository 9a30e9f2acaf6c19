// The dock of terminals under the views: log tails, container shells and local shells, each a
// tab that lives until closed.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

export type TerminalTab =
  | { id: number; type: 'logs'; title: string; namespace: string; pod: string; container?: string }
  | { id: number; type: 'exec'; title: string; namespace: string; pod: string; container?: string }
  | { id: number; type: 'shell'; title: string };

type NewTab = TerminalTab extends infer T ? (T extends TerminalTab ? Omit<T, 'id'> : never) : never;

export const useTerminalsStore = defineStore('terminals', () => {
  const tabs = ref<TerminalTab[]>([]);
  const activeId = ref<number>();
  const open = ref(false);
  let nextId = 1;

  function add(tab: NewTab): void {
    const id = nextId++;
    tabs.value.push({ ...tab, id } as TerminalTab);
    activeId.value = id;
    open.value = true;
  }

  function close(id: number): void {
    const i = tabs.value.findIndex((t) => t.id === id);
    if (i < 0) return;
    tabs.value.splice(i, 1);
    if (activeId.value === id) activeId.value = tabs.value[Math.max(0, i - 1)]?.id;
    if (!tabs.value.length) open.value = false;
  }

  const active = computed(() => tabs.value.find((t) => t.id === activeId.value));
  return { tabs, activeId, active, open, add, close };
});
