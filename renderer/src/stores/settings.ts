// Preferences, as the host keeps them; the view applies the theme from here.
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { useBridge, type Settings, type SettingsView } from '../bridge/index.js';

export const useSettingsStore = defineStore('settings', () => {
  const view = shallowRef<SettingsView>();
  let started = false;

  function start(): void {
    if (started) return;
    started = true;
    const bridge = useBridge();
    bridge.onDidChangeSettings((v) => (view.value = v));
    void bridge.getSettings().then((v) => (view.value ??= v));
  }

  async function update(changes: Partial<Settings>): Promise<void> {
    view.value = await useBridge().updateSettings(changes);
  }

  return { view, start, update };
});
