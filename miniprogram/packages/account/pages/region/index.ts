import { uiBehavior } from '../../../../behaviors/ui';
import { asApiError } from '../../../../services/errors';
import { childrenOf, hotlineOf, listRegions, pathTo, refreshPolicy, type RegionItem } from '../../../../services/regions';
import { getSettings, updateSettings } from '../../../../services/settings';
import { toast } from '../../../../utils/nav';

const regionsOf = new WeakMap<object, RegionItem[]>();

/** Picks the area level by level (province → city → county → township). */
Component({
  behaviors: [uiBehavior],
  data: {
    loading: true,
    error: '',
    stale: false,
    /** The levels chosen so far, top first. */
    path: [] as Array<{ code: string; name: string }>,
    options: [] as Array<{ code: string; name: string }>,
    current: '',
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load() {
      this.setData({ loading: true, error: '' });
      try {
        const { items, stale } = await listRegions();
        regionsOf.set(this, items);
        const current = getSettings().region?.code ?? '';
        const start = current ? pathTo(items, current).slice(0, -1) : [];
        this.setData({ stale, current });
        this.showLevel(start.map((r) => ({ code: r.code, name: r.name })));
      } catch (err) {
        this.setData({ error: asApiError(err).title });
      } finally {
        this.setData({ loading: false });
      }
    },
    showLevel(path: Array<{ code: string; name: string }>) {
      const items = regionsOf.get(this) ?? [];
      const parent = path[path.length - 1]?.code ?? null;
      this.setData({ path, options: childrenOf(items, parent).map((r) => ({ code: r.code, name: r.name })) });
    },
    onPick(e: WechatMiniprogram.TouchEvent) {
      const code = String(e.currentTarget.dataset.code);
      const items = regionsOf.get(this) ?? [];
      const region = items.find((r) => r.code === code);
      if (!region) return;
      const path = [...this.data.path, { code: region.code, name: region.name }];
      if (childrenOf(items, code).length) this.showLevel(path);
      else this.choose(code);
    },
    onBack(e: WechatMiniprogram.TouchEvent) {
      const depth = Number(e.currentTarget.dataset.depth);
      this.showLevel(this.data.path.slice(0, depth));
    },
    /** Stops at the level shown (a county when the street is not known). */
    onChooseHere() {
      const last = this.data.path[this.data.path.length - 1];
      if (last) this.choose(last.code);
    },
    choose(code: string) {
      const items = regionsOf.get(this) ?? [];
      const path = pathTo(items, code);
      const region = path[path.length - 1];
      if (!region) return;
      updateSettings({
        region: { code, name: region.name, fullName: path.filter((r) => r.level !== 'province').map((r) => r.name).join(' '), hotline: hotlineOf(items, code) },
      });
      // Download the area's standards now, so the self-check works later with no signal.
      refreshPolicy(code).catch(() => undefined);
      toast(`已选择${region.name}`);
      wx.navigateBack({ fail: () => wx.switchTab({ url: '/pages/me/index' }) });
    },
    retry() {
      void this.load();
    },
  },
});
