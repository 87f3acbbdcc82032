// Small pure helpers of the conversation: picking an offered guess, slot words of a
// follow-up ("那农村的呢"), and the fixed replies (asking for the region, crisis lead).
import type { CrisisCategory } from '../../../shared/src/crisis/lexicon';
import { normalize } from './chat.normalize';

/** Slot words a follow-up may change; keys match KbEntry.followUps. */
const SLOTS: Record<string, RegExp> = {
  rural: /农村|乡下|村里|村上|农业户口|农民/,
  urban: /城市|城镇|城里|市区|城区|县城|非农/,
};

/** The slot named in a message, if any (first match in SLOTS order). */
export function slotOf(text: string): string | undefined {
  const t = normalize(text);
  return Object.keys(SLOTS).find((k) => SLOTS[k]!.test(t));
}

const FILLER = /那么|那|还有|要是|如果|换成|的话|呢|吗|啊|呀|吧|的|是|咋样|怎么样|什么情况|情况|多少|了|嘞|哩/g;

/** True when a message only names a slot and/or a region ("那农村的呢", "大连呢", "城市的"). */
export function isSlotOnly(text: string, regionName: string | undefined): boolean {
  let t = normalize(text).replace(/\s+/g, '');
  if (regionName) {
    t = t.replace(regionName, '');
    t = t.replace(regionName.replace(/(街道|省|市|区|县|镇|乡)$/, ''), '');
  }
  for (const re of Object.values(SLOTS)) t = t.replace(re, '');
  t = t.replace(FILLER, '');
  return t.length === 0;
}

/** Which offered guess a reply picks: its index, 'none' for "都不是", undefined when it is no pick. */
export function parsePick(text: string, titles: readonly string[]): number | 'none' | undefined {
  const t = normalize(text).replace(/\s+/g, '');
  if (!t) return undefined;
  if (/^(选|是|要)?(第)?(1|一|①)(个|条|项)?(吧|的|啊)?$/.test(t) || /第一个|第一条|前面那个|上面那个|前一个/.test(t)) return 0;
  if (titles.length > 1 && (/^(选|是|要)?(第)?(2|二|两|②)(个|条|项)?(吧|的|啊)?$/.test(t) || /第二个|第二条|后面那个|下面那个|后一个/.test(t))) {
    return 1;
  }
  if (/都不是|都不对|都不|不是这些|没有我要|不是我要|都没有|两个都不/.test(t) || /^(不是|不对|没有)$/.test(t)) return 'none';
  if (titles.length === 1 && /^(是|对|对的|是的|嗯|好|好的|没错)$/.test(t)) return 0;
  const i = titles.findIndex((title) => {
    const n = normalize(title).replace(/\s+/g, '');
    return n === t || (t.length >= 4 && n.includes(t));
  });
  return i >= 0 ? i : undefined;
}

/** The question asked when an answer needs a local figure and no region is known. */
export const ASK_REGION =
  '这个要看您所在的地方。请告诉我您在哪个区县或街道（比如“雁塔区”），我好告诉您当地的标准。';

/** Reply text while a person has taken over. */
export const HANDED_OFF = '已为您转接人工服务，工作人员会在这里回复您，请稍候。\n等待时也可以拨打{{hotline}}。';

/** Reply text when two turns in a row were not understood. */
export const HANDOFF_AFTER_MISUNDERSTANDING =
  '抱歉，我没能理解您的问题，已为您转接人工服务，工作人员会在这里回复您。\n等待时也可以拨打{{hotline}}。';

/** Opening of the clarification offering two guesses. */
export const GUESS_INTRO = '我不太确定您的意思，您是想问：';
export const GUESS_OUTRO = '请回复数字，或者换个说法再问我。';

const CRISIS_EXTRA: Record<CrisisCategory, string> = {
  self_harm: '您不是一个人，我们愿意帮您渡过难关。',
  no_food: '可以申请“先行救助”，先救助、后补手续。',
  no_shelter: '可以申请“先行救助”，也可以到当地救助管理站求助，提供临时住处。',
  child_alone: '请先确保孩子或家人的安全，必要时拨打110。',
  violence: '请先到安全的地方；如果对方还在身边或威胁您，立即拨打110。',
  medical_emergency: '有人病危或昏迷，请立即拨打120。',
};

/** The lead of a crisis reply: the hotline first, then what helps for each category. */
export function crisisLead(categories: readonly CrisisCategory[]): string {
  const lines = ['您的安全最要紧。请马上拨打救助热线{{hotline}}；有生命危险请立即拨打110或120。'];
  for (const c of categories) lines.push(CRISIS_EXTRA[c]);
  return lines.join('\n');
}
