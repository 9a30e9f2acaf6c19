// Hash history: the same URLs work from file:// in the window and from / in a browser.
import { createRouter, createWebHashHistory } from 'vue-router';

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'overview', component: () => import('./views/OverviewView.vue') },
    { path: '/r/:kind', name: 'list', component: () => import('./views/ResourceListView.vue') },
    { path: '/r/:kind/:namespace/:name', name: 'detail', component: () => import('./views/ResourceDetailView.vue') },
    { path: '/preferences', name: 'preferences', component: () => import('./views/PreferencesView.vue') },
    { path: '/:rest(.*)', redirect: '/' },
  ],
});

/** Cluster-scoped objects use `_` where a namespace would be. */
export function detailRoute(kindKey: string, namespace: string | undefined, name: string) {
  return { name: 'detail', params: { kind: kindKey, namespace: namespace || '_', name } };
}
