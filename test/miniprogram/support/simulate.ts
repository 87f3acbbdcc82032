/**
 * Renders compiled pages and components of the build with miniprogram-simulate (j-component
 * over jsdom, WXML compiled by WeChat's own wcc). Pages are written with the Component
 * constructor, so they load like components; their page lifecycles (onLoad, onShow) are methods
 * the harness calls, as WeChat would.
 */
import simulate from 'miniprogram-simulate';
import { join } from 'node:path';
import { flush } from './fake-wx';

export type Rendered = ReturnType<typeof simulate.render>;

/** Loads and attaches a page or component of the build at `rel` ("pages/home/index"). */
export function render(root: string, rel: string, props: Record<string, unknown> = {}): Rendered {
  const id = simulate.load(join(root, rel), { rootPath: root });
  const comp = simulate.render(id, props);
  comp.attach(document.createElement('parent-wrapper'));
  return comp;
}

/** Renders a page and runs onLoad(query) and onShow(), letting async work settle. */
export async function openPage(root: string, rel: string, query: Record<string, string> = {}): Promise<Rendered> {
  const page = render(root, rel);
  const instance = page.instance as unknown as { onLoad?: (q: Record<string, string>) => unknown; onShow?: () => unknown };
  await instance.onLoad?.(query);
  await instance.onShow?.();
  await settle();
  return page;
}

/** Lets promises, fake answers and setData run (microtasks only, so fake timers are fine). */
export async function settle(): Promise<void> {
  await flush(60);
}

/** The page's text, spaces squeezed (what a reader would see). */
export function textOf(comp: Rendered): string {
  return (comp.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Taps the element with this id (dispatching on the rendered node). */
export async function tap(comp: Rendered, selector: string): Promise<void> {
  const node = comp.querySelector(selector);
  if (!node) throw new Error(`nothing matches ${selector}`);
  node.dispatchEvent('tap');
  await settle();
}

/** The rendered DOM element for a selector (attributes such as aria-label). */
export function element(comp: Rendered, selector: string): Element {
  const node = comp.dom?.querySelector(selector);
  if (!node) throw new Error(`no element ${selector}`);
  return node;
}

/** Types into a TDesign input/textarea (through its inner native field) or a native one. */
export async function typeInto(comp: Rendered, selector: string, value: string): Promise<void> {
  const host = comp.querySelector(selector);
  if (!host) throw new Error(`nothing matches ${selector}`);
  const field = host.querySelector('.t-input__control') ?? host.querySelector('.t-textarea__wrapper-inner') ?? host;
  field.dispatchEvent('input', { detail: { value, cursor: value.length } });
  await settle();
}

/** Taps an element inside a component (a TDesign stepper's plus button, say). */
export async function tapInside(comp: Rendered, selector: string, inner: string): Promise<void> {
  const node = comp.querySelector(selector)?.querySelector(inner);
  if (!node) throw new Error(`nothing matches ${selector} ${inner}`);
  node.dispatchEvent('tap');
  await settle();
}

/** Sends a native component event (a picker's change) to the element with this selector. */
export async function fire(comp: Rendered, selector: string, event: string, detail: Record<string, unknown>): Promise<void> {
  const node = comp.querySelector(selector);
  if (!node) throw new Error(`nothing matches ${selector}`);
  node.dispatchEvent(event, { detail });
  await settle();
}

/** Every node matching a selector, in document order. */
export function all(comp: Rendered, selector: string) {
  return comp.querySelectorAll(selector);
}

/** Page data, typed loosely. */
export function dataOf<T = Record<string, any>>(comp: Rendered): T {
  return comp.data as T;
}
