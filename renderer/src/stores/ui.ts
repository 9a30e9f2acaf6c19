// Cross-view UI state: the namespace filter, notices, and the one confirmation dialog.
import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { Tone } from '../kinds/index.js';

export interface Toast {
  id: number;
  text: string;
  tone: Tone;
}

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  resolve(ok: boolean): void;
}

const NAMESPACE_KEY = 'skiff.namespace';

export const useUiStore = defineStore('ui', () => {
  const namespace = ref(localStorage.getItem(NAMESPACE_KEY) ?? '');
  watch(namespace, (ns) => localStorage.setItem(NAMESPACE_KEY, ns));
  const toasts = ref<Toast[]>([]);
  const confirmation = shallowRef<ConfirmRequest>();
  let nextId = 1;

  function notify(text: string, tone: Tone = 'info'): void {
    const id = nextId++;
    toasts.value.push({ id, text, tone });
    setTimeout(() => dismiss(id), tone === 'bad' ? 9000 : 4000);
  }

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id);
  }

  function confirm(req: Omit<ConfirmRequest, 'resolve'>): Promise<boolean> {
    return new Promise((resolve) => {
      confirmation.value = {
        ...req,
        resolve: (ok) => {
          confirmation.value = undefined;
          resolve(ok);
        },
      };
    });
  }

  return { namespace, toasts, confirmation, notify, dismiss, confirm };
});
